"""Telling people of a step as it is taken: the office when the superior answered, the
superior when the office reported or asked. Which steps tell whom is in the process table
(``Step.tell``); this module only finds the people and leaves the reminder on their home
page (mailed with the next ``runperiodic`` where e-mail is configured)."""

from __future__ import annotations

from django.utils import timezone

from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Role
from dlm.reminders.models import Reminder


def offices_of(team) -> list:
    return [r.user for r in Role.objects.filter(organisation=team, kind=RoleKind.OFFICE)]


def nearest_supervisors(team) -> list:
    """The supervisors of the closest organisation above the team that has any: the ones
    who approve its plan and receive its report (the city hears of a street through its
    district, not of every step)."""
    ancestors = team.ancestor_ids()
    roles = list(
        Role.objects.filter(organisation_id__in=ancestors, kind=RoleKind.SUPERVISOR)
        .select_related("user", "organisation")
        .order_by("-organisation__path")
    )
    if not roles:
        return []
    nearest = roles[0].organisation_id
    return [r.user for r in roles if r.organisation_id == nearest]


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
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    seen = set()
    for user in people:
        if user.pk in seen or user.pk == ctx.user.pk or not user.is_active:
            continue
        seen.add(user.pk)
        Reminder.objects.get_or_create(
            user=user,
            key=f"step:{meeting.pk}:{step.name}:{stamp}"[:120],
            defaults={
                "text": text[:300],
                "link": meeting.get_absolute_url(),
                "created_on": timezone.localdate(),
            },
        )
