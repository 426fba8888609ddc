"""What the ledger has waiting for people (registered with ``core.tasks``): the items a
member answers for (with the reason when a 销号 was declined), closings to approve for the
principal and the superior, the office's overdue items."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from dlm.core.tasks import Task
from dlm.organisations.rules import nearest_superior, supervising_paths
from dlm.rectification import domain
from dlm.rectification.enums import ItemStatus
from dlm.rectification.models import Extension, ExtensionStatus, Item


def _name_of(user) -> str:
    """Who asked: the person's name, or the login of an account without a person."""
    person = getattr(user, "person", None)
    return person.name if person else (getattr(user, "username", "") or "")


def _superior_is_mine(item: Item, access, paths) -> bool:
    """The item's team's nearest superior is one this user supervises."""
    if not access.supervised_paths:
        return False
    nearest = nearest_superior(item.meeting.team, paths)
    return nearest is not None and nearest.path in access.supervised_paths


def responsible_tasks(user, access, today) -> list[Task]:
    seats = [seat.pk for seat in access.seats.values()]
    if not seats:
        return []
    items = list(
        Item.objects.filter(responsible_id__in=seats, status=ItemStatus.OPEN)
        .select_related("meeting__team", "meeting__campaign")
        .order_by("deadline", "pk")[:100]
    )
    reasons = domain.latest_reasons(items)
    return [
        Task(
            kind="整改",
            title=f"整改：{item.problem[:40]}",
            url=item.get_absolute_url(),
            unit=item.meeting.team.display_name,
            due=item.deadline,
            reason=reasons.get(item.pk, ""),
        )
        for item in items
    ]


def _approver_scope(access, to_team: str) -> tuple[list[int], Q]:
    """The teams the user approves for: as their principal, or as a supervisor above."""
    principal_of = [seat.team_id for seat in access.seats.values() if seat.is_principal]
    scope = Q(**{f"{to_team}_id__in": principal_of})
    if access.supervised_paths:
        scope |= access.supervised_filter(f"{to_team}__")
    return principal_of, scope


def approval_tasks(user, access, today) -> list[Task]:
    principal_of, scope = _approver_scope(access, "meeting__team")
    closing = (
        Item.objects.filter(scope, status=ItemStatus.CLOSING)
        .select_related(
            "meeting__team",
            "meeting__campaign",
            "responsible__person",
            "closing_requested_by__person",
        )
        .order_by("pk")[:200]
    )
    paths, tasks = supervising_paths(access), []
    for item in closing:
        waiting = domain.approvals_waiting(item)
        mine_as_principal = (
            domain.PRINCIPAL in waiting
            and item.meeting.team_id in principal_of
            and item.responsible.person.user_id != user.pk
            and item.closing_requested_by_id != user.pk
        )
        mine_as_superior = domain.SUPERIOR in waiting and _superior_is_mine(item, access, paths)
        if mine_as_principal or mine_as_superior:
            tasks.append(
                Task(
                    kind="审批",
                    title=f"审批销号：{item.problem[:40]}",
                    url=item.get_absolute_url(),
                    unit=item.meeting.team.display_name,
                    reason=f"{_name_of(item.closing_requested_by)}申请销号（责任人{item.responsible.person.name}）",
                    for_superior=mine_as_superior and not mine_as_principal,
                )
            )
    return tasks


def extension_tasks(user, access, today) -> list[Task]:
    """申请延期 waiting for this user's decision: the principal's, or the nearest superior's
    on the principal's own items; never one's own request."""
    principal_of, scope = _approver_scope(access, "item__meeting__team")
    pending = (
        Extension.objects.filter(scope, status=ExtensionStatus.PENDING, item__status="open")
        .exclude(asked_by=user)
        .exclude(item__responsible__person__user=user)
        .select_related(
            "item__meeting__team",
            "item__meeting__campaign",
            "item__responsible__person",
            "asked_by__person",
        )
        .order_by("pk")[:200]
    )
    paths, tasks = supervising_paths(access), []
    for extension in pending:
        item = extension.item
        decider = domain.extension_decider(item)
        if (
            item.meeting.team_id in principal_of
            if decider == domain.PRINCIPAL
            else _superior_is_mine(item, access, paths)
        ):
            tasks.append(
                Task(
                    kind="审批",
                    title=f"审批延期：{item.problem[:40]}",
                    url=item.get_absolute_url(),
                    unit=item.meeting.team.display_name,
                    due=extension.old_deadline,
                    reason=(
                        f"{_name_of(extension.asked_by)}申请延至{extension.new_deadline:%Y-%m-%d}"
                        f"（责任人{item.responsible.person.name}）：{extension.reason[:60]}"
                    ),
                    for_superior=decider == domain.SUPERIOR,
                )
            )
    return tasks


def office_tasks(user, access, today) -> list[Task]:
    """One line per ledger with items overdue now; each item sent back (a declined closing,
    a reopening) for the office to follow up."""
    if not access.office_org_ids:
        return []
    sent_back = list(
        Item.objects.filter(meeting__team_id__in=access.office_org_ids, status=ItemStatus.OPEN)
        .select_related("meeting__team", "responsible__person")
        .order_by("pk")[:200]
    )
    reasons = domain.latest_reasons(sent_back)
    follow_up = [
        Task(
            kind="跟进",
            title=f"跟进第{item.number}项（责任人{item.responsible.person.name}）",
            url=item.get_absolute_url(),
            unit=item.meeting.team.display_name,
            due=item.deadline,
            reason=reasons[item.pk],
        )
        for item in sent_back
        if item.pk in reasons
    ]
    overdue = (
        Item.objects.unfinished()
        .filter(meeting__team_id__in=access.office_org_ids, deadline__lt=today)
        .values("meeting_id", "meeting__team__name", "meeting__team__short_name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return follow_up + [
        Task(
            kind="督促",
            title=f"整改事项逾期{row['n']}项",
            url=reverse("rectification:meeting_ledger", args=[row["meeting_id"]])
            + "?status=overdue",
            unit=row["meeting__team__short_name"] or row["meeting__team__name"],
            due=today,
        )
        for row in overdue
    ]
