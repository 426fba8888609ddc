"""Who may see and do what in the ledger.

The team's items are the whole team's business; a member's own items are his, the
principal's, the office's and the supervisors'. The office keeps the ledger; the person
responsible reports progress and asks to close; the principal approves closing, and the
superior too where the campaign says so.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dlm.campaigns.models import Meeting
from dlm.campaigns.rules import can_view_meeting
from dlm.organisations.rules import Access
from dlm.rectification.models import Item


def sees_everything(access: Access, meeting: Meeting) -> bool:
    team = meeting.team
    seat = access.seat_in(team)
    return (
        access.is_office_of(team)
        or access.supervises(team)
        or access.guides(meeting)
        or (seat is not None and seat.is_principal)
    )


def visible_items(access: Access, meeting: Meeting) -> QuerySet[Item]:
    items = Item.objects.filter(meeting=meeting)
    if sees_everything(access, meeting):
        return items
    seat = access.seat_in(meeting.team)
    if seat is None:
        return items.none()
    return items.filter(Q(member__isnull=True) | Q(member=seat) | Q(responsible=seat))


def can_view_item(access: Access, item: Item) -> bool:
    meeting = item.meeting
    if not can_view_meeting(access, meeting):
        return False
    if sees_everything(access, meeting):
        return True
    seat = access.seat_in(meeting.team)
    return seat is not None and (
        item.member_id is None or seat.pk in (item.member_id, item.responsible_id)
    )


def can_keep_ledger(access: Access, meeting: Meeting) -> bool:
    return access.is_office_of(meeting.team)


def can_report_progress(access: Access, item: Item) -> bool:
    seat = access.seat_in(item.meeting.team)
    return access.is_office_of(item.meeting.team) or (
        seat is not None and seat.pk == item.responsible_id
    )


def can_approve_as_principal(access: Access, item: Item) -> bool:
    seat = access.seat_in(item.meeting.team)
    return seat is not None and seat.is_principal


def can_approve_as_superior(access: Access, item: Item) -> bool:
    return access.supervises_from_above(item.meeting.team)


def can_reopen(access: Access, item: Item) -> bool:
    return (
        can_keep_ledger(access, item.meeting)
        or can_approve_as_principal(access, item)
        or can_approve_as_superior(access, item)
    )
