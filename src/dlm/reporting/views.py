"""The report, the briefing and the package sent upward."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal
from dlm.core.http import attachment
from dlm.organisations.rules import nearest_superior, supervising_paths
from dlm.reporting import checklist, domain, rules
from dlm.reporting.forms import AnswerForm, DraftForm
from dlm.reporting.models import DocumentKind, Draft, Package, PackageStatus


def _kind(kind: str) -> str:
    if kind not in DocumentKind.values:
        raise Http404
    return kind


@login_required
@require_safe
def meeting_reports(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    packages = list(meeting.packages.defer("content"))
    waiting = next((p for p in packages if p.status == PackageStatus.SENT), None)
    return render(
        request,
        "reporting/meeting_reports.html",
        {
            "meeting": meeting,
            "drafts": {d.kind: d for d in Draft.objects.filter(meeting=meeting)},
            "kinds": DocumentKind.choices,
            "packages": packages,
            "can_write": rules.can_write(access, meeting),
            "can_read_package": rules.can_read_package(access, meeting),
            "answer_form": AnswerForm() if waiting and rules.can_answer(access, meeting) else None,
            "waiting": waiting,
            "stages": [s for s in meeting.timeline() if s.key in ("report", "briefing")],
            "open_points": checklist.open_points(meeting) if not waiting else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request, pk, kind):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    kind = _kind(kind)
    can_write = rules.can_write(access, meeting)
    draft = Draft.objects.filter(meeting=meeting, kind=kind).first()
    if draft is None and can_write:
        # drafting writes the record's figures into a new draft: a deliberate click
        # (按记录起草, a POST), never the side effect of opening or previewing a link
        if request.method != "POST" or "create" not in request.POST:
            messages.info(request, "尚未起草：请点“按记录起草”")
            return redirect("reporting:meeting_reports", pk=meeting.pk)
        try:
            domain.ensure_draft(meeting, kind, user=request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect("reporting:meeting_reports", pk=meeting.pk)
        return redirect("reporting:draft_edit", pk=meeting.pk, kind=kind)
    if draft is None:
        raise Http404
    form = None
    if can_write:
        initial = {
            "title": draft.title,
            "addressee": draft.addressee,
            "body": draft.body,
            "revision": draft.revision,
        }
        form = DraftForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                domain.save_draft(draft, user=request.user, **form.cleaned_data)
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(request, "已保存")
                return redirect("reporting:draft_edit", pk=meeting.pk, kind=kind)
    elif request.method == "POST":
        require(False)
    return render(
        request,
        "reporting/draft.html",
        {"meeting": meeting, "draft": draft, "form": form},
    )


@login_required
@require_POST
def draft_redraft(request, pk, kind):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_write(request_access(request), meeting))
    draft = get_object_or_404(Draft, meeting=meeting, kind=_kind(kind))
    domain.redraft(draft, user=request.user)
    messages.success(request, "已按最新记录重新生成")
    return redirect("reporting:draft_edit", pk=meeting.pk, kind=kind)


@login_required
@require_safe
def draft_docx(request, pk, kind):
    meeting = get_meeting_for_user(request, pk)
    draft = get_object_or_404(Draft, meeting=meeting, kind=_kind(kind))
    return attachment(*domain.draft_docx(draft))


@login_required
@require_POST
def package_send(request, pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_send(request_access(request), meeting))
    try:
        domain.send_package(meeting, user=request.user, confirmed=request.POST.getlist("confirm"))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        nearest = nearest_superior(meeting.team, supervising_paths())
        messages.success(
            request,
            f"情况报告和会议材料已报送{nearest.display_name if nearest else '上级'}",
        )
    return redirect("reporting:meeting_reports", pk=meeting.pk)


@login_required
@require_POST
def package_answer(request, pk, package_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_answer(request_access(request), meeting))
    package = get_object_or_404(Package.objects.defer("content"), pk=package_pk, meeting=meeting)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择确认收到或退回")
    else:
        try:
            domain.answer_package(
                package,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            team = meeting.team.display_name
            messages.success(
                request,
                f"已确认收到{team}的情况报告"
                if form.cleaned_data["decision"] == "accept"
                else f"已将{team}的情况报告退回，理由已告知办公室",
            )
    return redirect("reporting:meeting_reports", pk=meeting.pk)


@login_required
@require_safe
def package_zip(request, pk, package_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_read_package(request_access(request), meeting))
    package = get_object_or_404(Package, pk=package_pk, meeting=meeting)
    name = f"{meeting.team.name}{meeting.campaign.label}材料（{package.sent_on:%Y-%m-%d}）.zip"
    return attachment(name, "application/zip", bytes(package.content))
