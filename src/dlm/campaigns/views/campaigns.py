"""Campaign pages: list, draft, edit, issue to teams, forward downward."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dlm.campaigns import domain, rules
from dlm.campaigns.access import get_campaign_for_user
from dlm.campaigns.domain import CAMPAIGN_FIELDS
from dlm.campaigns.enums import MeetingState
from dlm.campaigns.forms import CampaignForm, IssueForm, ReissueForm, aspect_formset
from dlm.core.access import request_access, require
from dlm.core.audit import snapshot
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.models import AuditEntry
from dlm.core.revisions import Stale, rows_revision


@login_required
@require_safe
def campaign_list(request):
    access = request_access(request)
    campaigns = (
        rules.visible_campaigns(access)
        .select_related("issuer", "parent")
        .annotate(meeting_count=Count("meetings", distinct=True))
    )
    return render(
        request,
        "campaigns/campaign_list.html",
        {"campaigns": campaigns, "can_create": bool(rules.issuing_organisations(access))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    issuers = rules.issuing_organisations(request_access(request))
    require(bool(issuers))
    form = CampaignForm(posted(request), issuers=issuers)
    more = "more_aspects" in request.POST
    aspects = aspect_formset(None, posted(request), more=more)
    if request.method == "POST" and not more and form.is_valid() and aspects.is_valid():
        try:
            campaign = domain.create_campaign(
                form.save(commit=False), user=request.user, aspects=aspects.aspects()
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "通知已保存为草稿，确认无误后可下发")
            return redirect(campaign)
    return render(
        request, "campaigns/campaign_form.html", {"form": form, "aspects": aspects, "new": True}
    )


@login_required
@require_safe
def campaign_detail(request, pk):
    campaign = get_campaign_for_user(request, pk)
    access = request_access(request)
    meetings = (
        rules.visible_meetings(access)
        .filter(campaign=campaign)
        .select_related("team", "campaign")
        .order_by("team__path")
    )
    meetings = list(meetings)
    counts = {state: 0 for state in MeetingState}
    for meeting in meetings:
        counts[MeetingState(meeting.state)] += 1
    reissues = rules.visible_campaigns(access).filter(parent=campaign).select_related("issuer")
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "aspects": campaign.aspects.all(),
            "meetings": meetings,
            "state_counts": [(state.label, n) for state, n in counts.items()],
            "reissues": reissues,
            "can_edit": rules.can_edit_campaign(access, campaign),
            "can_reissue": bool(rules.reissuing_organisations(access, campaign)),
            "can_oversee": bool(access.supervised_paths),
            "history": AuditEntry.objects.for_object(campaign)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk):
    campaign = get_campaign_for_user(request, pk, write=True)
    before = snapshot(campaign, fields=CAMPAIGN_FIELDS)
    form = CampaignForm(posted(request), instance=campaign)
    more = "more_aspects" in request.POST
    editable = campaign.is_draft and campaign.parent_id is None  # a forward's are the parent's
    aspects = aspect_formset(campaign, posted(request), more=more) if editable else None
    aspects_revision = (
        request.POST.get("aspects-revision", "")
        if request.method == "POST"
        else rows_revision(campaign.aspects.all(), domain.ASPECT_FIELDS)
    )
    valid = form.is_valid() and (aspects is None or aspects.is_valid())
    if request.method == "POST" and not more and valid:
        try:
            domain.edit_campaign(
                form.save(commit=False),
                user=request.user,
                before=before,
                revision=form.posted_revision(),
                aspects=aspects.aspects() if aspects is not None else None,
                aspects_revision=aspects_revision,
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
            if isinstance(refusal, Stale) and refusal.revision_field == "aspects-revision":
                aspects_revision = refusal.revision
        else:
            messages.success(request, "通知已保存")
            return redirect(campaign)
    return render(
        request,
        "campaigns/campaign_form.html",
        {
            "form": form,
            "aspects": aspects,
            "campaign": campaign,
            "aspects_revision": aspects_revision,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_issue(request, pk):
    campaign = get_campaign_for_user(request, pk, write=True)
    eligible = domain.eligible_recipients(campaign)
    form = IssueForm(posted(request), eligible=eligible)
    if request.method == "POST" and form.is_valid():
        try:
            meetings = domain.issue_campaign(
                campaign, form.cleaned_data["recipients"], user=request.user
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, f"已下发至 {len(meetings)} 个班子")
            return redirect(campaign)
    chosen = {str(pk) for pk in request.POST.getlist("recipients")}
    return render(
        request,
        "campaigns/campaign_issue.html",
        {
            "form": form,
            "campaign": campaign,
            "tree": domain.recipients_tree(campaign),
            "chosen": chosen,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_reissue(request, pk):
    campaign = get_campaign_for_user(request, pk)
    issuers = rules.reissuing_organisations(request_access(request), campaign)
    require(bool(issuers))
    form = ReissueForm(posted(request), issuers=issuers)
    if request.method == "POST" and form.is_valid():
        try:
            child = domain.reissue_campaign(
                campaign, form.cleaned_data["issuer"], user=request.user
            )
        except domain.AlreadyForwarded as already:  # a second click, or a second colleague
            messages.info(request, f"{already.message}，已为您打开")
            return redirect(already.existing)
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "已生成转发通知草稿：请填写本级文号，可收紧时限后下发")
            return redirect("campaigns:campaign_edit", pk=child.pk)
    existing = campaign.reissues.filter(issuer__in=issuers).select_related("issuer")
    return render(
        request,
        "campaigns/campaign_reissue.html",
        {"form": form, "campaign": campaign, "existing": existing},
    )


@login_required
@require_POST
def campaign_delete(request, pk):
    campaign = get_campaign_for_user(request, pk, write=True)
    try:
        domain.delete_draft(campaign, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(campaign)
    messages.success(request, f"已删除草稿“{campaign.title}”")
    return redirect("campaigns:campaign_list")
