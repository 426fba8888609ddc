"""A late team's 提醒, 督办 and 预警: sent by the superior above, answered by the team's office."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.http import attachment
from dlm.documents import urging as letter
from dlm.supervision import rules
from dlm.supervision import urging as domain
from dlm.supervision.models import Urging, UrgingLevel


class UrgingForm(forms.Form):
    level = forms.ChoiceField(label="级别", choices=UrgingLevel.choices)
    text = forms.CharField(
        label="督办事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    reply_by = forms.DateField(
        label="限期答复日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="督办和预警必填",
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_urgings(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    require(rules.can_read(access, meeting))
    sending = rules.can_send(access, meeting)
    form = UrgingForm(posted(request)) if sending else None
    if form is not None:
        allowed = domain.next_levels(meeting)
        form.fields["level"].choices = [c for c in UrgingLevel.choices if c[0] in allowed]
        form.fields["level"].initial = allowed[-1]
    if request.method == "POST":
        require(sending)
        if form.is_valid():
            sender = next(
                (o.display_name for o in access.supervised_orgs if meeting.team.is_within(o)),
                "上级组织",
            )
            try:
                sent = domain.send(
                    meeting,
                    form.cleaned_data["level"],
                    form.cleaned_data["text"],
                    form.cleaned_data["reply_by"],
                    sender=sender,
                    user=request.user,
                )
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(
                    request, f"已向{meeting.team.display_name}发出{sent.get_level_display()}"
                )
                return redirect("supervision:meeting_urgings", pk=meeting.pk)
    return render(
        request,
        "supervision/urgings.html",
        {
            "meeting": meeting,
            "urgings": meeting.urgings.all(),
            "form": form,
            "can_answer": rules.can_answer(access, meeting),
        },
    )


@login_required
@require_POST
def urging_answer(request, pk, urging_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_answer(request_access(request), meeting))
    urging = get_object_or_404(Urging, pk=urging_pk, meeting=meeting)
    try:
        domain.answer(urging, request.POST.get("answer", ""), user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"已答复{urging.sender}的{urging.get_level_display()}")
    return redirect("supervision:meeting_urgings", pk=meeting.pk)


@login_required
@require_safe
def urging_docx(request, pk, urging_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_read(request_access(request), meeting))
    urging = get_object_or_404(Urging, pk=urging_pk, meeting=meeting)

    def day(value):
        return f"{value:%Y年}{value.month}月{value.day}日" if value else ""

    return attachment(
        *letter.render(
            letter.UrgingData(
                level=urging.get_level_display(),
                number=urging.number,
                team=meeting.team.name,
                campaign=meeting.campaign.label,
                text=urging.text,
                reply_by=day(urging.reply_by),
                sender=urging.sender,
                sent_on=day(urging.sent_on),
                answer=urging.answer,
                answered_on=day(urging.answered_on),
            )
        )
    )
