"""A 提醒 / 督办 / 预警 not yet answered: first in the team office's 待办 (core.tasks)."""

from __future__ import annotations

from django.urls import reverse

from dlm.core.tasks import Task
from dlm.supervision.models import Urging


def office_tasks(user, access, today) -> list[Task]:
    if not access.office_org_ids:
        return []
    waiting = (
        Urging.objects.filter(meeting__team_id__in=access.office_org_ids, answered_on__isnull=True)
        .select_related("meeting__team")
        .order_by("meeting_id", "-id")
    )
    latest = {}  # one answer for a meeting: the latest level, the earlier ones with it
    for urging in waiting:
        latest.setdefault(urging.meeting_id, urging)
    return [
        Task(
            kind=urging.get_level_display(),
            title=f"答复{urging.sender}的{urging.get_level_display()}",
            url=reverse("supervision:meeting_urgings", args=[urging.meeting_id]),
            unit=urging.meeting.team.display_name,
            due=urging.reply_by or today,
            reason=urging.text,
        )
        for urging in latest.values()
    ]
