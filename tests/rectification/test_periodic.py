"""`dlm runperiodic`: overdue and due-soon reminders, once per fact, mailed when configured."""

from __future__ import annotations

import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from dlm.reminders.models import Reminder
from dlm.reminders.periodic import collect
from tests.rectification.test_ledger import item_for


def test_an_overdue_item_reminds_its_owner_and_the_office_once(after, as_persona):
    item_for(after, deadline=dt.date(2027, 1, 31), problem="值班制度执行不严")
    later = dt.date(2027, 2, 2)  # the clock moves past the deadline

    first = collect(later)
    again = collect(later)

    assert again.created == 0
    texts = Reminder.objects.filter(key__startswith="item-overdue").values_list("user", "text")
    assert {user for user, _ in texts} == {after.users["member"].pk, after.users["office"].pk}
    assert first.created >= 2
    home = as_persona("member").get(reverse("workbench:home")).content.decode()
    assert "整改事项逾期" in home and "值班制度执行不严" in home


def test_stages_due_soon_and_overdue_remind_the_office(world):
    due = world.meeting.timeline()[0].due  # the plan's due date
    collect(due - dt.timedelta(days=2))
    collect(due + dt.timedelta(days=1))

    keys = list(Reminder.objects.filter(user=world.users["office"]).values_list("key", flat=True))
    assert any(k.startswith(f"stage-soon:{world.meeting.pk}:plan") for k in keys)
    assert any(k.startswith(f"stage-overdue:{world.meeting.pk}:plan") for k in keys)
    assert not Reminder.objects.filter(user=world.users["sibling"]).exists()


def test_reminders_are_mailed_only_where_mail_is_configured(world, settings):
    office = world.users["office"]
    office.email = "office@example.org"
    office.save()
    due = world.meeting.timeline()[0].due
    collect(due + dt.timedelta(days=1))
    assert mail.outbox == []

    settings.DLM_MAIL_ENABLED = True
    Reminder.objects.all().delete()
    collect(due + dt.timedelta(days=1))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["office@example.org"]
    assert "已逾期" in mail.outbox[0].body


def test_marking_read_touches_only_ones_own(world, as_persona):
    due = world.meeting.timeline()[0].due
    collect(due + dt.timedelta(days=1))
    Reminder.objects.create(user=world.users["sibling"], key="x", text="别人的提醒", created_on=due)

    as_persona("office").post(reverse("reminders:reminders_read"))

    assert not Reminder.objects.filter(user=world.users["office"], read_at__isnull=True).exists()
    assert Reminder.objects.get(key="x").read_at is None


def test_the_command_runs(db):
    out = io.StringIO()
    call_command("runperiodic", stdout=out)
    assert "新提醒" in out.getvalue()


def test_superiors_hear_of_what_became_overdue_not_of_what_is_due_soon(world):
    due = world.meeting.timeline()[0].due
    collect(due - dt.timedelta(days=2))
    assert not Reminder.objects.filter(
        user=world.users["supervisor"], key__startswith="stage-"
    ).exists()

    collect(due + dt.timedelta(days=1))
    district = Reminder.objects.filter(user=world.users["supervisor"]).values_list("key", flat=True)
    city = Reminder.objects.filter(user=world.users["city_supervisor"]).values_list(
        "key", flat=True
    )
    assert any(k.startswith(f"stage-overdue:{world.meeting.pk}:plan") for k in district)
    assert any(k.startswith(f"stage-overdue:{world.meeting.pk}:plan") for k in city)


def test_the_daily_mail_carries_the_same_todo_as_the_home_page_once_a_day(world, settings):
    from dlm.preparation import domain as preparation

    settings.DLM_MAIL_ENABLED = True
    principal = world.users["principal"]
    principal.email = "shuji@example.org"
    principal.save()
    preparation.submit_material(world.material, user=world.users["member"])
    today = world.meeting.timeline()[0].due - dt.timedelta(days=20)

    collect(today)
    collect(today)  # run twice the same day: one mail

    mine = [m for m in mail.outbox if m.to == ["shuji@example.org"]]
    assert len(mine) == 1
    assert f"审阅{world.material.title}" in mine[0].body
    assert mine[0].subject == "民主生活会管理：今日待办"
