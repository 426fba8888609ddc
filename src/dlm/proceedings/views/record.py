"""The recorder's live screen, and reading the record.

The page works as a plain form; ``static/dlm/recorder.js`` turns it into the live screen:
typing is kept in the browser until the server has it, turns wait in a queue while the
network is down, and the list refreshes every few seconds to show a second recorder's turns.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.access import request_access, require
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.proceedings import live, recording, rules
from dlm.proceedings.agenda import agenda_of, ensure_agenda
from dlm.proceedings.attendance import quorum
from dlm.proceedings.forms import TurnEditForm, TurnForm
from dlm.proceedings.models import Turn


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _chosen_item(request) -> int | None:
    raw = request.GET.get("item", "")
    return int(raw) if raw.isdigit() else None


def record_state(request, meeting, *, chosen: int | None = None):
    """Everything the screen shows, computed from the record in a fixed number of queries."""
    access = request_access(request)
    can_record = rules.can_record(access, meeting)
    # drafted the first time the recorder opens the page: the system's act, not the viewer's
    agenda = ensure_agenda(meeting, user=None) if can_record else agenda_of(meeting)
    turns = live.record_of(meeting)
    counts = live.criticism_counts(meeting, turns)
    outlines, team_outline = live.outlines_for(meeting)
    item = live.current_item(agenda, turns, chosen)
    guide_ids = list(meeting.guides.values_list("pk", flat=True))
    absent = live.absent_seats(meeting)
    suggestion = live.suggest(meeting, item, turns, outlines, guide_ids, absent)
    return {
        "meeting": meeting,
        "can_record": can_record,
        "can_keep_ledger": access.is_office_of(meeting.team),
        "agenda": agenda,
        "item": item,
        "turns": turns,
        "counts": counts,
        "live": live.live_rules(meeting, turns, counts),
        "suggestion": suggestion,
        "absent": absent,
        "outlines": outlines,
        "team_outline": team_outline,
        "quorum": quorum(meeting),
        "open": meeting.state in recording.OPEN_STATES,
    }


def _initial(state) -> dict:
    s = state["suggestion"]
    outline = s.outline if s.kind == "self_criticism" else state["team_outline"]
    return {
        "item": s.item.pk if s.item else None,
        "kind": s.kind,
        "speaker": s.speaker,
        "target": str(s.target or ""),
        "use_outline": outline is not None and s.kind in ("self_criticism", "team_material"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record(request, pk):
    meeting = get_meeting_for_user(request, pk)
    if request.method == "POST":
        require(rules.can_record(request_access(request), meeting))
        return _post_turn(request, meeting)
    state = record_state(request, meeting, chosen=_chosen_item(request))
    form = None
    if state["can_record"] and state["open"]:
        form = TurnForm(
            meeting=meeting,
            outlines=state["outlines"],
            team_outline=state["team_outline"],
            initial=_initial(state),
        )
    return render(request, "proceedings/record.html", state | {"form": form})


AUTO = ("kind", "speaker", "target", "use_outline")


def _with_auto(request, meeting):
    """The posted turn, with the fields the live screen left to the server ("auto": the
    recorder saved before the next suggestion reached him) filled as the screen would have
    filled them — computed now, after every turn before this one is stored."""
    auto = [name for name in request.POST.get("auto", "").split(",") if name in AUTO]
    if not auto:
        return request.POST
    item = request.POST.get("item", "")
    state = record_state(request, meeting, chosen=int(item) if item.isdigit() else None)
    suggested = _initial(state)
    data = request.POST.copy()
    for name in auto:
        value = suggested.get(name)
        if name == "use_outline":
            data[name] = "on" if value else ""
        else:
            data[name] = "" if value is None else str(value)
    return data


def _post_turn(request, meeting):
    outlines, team_outline = live.outlines_for(meeting)
    form = TurnForm(
        _with_auto(request, meeting),
        meeting=meeting,
        outlines=outlines,
        team_outline=team_outline,
    )
    if form.is_valid():
        try:
            turn, created = recording.add_turn(meeting, form.turn_input(), user=request.user)
        except Refused as refusal:
            if wants_json(request):
                return JsonResponse({"error": refusal.message, "field": refusal.field}, status=400)
            attach_refusal(form, refusal)
        else:
            if wants_json(request):
                return JsonResponse(
                    {"id": turn.pk, "created": created}, status=201 if created else 200
                )
            messages.success(request, f"已记录：{turn}")
            item = f"?item={turn.agenda_item_id}" if turn.agenda_item_id else ""
            return redirect(reverse("proceedings:meeting_record", args=[meeting.pk]) + item)
    elif wants_json(request):
        message = "；".join(
            f"{form.fields[f].label}：{' '.join(e)}" if f in form.fields else " ".join(e)
            for f, e in form.errors.items()
        )
        return JsonResponse({"error": message}, status=400)
    state = record_state(request, meeting, chosen=_chosen_item(request))
    return render(request, "proceedings/record.html", state | {"form": form}, status=200)


@login_required
@require_safe
def record_feed(request, pk):
    """The parts of the screen that change, for the live screen to swap in."""
    meeting = get_meeting_for_user(request, pk)
    state = record_state(request, meeting, chosen=_chosen_item(request))
    return JsonResponse(
        {
            "turns": render_to_string("proceedings/_turns.html", state, request=request),
            "rules": render_to_string("proceedings/_live_rules.html", state, request=request),
            "agenda": render_to_string("proceedings/_agenda.html", state, request=request),
            "count": len(state["turns"]),
            "suggestion": _initial(state),
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def turn_edit(request, pk, turn_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_record(request_access(request), meeting))
    turn = get_object_or_404(
        Turn.objects.select_related("speaker", "target"), pk=turn_pk, meeting=meeting
    )
    outlines, team_outline = live.outlines_for(meeting)
    initial = {
        "item": turn.agenda_item_id,
        "kind": turn.kind,
        "speaker": f"seat:{turn.speaker_id}" if turn.speaker_id else _guide_key(meeting, turn),
        "target": str(turn.target_id or ""),
        "text": turn.text,
        "use_outline": turn.material_version_id is not None,
        "revision": turn.revision,
        "client_id": turn.client_id,
        # the recorder's own division is kept; an automatic one is redone from the text
        "points": "\n".join(p.text for p in turn.points.all()) if turn.points_by_hand else "",
    }
    form = TurnEditForm(
        posted(request),
        meeting=meeting,
        outlines=outlines,
        team_outline=team_outline,
        initial=initial,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            recording.edit_turn(
                turn,
                form.turn_input(),
                revision=form.cleaned_data.get("revision") or 0,
                user=request.user,
            )
        except recording.Conflict as clash:
            conflict = clash.current
            attach_refusal(form, clash)
            # The next save is made on the revision just shown, with the typed text kept.
            data = request.POST.copy()
            data["revision"] = str(conflict.revision)
            form = TurnEditForm(data, meeting=meeting, outlines=outlines, team_outline=team_outline)
            form.is_valid()
            attach_refusal(form, clash)
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "发言记录已修改")
            return redirect("proceedings:meeting_record", pk=meeting.pk)
    return render(
        request,
        "proceedings/turn_edit.html",
        {"meeting": meeting, "turn": turn, "form": form, "conflict": conflict},
    )


def _guide_key(meeting, turn) -> str:
    guide = meeting.guides.filter(person__name=turn.speaker_name).first()
    return f"guide:{guide.pk}" if guide else ""


@login_required
@require_POST
def turn_delete(request, pk, turn_pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_record(request_access(request), meeting))
    turn = get_object_or_404(Turn, pk=turn_pk, meeting=meeting)
    try:
        recording.delete_turn(turn, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "已删除一条发言记录")
    return redirect("proceedings:meeting_record", pk=meeting.pk)


@login_required
@require_POST
def turn_move(request, pk, turn_pk):
    """One place up or down among the turns of its agenda item."""
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_record(request_access(request), meeting))
    turn = get_object_or_404(Turn, pk=turn_pk, meeting=meeting)
    try:
        recording.move_turn(turn, request.POST.get("direction", ""), user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    item = f"?item={turn.agenda_item_id}" if turn.agenda_item_id else ""
    return redirect(reverse("proceedings:meeting_record", args=[meeting.pk]) + item)
