"""The agenda, drafted from the campaign and the team in the order the rules give.

Report on last year's rectification and on the opinions → the team material → each member
in order of precedence, the principal first: self-criticism, criticism by the others,
response → the guidance group's comment → the principal's summary.
"""

from __future__ import annotations

from django.db import transaction

from dlm.campaigns.models import Meeting
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.core.revisions import ensure_rows_fresh, rows_revision
from dlm.organisations.models import TeamMember
from dlm.proceedings.enums import AgendaKind
from dlm.proceedings.models import AgendaItem


def team_in_order(meeting: Meeting) -> list[TeamMember]:
    """Active members, the principal first, then by precedence (班子位次)."""
    return list(
        meeting.team.team_members.active()
        .select_related("person")
        .order_by("-is_principal", "precedence", "id")
    )


def draft(meeting: Meeting) -> list[AgendaItem]:
    seats = team_in_order(meeting)
    absent = set(
        meeting.attendance.filter(presence="absent", seat__isnull=False).values_list(
            "seat_id", flat=True
        )
    )
    principal = seats[0] if seats and seats[0].is_principal else None
    lead = f"{principal.person.name}同志" if principal else "主要负责同志"
    term = meeting.campaign.individual_turn
    items = [
        (AgendaKind.OPENING, "主持人宣布会议开始，说明会议议程", None),
        (AgendaKind.REPORT, "通报上年度民主生活会整改落实情况和本次会前征求意见情况", principal),
        (AgendaKind.TEAM_MATERIAL, f"{lead}代表班子作对照检查", principal),
    ]
    for seat in seats:
        if seat.pk in absent:
            continue  # out of the turn order: 缺席 (with the reason) in the documents
        name = seat.person.name
        items.append(
            (
                AgendaKind.MEMBER,
                f"{name}同志作{term}，其他同志提出批评意见，{name}同志表态",
                seat,
            )
        )
    if meeting.guides.exists():
        items.append((AgendaKind.GUIDANCE, "指导组点评", None))
    items.append((AgendaKind.SUMMARY, f"{lead}作总结讲话", principal))
    return [
        AgendaItem(meeting=meeting, position=index, kind=kind, title=title, subject=subject)
        for index, (kind, title, subject) in enumerate(items, start=1)
    ]


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.select_related("subject__person"))


@transaction.atomic
def ensure_agenda(meeting: Meeting, *, user) -> list[AgendaItem]:
    """The meeting's agenda, drafted and saved the first time anyone opens it."""
    items = agenda_of(meeting)
    if items:
        return items
    items = AgendaItem.objects.bulk_create(draft(meeting))
    log_action(
        "proceedings.agenda.drafted",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"议程": [item.title for item in items]},
    )
    return agenda_of(meeting)


AGENDA_FIELDS = ("position", "kind", "title", "subject")


def agenda_revision(meeting: Meeting) -> str:
    return rows_revision(agenda_of(meeting), AGENDA_FIELDS)


@transaction.atomic
def save_agenda(meeting: Meeting, formset, *, user, revision: str | None = None) -> None:
    """Save the edited agenda; an item that already has turns recorded under it stays.
    ``revision`` is the agenda the page showed: a save over someone else's is refused."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk").first()
    saved = agenda_of(meeting)
    if revision is not None:
        kept = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("title")]
        typed = [
            row["title"]
            for row in sorted(kept, key=lambda row: row.get("position") or 0)
            if not row.get("DELETE")
        ]
        ensure_rows_fresh(saved, AGENDA_FIELDS, revision, label="会议议程", typed="\n".join(typed))
    before = [item.title for item in saved]
    for form in formset.deleted_forms:
        item = form.instance
        if item.pk and item.turns.exists():
            raise Refused(f"议程“{item.title}”下已有发言记录，不能删除")
    for form in formset.deleted_forms:
        if form.instance.pk:
            form.instance.delete()
    for item in formset.save(commit=False):
        if item.subject_id and item.subject.team_id != meeting.team_id:
            raise Refused("对照检查人须是本班子成员")
        item.meeting = meeting
        item.save()
    after = [item.title for item in agenda_of(meeting)]
    if before != after:
        log_action(
            "proceedings.agenda.changed",
            user=user,
            target=meeting,
            organisation=meeting.team,
            data={"修改前": before, "修改后": after},
        )


def item_for(agenda: list[AgendaItem], kind: str, speaker, target) -> AgendaItem | None:
    """Where a turn entered without an agenda item (or imported) belongs."""
    from dlm.proceedings.enums import TurnKind

    by_kind = {
        TurnKind.HOST: AgendaKind.OPENING,
        TurnKind.REPORT: AgendaKind.REPORT,
        TurnKind.TEAM_MATERIAL: AgendaKind.TEAM_MATERIAL,
        TurnKind.GUIDANCE: AgendaKind.GUIDANCE,
        TurnKind.SUMMARY: AgendaKind.SUMMARY,
    }
    if kind in by_kind:
        return next((i for i in agenda if i.kind == by_kind[kind]), None)
    subject = target if kind == TurnKind.CRITICISM else speaker
    if subject is None:
        return None
    return next(
        (i for i in agenda if i.kind == AgendaKind.MEMBER and i.subject_id == subject.pk), None
    )
