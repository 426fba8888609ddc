"""The calendar feed: the user's own deadlines, behind a secret address that can be renewed."""

from __future__ import annotations

from django.urls import reverse

from dlm.reminders.calendar import _fold, renew
from dlm.reminders.models import CalendarToken


def test_the_feed_lists_the_users_deadlines_and_nothing_of_others(world, as_persona):
    as_persona("office").post(reverse("reminders:calendar_settings"))
    token = CalendarToken.objects.get(user=world.users["office"]).token
    feed = as_persona("anonymous").get(reverse("reminders:calendar_feed", args=[token]))

    text = feed.content.decode()
    assert feed["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    plan_due = world.meeting.timeline()[0].due
    assert f"DTSTART;VALUE=DATE:{plan_due:%Y%m%d}" in text
    assert "：报送方案（会前10日）截止" in text.replace("\r\n ", "")
    sibling = renew(world.users["sibling"]).token
    other = (
        as_persona("anonymous")
        .get(reverse("reminders:calendar_feed", args=[sibling]))
        .content.decode()
    )
    assert world.street.display_name not in other.replace("\r\n ", "")


def test_renewing_cuts_off_the_old_address(world, as_persona):
    old = renew(world.users["office"]).token
    as_persona("office").post(reverse("reminders:calendar_settings"))
    assert (
        as_persona("anonymous").get(reverse("reminders:calendar_feed", args=[old])).status_code
        == 404
    )


def test_an_inactive_account_has_no_feed(world, as_persona):
    token = renew(world.users["member"]).token
    world.users["member"].is_active = False
    world.users["member"].save()
    assert (
        as_persona("anonymous").get(reverse("reminders:calendar_feed", args=[token])).status_code
        == 404
    )


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "中" * 60
    folded = _fold(line)
    assert all(len(part.encode()) <= 75 for part in folded)
    assert "".join(p.removeprefix(" ") if i else p for i, p in enumerate(folded)) == line
