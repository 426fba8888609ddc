"""Moving a meeting through its stages: the one function, its refusals and its log."""

from __future__ import annotations

import datetime as dt

import pytest

from dlm.campaigns import domain
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting, local_today
from dlm.campaigns.process import OfflineEvidence
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from tests import factories as f
from tests.steps import take

TODAY = local_today()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def step(world, name, who="office", on=None, note="", **kwargs):
    return take(
        world.meeting,
        name,
        user=world.users[who],
        office=world.users["office"],
        on=on,
        note=note,
        **kwargs,
    )


def codes(meeting) -> list[str]:
    return list(
        AuditEntry.objects.for_object(meeting).order_by("id").values_list("action", flat=True)
    )


def test_the_whole_process_in_order_is_logged(world):
    step(world, "submit_plan", on=days(-30))
    step(world, "approve_plan", who="supervisor", on=days(-28))
    step(world, "hold", on=days(-20))
    step(world, "record_briefing", on=days(-15))
    step(world, "submit_report", on=days(-10))
    step(world, "receive_report", who="supervisor", on=days(-9))
    step(world, "start_rectification", on=days(-8))
    meeting = step(world, "close", on=days(0))

    assert meeting.state == MeetingState.CLOSED
    assert meeting.held_on == days(-20)
    assert meeting.date == days(-20)
    assert codes(meeting)[:3] == [
        "campaigns.meeting.created",
        "proceedings.attendance.recorded",
        "campaigns.guide.assigned",
    ]
    assert codes(meeting)[3:] == [
        "preparation.plan.saved",
        "campaigns.plan.submitted",
        "campaigns.plan.approved",
        "campaigns.meeting.held",
        "campaigns.briefing.recorded",
        "campaigns.report.submitted",
        "campaigns.report.received",
        "campaigns.rectification.started",
        "campaigns.meeting.closed",
    ]


def test_holding_before_the_plan_is_approved_is_refused_and_changes_nothing(world):
    step(world, "submit_plan")
    before = codes(world.meeting)

    with pytest.raises(Refused) as refused:
        step(world, "hold")

    assert "不能登记会议已召开" in refused.value.message
    assert Meeting.objects.get(pk=world.meeting.pk).state == MeetingState.PLAN_SUBMITTED
    assert codes(world.meeting) == before


def test_office_may_record_an_offline_approval_with_its_evidence_and_then_hold(world):
    with pytest.raises(Refused) as refused:
        step(world, "approve_plan_offline", evidence=OfflineEvidence(approver=""))
    assert refused.value.field == "approver"
    with pytest.raises(Refused) as refused:
        step(world, "approve_plan_offline", evidence=OfflineEvidence(approver="区委组织部"))
    assert refused.value.field == "document_number"

    step(world, "approve_plan_offline", on=days(-3), note="纸质审定单已归档")
    meeting = step(world, "hold", on=days(0))

    assert meeting.state == MeetingState.HELD
    assert meeting.plan_note == "纸质审定单已归档"
    assert meeting.plan_approved_offline is True
    approval = meeting.offline_approvals.get()
    assert (approval.approver, approval.document_number, approval.approved_on) == (
        "测试区委组织部干部科",
        "测组审〔2027〕1号",
        days(-3),
    )


def test_plan_needs_a_meeting_date(world):
    world.meeting.date = None
    world.meeting.save()

    with pytest.raises(Refused, match="请先在会议安排中确定会议日期"):
        step(world, "submit_plan")


def test_returned_plan_goes_back_to_planning_and_can_be_resubmitted(world):
    step(world, "submit_plan", on=days(-5))
    returned = step(world, "return_plan", who="supervisor", on=days(-4), note="请补充谈心谈话安排")

    assert returned.state == MeetingState.PLANNING
    assert returned.plan_submitted_on is None
    resubmitted = step(world, "submit_plan", on=days(-2))
    assert resubmitted.plan_submitted_on == days(-2)


def test_a_step_from_the_wrong_state_says_where_the_meeting_is(world):
    with pytest.raises(Refused, match="当前阶段为“制定方案”，不能报送情况报告"):
        step(world, "submit_report")


def test_dates_cannot_be_in_the_future_or_before_the_previous_step(world):
    with pytest.raises(Refused, match="日期不能晚于今天"):
        step(world, "submit_plan", on=days(1))
    step(world, "submit_plan", on=days(-5))
    with pytest.raises(Refused, match="不能早于上一环节"):
        step(world, "approve_plan", who="supervisor", on=days(-6))


def test_report_is_received_once(world):
    for name, who, offset in [
        ("submit_plan", "office", -9),
        ("approve_plan", "supervisor", -8),
        ("hold", "office", -7),
        ("submit_report", "office", -3),
        ("receive_report", "supervisor", -2),
    ]:
        step(world, name, who=who, on=days(offset))

    with pytest.raises(Refused, match="已于"):
        step(world, "receive_report", who="supervisor")


def test_moving_the_meeting_after_the_plan_is_logged_with_before_and_after(world):
    step(world, "submit_plan", on=days(-1))
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    before = {"date": meeting.date}
    meeting.date = meeting.date - dt.timedelta(days=7)

    domain.schedule_meeting(meeting, user=world.users["office"], before=before)

    entry = AuditEntry.objects.for_object(meeting).first()
    assert entry.action == "campaigns.meeting.scheduled"
    assert entry.data["moved_after_plan"] is True
    assert entry.data["changes"]["会议日期"] == ["2027-01-20", "2027-01-13"]
    plan = meeting.timeline()[0]
    assert plan.note == "方案报送后会期由 2027-01-20 调整为 2027-01-13"


def test_host_must_sit_in_the_meeting_team(world):
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    meeting.host = f.TeamMemberFactory(team=world.sibling)

    with pytest.raises(Refused, match="主持人须是本班子成员"):
        domain.schedule_meeting(meeting, user=world.users["office"], before={})


def test_held_meeting_date_cannot_be_changed(world):
    step(world, "approve_plan_offline", on=days(-3), note="线下审定")
    step(world, "hold", on=days(-1))
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    before = {"date": meeting.date}
    meeting.date = days(-2)

    with pytest.raises(Refused, match="会议已召开"):
        domain.schedule_meeting(meeting, user=world.users["office"], before=before)
