"""The record's counts on pages of other apps (the meeting page), without those apps
importing this one."""

from django import template

from dlm.proceedings import live
from dlm.proceedings.attendance import quorum

register = template.Library()


@register.inclusion_tag("proceedings/_meeting_card.html")
def record_card(meeting):
    turns = live.record_of(meeting)
    return {
        "meeting": meeting,
        "counts": live.criticism_counts(meeting, turns),
        "turns": len(turns),
        "quorum": quorum(meeting),
    }
