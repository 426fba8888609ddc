"""The record's counts on pages of other apps (the meeting page), without those apps
importing this one."""

from django import template

from dlm.proceedings import live
from dlm.proceedings.attendance import quorum, roll_call
from dlm.proceedings.enums import Presence

register = template.Library()


@register.inclusion_tag("proceedings/_meeting_card.html")
def record_card(meeting):
    turns = live.record_of(meeting)
    rows = roll_call(meeting)  # one read of the roll call for the counts and the quorum
    absent = frozenset(seat for seat, presence in rows if presence == Presence.ABSENT)
    counts = live.criticism_counts(meeting, turns, absent)
    return {
        "meeting": meeting,
        "counts": counts,
        "turns": len(turns),
        "quorum": quorum(meeting, rows, members=len(counts)),
    }
