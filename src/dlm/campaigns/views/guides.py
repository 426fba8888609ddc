"""The guidance group of one meeting: listed for all who read the meeting, named and
withdrawn by the superior above the team."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dlm.campaigns import guides, rules
from dlm.campaigns.access import get_meeting_for_user
from dlm.campaigns.forms import GuideForm
from dlm.campaigns.models import MeetingGuide
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted


@login_required
@require_http_methods(["GET", "POST"])
def meeting_guides(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    can_assign = rules.can_assign_guides(access, meeting)
    form = None
    if can_assign:
        form = GuideForm(posted(request), people=guides.candidates(access, meeting))
    elif request.method == "POST":
        require(False)
    if request.method == "POST" and form.is_valid():
        try:
            guides.assign_guide(
                meeting, form.cleaned_data["person"], form.cleaned_data["duty"], user=request.user
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, f"已派出{form.cleaned_data['person'].name}")
            return redirect("campaigns:meeting_guides", pk=meeting.pk)
    return render(
        request,
        "campaigns/meeting_guides.html",
        {
            "meeting": meeting,
            "guides": meeting.guides.select_related("person__organisation"),
            "form": form,
            "can_assign": can_assign,
        },
    )


@login_required
@require_POST
def meeting_guide_remove(request, pk, guide_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_assign_guides(request_access(request), meeting))
    guide = get_object_or_404(
        MeetingGuide.objects.select_related("person"), pk=guide_pk, meeting=meeting
    )
    try:
        guides.remove_guide(guide, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"已撤回{guide.person.name}")
    return redirect("campaigns:meeting_guides", pk=meeting.pk)
