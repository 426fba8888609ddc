from __future__ import annotations

from dlm.core.access import fetch_for_user
from dlm.organisations.models import Organisation, TeamMember
from dlm.organisations.rules import Access


def get_organisation_for_user(request, pk, *, write: bool = False) -> Organisation:
    return fetch_for_user(
        request,
        Organisation.objects.select_related("parent"),
        pk,
        can_view=Access.can_view_organisation,
        can_change=Access.can_manage_team if write else None,
    )


def get_team_member_for_user(request, org: Organisation, pk) -> TeamMember:
    """A seat of ``org``, fetched only after ``org`` itself passed the access check."""
    return fetch_for_user(
        request,
        TeamMember.objects.filter(team=org).select_related("person", "team"),
        pk,
        can_view=lambda access, seat: access.can_view_organisation(seat.team),
        can_change=lambda access, seat: access.can_manage_team(seat.team),
    )
