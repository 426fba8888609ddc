"""The 四必谈 page: the coverage matrix, the talks, and the form to record one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.http import attachment
from dlm.documents import talk_record
from dlm.preparation import talks
from dlm.preparation.enums import TALK_TOPICS
from dlm.preparation.forms import TalkForm
from dlm.preparation.models import Talk
from dlm.preparation.registers import REGISTERS


@login_required
@require_http_methods(["GET", "POST"])
def meeting_talks(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    is_office = access.is_office_of(meeting.team)
    seat = access.seat_in(meeting.team)
    can_record = is_office or seat is not None
    form = None
    if can_record:
        form = TalkForm(posted(request), meeting=meeting, own_seat=None if is_office else seat)
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            try:
                talks.record_talk(meeting, form.save(commit=False), user=request.user)
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(request, "谈话已登记")
                return redirect("preparation:meeting_talks", pk=meeting.pk)
    records = list(
        Talk.objects.filter(meeting=meeting).select_related(
            "member__person", "partner__person", "meeting__team"
        )
    )
    may_change = REGISTERS["talk"].may_change
    rows = [
        (talk, talks.can_read_notes(access, talk), may_change(access, talk))
        for talk in records
        if not talk.voided
    ]
    return render(
        request,
        "preparation/meeting_talks.html",
        {
            "meeting": meeting,
            "coverage": talks.coverage(meeting),
            "rows": rows,
            "voided": [talk for talk in records if talk.voided],
            "form": form,
        },
    )


@login_required
@require_safe
def talk_record_form(request, pk):
    """The blank 谈心谈话记录表, for a talk to be held and recorded on paper."""
    meeting = get_meeting_for_user(request, pk)
    return attachment(
        *talk_record.render(
            talk_record.TalkRecordData(
                team=meeting.team.name, title=f"{meeting.campaign.label}谈心谈话记录表"
            )
        )
    )


@login_required
@require_safe
def talk_record_docx(request, pk):
    """One talk's record filled in: for the two who talked (and the principal they shared it
    with); the office and supervisors see that it happened, not what was said."""
    talk = get_object_or_404(
        Talk.objects.select_related("meeting__team", "meeting__campaign", "member__person"),
        pk=pk,
    )
    get_meeting_for_user(request, talk.meeting_id)
    require(talks.can_read_notes(request_access(request), talk))
    covered = tuple(label for name, label in TALK_TOPICS if getattr(talk, name))
    return attachment(
        *talk_record.render(
            talk_record.TalkRecordData(
                team=talk.meeting.team.name,
                title=f"{talk.meeting.campaign.label}谈心谈话记录表",
                held_on=f"{talk.held_on.year}年{talk.held_on.month}月{talk.held_on.day}日",
                kind=talk.get_kind_display(),
                member=talk.member.person.name,
                partner=talk.partner_display,
                covered=covered,
                notes=talk.notes,
            )
        )
    )
