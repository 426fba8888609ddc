"""Telling people of a step as it is taken: the office when the superior answered, the
superior when the office reported or asked. Which steps tell whom is in the process table
(``Step.tell``); this module only finds the people and leaves the reminder on their home
page (mailed with the next ``runperiodic`` where e-mail is configured)."""

from __future__ import annotations

from django.utils import timezone

from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Role
from dlm.organisations.rules import nearest_superior, supervising_paths
from dlm.rectification import domain as ledger
from dlm.reminders.models import Reminder


def offices_of(team) -> list:
    return [r.user for r in Role.objects.filter(organisation=team, kind=RoleKind.OFFICE)]


def nearest_supervisors(team) -> list:
    """The supervisors of the nearest superior (``organisations.rules.nearest_superior``):
    the ones who approve the plan and receive the report (the city hears of a street
    through its district, not of every step)."""
    nearest = nearest_superior(team, supervising_paths())
    if nearest is None:
        return []
    return [
        role.user for role in Role.objects.filter(organisation=nearest, kind=RoleKind.SUPERVISOR)
    ]


def tell_about_step(ctx) -> None:
    step, meeting = ctx.step, ctx.meeting
    if not step.tell:
        return
    people = []
    if "office" in step.tell:
        people += offices_of(meeting.team)
    if "supervisors" in step.tell:
        people += nearest_supervisors(meeting.team)
    text = f"{meeting.team.display_name}：{step.label}"
    if ctx.note:
        text += f"（{ctx.note}）"
    _leave(people, ctx.user, f"step:{meeting.pk}:{step.name}", text, meeting.get_absolute_url())


def tell_about_item(action, item, user, reason: str) -> None:
    """An action on a ledger item: whoever must now approve is asked, the person responsible
    and the office hear how it went (with the reason when there is one)."""
    meeting = item.meeting
    people = []
    if "approvers" in action.tell and item.status == "closing":
        for who in ledger.approvals_waiting(item):
            if who == ledger.PRINCIPAL:
                principal = meeting.team.team_members.active().filter(is_principal=True).first()
                people += [principal.person.user] if principal and principal.person.user else []
            else:
                people += nearest_supervisors(meeting.team)
    if "responsible" in action.tell and item.responsible.person.user:
        people.append(item.responsible.person.user)
    if "office" in action.tell:
        people += offices_of(meeting.team)
    text = (
        f"{meeting.team.display_name}整改事项第{item.number}项“{item.problem[:24]}”：{action.label}"
    )
    if reason and action.needs_reason:
        text += f"（理由：{reason}）"
    _leave(people, user, f"item:{item.pk}:{action.name}", text, item.get_absolute_url())


def _leave(people, actor, key: str, text: str, link: str) -> None:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    seen = set()
    for person in people:
        if person is None or person.pk in seen or person.pk == actor.pk or not person.is_active:
            continue
        seen.add(person.pk)
        Reminder.objects.get_or_create(
            user=person,
            key=f"{key}:{stamp}"[:120],
            defaults={"text": text[:300], "link": link, "created_on": timezone.localdate()},
        )
