"""The ledger of one meeting, its items, their progress and closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.campaigns.models import local_today
from dlm.core.access import request_access, require
from dlm.core.audit import snapshot
from dlm.core.errors import Refused
from dlm.core.forms import attach_refusal, posted
from dlm.core.http import attachment
from dlm.core.models import AuditEntry
from dlm.organisations.models import TeamMember
from dlm.organisations.rules import nearest_superior, supervising_paths
from dlm.preparation import rules as preparation_rules
from dlm.proceedings.enums import TurnKind
from dlm.proceedings.models import Turn
from dlm.rectification import domain, rules
from dlm.rectification.access import get_item_for_user
from dlm.rectification.actions import ACTIONS, offered_to, take_action
from dlm.rectification.enums import ItemStatus, SourceKind
from dlm.rectification.forms import ItemForm, ProgressForm, ReasonForm
from dlm.rectification.models import Evidence, Extension, ExtensionStatus, Progress, Source


def ledger_rows(access, meeting, *, with_void: bool = False):
    """The items the user sees; voided ones only when asked for (the ledger page's filter):
    exports and totals leave them out."""
    items = rules.visible_items(access, meeting)
    if not with_void:
        items = items.in_force()
    return list(
        items.select_related("member__person", "responsible__person").prefetch_related("sources")
    )


@login_required
@require_safe
def meeting_ledger(request, pk):
    meeting = get_meeting_for_user(request, pk)
    access = request_access(request)
    everything = ledger_rows(access, meeting, with_void=True)
    items = [i for i in everything if i.status != ItemStatus.VOID]
    today = local_today()
    status = request.GET.get("status", "")
    owner = request.GET.get("owner", "")
    extending = set(
        Extension.objects.filter(item__meeting=meeting, status=ExtensionStatus.PENDING).values_list(
            "item_id", flat=True
        )
    )
    shown = [
        i
        for i in (everything if status == ItemStatus.VOID else items)
        if (
            not status
            or (status == "overdue" and i.is_overdue(today))
            or (status == "extending" and i.pk in extending)
            or i.status == status
        )
        and (not owner or (owner == "team" and i.member_id is None) or str(i.member_id) == owner)
    ]
    return render(
        request,
        "rectification/ledger.html",
        {
            "meeting": meeting,
            "items": shown,
            "today": today,
            "total": len(items),
            "closed": sum(1 for i in items if i.status == ItemStatus.CLOSED),
            "carried_away": sum(1 for i in items if i.status == ItemStatus.CARRIED),
            "overdue": sum(1 for i in items if i.is_overdue(today)),
            "carried": sum(1 for i in items if i.carried_from_id),
            "voided": len(everything) - len(items),
            # the team as it is, and those who left but still own items here
            "members": TeamMember.objects.filter(team=meeting.team)
            .filter(Q(active=True) | Q(ledger_items__meeting=meeting))
            .distinct()
            .select_related("person"),
            "status": status,
            "owner": owner,
            "statuses": ItemStatus.choices,
            "can_keep": rules.can_keep_ledger(access, meeting),
            "sees_everything": rules.sees_everything(access, meeting),
            "extending": extending,
        },
    )


def _prefill(request, meeting):
    """An item drawn from the record: a criticism or comment at the meeting, or an opinion."""
    access = request_access(request)
    turn_id, opinion_id = request.GET.get("turn", ""), request.GET.get("opinion", "")
    if turn_id.isdigit():
        turn = get_object_or_404(Turn.objects.select_related("target"), pk=turn_id, meeting=meeting)
        kind = SourceKind.GUIDANCE if turn.kind == TurnKind.GUIDANCE else SourceKind.CRITICISM
        points = "；".join(p.text for p in turn.points.all()) or turn.text
        initial = {"problem": points, "source_kind": kind, "source_note": f"{turn}"}
        if turn.target_id:
            initial |= {"member": turn.target_id, "responsible": turn.target_id}
        return initial, domain.SourceLink(kind, turn=turn, note=str(turn))
    if opinion_id.isdigit():
        opinion = get_object_or_404(
            preparation_rules.visible_opinions(access, meeting), pk=opinion_id
        )
        initial = {
            "problem": opinion.text,
            "source_kind": SourceKind.OPINION,
            "source_note": f"{opinion.get_source_display()}，{opinion.received_on:%Y-%m-%d}",
        }
        if opinion.about_id:
            initial |= {"member": opinion.about_id, "responsible": opinion.about_id}
        return initial, domain.SourceLink(SourceKind.OPINION, opinion=opinion)
    return {}, None


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    meeting = get_meeting_for_user(request, pk)
    require(rules.can_keep_ledger(request_access(request), meeting))
    initial, link = _prefill(request, meeting)
    form = ItemForm(posted(request), meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if link is None or link.kind != data["source_kind"]:
            link = domain.SourceLink(data["source_kind"])
        link.note = data["source_note"] or link.note
        try:
            item = domain.create_item(
                meeting,
                domain.ItemInput(
                    problem=data["problem"],
                    measures=data["measures"],
                    responsible=data["responsible"],
                    kind=data["kind"],
                    member=data["member"],
                    lead_department=data["lead_department"],
                    deadline=data["deadline"],
                    stage_goals=data["stage_goals"],
                    internal_note=data["internal_note"],
                    sources=[link],
                ),
                user=request.user,
                form_token=data["token"],
                allow_duplicate=data["duplicate_ok"],
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, f"已列入整改清单第 {item.number} 项")
            return redirect(item)
    return render(
        request,
        "rectification/item_form.html",
        {
            "meeting": meeting,
            "form": form,
            "item": None,
            "listed": _already_listed(meeting, link),
        },
    )


def _already_listed(meeting, link):
    """The items already drawn from the same criticism or opinion: said before a second."""
    if link is None or (link.turn is None and link.opinion is None):
        return []
    sources = Source.objects.filter(item__meeting=meeting).exclude(item__status=ItemStatus.VOID)
    if link.turn is not None:
        sources = sources.filter(turn=link.turn)
    else:
        sources = sources.filter(opinion=link.opinion)
    return sorted(
        {source.item for source in sources.select_related("item")}, key=lambda i: i.number
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = get_item_for_user(request, pk)
    require(rules.can_keep_ledger(request_access(request), item.meeting))
    before = snapshot(item, fields=domain.ITEM_FIELDS)
    form = ItemForm(posted(request), instance=item, meeting=item.meeting, with_source=False)
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_item(
                form.save(commit=False),
                user=request.user,
                before=before,
                revision=form.posted_revision(),
            )
        except Refused as refusal:
            attach_refusal(form, refusal)
        else:
            messages.success(request, "整改事项已修改")
            return redirect(item)
    return render(
        request,
        "rectification/item_form.html",
        {"meeting": item.meeting, "form": form, "item": item},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request, pk):
    item = get_item_for_user(request, pk)
    access = request_access(request)
    reports = rules.can_report_progress(access, item)
    # the form only while work goes on; a post on a closed item gets the domain's message
    shows_form = reports and (
        request.method == "POST" or item.status in (ItemStatus.OPEN, ItemStatus.CLOSING)
    )
    form = ProgressForm(posted(request), request.FILES or None) if shows_form else None
    if request.method == "POST":
        require(reports)
        if form.is_valid():
            files = [(f.name, b"".join(f.chunks())) for f in request.FILES.getlist("files")]
            try:
                domain.add_progress(
                    item,
                    form.cleaned_data["on"],
                    form.cleaned_data["text"],
                    files,
                    user=request.user,
                )
            except Refused as refusal:
                attach_refusal(form, refusal)
            else:
                messages.success(request, "整改进展已记录")
                return redirect(item)
    sees_notes = rules.sees_everything(access, item.meeting) or reports
    return render(
        request,
        "rectification/item_detail.html",
        {
            "item": item,
            "meeting": item.meeting,
            "sources": item.sources.select_related("opinion", "turn", "material"),
            # the problem's whole record: this year's progress and the years it continues
            "progress": Progress.objects.filter(item__in=item.lineage())
            .select_related("item__meeting__campaign")
            .prefetch_related("evidence")
            .order_by("on", "id")
            if sees_notes
            else [],
            "continued_in": item.carried_to.select_related("meeting__campaign").first(),
            "sees_notes": sees_notes,
            "form": form,
            "reason_form": ReasonForm(),
            "actions": offered_to(access, item, request.user),
            "can_edit": rules.can_keep_ledger(access, item.meeting)
            and item.status == ItemStatus.OPEN,
            "waiting": domain.approvals_waiting(item) if item.status == ItemStatus.CLOSING else [],
            "principal": item.meeting.team.team_members.active().filter(is_principal=True).first(),
            "history": AuditEntry.objects.for_object(item)[:30],
            "extensions": item.extensions.select_related("asked_by__person", "decided_by__person"),
            "extension_decider": _decider_named(item),
            "nearest": _nearest_if_not_you(access, item),
            "sent_back": domain.latest_reason(item),
            "overdue": item.is_overdue(),
            "approvers": [domain.APPROVER_LABELS[w] for w in domain.approvers_needed(item)],
            "principal_answers": domain.principal_answers_for(item),
        },
    )


def _decider_named(item) -> str:
    """Who decides a 申请延期, by name: "主要负责同志（王某）", "上级组织（区委组织部）"."""
    who = domain.extension_decider(item)
    if who == domain.PRINCIPAL:
        principal = item.meeting.team.team_members.active().filter(is_principal=True).first()
        name = principal.person.name if principal else ""
    else:
        nearest = nearest_superior(item.meeting.team, supervising_paths())
        name = nearest.display_name if nearest else ""
    label = domain.APPROVER_LABELS[who]
    return f"{label}（{name}）" if name else label


def _nearest_if_not_you(access, item):
    """For a supervisor higher up than the team's nearest superior: who should approve."""
    if not rules.can_approve_as_superior(access, item):
        return None
    nearest = nearest_superior(item.meeting.team, supervising_paths())
    return nearest if nearest and nearest.path not in access.supervised_paths else None


@login_required
@require_POST
def item_action(request, pk, action):
    """Every action of ``actions.ACTIONS``: the table says who may, the domain refuses what
    the item's status does not allow (a second click on a button that already worked is not
    an attack: it gets a message, not a 403)."""
    item = get_item_for_user(request, pk)
    chosen = ACTIONS.get(action)
    if chosen is None:
        raise Http404
    require(chosen.who(request_access(request), item))
    reason = ReasonForm(request.POST)
    if not reason.is_valid() and "new_deadline" in reason.errors:
        messages.error(request, "延期后的完成时限不是有效的日期，请重新选择")
        return redirect(item)
    try:
        take_action(
            chosen,
            item,
            reason.cleaned_data.get("reason", ""),
            user=request.user,
            new_deadline=reason.cleaned_data.get("new_deadline"),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"整改事项第{item.number}项：{chosen.done}")
    return redirect(item)


@login_required
@require_safe
def evidence_download(request, pk, evidence_pk):
    item = get_item_for_user(request, pk)
    access = request_access(request)
    require(rules.sees_everything(access, item.meeting) or rules.can_report_progress(access, item))
    evidence = get_object_or_404(Evidence, pk=evidence_pk, progress__item__in=item.lineage())
    return attachment(evidence.name, "application/octet-stream", bytes(evidence.content))
