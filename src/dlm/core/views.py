"""The dashboard: what each user has to do next, by role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dlm.campaigns import rules as campaign_rules
from dlm.campaigns.deadlines import Status, next_open
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import local_today
from dlm.campaigns.process import STEPS
from dlm.core.access import request_access
from dlm.organisations.rules import nearest_superior, supervising_paths
from dlm.preparation.enums import MaterialStatus
from dlm.rectification.models import Item
from dlm.reminders.models import Reminder

DASHBOARD_ROWS = 50
AFTER_REPORT = [MeetingState.REPORTED, MeetingState.RECTIFYING, MeetingState.CLOSED]


@login_required
@require_safe
def dashboard(request):
    access = request_access(request)
    today = local_today()
    visible = campaign_rules.visible_meetings(access)
    own = visible.filter(team_id__in=[*access.office_org_ids, *access.seats]).select_related(
        "team", "campaign"
    )
    own_rows = []
    for meeting in own.exclude(state=MeetingState.CLOSED)[:DASHBOARD_ROWS]:
        stages = meeting.timeline(today)
        own_rows.append(
            {
                "meeting": meeting,
                "next": next_open(stages),
                "overdue": [s for s in stages if s.status is Status.OVERDUE],
                "seat": access.seats.get(meeting.team_id),
                "is_office": access.is_office_of(meeting.team),
            }
        )
    guided_rows = guided_meetings(access, visible)
    my_items = responsible_items(access, today)
    reminders = list(
        Reminder.objects.filter(user=request.user, read_at__isnull=True)[:DASHBOARD_ROWS]
    )
    supervised = awaiting = late = None
    if access.supervised_paths:
        below = visible.exclude(team_id__in=[*access.office_org_ids, *access.seats])
        by_state = dict(below.values_list("state").annotate(n=Count("id")).order_by())
        supervised = [
            (label, by_state.get(value, 0), value) for value, label in MeetingState.choices
        ]
        awaiting = supervisor_work(access, below)
        late = overdue_rows(below, today)
    return render(
        request,
        "core/dashboard.html",
        {
            "own_rows": own_rows,
            "guided_rows": guided_rows,
            "my_items": my_items,
            "reminders": reminders,
            "supervised": supervised,
            "awaiting": awaiting,
            "late": late,
            "supervised_orgs": access.supervised_orgs,
            "today": today,
        },
    )


@require_safe
def healthz(request):
    """Liveness for the process supervisor; says nothing about any organisation."""
    return HttpResponse("ok", content_type="text/plain")


def responsible_items(access, today):
    """Rectification items the user answers for, overdue first."""
    if not access.seats:
        return []
    seat_ids = [seat.pk for seat in access.seats.values()]
    items = list(
        Item.objects.unfinished()
        .filter(responsible_id__in=seat_ids)
        .select_related("meeting__team", "meeting__campaign")
        .order_by("deadline", "pk")[:DASHBOARD_ROWS]
    )
    return sorted(items, key=lambda item: not item.is_overdue(today))


def guided_meetings(access, visible):
    """Meetings the user guides, with the materials waiting for review."""
    if not access.guided_meeting_ids:
        return []
    return list(
        visible.filter(pk__in=access.guided_meeting_ids)
        .exclude(state=MeetingState.CLOSED)
        .select_related("team", "campaign")
        .annotate(
            waiting_review=Count("materials", filter=Q(materials__status=MaterialStatus.SUBMITTED))
        )[:DASHBOARD_ROWS]
    )


def supervisor_work(access, meetings):
    """Meetings waiting for the superior: plans to approve (or to confirm after a moved
    date), offline approvals to confirm, reports to acknowledge."""
    waiting = meetings.filter(
        Q(state=MeetingState.PLAN_SUBMITTED)
        | Q(plan_approved_offline=True, plan_approval_confirmed_on__isnull=True)
        | Q(state__in=AFTER_REPORT, report_received_on__isnull=True)
    ).select_related("team", "campaign")
    rows = []
    paths = supervising_paths()
    for meeting in waiting.order_by("plan_submitted_on", "reported_on")[:DASHBOARD_ROWS]:
        # the nearest superior's work: the city reads the streets but the district approves
        nearest = nearest_superior(meeting.team, paths)
        if nearest is None or nearest.path not in access.supervised_paths:
            continue
        step = next(
            (
                STEPS[name]
                for name in ("approve_plan", "confirm_offline_approval", "receive_report")
                if STEPS[name].is_offered(meeting)
            ),
            None,
        )
        if step is not None:
            rows.append({"meeting": meeting, "step": step, "url": step.form_url(meeting)})
    return rows


def overdue_rows(meetings, today):
    """Meetings with a deadline passed and the work not done, found by the database."""
    late = (
        meetings.filter(earliest_due_on__lt=today)
        .select_related("team", "campaign")
        .order_by("earliest_due_on", "team__path")[:DASHBOARD_ROWS]
    )
    return [
        {
            "meeting": meeting,
            "overdue": [s for s in meeting.timeline(today) if s.status is Status.OVERDUE],
        }
        for meeting in late
    ]
