"""Who reads and writes the report, the briefing and the package."""

from __future__ import annotations

from dlm.campaigns.models import Meeting
from dlm.campaigns.process import STEPS
from dlm.campaigns.rules import can_take_step, can_view_meeting
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


def can_send(access: Access, meeting: Meeting) -> bool:
    """Who sends the package: whoever the process table gives 报送情况报告 to."""
    return can_take_step(access, meeting, STEPS["submit_report"])


def can_answer(access: Access, meeting: Meeting) -> bool:
    """Who acknowledges or returns it: the table's taker of 确认收到报告 and 退回报告."""
    return can_take_step(access, meeting, STEPS["receive_report"]) and can_take_step(
        access, meeting, STEPS["return_report"]
    )
