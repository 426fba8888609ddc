"""The office's simple registers of a meeting: study sessions (学习研讨) and typical cases
(典型事例), and the one-page preparation view."""

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
from dlm.preparation import rules
from dlm.preparation.forms import StudySessionForm, TypicalCaseForm
from dlm.preparation.models import StudySession, TypicalCase
from dlm.preparation.overview import preparation


def _register(request, pk, *, form_class, action, done, url_name, template, listing, context):
    """A list the office adds to: the form saves one row (with its people) and logs it."""
    meeting = get_meeting_for_user(request, pk)
    can_manage = request_access(request).is_office_of(meeting.team)
    form = form_class(posted(request), meeting=meeting) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            with transaction.atomic():
                row = form.save(commit=False)
                row.meeting = meeting
                row.save()
                form.save_m2m()
                log_action(
                    action,
                    user=request.user,
                    target=row,
                    organisation=meeting.team,
                    data={"title": str(row)},
                )
            messages.success(request, done)
            return redirect(url_name, pk=meeting.pk)
    return render(request, template, {"meeting": meeting, context: listing(meeting), "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_study(request, pk):
    return _register(
        request,
        pk,
        form_class=StudySessionForm,
        action="preparation.study.recorded",
        done="学习研讨已登记",
        url_name="preparation:meeting_study",
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
        action="preparation.case.recorded",
        done="典型事例已登记",
        url_name="preparation:meeting_cases",
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
