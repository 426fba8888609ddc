"""The periodic job: what became overdue or falls due soon, turned into reminders.

Run by cron or a systemd timer (docs/operations.md). Each fact (a stage of a meeting with its
due date, an item with its deadline) gives one reminder per person, however often the job
runs; a moved due date is a new fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dlm.campaigns.deadlines import Status
from dlm.campaigns.domain import refresh_standing
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.core.jobs import prune as prune_jobs
from dlm.core.tasks import tasks_for
from dlm.organisations.enums import RoleKind
from dlm.organisations.models import Role
from dlm.organisations.rules import access_for
from dlm.preparation.quality import assess_stale
from dlm.rectification.models import Item
from dlm.reminders.models import Digest, Reminder

SOON = 3  # days ahead that count as "due soon"


@dataclass
class Outcome:
    created: int = 0
    mailed: int = 0
    assessed: int = 0  # materials whose latest draft was read for the overview
    restored: int = 0  # meetings whose stored deadlines had drifted (should stay 0)
    pruned: int = 0  # background jobs finished long ago, with their files


def _offices(team_ids: set[int]) -> dict[int, list]:
    users: dict[int, list] = {}
    for role in Role.objects.filter(
        organisation_id__in=team_ids, kind=RoleKind.OFFICE
    ).select_related("user"):
        users.setdefault(role.organisation_id, []).append(role.user)
    return users


def _supervisors_above(roles, team) -> list:
    """Supervisors of a strict ancestor: the superiors who follow this team."""
    return [
        role.user
        for role in roles
        if team.path.startswith(role.organisation.path) and team.path != role.organisation.path
    ]


def _remind(outcome: Outcome, user, key: str, text: str, link: str, today: dt.date) -> None:
    if user is None or not user.is_active:
        return
    try:
        with transaction.atomic():
            Reminder.objects.create(
                user=user, key=key[:120], text=text[:300], link=link, created_on=today
            )
    except IntegrityError:
        return  # told already
    outcome.created += 1


def collect(today: dt.date) -> Outcome:
    outcome = Outcome()
    meetings = list(
        Meeting.objects.exclude(state=MeetingState.CLOSED).select_related("campaign", "team")
    )
    # Every save keeps a meeting's stored deadlines; this catches what bypassed save()
    # (a bulk update, a restored backup) so the lists' "overdue" filter stays true.
    outcome.restored = refresh_standing(meetings)
    items = list(
        Item.objects.unfinished()
        .filter(deadline__isnull=False, deadline__lt=today)
        .select_related("meeting__team", "responsible__person__user")
    )
    offices = _offices({m.team_id for m in meetings} | {i.meeting.team_id for i in items})
    supervisors = list(
        Role.objects.filter(kind=RoleKind.SUPERVISOR).select_related("user", "organisation")
    )
    for meeting in meetings:
        for stage in meeting.timeline(today):
            if stage.due is None or stage.done_on is not None:
                continue
            if stage.status is Status.OVERDUE:
                text = (
                    f"{meeting.team.display_name}：{stage.label}已逾期（截止 {stage.due:%Y-%m-%d}）"
                )
                key = f"stage-overdue:{meeting.pk}:{stage.key}:{stage.due}"
            elif 0 <= (stage.due - today).days <= SOON:
                text = f"{meeting.team.display_name}：{stage.label}将于 {stage.due:%Y-%m-%d} 到期"
                key = f"stage-soon:{meeting.pk}:{stage.key}:{stage.due}"
            else:
                continue
            for user in offices.get(meeting.team_id, []):
                _remind(outcome, user, key, text, meeting.get_absolute_url(), today)
            if stage.status is Status.OVERDUE:  # the superior's digest: what became overdue
                for user in _supervisors_above(supervisors, meeting.team):
                    _remind(outcome, user, key, text, meeting.get_absolute_url(), today)
    for item in items:
        text = (
            f"整改事项逾期：{item.meeting.team.display_name}第{item.number}项"
            f"“{item.problem[:30]}”（时限 {item.deadline:%Y-%m-%d}）"
        )
        key = f"item-overdue:{item.pk}:{item.deadline}"
        link = reverse("rectification:item_detail", args=[item.pk])
        for user in [item.responsible.person.user, *offices.get(item.meeting.team_id, [])]:
            _remind(outcome, user, key, text, link, today)
    outcome.mailed = mail_new(today)
    outcome.assessed = assess_stale()
    outcome.pruned = prune_jobs()
    return outcome


def mail_new(today: dt.date | None = None) -> int:
    """One mail a day to each person with an address, where e-mail is configured: the same
    待办 entries as the home page, then the reminders not mailed yet. Each mail is a task
    (sent at once without a worker, else by `dlm worker`, so a slow mail server holds up no
    one); returns the mails sent or queued."""
    if not getattr(settings, "DLM_MAIL_ENABLED", False):
        return 0
    from dlm.reminders.background import send_digest

    today = today or timezone.localdate()
    people = get_user_model().objects.filter(is_active=True).exclude(email="")
    sent = 0
    for user in people.exclude(dlm_digests__sent_on=today).values_list("pk", flat=True):
        result = send_digest.enqueue(user, today.isoformat())
        sent += bool(result.return_value) if result.is_finished else 1
    return sent


def send_digest_to(user, today: dt.date) -> bool:
    """The day's mail to one person, once: False when there is nothing to say or it went."""
    if Digest.objects.filter(user=user, sent_on=today).exists():
        return False
    reminders = list(Reminder.objects.filter(user=user, mailed=False, read_at__isnull=True))
    tasks = tasks_for(user, access_for(user), today)
    if not tasks and not reminders:
        return False
    send_mail("民主生活会管理：今日待办", digest_text(tasks, reminders, today), None, [user.email])
    Digest.objects.create(user=user, sent_on=today)
    Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(mailed=True)
    return True


def digest_text(tasks, reminders, today: dt.date) -> str:
    lines = []
    if tasks:
        lines.append(f"待办（{len(tasks)}）")
        for task in tasks:
            due = f"，截止 {task.due:%Y-%m-%d}" if task.due else ""
            late = "（已逾期）" if task.overdue(today) else ""
            reason = f"\n    {task.reason}" if task.reason else ""
            lines.append(f"· {task.unit}：{task.title}{due}{late}{reason}")
    if reminders:
        lines.append("")
        lines.append(f"提醒（{len(reminders)}）")
        lines += [f"· {r.text}" for r in reminders]
    return "\n".join(lines)
