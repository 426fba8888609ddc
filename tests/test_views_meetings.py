"""Meeting pages as the office, members and supervisors use them."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting, local_today
from dlm.core.models import AuditEntry
from tests.forms import post_edit
from tests.steps import write_plan


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def test_meeting_page_shows_the_timeline_with_due_dates(world, as_persona):
    response = as_persona("member").get(url("meeting_detail", world.meeting.pk))

    page = response.content.decode()
    assert "报送方案（会前10日）" in page
    assert "截止 2027-01-10" in page  # ten days before 20 January
    assert "报送情况报告（会后15日内）" in page
    assert "您是本班子党工委委员" in page


def test_bad_schedule_keeps_what_was_typed_and_says_why_in_chinese(world, as_persona):
    response = as_persona("office").post(
        url("meeting_edit", world.meeting.pk),
        {"date": "2027-02-30", "place": "街道三楼会议室", "start_time": "25:99"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "输入一个有效的日期。" in page
    assert "输入一个有效的时间。" in page
    assert 'value="街道三楼会议室"' in page
    assert Meeting.objects.get(pk=world.meeting.pk).place == ""


def test_schedule_saves_and_logs(world, as_persona):
    host = world.principal_seat
    response = post_edit(
        as_persona("office"),
        url("meeting_edit", world.meeting.pk),
        {"date": "2027-01-18", "start_time": "14:30", "place": "二楼会议室", "host": host.pk},
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    assert (meeting.date, meeting.place, meeting.host) == (dt.date(2027, 1, 18), "二楼会议室", host)
    entry = AuditEntry.objects.for_object(meeting).first()
    assert entry.data["changes"]["地点"] == ["", "二楼会议室"]


def test_host_choices_are_the_team_only(world, as_persona):
    other = world.sibling.team_members.first()

    response = as_persona("office").post(
        url("meeting_edit", world.meeting.pk), {"date": "2027-01-18", "host": other.pk}
    )

    assert "选择一个有效的选项" in response.content.decode()


def test_impossible_step_is_refused_with_the_reason_and_nothing_changes(world, as_persona):
    response = as_persona("office").post(
        url("meeting_step", world.meeting.pk, "hold"), {"on": local_today().isoformat()}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "当前阶段为“制定方案”，不能登记会议已召开" in page
    assert Meeting.objects.get(pk=world.meeting.pk).state == MeetingState.PLANNING


def test_offline_approval_without_an_approver_keeps_the_date_and_asks_for_one(world, as_persona):
    response = as_persona("office").post(
        url("meeting_step", world.meeting.pk, "approve_plan_offline"), {"on": "2026-11-01"}
    )

    page = response.content.decode()
    assert "这个字段是必填项。" in page
    assert 'value="2026-11-01"' in page


def test_future_step_date_is_refused(world, as_persona):
    tomorrow = local_today() + dt.timedelta(days=1)

    response = as_persona("office").post(
        url("meeting_step", world.meeting.pk, "record_briefing"), {"on": tomorrow.isoformat()}
    )

    assert "日期不能晚于今天" in response.content.decode()


def test_a_step_done_in_dlm_is_dated_today_and_cannot_be_back_dated(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    office = as_persona("office")
    page = office.get(url("meeting_step", world.meeting.pk, "submit_plan")).content.decode()
    assert 'name="on"' not in page

    office.post(url("meeting_step", world.meeting.pk, "submit_plan"), {"on": "2026-01-01"})

    assert Meeting.objects.get(pk=world.meeting.pk).plan_submitted_on == local_today()


def test_supervisor_approves_a_submitted_plan(world, as_persona):
    write_plan(world.meeting, world.users["office"])
    as_persona("office").post(
        url("meeting_step", world.meeting.pk, "submit_plan"), {"on": local_today().isoformat()}
    )

    response = as_persona("supervisor").post(
        url("meeting_step", world.meeting.pk, "approve_plan"), {"on": local_today().isoformat()}
    )

    assert response.status_code == 302
    assert Meeting.objects.get(pk=world.meeting.pk).state == MeetingState.PREPARING


def test_only_the_steps_of_ones_role_are_offered(world, as_persona):
    office_page = as_persona("office").get(url("meeting_detail", world.meeting.pk)).content.decode()
    member_page = as_persona("member").get(url("meeting_detail", world.meeting.pk)).content.decode()

    assert "报送方案</a>" in office_page
    assert "报送方案</a>" not in member_page
    assert "会议安排</a>" not in member_page


def test_forms_require_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["office"])

    response = client.post(url("meeting_step", world.meeting.pk, "submit_plan"), {})

    assert response.status_code == 403


def test_names_are_escaped(world, as_persona):
    world.street.name = "<script>alert(1)</script>街道"
    world.street.save()

    page = as_persona("office").get(url("meeting_detail", world.meeting.pk)).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;街道" in page


def test_overdue_filter_lists_only_late_meetings(world, as_persona):
    late = Meeting.objects.get(pk=world.district_meeting.pk)
    late.date = local_today() - dt.timedelta(days=3)  # the plan was due 13 days ago
    late.save()

    response = as_persona("supervisor").get(url("meeting_list") + "?overdue=on")

    rows = [row["meeting"].pk for row in response.context["rows"]]
    assert rows == [late.pk]


def test_history_page_lists_every_entry(world, as_persona):
    response = as_persona("office").get(url("meeting_history", world.meeting.pk))

    assert "下发通知，建立" in response.content.decode()


def test_the_day_a_meeting_was_held_is_asked_not_assumed(world, as_persona):
    """Walk finding: registering the meeting held put today's date in, moving the meeting
    (and with it the plan's deadline) to the day it was registered."""
    office = as_persona("office")
    Meeting.objects.filter(pk=world.meeting.pk).update(date=local_today() + dt.timedelta(days=5))
    form = office.get(url("meeting_step", world.meeting.pk, "hold")).context["form"]
    assert form["on"].value() is None  # not held yet by its plan: the office says when
    assert form.fields["on"].label == "会议召开日期"
    held = local_today() - dt.timedelta(days=3)
    Meeting.objects.filter(pk=world.meeting.pk).update(date=held)
    form = office.get(url("meeting_step", world.meeting.pk, "hold")).context["form"]
    assert form["on"].value() == held  # the planned day, once it has come
