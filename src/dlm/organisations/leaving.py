"""A member leaves the team (离任) or moves to another one (调任), in one audited step.

Before the seat is vacated, the apps above this one say what waits on the person (open
rectification items they answer for, drafts, approvals) and which of it must pass to
someone else; the office chooses to whom (the principal by default). A move keeps the person
and the login and gives them a seat in the other team; someone who left every seat and holds
no role can no longer log in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.organisations import accounts
from dlm.organisations.models import Organisation, TeamMember


@dataclass
class Pending:
    """Something that waits on the leaving member."""

    key: str  # stable within one leaving ("item:12")
    label: str  # what the office reads
    url: str = ""
    # Passes it to the chosen successor (a seat of the same team); None: shown only.
    hand_over: Callable[[TeamMember, object], None] | None = None

    @property
    def passes_on(self) -> bool:  # for templates, which would call ``hand_over``
        return self.hand_over is not None


# Apps above this one list what waits on a member; registered from AppConfig.ready().
LEAVING_WORK: list[Callable[[TeamMember], list[Pending]]] = []


def on_leaving(provider: Callable[[TeamMember], list[Pending]]) -> None:
    if provider not in LEAVING_WORK:
        LEAVING_WORK.append(provider)


def pending_for(seat: TeamMember) -> list[Pending]:
    return [pending for provider in LEAVING_WORK for pending in provider(seat)]


def default_successor(seat: TeamMember) -> TeamMember | None:
    """The principal, unless the principal is the one leaving."""
    return (
        seat.team.team_members.active()
        .filter(is_principal=True)
        .exclude(pk=seat.pk)
        .select_related("person")
        .first()
    )


@transaction.atomic
def leave_team(
    seat: TeamMember,
    successors: dict[str, TeamMember],
    *,
    user,
    move_to: Organisation | None = None,
    position: str = "",
) -> TeamMember | None:
    """Vacate ``seat``: what must pass on goes to the successor chosen for it; with
    ``move_to`` the person takes a seat (``position``) in that team. Returns the new seat."""
    seat = TeamMember.objects.select_for_update().select_related("person", "team").get(pk=seat.pk)
    if not seat.active:
        raise Refused(f"{seat.person.name}已离任")
    handed = []
    for pending in pending_for(seat):
        if pending.hand_over is None:
            continue
        successor = successors.get(pending.key)
        if successor is None:
            raise Refused(f"请为“{pending.label}”选定接手的班子成员", field=pending.key)
        if successor.team_id != seat.team_id or not successor.active or successor.pk == seat.pk:
            raise Refused("接手人须是本班子其他在任成员", field=pending.key)
        pending.hand_over(successor, user)
        handed.append(f"{pending.label} → {successor.person.name}")
    seat.active = False
    seat.save(update_fields=["active"])
    log_action(
        "organisations.member.left",
        user=user,
        target=seat,
        organisation=seat.team,
        data={"姓名": seat.person.name, "职务": seat.position, "移交": handed},
    )
    if move_to is None:
        accounts.close_if_unneeded(seat.person, user=user)
        return None
    return _move(seat, move_to, position, user=user)


def _move(seat: TeamMember, team: Organisation, position: str, *, user) -> TeamMember:
    if not team.has_team or team.pk == seat.team_id:
        raise Refused("请选择调往的另一个领导班子", field="move_to")
    if not position.strip():
        raise Refused("请填写在新班子的职务", field="position")
    person = seat.person
    existing = TeamMember.objects.filter(team=team, person=person).first()
    if existing is not None:  # back to a team where the person sat before
        existing.active, existing.position = True, position.strip()[:100]
        existing.save(update_fields=["active", "position"])
        new = existing
    else:
        last = team.team_members.aggregate(n=Max("precedence"))["n"] or 0
        new = TeamMember.objects.create(
            team=team, person=person, position=position.strip()[:100], precedence=last + 1
        )
    person.organisation = team
    person.save(update_fields=["organisation"])
    log_action(
        "organisations.member.moved",
        user=user,
        target=new,
        organisation=team,
        data={"姓名": person.name, "从": seat.team.display_name, "到": team.display_name},
    )
    return new
