"""The deadline engine as a table: the date each stage is due, and its status."""

from __future__ import annotations

import datetime as dt

import pytest

from dlm.campaigns.deadlines import DeadlineRules, MeetingDates, Status, next_open, timeline

D = dt.date
RULES = DeadlineRules()
DEFAULT_TODAY = D(2026, 12, 1)


def stage(dates: MeetingDates, key: str, today: D = DEFAULT_TODAY, rules=RULES):
    return {s.key: s for s in timeline(rules, dates, today)}[key]


@pytest.mark.parametrize(
    ("planned", "latest", "expected_plan_due"),
    [
        (D(2027, 1, 15), D(2027, 1, 31), D(2027, 1, 5)),
        # across a month end and a year end
        (D(2027, 1, 8), D(2027, 1, 31), D(2026, 12, 29)),
        # 1 March in a common year: ten days before is 19 February
        (D(2027, 3, 1), D(2027, 3, 31), D(2027, 2, 19)),
        # ... and in a leap year 20 February
        (D(2028, 3, 1), D(2028, 3, 31), D(2028, 2, 20)),
        # no date set yet: counted from the latest date the notice allows
        (None, D(2027, 1, 31), D(2027, 1, 21)),
    ],
)
def test_plan_due_ten_days_before_the_meeting(planned, latest, expected_plan_due):
    dates = MeetingDates(latest_date=latest, planned_date=planned)

    assert stage(dates, "plan").due == expected_plan_due
    assert stage(dates, "plan").estimated is (planned is None)


@pytest.mark.parametrize(
    ("held", "report_due", "briefing_due", "rectification_due"),
    [
        (D(2027, 1, 20), D(2027, 2, 4), D(2027, 1, 30), D(2027, 2, 4)),
        # held on the last day of January: due dates run into February
        (D(2027, 1, 31), D(2027, 2, 15), D(2027, 2, 10), D(2027, 2, 15)),
        # held mid-February of a common year: the report is due in March
        (D(2027, 2, 20), D(2027, 3, 7), D(2027, 3, 2), D(2027, 3, 7)),
        # a leap year has one day more in February
        (D(2028, 2, 20), D(2028, 3, 6), D(2028, 3, 1), D(2028, 3, 6)),
        # held on 31 December: due dates in the next year
        (D(2026, 12, 31), D(2027, 1, 15), D(2027, 1, 10), D(2027, 1, 15)),
    ],
)
def test_after_meeting_deadlines_count_from_the_day_held(
    held, report_due, briefing_due, rectification_due
):
    dates = MeetingDates(latest_date=D(2028, 12, 31), planned_date=held, held_on=held)

    assert stage(dates, "report").due == report_due
    assert stage(dates, "briefing").due == briefing_due
    assert stage(dates, "rectification").due == rectification_due
    assert stage(dates, "report").estimated is False


def test_rules_of_the_notice_are_used():
    rules = DeadlineRules(plan_days_before=7, report_days_after=7)
    dates = MeetingDates(
        latest_date=D(2027, 1, 31), planned_date=D(2027, 1, 20), held_on=D(2027, 1, 20)
    )

    assert stage(dates, "plan", rules=rules).due == D(2027, 1, 13)
    assert stage(dates, "report", rules=rules).due == D(2027, 1, 27)


@pytest.mark.parametrize(
    ("submitted", "today", "status"),
    [
        (None, D(2027, 1, 4), Status.DUE),
        (None, D(2027, 1, 5), Status.DUE),  # the due day itself is still in time
        (None, D(2027, 1, 6), Status.OVERDUE),
        (D(2027, 1, 5), D(2027, 1, 20), Status.DONE),
        (D(2027, 1, 6), D(2027, 1, 20), Status.DONE_LATE),
    ],
)
def test_plan_status(submitted, today, status):
    dates = MeetingDates(
        latest_date=D(2027, 1, 31), planned_date=D(2027, 1, 15), plan_submitted_on=submitted
    )

    assert stage(dates, "plan", today=today).status is status


def test_meeting_moved_earlier_after_the_plan_makes_the_plan_late_and_says_so():
    dates = MeetingDates(
        latest_date=D(2027, 1, 31),
        planned_date=D(2027, 1, 10),
        date_at_plan_submission=D(2027, 1, 20),
        plan_submitted_on=D(2027, 1, 5),
    )

    plan = stage(dates, "plan")

    assert plan.due == D(2026, 12, 31)
    assert plan.status is Status.DONE_LATE
    assert plan.note == "方案报送后会期由 2027-01-20 调整为 2027-01-10"


def test_meeting_moved_later_after_the_plan_keeps_the_plan_on_time():
    dates = MeetingDates(
        latest_date=D(2027, 1, 31),
        planned_date=D(2027, 1, 28),
        date_at_plan_submission=D(2027, 1, 20),
        plan_submitted_on=D(2027, 1, 10),
    )

    plan = stage(dates, "plan")

    assert plan.status is Status.DONE
    assert "调整为 2027-01-28" in plan.note


def test_meeting_planned_after_the_latest_date_is_noted():
    dates = MeetingDates(latest_date=D(2027, 1, 31), planned_date=D(2027, 2, 3))

    assert stage(dates, "meeting").note == "计划日期晚于通知要求的 2027-01-31"


def test_meeting_not_held_by_the_latest_date_is_overdue():
    dates = MeetingDates(latest_date=D(2027, 1, 31), planned_date=D(2027, 1, 20))

    assert stage(dates, "meeting", today=D(2027, 2, 1)).status is Status.OVERDUE


def test_after_meeting_stages_are_estimated_from_the_planned_date():
    dates = MeetingDates(latest_date=D(2027, 1, 31), planned_date=D(2027, 1, 20))

    report = stage(dates, "report")

    assert report.due == D(2027, 2, 4)
    assert report.estimated is True


def test_without_any_date_after_meeting_stages_wait():
    dates = MeetingDates(latest_date=D(2027, 1, 31))

    assert stage(dates, "report").status is Status.WAITING
    assert stage(dates, "report").due is None


def test_next_open_is_the_first_unmet_deadline():
    dates = MeetingDates(
        latest_date=D(2027, 1, 31),
        planned_date=D(2027, 1, 20),
        plan_submitted_on=D(2027, 1, 2),
        plan_approved_on=D(2027, 1, 4),
    )

    assert next_open(timeline(RULES, dates, D(2027, 1, 5))).key == "meeting"


def test_days_left_counts_to_the_due_date():
    dates = MeetingDates(latest_date=D(2027, 1, 31), planned_date=D(2027, 1, 20))

    assert stage(dates, "plan").days_left(D(2027, 1, 7)) == 3


def test_next_open_is_the_earliest_due_not_the_next_in_order():
    held = D(2027, 1, 20)
    dates = MeetingDates(
        latest_date=D(2027, 1, 31),
        planned_date=held,
        plan_submitted_on=D(2027, 1, 2),
        plan_approved_on=D(2027, 1, 4),
        held_on=held,
    )

    assert next_open(timeline(RULES, dates, D(2027, 1, 21))).key == "briefing"
