"""Opinions: the office's register and summary, and the public anonymous box."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.http import attachment
from dlm.documents import opinion_form, opinion_summary
from dlm.preparation import opinions, registers, rules
from dlm.preparation.forms import (
    ConsultationForm,
    EnteredOpinionForm,
    ForumForm,
    PublicOpinionForm,
)
from dlm.preparation.models import Consultation, Forum, Opinion, OpinionBox


@login_required
@require_http_methods(["GET", "POST"])
def meeting_opinions(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    can_manage = access.is_office_of(meeting.team)
    form = EnteredOpinionForm(posted(request), meeting=meeting) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            try:
                opinions.enter_opinion(
                    meeting,
                    about=form.cleaned_data["about"],
                    aspect=form.cleaned_data["aspect"],
                    source=form.cleaned_data["source"],
                    text=form.cleaned_data["text"],
                    received_on=form.cleaned_data["received_on"],
                    user=request.user,
                )
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(request, "意见已登记")
                return redirect("preparation:meeting_opinions", pk=meeting.pk)
    visible = list(
        rules.visible_opinions(access, meeting).select_related("about__person", "aspect")
    )
    box = opinions.box_for(meeting)
    forums = list(Forum.objects.filter(meeting=meeting))
    consultation = Consultation.objects.filter(meeting=meeting).first()
    return render(
        request,
        "preparation/meeting_opinions.html",
        {
            "meeting": meeting,
            "opinions": visible,
            "voided": Opinion.objects.filter(meeting=meeting, voided_on__isnull=False)
            if can_manage
            else [],
            "forums": [f for f in forums if not f.voided],
            "voided_forums": [f for f in forums if f.voided],
            "consultation": consultation,
            "consultation_form": ConsultationForm(instance=consultation) if can_manage else None,
            "forum_form": ForumForm(meeting=meeting) if can_manage else None,
            "summary": opinions.summary(visible),
            "form": form,
            "box": box,
            "box_url": request.build_absolute_uri(box.get_absolute_url()) if box else None,
            "box_qr": qr_svg(request.build_absolute_uri(box.get_absolute_url())) if box else None,
            "can_manage": can_manage,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_forums(request, pk):
    """A 座谈会 registered from the opinions page (its list is there)."""
    meeting = get_meeting_for_user(request, pk)
    require(request_access(request).is_office_of(meeting.team))
    form = ForumForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            registers.record(registers.REGISTERS["forum"], meeting, form, user=request.user)
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "座谈会已登记")
            return redirect("preparation:meeting_opinions", pk=meeting.pk)
    return render(
        request,
        "preparation/register_form.html",
        {"meeting": meeting, "form": form, "label": "登记座谈会"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    """How many 征求意见表 went out and came back, how many were interviewed."""
    meeting = get_meeting_for_user(request, pk)
    require(request_access(request).is_office_of(meeting.team))
    current = Consultation.objects.filter(meeting=meeting).first()
    form = ConsultationForm(posted(request), instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            registers.save_consultation(meeting, form, user=request.user)
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "征求意见情况已保存")
            return redirect(reverse("preparation:meeting_opinions", args=[pk]) + "#consultation")
    return render(
        request,
        "preparation/register_form.html",
        {"meeting": meeting, "form": form, "label": "征求意见表和个别访谈"},
    )


def qr_svg(url: str) -> str:
    """The box link as an inline SVG QR code, for posters; drawn here, nothing fetched."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=4, dark="#222")


@login_required
@require_POST
def box_settings(request, pk):
    meeting = get_meeting_for_user(request, pk, write=True)
    box = opinions.box_for(meeting)
    if request.POST.get("action") == "close" and box is not None:
        opinions.close_box(box, user=request.user)
        messages.success(request, "网上意见箱已关闭")
    else:
        opinions.open_box(meeting, user=request.user)
        messages.success(request, "网上意见箱已开放，请把链接发给党员干部群众")
    return redirect("preparation:meeting_opinions", pk=meeting.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def opinion_box(request, token):
    """Public and anonymous: no login, no session, no message, nothing stored but the text."""
    box = get_object_or_404(
        OpinionBox.objects.select_related("meeting__team", "meeting__campaign"), token=token
    )
    meeting = box.meeting
    form = PublicOpinionForm(
        posted(request), meeting=meeting, initial={"token": opinions.form_token()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            opinions.submit_anonymous(
                box,
                about=form.cleaned_data["about"],
                aspect=form.cleaned_data["aspect"],
                text=form.cleaned_data["text"],
                token=form.cleaned_data["token"],
                honeypot=form.cleaned_data["website"],
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            return render(request, "preparation/opinion_box_thanks.html", {"meeting": meeting})
    if request.method == "POST":
        form.data = form.data.copy()
        form.data["token"] = opinions.form_token()  # a fresh token for the next try
    return render(
        request, "preparation/opinion_box.html", {"meeting": meeting, "box": box, "form": form}
    )


@login_required
@require_safe
def opinion_form_docx(request, pk):
    meeting = get_meeting_for_user(request, pk)
    seats = meeting.team.team_members.active().select_related("person").order_by("precedence")
    back = opinions.forms_back_by(meeting)
    return_by = f"{back:%Y年%-m月%-d日}" if back else "会议召开前"
    filename, content_type, content = opinion_form.render(
        opinion_form.OpinionFormData(
            team=meeting.team.name,
            title=f"{meeting.team.name}{meeting.campaign.label}征求意见表",
            aspects=[a.head for a in meeting.campaign.aspects.all()],
            members=[f"{s.person.name}（{s.position}）" for s in seats],
            return_by=return_by,
        )
    )
    return attachment(filename, content_type, content)


@login_required
@require_safe
def opinion_summary_docx(request, pk):
    """The counts and the opinions this reader may see, for the report and the briefing."""
    meeting = get_meeting_for_user(request, pk)
    visible = list(
        rules.visible_opinions(request_access(request), meeting).select_related(
            "about__person", "aspect"
        )
    )
    counts = opinions.summary(visible)
    filename, content_type, content = opinion_summary.render(
        opinion_summary.OpinionSummaryData(
            team=meeting.team.name,
            title=f"{meeting.team.name}{meeting.campaign.label}征求意见情况汇总",
            by_source=counts["source"],
            by_target=counts["target"],
            by_aspect=counts["aspect"],
            opinions=[
                (
                    o.about.person.name if o.about else "班子",
                    o.aspect.head if o.aspect else "未分类",
                    o.get_source_display(),
                    o.text,
                )
                for o in visible
            ],
        )
    )
    return attachment(filename, content_type, content)
