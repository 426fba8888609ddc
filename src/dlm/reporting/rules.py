"""Who reads and writes the report, the briefing and the package."""

from __future__ import annotations

from dlm.campaigns.models import Meeting
from dlm.campaigns.rules import can_view_meeting
from dlm.organisations.rules import Access


def can_read_drafts(access: Access, meeting: Meeting) -> bool:
    return can_view_meeting(access, meeting)


def can_write(access: Access, meeting: Meeting) -> bool:
    return access.is_office_of(meeting.team)


def can_read_package(access: Access, meeting: Meeting) -> bool:
    """The package holds every member's outline: not for the members themselves."""
    seat = access.seat_in(meeting.team)
    return (
        access.is_office_of(meeting.team)
        or access.supervises(meeting.team)
        or access.guides(meeting)
        or (seat is not None and seat.is_principal)
    )


def can_answer(access: Access, meeting: Meeting) -> bool:
    return access.supervises_from_above(meeting.team)
