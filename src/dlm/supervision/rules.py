"""Who sends, answers and reads a late team's 提醒 / 督办 / 预警."""

from __future__ import annotations


def can_send(access, meeting) -> bool:
    return access.supervises_from_above(meeting.team)


def can_answer(access, meeting) -> bool:
    return access.is_office_of(meeting.team)


def can_read(access, meeting) -> bool:
    seat = access.seat_in(meeting.team)
    return (
        access.supervises(meeting.team)
        or access.is_office_of(meeting.team)
        or (seat is not None and seat.is_principal)
    )
