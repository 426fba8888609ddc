"""Correcting and voiding a row of a register (学习研讨, 意见建议, 谈心谈话, 典型事例, 座谈会):
one edit page and one void action for all of them, through ``preparation.registers``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.audit import snapshot
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.preparation import registers
from dlm.preparation.forms import (
    ForumForm,
    OpinionEditForm,
    StudySessionForm,
    TalkForm,
    TypicalCaseForm,
)

FORMS = {
    "study": StudySessionForm,
    "opinion": OpinionEditForm,
    "talk": TalkForm,
    "case": TypicalCaseForm,
    "forum": ForumForm,
}


def _row(request, name: str, pk: int):
    """The register and its row, if the user may see the row's meeting (404 otherwise) and
    correct it (403 otherwise)."""
    register = registers.REGISTERS.get(name)
    if register is None:
        raise Http404
    row = register.model.objects.select_related("meeting").filter(pk=pk).first()
    if row is None:
        raise Http404
    get_meeting_for_user(request, row.meeting_id)
    require(register.may_change(request_access(request), row))
    return register, row


def _form(register, row, request, access):
    kwargs = {"meeting": row.meeting}
    if register.name == "talk":
        seat = access.seat_in(row.meeting.team)
        party = seat is not None and seat.pk in (row.member_id, row.partner_id)
        kwargs["with_notes"] = party  # the office corrects the facts, not what was said
    return FORMS[register.name](posted(request), instance=row, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def register_edit(request, name, pk):
    register, row = _row(request, name, pk)
    if row.voided:
        messages.error(request, f"这条{register.label}已作废，不能修改")
        return redirect(register.list_url, pk=row.meeting_id)
    form = _form(register, row, request, request_access(request))
    before = snapshot(row, fields=list(form.edited_fields()))
    if request.method == "POST" and form.is_valid():
        try:
            registers.change(
                register,
                form,
                user=request.user,
                before=before,
                fields=list(form.edited_fields()),
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, f"{register.label}已修改")
            return redirect(register.list_url, pk=row.meeting_id)
    return render(
        request,
        "preparation/register_edit.html",
        {"register": register, "row": row, "meeting": row.meeting, "form": form},
    )


@login_required
@require_POST
def register_void(request, name, pk):
    register, row = _row(request, name, pk)
    try:
        registers.void(register, row, request.POST.get("reason", ""), user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("preparation:register_edit", name=name, pk=pk)
    messages.success(request, f"{register.label}“{str(row)[:30]}”已作废，不再计入")
    return redirect(register.list_url, pk=row.meeting_id)
