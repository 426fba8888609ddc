"""The agenda and the roll call, both kept by the office (or the recorder)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.revisions import Stale
from dlm.proceedings import attendance, rules
from dlm.proceedings.agenda import agenda_revision, ensure_agenda, save_agenda
from dlm.proceedings.enums import Presence
from dlm.proceedings.forms import GuestsForm, MemberPresenceForm, agenda_formset


@login_required
@require_http_methods(["GET", "POST"])
def meeting_agenda(request, pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_record(request_access(request), meeting))
    ensure_agenda(meeting, user=None)  # a draft made on opening: the system's, not the viewer's
    formset = agenda_formset(meeting, request.POST if request.method == "POST" else None)
    refusal = stale = None
    revision = request.POST.get("agenda-revision", "") if request.method == "POST" else None
    if request.method == "POST" and formset.is_valid():
        try:
            save_agenda(meeting, formset, user=request.user, revision=revision)
        except Stale as refused:
            refusal, stale, revision = refused.message, refused.differences, refused.revision
        except Refused as refused:
            refusal = refused.message
        else:
            messages.success(request, "会议议程已保存")
            return redirect("proceedings:meeting_record", pk=meeting.pk)
    return render(
        request,
        "proceedings/agenda_form.html",
        {
            "meeting": meeting,
            "formset": formset,
            "refusal": refusal,
            "stale": stale,
            "revision": agenda_revision(meeting) if revision is None else revision,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_record(request_access(request), meeting))
    data = request.POST if request.method == "POST" else None
    rows = []
    for row in attendance.initial_rows(meeting):
        seat = row["seat"]
        form = MemberPresenceForm(
            data,
            prefix=f"m{seat.pk}",
            initial={"presence": row["presence"], "reason": row["reason"]},
        )
        rows.append((seat, form))
    existing = [g for g in attendance.guests(meeting) if g.presence == Presence.ATTENDING]
    guests = GuestsForm(
        data,
        initial={"attending": "\n".join(f"{g.name} {g.title}".strip() for g in existing)},
    )
    refusal = None
    if data is not None and guests.is_valid() and all(form.is_valid() for _, form in rows):
        members = {
            seat.pk: (form.cleaned_data["presence"], form.cleaned_data["reason"])
            for seat, form in rows
        }
        try:
            state = attendance.save_attendance(meeting, members, guests.guests(), user=request.user)
        except Refused as refused:
            refusal = refused.message
        else:
            (messages.success if state.met else messages.warning)(request, state.message)
            return redirect("proceedings:meeting_record", pk=meeting.pk)
    return render(
        request,
        "proceedings/attendance_form.html",
        {
            "meeting": meeting,
            "rows": rows,
            "guests": guests,
            "guides": meeting.guides.select_related("person"),
            "quorum": attendance.quorum(meeting),
            "refusal": refusal,
        },
    )
