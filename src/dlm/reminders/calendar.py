"""A user's deadlines as an iCalendar feed (RFC 5545), written by hand: a handful of all-day
events needs no library."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.rules import visible_meetings
from dlm.core.audit import log_action
from dlm.organisations.rules import access_for
from dlm.rectification.models import Item
from dlm.reminders.models import CalendarToken


@transaction.atomic
def renew(user) -> CalendarToken:
    token, _ = CalendarToken.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    log_action("reminders.calendar.renewed", user=user)
    return token


def end_calendar(user) -> None:
    """A closed account's calendar address stops for good: a reactivated account gets a
    new address only when its owner asks for one."""
    CalendarToken.objects.filter(user=user).delete()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a character."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 74:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return out


def events_for(user, today: dt.date) -> list[tuple[str, dt.date, str, str]]:
    """(uid, day, summary, url path) of every deadline that concerns ``user``."""
    access = access_for(user)
    events = []
    meetings = (
        visible_meetings(access)
        .exclude(state=MeetingState.CLOSED)
        .select_related("team", "campaign")
    )
    for meeting in meetings:
        team = meeting.team.display_name
        if meeting.date and not meeting.held_on:
            events.append(
                (
                    f"meeting-{meeting.pk}",
                    meeting.date,
                    f"{team}民主生活会",
                    meeting.get_absolute_url(),
                )
            )
        for stage in meeting.timeline(today):
            if stage.due is None or stage.done_on is not None or stage.key == "meeting":
                continue
            events.append(
                (
                    f"{stage.key}-{meeting.pk}",
                    stage.due,
                    f"{team}：{stage.label}截止",
                    meeting.get_absolute_url(),
                )
            )
    seat_ids = [seat.pk for seat in access.seats.values()]
    items = Item.objects.unfinished().filter(responsible_id__in=seat_ids, deadline__isnull=False)
    for item in items.select_related("meeting__team"):
        events.append(
            (
                f"item-{item.pk}",
                item.deadline,
                f"整改时限：{item.problem[:30]}",
                item.get_absolute_url(),
            )
        )
    return events


def feed(user, base_url: str, today: dt.date) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//DLM//民主生活会管理//ZH",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:民主生活会期限",
    ]
    for uid, day, summary, path in events_for(user, today):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@dlm",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"URL:{base_url}{path}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
