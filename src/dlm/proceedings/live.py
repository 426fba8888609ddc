"""Where the meeting stands, computed from the record: what the recorder is likely to enter
next, the criticism counts per member, and the rules the record breaks so far.

The counts here are the only counts: the meeting page, the live screen, the 会议记录, the
会议纪要 and the per-member summary all read :func:`criticism_counts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F

from dlm.campaigns.models import Meeting
from dlm.organisations.models import TeamMember
from dlm.proceedings.agenda import team_in_order
from dlm.proceedings.enums import AgendaKind, TurnKind
from dlm.proceedings.models import AgendaItem, Turn
from dlm.textcheck.checks import criticism_faults
from dlm.textcheck.rules import RuleSet


@dataclass
class Received:
    seat: TeamMember
    criticisms: int = 0  # turns
    points: int = 0
    by: list[str] = field(default_factory=list)  # who criticised, in order
    self_criticised: bool = False
    responded: bool = False
    absent: bool = False


@dataclass
class Suggestion:
    """What the form preselects: the item, the kind, the speaker and the target."""

    item: AgendaItem | None
    kind: str
    speaker: str = ""  # "seat:ID" or "guide:ID"
    target: int | None = None
    outline: object = None  # the MaterialVersion a self-criticism reads from


def record_of(meeting: Meeting) -> list[Turn]:
    """The turns as they were spoken: in agenda order, then by their place under the item."""
    return list(
        meeting.turns.select_related(
            "speaker__person", "target__person", "agenda_item", "material_version__material"
        )
        .prefetch_related("points")
        .order_by(F("agenda_item__position").asc(nulls_first=True), "position", "id")
    )


def criticism_counts(
    meeting: Meeting, turns: list[Turn] | None = None, absent: frozenset[int] | None = None
) -> list[Received]:
    """Per member, in order of precedence: criticisms and points received, and by whom."""
    turns = record_of(meeting) if turns is None else turns
    gone = absent_seats(meeting) if absent is None else absent
    rows = {seat.pk: Received(seat, absent=seat.pk in gone) for seat in team_in_order(meeting)}
    for turn in turns:
        if turn.kind == TurnKind.CRITICISM and turn.target_id in rows:
            row = rows[turn.target_id]
            row.criticisms += 1
            row.points += len(turn.points.all())
            row.by.append(turn.speaker_name)
        elif turn.kind == TurnKind.SELF_CRITICISM and turn.speaker_id in rows:
            rows[turn.speaker_id].self_criticised = True
        elif turn.kind == TurnKind.RESPONSE and turn.speaker_id in rows:
            rows[turn.speaker_id].responded = True
    return list(rows.values())


@dataclass
class LiveRules:
    minimum: int
    too_few: list[Received]
    faults: list[tuple[Turn, str]]  # (criticism, message)
    not_responded: list[Received]

    @property
    def clean(self) -> bool:
        return not (self.too_few or self.faults or self.not_responded)


def live_rules(meeting: Meeting, turns: list[Turn], counts: list[Received]) -> LiveRules:
    rules = RuleSet.from_dict()
    minimum = rules["min_criticism_points"]
    faults = []
    for turn in turns:
        if turn.kind != TurnKind.CRITICISM:
            continue
        for rule in criticism_faults(turn.text, rules):
            if rules.enabled(rule):
                names = {"speaker": turn.speaker_name, "target": turn.target.person.name}
                faults.append((turn, rules.finding(rule, None, None, **names)["message"]))
    return LiveRules(
        minimum=minimum,
        # Only members whose turn has come: the others have not been criticised yet.
        too_few=[r for r in counts if r.self_criticised and r.points < minimum],
        faults=faults,
        not_responded=[r for r in counts if r.self_criticised and r.criticisms and not r.responded],
    )


def current_item(agenda: list[AgendaItem], turns: list[Turn], chosen: int | None):
    if chosen is not None:
        for item in agenda:
            if item.pk == chosen:
                return item
    for turn in reversed(turns):
        if turn.agenda_item_id is not None:
            return next((i for i in agenda if i.pk == turn.agenda_item_id), None)
    return agenda[0] if agenda else None


def suggest(
    meeting: Meeting,
    item: AgendaItem | None,
    turns: list[Turn],
    outlines: dict[int, object],
    guide_ids: list[int],
    absent: frozenset[int] = frozenset(),
) -> Suggestion:
    """The likely next turn under ``item``, so the recorder mostly only types the words."""
    seats = team_in_order(meeting)
    principal = seats[0] if seats and seats[0].is_principal else None
    host = meeting.host or principal
    if item is None:
        return Suggestion(None, TurnKind.HOST, _seat(host))
    here = [t for t in turns if t.agenda_item_id == item.pk]
    if item.kind == AgendaKind.OPENING:
        return Suggestion(item, TurnKind.HOST, _seat(host))
    if item.kind == AgendaKind.REPORT:
        return Suggestion(item, TurnKind.REPORT, _seat(item.subject or principal))
    if item.kind == AgendaKind.TEAM_MATERIAL:
        return Suggestion(item, TurnKind.TEAM_MATERIAL, _seat(item.subject or principal))
    if item.kind == AgendaKind.GUIDANCE:
        speaker = f"guide:{guide_ids[0]}" if guide_ids else ""
        return Suggestion(item, TurnKind.GUIDANCE, speaker)
    if item.kind == AgendaKind.SUMMARY:
        return Suggestion(item, TurnKind.SUMMARY, _seat(item.subject or principal))
    subject = item.subject
    if item.kind != AgendaKind.MEMBER or subject is None or subject.pk in absent:
        # an absent member's item (kept if the agenda was drafted before the roll call):
        # nothing of his to record; the host says so if anything
        return Suggestion(item, TurnKind.OTHER, _seat(host))
    if not any(t.kind == TurnKind.SELF_CRITICISM for t in here):
        return Suggestion(
            item, TurnKind.SELF_CRITICISM, _seat(subject), outline=outlines.get(subject.pk)
        )
    criticised_by = {t.speaker_id for t in here if t.kind == TurnKind.CRITICISM}
    for seat in seats:
        if seat.pk != subject.pk and seat.pk not in criticised_by and seat.pk not in absent:
            return Suggestion(item, TurnKind.CRITICISM, _seat(seat), target=subject.pk)
    return Suggestion(item, TurnKind.RESPONSE, _seat(subject))


def _seat(seat: TeamMember | None) -> str:
    return f"seat:{seat.pk}" if seat is not None else ""


def outlines_for(meeting: Meeting) -> tuple[dict[int, object], object]:
    """The reviewed (审阅通过) outline of each member, and the team material, latest draft."""
    from dlm.preparation.enums import MaterialStatus
    from dlm.preparation.models import Material

    personal: dict[int, object] = {}
    team = None
    approved = Material.objects.filter(
        meeting=meeting, status=MaterialStatus.APPROVED
    ).prefetch_related("versions")
    for material in approved:
        latest = next(iter(material.versions.all()), None)  # versions are newest first
        if latest is None:
            continue
        if material.author_id is None:
            team = latest
        else:
            personal[material.author_id] = latest
    return personal, team


def absent_seats(meeting: Meeting) -> frozenset[int]:
    return frozenset(
        meeting.attendance.filter(presence="absent", seat__isnull=False).values_list(
            "seat_id", flat=True
        )
    )
