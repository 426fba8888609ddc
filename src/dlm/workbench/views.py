"""The home page (工作台): 待办 first — what each person must do now, most urgent first, with
the reason when something came back —, then for supervisors what is overdue in their
subtree, then 提醒 with true counts, 已办, and the meetings of one's own units.

The entries come from the apps (``core.tasks``): this app only gathers and shows them.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dlm.campaigns import rules as campaign_rules
from dlm.campaigns.deadlines import Status, next_open
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import local_today
from dlm.core.access import request_access
from dlm.core.models import AuditEntry
from dlm.core.tasks import tasks_for
from dlm.preparation.enums import MaterialStatus
from dlm.reminders.models import Reminder

ROWS = 50
REMINDERS_SHOWN = 10


@login_required
@require_safe
def home(request):
    access = request_access(request)
    today = local_today()
    tasks = tasks_for(request.user, access, today)
    visible = campaign_rules.visible_meetings(access)
    own = visible.filter(team_id__in=[*access.office_org_ids, *access.seats]).select_related(
        "team", "campaign"
    )
    unread = Reminder.objects.filter(user=request.user, read_at__isnull=True)
    context = {
        "tasks": [t for t in tasks if not t.for_superior],
        "came_up": [t for t in tasks if t.for_superior],
        "today": today,
        "own_rows": own_rows(access, own, today),
        "guided_rows": guided_meetings(access, visible),
        "reminders": list(unread[:REMINDERS_SHOWN]),
        "unread": unread.count(),
        "done": AuditEntry.objects.filter(actor=request.user)
        .exclude(action__startswith="core.session")
        .order_by("-at", "-id")[:10],
        "supervised_orgs": access.supervised_orgs,
    }
    if access.supervised_paths:
        below = visible.exclude(team_id__in=[*access.office_org_ids, *access.seats])
        by_state = dict(below.values_list("state").annotate(n=Count("id")).order_by())
        context["supervised"] = [
            (label, by_state.get(value, 0), value) for value, label in MeetingState.choices
        ]
        context["late"] = overdue_rows(below, today)
    return render(request, "workbench/home.html", context)


@login_required
@require_safe
def done(request):
    """已办: everything the user did, newest first, as sentences."""
    entries = (
        AuditEntry.objects.filter(actor=request.user)
        .exclude(action__startswith="core.session")
        .order_by("-at", "-id")
    )
    page = Paginator(entries, ROWS).get_page(request.GET.get("page"))
    return render(request, "workbench/done.html", {"page": page})


def guided_meetings(access, visible):
    """The meetings the user guides, with the materials waiting for review."""
    if not access.guided_meeting_ids:
        return []
    return list(
        visible.filter(pk__in=access.guided_meeting_ids)
        .exclude(state=MeetingState.CLOSED)
        .select_related("team", "campaign")
        .annotate(
            waiting_review=Count("materials", filter=Q(materials__status=MaterialStatus.SUBMITTED))
        )[:ROWS]
    )


def own_rows(access, own, today):
    rows = []
    for meeting in own.exclude(state=MeetingState.CLOSED)[:ROWS]:
        stages = meeting.timeline(today)
        rows.append(
            {
                "meeting": meeting,
                "next": next_open(stages),
                "overdue": [s for s in stages if s.status is Status.OVERDUE],
                "seat": access.seats.get(meeting.team_id),
            }
        )
    return rows


def overdue_rows(meetings, today):
    """Teams with a deadline passed and the work not done, found by the database."""
    late = (
        meetings.filter(earliest_due_on__lt=today)
        .select_related("team", "campaign")
        .order_by("earliest_due_on", "team__path")[:ROWS]
    )
    return [
        {
            "meeting": meeting,
            "overdue": [s for s in meeting.timeline(today) if s.status is Status.OVERDUE],
        }
        for meeting in late
    ]
