"""A street meeting ready to be held: plan approved, three members with short names (the
minutes reader, like people, knows speakers by name), everyone present."""

from __future__ import annotations

import datetime as dt

import pytest

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.organisations.models import Person


@pytest.fixture
def held(world):
    names = iter(["王明", "李华", "赵刚"])
    seats = list(world.street.team_members.order_by("-is_principal", "precedence", "id"))
    for seat in seats:
        Person.objects.filter(pk=seat.person_id).update(name=next(names))
    Meeting.objects.filter(pk=world.meeting.pk).update(
        state=MeetingState.PREPARING, plan_approved_on=dt.date(2026, 11, 1)
    )
    world.meeting.refresh_from_db()
    world.seats = seats
    return world
