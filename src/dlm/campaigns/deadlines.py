"""The deadline engine: what is due when for one meeting, and whether it was met.

Pure Python with no Django import, so the rules can be tested as a table and reused by the
supervision overview. Days are calendar days, as the notices count them ("会后15日内");
a deadline falling on a weekend or holiday is not moved, because the notices do not move it.

Which date a deadline counts from:
- before the meeting, from the planned meeting date, or, while none is set, from the latest
  date the notice allows (the latest the plan can possibly be due);
- after the meeting, from the day it was actually held, or, until then, from the planned
  date (shown as an estimate).
A meeting moved after its plan was reported keeps the plan's report date; the plan deadline
follows the new date, so moving the meeting earlier can make an on-time plan late, and the
move is noted so the office reports it upward.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

AFTER_MEETING = frozenset({"report", "briefing", "rectification"})


@dataclass(frozen=True)
class DeadlineRules:
    plan_days_before: int = 10
    report_days_after: int = 15
    briefing_days_after: int = 10
    rectification_days_after: int = 15


@dataclass(frozen=True)
class MeetingDates:
    latest_date: dt.date
    planned_date: dt.date | None = None
    date_at_plan_submission: dt.date | None = None
    plan_submitted_on: dt.date | None = None
    plan_approved_on: dt.date | None = None
    held_on: dt.date | None = None
    reported_on: dt.date | None = None
    briefed_on: dt.date | None = None
    rectification_plan_on: dt.date | None = None
    closed_on: dt.date | None = None


class Status(Enum):
    DONE = "done"
    DONE_LATE = "done_late"
    DUE = "due"
    OVERDUE = "overdue"
    WAITING = "waiting"  # no deadline of its own; follows from an earlier step

    @property
    def label(self) -> str:
        return {
            "done": "已完成",
            "done_late": "逾期完成",
            "due": "待办",
            "overdue": "已逾期",
            "waiting": "未开始",
        }[self.value]


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    due: dt.date | None
    done_on: dt.date | None
    status: Status
    estimated: bool = False  # due counted from a planned, not an actual, date
    note: str = ""

    def days_left(self, today: dt.date) -> int | None:
        if self.due is None or self.done_on is not None:
            return None
        return (self.due - today).days


def _status(due: dt.date | None, done_on: dt.date | None, today: dt.date) -> Status:
    if done_on is not None:
        return Status.DONE if due is None or done_on <= due else Status.DONE_LATE
    if due is None:
        return Status.WAITING
    return Status.OVERDUE if today > due else Status.DUE


def _stage(
    key: str,
    label: str,
    due: dt.date | None,
    done_on: dt.date | None,
    today: dt.date,
    *,
    estimated: bool = False,
    note: str = "",
) -> Stage:
    return Stage(key, label, due, done_on, _status(due, done_on, today), estimated, note)


def timeline(rules: DeadlineRules, dates: MeetingDates, today: dt.date) -> list[Stage]:
    """The stages of one meeting in order, each with its due date and status."""
    days = dt.timedelta
    meeting_day = dates.planned_date or dates.latest_date
    after_day = dates.held_on or dates.planned_date
    after_estimated = dates.held_on is None

    plan_note = ""
    moved_from = dates.date_at_plan_submission
    if moved_from and dates.planned_date and moved_from != dates.planned_date:
        plan_note = f"方案报送后会期由 {moved_from:%Y-%m-%d} 调整为 {dates.planned_date:%Y-%m-%d}"

    meeting_note = ""
    if dates.planned_date and dates.planned_date > dates.latest_date:
        meeting_note = f"计划日期晚于通知要求的 {dates.latest_date:%Y-%m-%d}"

    def after(n: int) -> dt.date | None:
        return after_day + days(days=n) if after_day else None

    return [
        _stage(
            "plan",
            f"报送方案（会前{rules.plan_days_before}日）",
            meeting_day - days(days=rules.plan_days_before),
            dates.plan_submitted_on,
            today,
            estimated=dates.planned_date is None,
            note=plan_note,
        ),
        _stage("approval", "方案审定", None, dates.plan_approved_on, today),
        _stage(
            "meeting",
            "召开会议",
            dates.latest_date,
            dates.held_on,
            today,
            note=meeting_note,
        ),
        _stage(
            "report",
            f"报送情况报告（会后{rules.report_days_after}日内）",
            after(rules.report_days_after),
            dates.reported_on,
            today,
            estimated=after_estimated,
        ),
        _stage(
            "briefing",
            f"通报（会后{rules.briefing_days_after}日内）",
            after(rules.briefing_days_after),
            dates.briefed_on,
            today,
            estimated=after_estimated,
        ),
        _stage(
            "rectification",
            f"报送整改方案（会后{rules.rectification_days_after}日内）",
            after(rules.rectification_days_after),
            dates.rectification_plan_on,
            today,
            estimated=after_estimated,
        ),
        _stage("closed", "整改完成", None, dates.closed_on, today),
    ]


def next_open(stages: list[Stage]) -> Stage | None:
    """The unmet deadline that falls first: what the office works on next.

    Not simply the next stage in order: the briefing (10 days) falls before the report
    (15 days) although the report comes first in the process.
    """
    open_stages = [s for s in stages if s.done_on is None and s.due is not None]
    # Until the meeting is held, its after-meeting deadlines are estimates and not yet work.
    return min(
        open_stages, key=lambda s: (s.key in AFTER_MEETING and s.estimated, s.due), default=None
    )


def overdue(stages: list[Stage]) -> list[Stage]:
    return [stage for stage in stages if stage.status is Status.OVERDUE]


@dataclass(frozen=True)
class Standing:
    """What a list needs of a meeting's timeline, stored on the meeting so lists can filter
    and sort in SQL: the next deadline to work on, the earliest unmet one (the meeting is
    overdue now when it has passed) and how many stages were done late."""

    next_key: str
    next_due: dt.date | None
    earliest_due: dt.date | None
    done_late: int


def standing(stages: list[Stage]) -> Standing:
    upcoming = next_open(stages)
    return Standing(
        next_key=upcoming.key if upcoming else "",
        next_due=upcoming.due if upcoming else None,
        earliest_due=min(
            (s.due for s in stages if s.done_on is None and s.due is not None), default=None
        ),
        done_late=sum(1 for s in stages if s.status is Status.DONE_LATE),
    )
