"""Campaign kinds, meeting states and the steps that move a meeting between them.

The table ``STEPS`` is the whole process: which states a step starts from, where it leads,
who takes it and what it needs. ``dlm.campaigns.domain.take_step`` is the only code that
changes a meeting's state, and it reads this table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from django.db import models


class CampaignKind(models.TextChoices):
    ANNUAL = "annual", "年度民主生活会"
    SPECIAL = "special", "专题民主生活会"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已下发"


class MeetingState(models.TextChoices):
    PLANNING = "planning", "制定方案"
    PLAN_SUBMITTED = "plan_submitted", "方案待审定"
    PREPARING = "preparing", "会前准备"
    HELD = "held", "已召开"
    REPORTED = "reported", "已报告"
    RECTIFYING = "rectifying", "整改落实"
    CLOSED = "closed", "已结束"


class Actor(models.TextChoices):
    OFFICE = "office", "办公室"
    SUPERVISOR = "supervisor", "上级"


S = MeetingState
AFTER_HELD = frozenset({S.HELD, S.REPORTED, S.RECTIFYING, S.CLOSED})


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset[MeetingState]
    target: MeetingState | None  # None: a milestone that records a date, state unchanged
    actor: Actor
    audit_code: str
    needs_note: bool = False
    note_label: str = "说明"
    date_field: str | None = None  # the Meeting field that records the day it happened
    once: bool = False  # the milestone is recorded once; later calls are refused
    danger: bool = False  # shown as a secondary, warning-coloured button


STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        Step(
            "submit_plan",
            "报送方案",
            frozenset({S.PLANNING}),
            S.PLAN_SUBMITTED,
            Actor.OFFICE,
            "campaigns.plan.submitted",
            date_field="plan_submitted_on",
        ),
        Step(
            "approve_plan",
            "审定通过方案",
            frozenset({S.PLAN_SUBMITTED}),
            S.PREPARING,
            Actor.SUPERVISOR,
            "campaigns.plan.approved",
            date_field="plan_approved_on",
        ),
        Step(
            "return_plan",
            "退回方案",
            frozenset({S.PLAN_SUBMITTED}),
            S.PLANNING,
            Actor.SUPERVISOR,
            "campaigns.plan.returned",
            needs_note=True,
            note_label="退回理由",
            danger=True,
        ),
        Step(
            "approve_plan_offline",
            "登记线下审定",
            frozenset({S.PLANNING, S.PLAN_SUBMITTED}),
            S.PREPARING,
            Actor.OFFICE,
            "campaigns.plan.approved_offline",
            needs_note=True,
            note_label="线下审定说明（审定单位、文号或经办人）",
            date_field="plan_approved_on",
        ),
        Step(
            "hold",
            "登记会议已召开",
            frozenset({S.PREPARING}),
            S.HELD,
            Actor.OFFICE,
            "campaigns.meeting.held",
            date_field="held_on",
        ),
        Step(
            "submit_report",
            "报送情况报告",
            frozenset({S.HELD}),
            S.REPORTED,
            Actor.OFFICE,
            "campaigns.report.submitted",
            date_field="reported_on",
        ),
        Step(
            "receive_report",
            "确认收到报告",
            frozenset({S.REPORTED, S.RECTIFYING, S.CLOSED}),
            None,
            Actor.SUPERVISOR,
            "campaigns.report.received",
            date_field="report_received_on",
            once=True,
        ),
        Step(
            "return_report",
            "退回报告",
            frozenset({S.REPORTED}),
            S.HELD,
            Actor.SUPERVISOR,
            "campaigns.report.returned",
            needs_note=True,
            note_label="退回理由",
            danger=True,
        ),
        Step(
            "record_briefing",
            "登记已通报",
            AFTER_HELD,
            None,
            Actor.OFFICE,
            "campaigns.briefing.recorded",
            date_field="briefed_on",
            once=True,
        ),
        Step(
            "start_rectification",
            "报送整改方案",
            frozenset({S.REPORTED}),
            S.RECTIFYING,
            Actor.OFFICE,
            "campaigns.rectification.started",
            date_field="rectification_plan_on",
        ),
        Step(
            "close",
            "整改完成，结束",
            frozenset({S.RECTIFYING}),
            S.CLOSED,
            Actor.OFFICE,
            "campaigns.meeting.closed",
            date_field="closed_on",
        ),
    ]
}


class Quorum(models.TextChoices):
    """Share of the team's members who must attend (应到会人数) for the meeting to count."""

    HALF = "1/2", "过半数"
    TWO_THIRDS = "2/3", "三分之二以上"
    THREE_QUARTERS = "3/4", "四分之三以上"
    FOUR_FIFTHS = "4/5", "五分之四以上"
    ALL = "1/1", "全体"


def quorum_share(quorum: str) -> Fraction:
    numerator, denominator = quorum.split("/")
    return Fraction(int(numerator), int(denominator))


def quorum_needed(quorum: str, members: int) -> int:
    """How many of ``members`` must attend. 过半数 is strictly more than half; the others
    are "at least" (三分之二以上 of 9 is 6)."""
    share = quorum_share(quorum)
    if share == Fraction(1, 2):
        return members // 2 + 1
    return math.ceil(members * share)
