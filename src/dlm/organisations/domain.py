"""Changes to organisations and teams, each saved and logged in one transaction."""

from __future__ import annotations

from django.db import transaction

from dlm.core.audit import log_action, log_changes, snapshot
from dlm.core.revisions import ensure_fresh
from dlm.organisations.models import Organisation, Person, TeamMember

SEAT_FIELDS = ["position", "is_principal", "areas_overseen", "own_branch", "precedence", "active"]


@transaction.atomic
def add_suborganisation(parent: Organisation, child: Organisation, *, user) -> Organisation:
    child.parent = parent
    child.save()
    log_action(
        "organisations.organisation.created",
        user=user,
        target=child,
        organisation=parent,
        data={"name": child.name, "kind": child.get_kind_display()},
    )
    return child


@transaction.atomic
def add_team_member(team: Organisation, seat: TeamMember, name: str, *, user) -> TeamMember:
    seat.team = team
    seat.person = Person.objects.create(name=name, organisation=team, title=seat.position)
    seat.save()
    log_action(
        "organisations.member.added",
        user=user,
        target=seat,
        organisation=team,
        data=snapshot(seat, fields=SEAT_FIELDS) | {"姓名": name},
    )
    return seat


SEAT_REVISION_FIELDS = (*SEAT_FIELDS, "person.name")


@transaction.atomic
def change_team_member(
    seat: TeamMember, name: str, *, user, before: dict, revision: str | None = None
) -> TeamMember:
    before = before | {"姓名": seat.person.name}
    if revision is not None:
        typed_name, seat.person.name = seat.person.name, name
        try:
            ensure_fresh(seat, SEAT_REVISION_FIELDS, revision)
        finally:
            seat.person.name = typed_name
    if seat.person.name != name:
        seat.person.name = name
        seat.person.save(update_fields=["name"])
    seat.save()
    log_changes(
        "organisations.member.changed",
        user=user,
        target=seat,
        organisation=seat.team,
        before=before,
        after=snapshot(seat, fields=SEAT_FIELDS) | {"姓名": name},
    )
    return seat
