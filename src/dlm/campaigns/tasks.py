"""What the meetings have waiting for people (registered with ``core.tasks``)."""

from __future__ import annotations

from django.db.models import Q

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.campaigns.process import STEPS
from dlm.core.tasks import Task
from dlm.organisations.rules import nearest_superior, supervising_paths

# The notes that send the plan back to the office: its words are the reason.
SENT_BACK = {"return_plan", "query_offline_approval"}


def office_tasks(user, access, today) -> list[Task]:
    """The office's next deadline for each of its meetings, and a plan that came back."""
    tasks = []
    meetings = (
        Meeting.objects.filter(team_id__in=access.office_org_ids)
        .exclude(state=MeetingState.CLOSED)
        .select_related("team", "campaign")
    )
    for meeting in meetings:
        stages = {stage.key: stage for stage in meeting.timeline(today)}
        upcoming = stages.get(meeting.next_stage)
        reason = ""
        if meeting.state == MeetingState.PLANNING and meeting.plan_note_step in SENT_BACK:
            reason = f"{meeting.plan_note_label}：{meeting.plan_note}"
        if upcoming is None and not reason:
            continue
        title = upcoming.label if upcoming else "修改方案后重新报送"
        if upcoming and upcoming.key == "meeting" and meeting.date:
            title += f"（计划 {meeting.date:%Y-%m-%d}，最迟 {upcoming.due:%Y-%m-%d}）"
        tasks.append(
            Task(
                kind="下一项",
                title=title,
                url=meeting.get_absolute_url(),
                unit=meeting.team.display_name,
                due=(meeting.date if upcoming and upcoming.key == "meeting" else None)
                or (upcoming.due if upcoming else None),
                reason=reason,
            )
        )
    return tasks


def superior_tasks(user, access, today) -> list[Task]:
    """Plans waiting for approval (again, after a moved date) and offline approvals to
    confirm, for the nearest superior of each team."""
    if not access.supervised_paths:
        return []
    waiting = (
        Meeting.objects.filter(access.supervised_filter("team__"))
        .filter(
            Q(state=MeetingState.PLAN_SUBMITTED)
            | Q(plan_approved_offline=True, plan_approval_confirmed_on__isnull=True)
        )
        .select_related("team", "campaign")
        .order_by("plan_submitted_on")[:200]
    )
    paths, tasks = supervising_paths(access), []
    for meeting in waiting:
        nearest = nearest_superior(meeting.team, paths)
        if nearest is None or nearest.path not in access.supervised_paths:
            continue
        for name in ("approve_plan", "confirm_offline_approval"):
            step = STEPS[name]
            if step.is_offered(meeting):
                tasks.append(
                    Task(
                        kind="审定" if name == "approve_plan" else "确认",
                        title=step.label,
                        url=step.form_url(meeting),
                        unit=meeting.team.display_name,
                        since=meeting.plan_submitted_on,
                        reason=meeting.plan_note if meeting.plan_note_step else "",
                        for_superior=True,
                    )
                )
    return tasks
