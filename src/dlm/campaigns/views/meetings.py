"""Meeting pages: the list, one meeting with its timeline, its arrangements, its steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from dlm.campaigns import domain, rules
from dlm.campaigns.access import get_meeting_for_user
from dlm.campaigns.deadlines import Status, next_open
from dlm.campaigns.domain import SCHEDULE_FIELDS
from dlm.campaigns.enums import STEPS
from dlm.campaigns.forms import MeetingFilterForm, ScheduleForm, StepForm
from dlm.campaigns.models import local_today
from dlm.core.access import request_access, require
from dlm.core.audit import snapshot
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.models import AuditEntry

LIST_LIMIT = 500


@login_required
@require_safe
def meeting_list(request):
    access = request_access(request)
    filters = MeetingFilterForm(request.GET or None)
    meetings = rules.visible_meetings(access).select_related("team", "campaign")
    only_overdue = False
    if filters.is_valid():
        if filters.cleaned_data["state"]:
            meetings = meetings.filter(state=filters.cleaned_data["state"])
        if filters.cleaned_data["q"]:
            meetings = meetings.filter(team__name__contains=filters.cleaned_data["q"])
        only_overdue = filters.cleaned_data["overdue"]
    today = local_today()
    rows = []
    for meeting in meetings.order_by("-campaign__year", "campaign_id", "team__path")[:LIST_LIMIT]:
        stages = meeting.timeline(today)
        late = [s for s in stages if s.status is Status.OVERDUE]
        if only_overdue and not late:
            continue
        rows.append({"meeting": meeting, "next": next_open(stages), "overdue": late})
    return render(
        request,
        "campaigns/meeting_list.html",
        {"rows": rows, "filters": filters, "today": today, "limit": LIST_LIMIT},
    )


def step_buttons(access, meeting):
    return [
        step
        for step in STEPS.values()
        if meeting.state in step.sources
        and rules.can_take_step(access, meeting, step)
        and not (step.once and getattr(meeting, step.date_field))
    ]


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
            "can_edit": rules.can_edit_meeting(access, meeting),
            "seat": access.seat_in(meeting.team),
            "guides": guides,
            "guide_seat": next((g for g in guides if g.person.user_id == request.user.pk), None),
            "history": AuditEntry.objects.for_object(meeting)[:10],
        },
    )


@login_required
@require_safe
def meeting_history(request, pk):
    meeting = get_meeting_for_user(request, pk)
    return render(
        request,
        "campaigns/meeting_history.html",
        {"meeting": meeting, "history": AuditEntry.objects.for_object(meeting)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_meeting_for_user(request, pk, write=True)
    before = snapshot(meeting, fields=SCHEDULE_FIELDS)
    form = ScheduleForm(posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            domain.schedule_meeting(form.save(commit=False), user=request.user, before=before)
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "会议安排已保存")
            return redirect(meeting)
    return render(request, "campaigns/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_step(request, pk, step):
    meeting = get_meeting_for_user(request, pk)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404
    require(rules.can_take_step(request_access(request), meeting, chosen))
    form = StepForm(posted(request), step=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            domain.take_step(
                meeting,
                chosen.name,
                user=request.user,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, f"已{chosen.label}")
            return redirect(meeting)
    return render(
        request,
        "campaigns/meeting_step.html",
        {"form": form, "meeting": meeting, "step": chosen},
    )
