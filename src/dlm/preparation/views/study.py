"""Study sessions (学习研讨) of a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.audit import log_action
from dlm.core.forms import posted
from dlm.preparation.forms import StudySessionForm, TypicalCaseForm
from dlm.preparation.models import StudySession, TypicalCase
from dlm.preparation.overview import preparation


@login_required
@require_http_methods(["GET", "POST"])
def meeting_study(request, pk):
    meeting = get_meeting_for_user(request, pk)
    can_manage = request_access(request).is_office_of(meeting.team)
    form = StudySessionForm(posted(request), meeting=meeting) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            with transaction.atomic():
                session = form.save(commit=False)
                session.meeting = meeting
                session.save()
                form.save_m2m()
                log_action(
                    "preparation.study.recorded",
                    user=request.user,
                    target=session,
                    organisation=meeting.team,
                    data={"topic": session.topic, "attendees": session.attendees.count()},
                )
            messages.success(request, "学习研讨已登记")
            return redirect("preparation:meeting_study", pk=meeting.pk)
    sessions = StudySession.objects.filter(meeting=meeting).prefetch_related("attendees__person")
    return render(
        request,
        "preparation/meeting_study.html",
        {"meeting": meeting, "sessions": sessions, "form": form},
    )


@login_required
@require_http_methods(["GET"])
def meeting_preparation(request, pk):
    """One page with every preparation step's count and what is still missing."""
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    # Counts of talks and opinions are the office's and the supervisors' business.
    require(access.is_office_of(meeting.team) or access.supervises(meeting.team))
    return render(
        request,
        "preparation/meeting_preparation.html",
        {"meeting": meeting, "prep": preparation(meeting)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cases(request, pk):
    meeting = get_meeting_for_user(request, pk)
    can_manage = request_access(request).is_office_of(meeting.team)
    form = TypicalCaseForm(posted(request), meeting=meeting) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            with transaction.atomic():
                case = form.save(commit=False)
                case.meeting = meeting
                case.save()
                form.save_m2m()
                log_action(
                    "preparation.case.recorded",
                    user=request.user,
                    target=case,
                    organisation=meeting.team,
                    data={"title": case.title},
                )
            messages.success(request, "典型事例已登记")
            return redirect("preparation:meeting_cases", pk=meeting.pk)
    cases = TypicalCase.objects.filter(meeting=meeting).prefetch_related("members__person")
    return render(
        request,
        "preparation/meeting_cases.html",
        {"meeting": meeting, "cases": cases, "form": form},
    )
