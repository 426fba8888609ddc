"""Meeting pages: the list, one meeting with its timeline, its arrangements, its steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from dlm.campaigns import domain, rules
from dlm.campaigns.access import get_meeting_for_user
from dlm.campaigns.deadlines import Status, next_open
from dlm.campaigns.domain import SCHEDULE_FIELDS
from dlm.campaigns.enums import Actor
from dlm.campaigns.forms import LaterDateForm, MeetingFilterForm, ScheduleForm, StepForm
from dlm.campaigns.links import HISTORY_PARTS, links_for
from dlm.campaigns.models import OfflineApproval, local_today
from dlm.campaigns.process import STEP_PAGE, STEPS
from dlm.core.access import request_access, require
from dlm.core.audit import snapshot
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.http import attachment
from dlm.core.models import AuditEntry
from dlm.organisations.rules import nearest_superior, supervising_paths

PAGE_SIZE = 50
SORTS = {
    "": ("-campaign__year", "campaign_id", "team__path"),
    "due": (F("next_due_on").asc(nulls_last=True), "team__path"),
    "name": ("team__name", "-campaign__year"),
}


def filtered_meetings(access, filters: MeetingFilterForm, today):
    """The meetings the user sees, filtered and sorted by the database: the stored
    deadlines (``Meeting.earliest_due_on``, ``late_stages``) make "overdue now" a query."""
    meetings = rules.visible_meetings(access).select_related("team", "campaign")
    data = filters.cleaned_data if filters.is_valid() else {}
    if data.get("state"):
        meetings = meetings.filter(state=data["state"])
    if data.get("q"):  # the full name or the short one people use ("区卫健局")
        meetings = meetings.filter(
            Q(team__name__contains=data["q"]) | Q(team__short_name__contains=data["q"])
        )
    timing = data.get("timing") or ("overdue" if filters.data.get("overdue") else "")
    if timing == "overdue":
        meetings = meetings.filter(earliest_due_on__lt=today)
    elif timing == "done_late":
        meetings = meetings.filter(late_stages__gt=0)
    return meetings.order_by(*SORTS[data.get("sort") or ""]), timing


@login_required
@require_safe
def meeting_list(request):
    access = request_access(request)
    filters = MeetingFilterForm(request.GET or None)
    today = local_today()
    meetings, timing = filtered_meetings(access, filters, today)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for meeting in page:
        stages = meeting.timeline(today)
        rows.append(
            {
                "meeting": meeting,
                "next": next_open(stages),
                "overdue": [s for s in stages if s.status is Status.OVERDUE],
                "late": [s for s in stages if s.status is Status.DONE_LATE],
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "campaigns/meeting_list.html",
        {
            "rows": rows,
            "page": page,
            "filters": filters,
            "timing": timing,
            "today": today,
            "query": query.urlencode(),
        },
    )


def step_buttons(access, meeting) -> list[tuple[object, str]]:
    """The steps this user may take now, each with the page that shows its form."""
    buttons = []
    for step in STEPS.values():
        url = step.form_url(meeting)
        if url and step.is_offered(meeting) and rules.can_take_step(access, meeting, step):
            buttons.append((step, url))
    # the expected next step first; the occasional and the warning-coloured after it
    return sorted(buttons, key=lambda button: (button[0].danger, button[0].quiet))


@login_required
@require_safe
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    today = local_today()
    guides = list(meeting.guides.select_related("person"))
    return render(
        request,
        "campaigns/meeting_detail.html",
        {
            "meeting": meeting,
            "stages": meeting.timeline(today),
            "today": today,
            "members": meeting.team.team_members.active().select_related("person", "own_branch"),
            "aspects": meeting.campaign.aspects.all(),
            "steps": step_buttons(access, meeting),
            "links": links_for(access, meeting),
            "can_edit": rules.can_edit_meeting(access, meeting),
            "can_allow_later": rules.can_allow_later_date(access, meeting),
            "offline": meeting.offline_approvals.first() if meeting.plan_approved_offline else None,
            "seat": access.seat_in(meeting.team),
            "guides": guides,
            "guide_seat": next((g for g in guides if g.person.user_id == request.user.pk), None),
            "history": AuditEntry.objects.for_object(meeting)[:10],
        },
    )


@login_required
@require_safe
def meeting_history(request, pk):
    """Everything done on the meeting and on its parts (ledger items, materials), newest
    first. The parts' entries are shown only to those who read all of them."""
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    entries = AuditEntry.objects.for_object(meeting)
    if access.is_office_of(meeting.team) or access.supervises(meeting.team):
        wanted = Q(pk__in=entries.values("pk"))
        for part in HISTORY_PARTS:
            wanted |= part(meeting)
        entries = AuditEntry.objects.filter(wanted)
    return render(
        request,
        "campaigns/meeting_history.html",
        {"meeting": meeting, "history": entries.order_by("-at", "-id")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_meeting_for_user(request, pk, write=True)
    state_before = meeting.state
    before = snapshot(meeting, fields=SCHEDULE_FIELDS)
    form = ScheduleForm(posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            domain.schedule_meeting(
                form.save(commit=False),
                user=request.user,
                before=before,
                revision=form.posted_revision(),
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            meeting.refresh_from_db(fields=["state"])
            if meeting.state != state_before:
                messages.warning(
                    request,
                    "会议安排已保存。方案审定后调整了会期，方案已重新报上级确认；"
                    "上级确认前不能登记召开",
                )
            else:
                messages.success(request, "会议安排已保存")
            return redirect(meeting)
    return render(request, "campaigns/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_step(request, pk, step):
    """The page of every step the table gives to it (``process.STEP_PAGE``); the report's
    steps are taken on the report page, a moved date's reconfirmation by the schedule."""
    meeting = get_meeting_for_user(request, pk)
    chosen = STEPS.get(step)
    if chosen is None or chosen.page != STEP_PAGE:
        raise Http404
    require(rules.can_take_step(request_access(request), meeting, chosen))
    form = StepForm(posted(request), request.FILES or None, step=chosen, meeting=meeting)
    nearest = nearest_superior(meeting.team, supervising_paths())
    above_nearest = (
        chosen.actor == Actor.SUPERVISOR
        and nearest is not None
        and nearest.path not in request_access(request).supervised_paths
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.take_step(
                meeting,
                chosen.name,
                user=request.user,
                on=form.cleaned_data.get("on"),
                note=form.cleaned_data["note"],
                evidence=form.evidence(),
            )
        except Refused as refusal:
            if domain.just_taken(meeting, chosen, request.user):  # a second click, or back
                messages.info(request, f"已{chosen.label}（重复提交，未再次办理）")
                return redirect(meeting)
            attach_refusal(form, refusal)
        else:
            superior = nearest.display_name if nearest else ""
            messages.success(request, chosen.done_message(meeting.team.display_name, superior))
            return redirect(meeting)
    return render(
        request,
        "campaigns/meeting_step.html",
        {
            "form": form,
            "meeting": meeting,
            "step": chosen,
            "unavailable": domain.unavailable(meeting, chosen),
            "notes": chosen.notes_for(meeting),
            "nearest": nearest if above_nearest else None,
            "offline": meeting.offline_approvals.first()
            if chosen.answers == "approve_plan_offline"
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_allow_later(request, pk):
    """The superior lets this team hold its meeting after the notice's latest date."""
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_allow_later_date(request_access(request), meeting))
    initial = {"until": meeting.latest_date_allowed, "reason": meeting.latest_date_reason}
    form = LaterDateForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            domain.allow_later_date(
                meeting, form.cleaned_data["until"], form.cleaned_data["reason"], user=request.user
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, f"已准予推迟至 {form.cleaned_data['until']:%Y-%m-%d} 前召开")
            return redirect(meeting)
    return render(request, "campaigns/meeting_later.html", {"form": form, "meeting": meeting})


@login_required
@require_safe
def offline_scan(request, pk, approval_pk):
    """The scanned approval form an office attached to a 线下审定: read by the meeting's
    readers, the superior who confirms or queries it first among them."""
    meeting = get_meeting_for_user(request, pk)
    approval = get_object_or_404(OfflineApproval, pk=approval_pk, meeting=meeting)
    if not approval.scan_name:
        raise Http404
    return attachment(approval.scan_name, "application/octet-stream", bytes(approval.scan))
