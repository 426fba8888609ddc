from __future__ import annotations

import datetime as dt

import pytest

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting


@pytest.fixture
def after(world):
    """The street's meeting has been held: its ledger is open."""
    Meeting.objects.filter(pk=world.meeting.pk).update(
        state=MeetingState.HELD, plan_approved_on=dt.date(2026, 11, 1), held_on=dt.date(2026, 11, 5)
    )
    world.meeting.refresh_from_db()
    return world
