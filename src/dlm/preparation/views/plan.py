"""The plan page: drafted from the campaign, edited by the office, exported as .docx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.campaigns.process import STEPS
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.http import attachment
from dlm.documents import plan as plan_document
from dlm.preparation import plans
from dlm.preparation.forms import PlanForm
from dlm.preparation.models import Plan


@login_required
@require_http_methods(["GET", "POST"])
def meeting_plan(request, pk):
    meeting = get_meeting_for_user(request, pk)
    is_office = request_access(request).is_office_of(meeting.team)
    can_edit = is_office and meeting.state == plans.EDITABLE
    plan = Plan.objects.filter(meeting=meeting).first()
    if request.method == "POST":
        require(is_office)
    initial = None if plan else plans.draft(meeting)
    form = PlanForm(posted(request), instance=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in plans.PLAN_FIELDS}
        try:
            plans.save_plan(meeting, values, user=request.user, revision=form.posted_revision())
        except Refused as refusal:
            attach_refusal(form, refusal)
            can_edit = True  # keep what was typed on screen, whatever the refusal
        else:
            messages.success(request, "实施方案已保存")
            return redirect("preparation:meeting_plan", pk=meeting.pk)
    return render(
        request,
        "preparation/meeting_plan.html",
        {
            "meeting": meeting,
            "plan": plan,
            "form": form if can_edit else None,
            "is_office": is_office,
            "versions": plan.versions.count() if plan else 0,
            "amend": STEPS["amend_plan"],
            "offline": meeting.offline_approvals.first() if meeting.plan_approved_offline else None,
            "mismatch": plans.date_mismatch(meeting, plan),
            "since": plans.since_approved(meeting),
            "plan_stage": meeting.timeline()[0],
        },
    )


@login_required
@require_safe
def plan_docx(request, pk):
    meeting = get_meeting_for_user(request, pk)
    plan = Plan.objects.filter(meeting=meeting).first()
    if plan is None:
        messages.error(request, "请先保存实施方案再导出")
        return redirect("preparation:meeting_plan", pk=meeting.pk)
    filename, content_type, content = plan_document.render(plans.plan_data(plan))
    return attachment(filename, content_type, content)
