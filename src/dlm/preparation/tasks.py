"""What the materials have waiting for people (registered with ``core.tasks``): outlines
to review for the principal, the guidance group and the superior; an outline returned to
its author, with the reviewer's words; an outline still to write."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.core.tasks import Task
from dlm.organisations.rules import nearest_superior, supervising_paths
from dlm.preparation.enums import MaterialStatus
from dlm.preparation.models import Material
from dlm.preparation.overview import preparation


def review_tasks(user, access, today) -> list[Task]:
    principal_of = [seat.team_id for seat in access.seats.values() if seat.is_principal]
    mine = [seat.pk for seat in access.seats.values()]
    scope = (
        Q(meeting__team_id__in=principal_of, author__isnull=False) & ~Q(author_id__in=mine)
    ) | Q(meeting_id__in=access.guided_meeting_ids)
    if access.supervised_paths:  # the principal's own and the team material: the superior's
        scope |= access.supervised_filter("meeting__team__") & (
            Q(author__isnull=True) | Q(author__is_principal=True)
        )
    waiting = (
        Material.objects.filter(scope, status=MaterialStatus.SUBMITTED)
        .select_related("meeting__team", "author__person")
        .prefetch_related("reviews")
        .order_by("id")[:200]
    )
    paths, tasks = supervising_paths(access), []
    for material in waiting:
        team = material.meeting.team
        by_principal = material.meeting.team_id in principal_of
        guiding = material.meeting_id in access.guided_meeting_ids
        if not (by_principal or guiding):
            nearest = nearest_superior(team, paths)
            if nearest is None or nearest.path not in access.supervised_paths:
                continue
        earlier = next(iter(material.reviews.all()), None)
        tasks.append(
            Task(
                kind="审阅",
                reason=f"再次送审；上次退回意见：{earlier.comment}"
                if earlier is not None and earlier.decision == "returned"
                else "",
                title=f"审阅{material.title}",
                url=material.get_absolute_url(),
                unit=team.display_name,
                due=material.meeting.date,
                for_superior=not by_principal,
            )
        )
    return tasks


def author_tasks(user, access, today) -> list[Task]:
    """A member's own outline: returned with the reviewer's words, or still to be written
    and sent for review before the meeting."""
    seats = [seat.pk for seat in access.seats.values()]
    if not seats:
        return []
    tasks = []
    own = (
        Material.objects.filter(author_id__in=seats, meeting__held_on__isnull=True)
        .exclude(status__in=[MaterialStatus.SUBMITTED, MaterialStatus.APPROVED])
        .select_related("meeting__team")
        .prefetch_related("reviews")
    )
    for material in own:
        review = next(iter(material.reviews.all()), None)
        returned = material.status == MaterialStatus.RETURNED and review is not None
        tasks.append(
            Task(
                kind="修改" if returned else "撰写",
                title=f"{'修改' if returned else '完成并送审'}{material.title}",
                url=material.get_absolute_url(),
                unit=material.meeting.team.display_name,
                due=(review.resubmit_by if returned else None) or material.meeting.date,
                reason=f"{review.reviewer_name}：{review.comment}" if returned else "",
            )
        )
    written = set(own.values_list("meeting_id", flat=True)) | set(
        Material.objects.filter(author_id__in=seats).values_list("meeting_id", flat=True)
    )
    for seat in access.seats.values():
        for meeting in seat.team.meetings.filter(state=MeetingState.PREPARING).exclude(
            pk__in=written
        ):
            tasks.append(
                Task(
                    kind="撰写",
                    title="撰写个人发言提纲并送审",
                    url=meeting.get_absolute_url(),
                    unit=seat.team.display_name,
                    due=meeting.date,
                )
            )
    return tasks


def office_tasks(user, access, today) -> list[Task]:
    """Before the meeting, what the office still has to get done (the preparation page's
    missing list), due on the meeting day."""
    if not access.office_org_ids:
        return []
    tasks = []
    meetings = Meeting.objects.filter(
        team_id__in=access.office_org_ids, state=MeetingState.PREPARING
    ).select_related("team")
    for meeting in meetings:
        missing = preparation(meeting).missing
        if missing:
            tasks.append(
                Task(
                    kind="会前准备",
                    title=f"会前准备未完成{len(missing)}项",
                    url=reverse("preparation:meeting_preparation", args=[meeting.pk]),
                    unit=meeting.team.display_name,
                    due=meeting.date,
                    reason="；".join(missing),
                )
            )
    return tasks
