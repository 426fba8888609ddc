"""The office's simple registers of a meeting: study sessions (学习研讨) and typical cases
(典型事例), and the one-page preparation view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.preparation import registers, rules
from dlm.preparation.forms import StudySessionForm, TypicalCaseForm
from dlm.preparation.models import StudySession, TypicalCase
from dlm.preparation.overview import preparation


def _register(request, pk, *, form_class, register, done, template, listing, context):
    """A list the office adds to (``preparation.registers.record``); the rows in force, and
    the voided ones apart with their reasons."""
    meeting = get_meeting_for_user(request, pk)
    can_manage = request_access(request).is_office_of(meeting.team)
    form = form_class(posted(request), meeting=meeting) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            try:
                registers.record(registers.REGISTERS[register], meeting, form, user=request.user)
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(request, done)
                return redirect(registers.REGISTERS[register].list_url, pk=meeting.pk)
    rows = list(listing(meeting))
    return render(
        request,
        template,
        {
            "meeting": meeting,
            context: [r for r in rows if not r.voided],
            "voided": [r for r in rows if r.voided],
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_study(request, pk):
    return _register(
        request,
        pk,
        form_class=StudySessionForm,
        register="study",
        done="学习研讨已登记",
        template="preparation/meeting_study.html",
        listing=lambda m: StudySession.objects.filter(meeting=m).prefetch_related(
            "attendees__person"
        ),
        context="sessions",
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cases(request, pk):
    return _register(
        request,
        pk,
        form_class=TypicalCaseForm,
        register="case",
        done="典型事例已登记",
        template="preparation/meeting_cases.html",
        listing=lambda m: TypicalCase.objects.filter(meeting=m).prefetch_related("members__person"),
        context="cases",
    )


@login_required
@require_http_methods(["GET"])
def meeting_preparation(request, pk):
    """One page with every preparation step's count and what is still missing."""
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    require(rules.can_see_overview(access, meeting))
    return render(
        request,
        "preparation/meeting_preparation.html",
        {"meeting": meeting, "prep": preparation(meeting)},
    )
