"""The agenda, the roll call and the quorum that decides whether the meeting counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dlm.campaigns import domain
from dlm.campaigns.enums import MeetingState, quorum_needed
from dlm.campaigns.models import Campaign
from dlm.core.errors import Refused
from dlm.proceedings.agenda import draft
from dlm.proceedings.models import AgendaItem, Attendance
from tests.forms import shown_revision
from tests.proceedings.helpers import post_turn


@pytest.mark.parametrize(
    ("quorum", "members", "needed"),
    [
        ("2/3", 9, 6),
        ("2/3", 3, 2),
        ("2/3", 4, 3),
        ("1/2", 4, 3),
        ("1/2", 5, 3),
        ("4/5", 7, 6),
        ("1/1", 5, 5),
    ],
)
def test_quorum_needed(quorum, members, needed):
    assert quorum_needed(quorum, members) == needed


def test_the_agenda_puts_the_principal_first_and_the_guide_before_the_summary(held):
    titles = [item.title for item in draft(held.meeting)]

    assert titles[0].startswith("主持人宣布会议开始")
    assert "上年度民主生活会整改落实情况" in titles[1]
    assert titles[2] == "王明同志代表班子作对照检查"
    assert [t[:2] for t in titles[3:6]] == ["王明", "李华", "赵刚"]
    assert titles[-2:] == ["指导组点评", "王明同志作总结讲话"]


def attendance_post(world, absent=(), reason="因公出差", attending=""):
    data = {"attending": attending}
    for seat in world.seats:
        gone = seat.person.name in absent
        data[f"m{seat.pk}-presence"] = "absent" if gone else "present"
        data[f"m{seat.pk}-reason"] = reason if gone else ""
    return data


def test_roll_call_and_quorum_decide_whether_the_meeting_can_be_held(held, as_persona):
    office = as_persona("office")
    url = reverse("proceedings:meeting_attendance", args=[held.meeting.pk])

    no_reason = office.post(url, attendance_post(held, absent=["赵刚"], reason=""))
    assert "请填写赵刚同志的缺席原因" in no_reason.content.decode()

    office.post(url, attendance_post(held, absent=["李华", "赵刚"], attending="孙丽 党政办主任"))
    guests = dict(Attendance.objects.filter(seat__isnull=True).values_list("name", "presence"))
    assert guests == {"孙丽": "attending", held.guide.person.name: "guiding"}
    with pytest.raises(Refused, match="到会人数不足.*应到 3 人，实到 1 人.*至少 2 人"):
        domain.take_step(held.meeting, "hold", user=held.users["office"])

    office.post(url, attendance_post(held, absent=["赵刚"]))
    domain.take_step(held.meeting, "hold", user=held.users["office"])
    held.meeting.refresh_from_db()
    assert held.meeting.state == MeetingState.HELD


def test_a_meeting_without_a_roll_call_cannot_be_held(held):
    held.meeting.attendance.all().delete()
    with pytest.raises(Refused, match="请先登记到会情况"):
        domain.take_step(held.meeting, "hold", user=held.users["office"])


def test_a_forward_cannot_lower_the_quorum(world):
    child = domain.reissue_campaign(world.campaign, world.district, user=world.users["supervisor"])
    before = {"quorum": child.quorum}
    child.quorum = "1/2"
    with pytest.raises(Refused, match="到会人数要求不能低于"):
        domain.update_campaign(child, user=world.users["supervisor"], before=before)
    child.quorum = "4/5"
    domain.update_campaign(child, user=world.users["supervisor"], before=before)
    assert Campaign.objects.get(pk=child.pk).quorum == "4/5"


def test_the_office_edits_the_agenda_but_cannot_drop_an_item_with_turns(held, as_persona):
    office = as_persona("office")
    url = reverse("proceedings:meeting_agenda", args=[held.meeting.pk])
    office.get(url)
    items = list(AgendaItem.objects.filter(meeting=held.meeting))
    post_turn(office, held, "self_criticism", "李华", text="我作对照检查。")

    def form(delete_index=None, new_title=""):
        data = {
            "agenda-revision": shown_revision(office, url, "agenda-revision"),
            "agenda-TOTAL_FORMS": str(len(items) + 1),
            "agenda-INITIAL_FORMS": str(len(items)),
            "agenda-MIN_NUM_FORMS": "0",
            "agenda-MAX_NUM_FORMS": "1000",
        }
        for i, item in enumerate(items):
            data |= {
                f"agenda-{i}-id": str(item.pk),
                f"agenda-{i}-position": str(item.position),
                f"agenda-{i}-kind": item.kind,
                f"agenda-{i}-title": item.title,
                f"agenda-{i}-subject": str(item.subject_id or ""),
            }
            if i == delete_index:
                data[f"agenda-{i}-DELETE"] = "on"
        if new_title:
            n = len(items)
            data |= {
                f"agenda-{n}-position": "99",
                f"agenda-{n}-kind": "other",
                f"agenda-{n}-title": new_title,
            }
        return data

    li_item = next(
        i
        for i, item in enumerate(items)
        if item.subject and item.subject.person.name == "李华" and item.kind == "member"
    )
    refused = office.post(url, form(delete_index=li_item))
    assert "已有发言记录，不能删除" in refused.content.decode()
    assert AgendaItem.objects.filter(meeting=held.meeting).count() == len(items)

    office.post(url, form(delete_index=0, new_title="宣读上级党组织的书面意见"))
    titles = list(AgendaItem.objects.filter(meeting=held.meeting).values_list("title", flat=True))
    assert titles[-1] == "宣读上级党组织的书面意见"
    assert not titles[0].startswith("主持人宣布")
