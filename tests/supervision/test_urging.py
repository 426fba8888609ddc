"""Graded supervision: a late team gets a 提醒, then a 督办 with a final date, then a 预警;
each lands in the team office's 待办, is answered there, is in both histories and is a letter."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from dlm.campaigns.models import local_today
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.reminders.models import Reminder
from dlm.supervision import urging

TODAY = local_today()


def send(world, level, text="请于本周内报送实施方案", reply_by=None):
    return urging.send(
        world.meeting,
        level,
        text,
        reply_by,
        sender="测试区委组织部",
        user=world.users["supervisor"],
    )


def test_a_superior_escalates_one_level_at_a_time(world):
    with pytest.raises(Refused, match="请先发提醒"):
        send(world, "urge", reply_by=TODAY + dt.timedelta(days=3))
    send(world, "remind")
    with pytest.raises(Refused, match="督办须写明限期答复日期"):
        send(world, "urge")
    with pytest.raises(Refused, match="请先发督办"):
        send(world, "warn", reply_by=TODAY + dt.timedelta(days=3))
    send(world, "urge", reply_by=TODAY + dt.timedelta(days=3))
    send(world, "warn", reply_by=TODAY + dt.timedelta(days=1))

    assert [u.level for u in world.meeting.urgings.order_by("id")] == ["remind", "urge", "warn"]


def test_it_lands_in_the_offices_todo_is_answered_there_and_is_in_both_histories(world, as_persona):
    sent = send(world, "remind", text="方案报送已逾期，请说明原因")
    office = as_persona("office")

    tasks = office.get(reverse("workbench:home")).context["tasks"]
    assert any(
        t.title == "答复测试区委组织部的提醒" and t.reason == "方案报送已逾期，请说明原因"
        for t in tasks
    )
    assert Reminder.objects.filter(user=world.users["office"], key__startswith=f"urging:{sent.pk}")

    office.post(
        reverse("supervision:urging_answer", args=[world.meeting.pk, sent.pk]),
        {"answer": "因会期调整，已于今日报送"},
    )

    sent.refresh_from_db()
    assert sent.answer == "因会期调整，已于今日报送" and sent.answered_on == TODAY
    tasks = office.get(reverse("workbench:home")).context["tasks"]
    assert not any("答复" in t.title for t in tasks)
    history = office.get(reverse("campaigns:meeting_history", args=[world.meeting.pk]))
    assert "发出提醒：方案报送已逾期，请说明原因" in history.content.decode()
    assert "答复提醒：因会期调整，已于今日报送" in history.content.decode()
    done = as_persona("supervisor").get(reverse("workbench:home")).content.decode()
    assert "发出提醒：方案报送已逾期" in done
    assert Reminder.objects.filter(user=world.users["supervisor"], key__contains="answered")


def test_an_answer_is_given_once(world):
    sent = send(world, "remind")
    urging.answer(sent, "已报送", user=world.users["office"])

    with pytest.raises(Refused, match="已于"):
        urging.answer(sent, "再答一次", user=world.users["office"])
    assert AuditEntry.objects.filter(action="supervision.urging.answered").count() == 1


def test_the_letter_is_a_document_the_office_can_file(world, as_persona):
    sent = send(world, "remind")
    send(world, "urge", text="请限期报送实施方案", reply_by=TODAY + dt.timedelta(days=5))
    latest = world.meeting.urgings.order_by("-id").first()

    response = as_persona("office").get(
        reverse("supervision:urging_docx", args=[world.meeting.pk, latest.pk])
    )

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "民主生活会工作督办通知书" in text and "请限期报送实施方案" in text
    due = TODAY + dt.timedelta(days=5)
    assert f"请于{due:%Y年}{due.month}月{due.day}日前将落实情况书面答复" in text
    assert sent.pk != latest.pk


def test_the_office_cannot_send_and_the_district_cannot_answer(world, as_persona):
    url = reverse("supervision:meeting_urgings", args=[world.meeting.pk])
    assert as_persona("office").post(url, {"level": "remind", "text": "x"}).status_code == 403
    sent = send(world, "remind")
    answer = reverse("supervision:urging_answer", args=[world.meeting.pk, sent.pk])
    assert as_persona("supervisor").post(answer, {"answer": "x"}).status_code == 403


def test_answering_the_latest_level_answers_the_earlier_ones_with_it(world, as_persona):
    send(world, "remind")
    latest = send(world, "urge", reply_by=TODAY + dt.timedelta(days=3))

    tasks = as_persona("office").get(reverse("workbench:home")).context["tasks"]
    assert [t.title for t in tasks if "答复" in t.title] == ["答复测试区委组织部的督办"]
    urging.answer(latest, "已报送", user=world.users["office"])

    assert not world.meeting.urgings.filter(answered_on__isnull=True).exists()
    assert world.meeting.urgings.get(level="remind").answer == "（一并答复）已报送"
