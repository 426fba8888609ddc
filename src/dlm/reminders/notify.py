"""Telling people of a step as it is taken: the office when the superior answered, the
superior when the office reported or asked. Which steps tell whom is in the process table
(``Step.tell``); this module only finds the people and leaves the reminder on their home
page (mailed with the next ``runperiodic`` where e-mail is configured)."""

from __future__ import annotations

from django.urls import reverse
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
    people = approvers_of(item) if "approvers" in action.tell else []
    if "decider" in action.tell:
        people += extension_deciders(item)
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


def approvers_of(item) -> list:
    """The people a 销号 waits for now: the principal, and/or the nearest superior's staff."""
    if item.status != "closing":
        return []
    people = []
    for who in ledger.approvals_waiting(item):
        if who == ledger.PRINCIPAL:
            principal = item.meeting.team.team_members.active().filter(is_principal=True).first()
            people += [principal.person.user] if principal and principal.person.user else []
        else:
            people += nearest_supervisors(item.meeting.team)
    return people


def extension_deciders(item) -> list:
    """Who decides a 申请延期: the principal; the nearest superior on the principal's own items."""
    if ledger.extension_decider(item) == ledger.SUPERIOR:
        return nearest_supervisors(item.meeting.team)
    principal = item.meeting.team.team_members.active().filter(is_principal=True).first()
    return [principal.person.user] if principal and principal.person.user else []


def tell_reassigned(item, user) -> None:
    """An item passed to another member (its owner left): the new owner hears, and so do
    the approvers a 销号 now waits for (on the principal's own items, the superior)."""
    people = [item.responsible.person.user, *approvers_of(item)]
    text = (
        f"{item.meeting.team.display_name}整改事项第{item.number}项“{item.problem[:24]}”："
        f"改由{item.responsible.person.name}负责"
        + ("，销号申请待审批" if item.status == "closing" else "")
    )
    _leave(people, user, f"item:{item.pk}:reassigned", text, item.get_absolute_url())


def tell_new_meeting(meeting, user) -> None:
    """A team received a notice: its office starts the work; its own supervisors (a district's
    organisation department) may forward it to the units below."""
    forwarders = [
        role.user
        for role in Role.objects.filter(organisation=meeting.team, kind=RoleKind.SUPERVISOR)
    ]
    campaign = meeting.campaign
    text = f"{meeting.team.display_name}收到{campaign.issuer.display_name}的通知：{campaign.title}"
    _leave(
        offices_of(meeting.team),
        user,
        f"meeting:{meeting.pk}:new",
        text,
        meeting.get_absolute_url(),
    )
    _leave(
        forwarders,
        user,
        f"meeting:{meeting.pk}:forward",
        text + "（可转发至下级）",
        campaign.get_absolute_url(),
    )


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


def tell_about_urging(urging, event: str, user) -> None:
    """A 督办 sent: the team's office hears at once; answered: whoever sent it."""
    meeting = urging.meeting
    level = urging.get_level_display()
    if event == "sent":
        people = offices_of(meeting.team)
        text = f"{urging.sender}发来{level}：{urging.text[:60]}"
    else:
        people = [urging.sent_by] if urging.sent_by else []
        text = f"{meeting.team.display_name}已答复{level}：{urging.answer[:60]}"
    link = reverse("supervision:meeting_urgings", args=[meeting.pk])
    _leave(people, user, f"urging:{urging.pk}:{event}", text, link)


def tell_reviewed(review, user) -> None:
    """The writer of a reviewed material hears the decision and the reviewer's words."""
    material = review.material
    writer = material.author.person.user if material.author_id else None
    people = [writer] if writer else offices_of(material.meeting.team)
    verdict = review.get_decision_display()
    words = f"：{review.comment}" if review.comment else ""
    text = f"{material.title}第{review.version.number}稿{verdict}（{review.reviewer_name}）{words}"
    _leave(people, user, f"review:{review.pk}", text, material.get_absolute_url())
