"""The buttons on a meeting's page: each app that has a page of the meeting registers its
own, with the rule that decides who may open it, so the page never offers a link that would
answer 403 or 404 (tests/test_link_crawl.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse


@dataclass(frozen=True)
class MeetingLink:
    label: str
    url_name: str  # takes the meeting's pk
    may_open: Callable[[object, object], bool]  # (access, meeting)
    order: int = 50


MEETING_LINKS: list[MeetingLink] = []


def register_meeting_link(link: MeetingLink) -> None:
    if all(existing.url_name != link.url_name for existing in MEETING_LINKS):
        MEETING_LINKS.append(link)
        MEETING_LINKS.sort(key=lambda found: found.order)


def links_for(access, meeting) -> list[tuple[str, str]]:
    return [
        (link.label, reverse(link.url_name, args=[meeting.pk]))
        for link in MEETING_LINKS
        if link.may_open(access, meeting)
    ]


# The meeting's whole history: apps above add the entries of their objects of the meeting
# (its ledger items, its materials), as a filter on the audit log. From AppConfig.ready().
HISTORY_PARTS: list[Callable[[object], object]] = []


def register_history_part(part: Callable[[object], object]) -> None:
    if part not in HISTORY_PARTS:
        HISTORY_PARTS.append(part)


def objects_of(model, ids) -> object:
    """An audit-log filter for the entries whose target is one of ``ids`` of ``model``."""
    return Q(
        target_type=ContentType.objects.get_for_model(model),
        target_id__in=[str(pk) for pk in ids],
    )
