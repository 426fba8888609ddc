"""Fetch campaigns and meetings for the user of a request: 404 if not theirs, 403 if the
change asked for is beyond their rights."""

from __future__ import annotations

from dlm.campaigns import rules
from dlm.campaigns.models import Campaign, Meeting
from dlm.core.access import fetch_for_user


def get_meeting_for_user(request, pk, *, write: bool = False) -> Meeting:
    return fetch_for_user(
        request,
        Meeting.objects.select_related("campaign", "team", "host__person", "recorder"),
        pk,
        can_view=rules.can_view_meeting,
        can_change=rules.can_edit_meeting if write else None,
    )


def get_campaign_for_user(request, pk, *, write: bool = False) -> Campaign:
    return fetch_for_user(
        request,
        Campaign.objects.select_related("issuer", "parent"),
        pk,
        can_view=rules.can_view_campaign,
        can_change=rules.can_edit_campaign if write else None,
    )
