"""What the report has waiting for people (registered with ``core.tasks``): a report the
superior returned, with its words, for the office; packages to acknowledge or return for the
nearest superior."""

from __future__ import annotations

from django.urls import reverse

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.core.tasks import Task
from dlm.organisations.rules import nearest_superior, supervising_paths
from dlm.reporting.models import Package, PackageStatus

AFTER_REPORT = [MeetingState.REPORTED, MeetingState.RECTIFYING, MeetingState.CLOSED]


def office_tasks(user, access, today) -> list[Task]:
    if not access.office_org_ids:
        return []
    returned = (
        Package.objects.filter(
            meeting__team_id__in=access.office_org_ids,
            meeting__state=MeetingState.HELD,
            status=PackageStatus.RETURNED,
        )
        .select_related("meeting__team")
        .defer("content")
        .order_by("meeting_id", "-id")
        .distinct()
    )
    seen, tasks = set(), []
    for package in returned:
        if package.meeting_id in seen:
            continue
        seen.add(package.meeting_id)
        meeting = package.meeting
        stage = next((s for s in meeting.timeline(today) if s.key == "report"), None)
        tasks.append(
            Task(
                kind="报送",
                title="修改并重新报送情况报告",
                url=reverse("reporting:meeting_reports", args=[meeting.pk]),
                unit=meeting.team.display_name,
                due=stage.due if stage else None,
                reason=f"上级于{package.decided_on:%Y-%m-%d}退回：{package.decision_note}",
            )
        )
    return tasks


def superior_tasks(user, access, today) -> list[Task]:
    """Reports sent up and not yet answered, for the nearest superior of each team."""
    if not access.supervised_paths:
        return []
    reported = (
        Meeting.objects.filter(access.supervised_filter("team__"))
        .filter(state__in=AFTER_REPORT, report_received_on__isnull=True)
        .select_related("team")
        .order_by("reported_on")[:200]
    )
    paths, tasks = supervising_paths(access), []
    for meeting in reported:
        nearest = nearest_superior(meeting.team, paths)
        if nearest is None or nearest.path not in access.supervised_paths:
            continue
        tasks.append(
            Task(
                kind="确认",
                title="确认收到报告",
                url=reverse("reporting:meeting_reports", args=[meeting.pk]),
                unit=meeting.team.display_name,
                since=meeting.reported_on,
                for_superior=True,
            )
        )
    return tasks
