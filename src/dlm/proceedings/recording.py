"""Recording turns: the only code that writes the meeting's record.

Every turn is its own row, so two recorders adding turns at once never overwrite each other;
a correction carries the revision it was made on, and a stale one is refused as a conflict
with both texts kept. A turn sent twice (a dropped connection, a retry) is stored once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.organisations.models import TeamMember
from dlm.proceedings.agenda import ensure_agenda, item_for
from dlm.proceedings.enums import TurnKind, TurnSource
from dlm.proceedings.live import absent_seats
from dlm.proceedings.models import AgendaItem, Point, Turn
from dlm.textcheck.points import points

# The record may be written while the meeting is being prepared and held, and corrected
# until the report goes upward with it.
OPEN_STATES = {MeetingState.PREPARING, MeetingState.HELD}
MAX_TEXT = 20_000


@dataclass
class TurnInput:
    kind: str
    speaker: TeamMember | None
    speaker_name: str
    target: TeamMember | None = None
    text: str = ""
    agenda_item: AgendaItem | None = None
    material_version: object = None
    client_id: str = ""
    source: str = TurnSource.LIVE
    typed_at: object = None  # when the recorder saved it on his screen (may be offline)
    points: list[str] | None = None  # the recorder's own division into points, if any


class Conflict(Refused):
    """A correction made on an older revision: the current turn is handed back."""

    def __init__(self, current: Turn):
        super().__init__(
            "这条记录刚被其他记录人修改过。下面是现在保存的内容和您的修改，请核对后再保存。"
        )
        self.current = current


def check_open(meeting: Meeting) -> None:
    """The record is written from the 会前准备 stage until the report goes upward; the
    refusal names the real reason and what to do."""
    if meeting.state in OPEN_STATES:
        return
    stage = meeting.get_state_display()
    if meeting.state in (MeetingState.PLANNING, MeetingState.PLAN_SUBMITTED):
        raise Refused(
            f"会议还在“{stage}”阶段，方案审定后进入会前准备才能记录发言；"
            "已上传的会议记录文件会保留，届时在这里确认导入"
        )
    raise Refused(f"情况报告已报送（当前阶段为“{stage}”），会议记录不能再修改")


Marked = tuple[int | None, int | None, str]  # a point: (start, end) in the text, its words


def marked(text: str, chosen: list[str] | None = None) -> list[Marked]:
    """The points of a criticism as spans over its text: the recorder's division when he
    gave one (each line found in the text where it can be), else the shared splitter's; a
    text without marks is one point."""
    if chosen:
        spans: list[Marked] = []
        after = 0
        for line in (line.strip() for line in chosen):
            if not line:
                continue
            at = text.find(line, after)
            spans.append((at, at + len(line), line) if at >= 0 else (None, None, line))
            after = at + len(line) if at >= 0 else after
        return spans
    found = points(text)
    if not found:
        return [(0, len(text), text.strip())] if text.strip() else []
    cleaned = []
    for point in found:
        words = point.text(text).strip().strip("；;，,")
        if words:
            cleaned.append((point.body, point.end, words))
    return cleaned


def validate(meeting: Meeting, data: TurnInput) -> list[Marked]:
    """Refuse what cannot be a turn; return the criticism's points (marked spans)."""
    if data.kind not in TurnKind.values:
        raise Refused("请选择发言类型", field="kind")
    if not data.speaker_name.strip():
        raise Refused("请选择发言人", field="speaker")
    if data.speaker is not None and data.speaker.team_id != meeting.team_id:
        raise Refused("发言人须是本班子成员或指导组成员", field="speaker")
    if len(data.text) > MAX_TEXT:
        raise Refused(f"一次发言记录不超过 {MAX_TEXT} 字，请分条记录", field="text")
    if data.speaker is not None and data.speaker.pk in absent_seats(meeting):
        raise Refused(
            f"{data.speaker.person.name}同志已登记为缺席，不能记录其发言；"
            "如其已到会，请先在“到会情况”中更正",
            field="speaker",
        )
    if data.agenda_item is not None and data.agenda_item.meeting_id != meeting.pk:
        raise Refused("议程不属于本次会议", field="item")
    points: list[Marked] = []
    if data.kind == TurnKind.CRITICISM:
        if data.target is None:
            raise Refused("请选择被批评人", field="target")
        if data.target.team_id != meeting.team_id or not data.target.active:
            raise Refused("被批评人须是本班子在任成员", field="target")
        if data.speaker is None:
            raise Refused("批评意见须由班子成员提出", field="speaker")
        if data.speaker.pk == data.target.pk:
            raise Refused("不能批评自己；本人的检查请记为“自我批评”", field="target")
        points = marked(data.text.strip(), data.points)
        if not points:
            raise Refused("请填写批评意见", field="text")
    elif data.kind in (TurnKind.SELF_CRITICISM, TurnKind.RESPONSE):
        if data.speaker is None:
            raise Refused("自我批评和表态须由班子成员本人作出", field="speaker")
        if data.kind == TurnKind.SELF_CRITICISM and data.material_version is not None:
            material = data.material_version.material
            if material.meeting_id != meeting.pk or material.author_id != data.speaker.pk:
                raise Refused("只能引用发言人本人的发言提纲", field="use_outline")
        elif not data.text.strip():
            raise Refused("请填写发言内容", field="text")
    elif data.kind == TurnKind.TEAM_MATERIAL and data.material_version is not None:
        material = data.material_version.material
        if material.meeting_id != meeting.pk or material.author_id is not None:
            raise Refused("只能引用本次会议的班子对照检查材料", field="use_outline")
    elif not data.text.strip():
        raise Refused("请填写发言内容", field="text")
    return points


def _summary(turn: Turn) -> dict:
    data = {"类型": turn.get_kind_display(), "发言人": turn.speaker_name}
    if turn.target_id:
        data["被批评人"] = turn.target.person.name
    return data


@transaction.atomic
def add_turn(meeting: Meeting, data: TurnInput, *, user) -> tuple[Turn, bool]:
    """Store one turn; ``(turn, False)`` when this client id was stored already."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    existing = Turn.objects.filter(meeting=meeting, client_id=data.client_id).first()
    if data.client_id and existing is not None:
        return existing, False
    check_open(meeting)
    points = validate(meeting, data)
    if data.agenda_item is None:
        agenda = ensure_agenda(meeting, user=user)
        data.agenda_item = item_for(agenda, data.kind, data.speaker, data.target)
    typed_at = data.typed_at or timezone.now()
    position = _place(meeting, data.agenda_item, typed_at)
    try:
        with transaction.atomic():
            turn = Turn.objects.create(
                meeting=meeting,
                agenda_item=data.agenda_item,
                position=position,
                typed_at=typed_at,
                kind=data.kind,
                speaker=data.speaker,
                speaker_name=data.speaker_name.strip(),
                target=data.target if data.kind == TurnKind.CRITICISM else None,
                text=data.text.strip(),
                material_version=data.material_version,
                source=data.source,
                client_id=data.client_id or _new_client_id(),
                recorded_by=user,
            )
    except IntegrityError:  # the same client id, stored by a racing retry
        return Turn.objects.get(meeting=meeting, client_id=data.client_id), False
    Point.objects.bulk_create(
        Point(turn=turn, position=index, text=text, start=start, end=end)
        for index, (start, end, text) in enumerate(points, 1)
    )
    log_action(
        "proceedings.turn.recorded",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data=_summary(turn) | ({"条数": len(points)} if points else {}),
    )
    return turn, True


def _place(meeting: Meeting, item, typed_at) -> int:
    """The position a new turn takes under its item: after the turns typed before it, before
    those typed after it (a turn synced late lands where it was spoken)."""
    here = Turn.objects.filter(meeting=meeting, agenda_item=item)
    later = here.filter(typed_at__gt=typed_at)
    if later.exists():
        place = min(later.values_list("position", flat=True))
        here.filter(position__gte=place).update(position=F("position") + 1)
        return place
    return (here.aggregate(n=Max("position"))["n"] or 0) + 1


@transaction.atomic
def move_turn(turn: Turn, direction: str, *, user) -> Turn:
    """Move a turn one place up or down among its agenda item's turns, and log it."""
    meeting = turn.meeting
    check_open(meeting)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    siblings = list(
        Turn.objects.filter(meeting=meeting, agenda_item=turn.agenda_item).order_by(
            "position", "id"
        )
    )
    index = next(i for i, t in enumerate(siblings) if t.pk == turn.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        raise Refused("已在本议程的最前或最后，不能再移动")
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for place, sibling in enumerate(siblings, 1):
        if sibling.position != place:
            Turn.objects.filter(pk=sibling.pk).update(position=place)
    log_action(
        "proceedings.turn.moved",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data=_summary(turn) | {"移动": "上移" if direction == "up" else "下移"},
    )
    return turn


def _new_client_id() -> str:
    import uuid

    return f"s-{uuid.uuid4().hex}"


@transaction.atomic
def edit_turn(turn: Turn, data: TurnInput, *, revision: int, user) -> Turn:
    meeting = turn.meeting
    check_open(meeting)
    current = Turn.objects.select_for_update().get(pk=turn.pk)
    if current.revision != revision:
        raise Conflict(current)
    points = validate(meeting, data)
    before = {"发言人": current.speaker_name, "内容": current.text, "类型": current.kind}
    current.kind = data.kind
    current.speaker = data.speaker
    current.speaker_name = data.speaker_name.strip()
    current.target = data.target if data.kind == TurnKind.CRITICISM else None
    current.text = data.text.strip()
    current.material_version = data.material_version
    current.agenda_item = data.agenda_item or current.agenda_item
    current.points_by_hand = bool(data.points) and data.kind == TurnKind.CRITICISM
    current.revision += 1
    current.save()
    current.points.all().delete()
    Point.objects.bulk_create(
        Point(turn=current, position=index, text=text, start=start, end=end)
        for index, (start, end, text) in enumerate(points, 1)
    )
    log_action(
        "proceedings.turn.changed",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"修改前": before, "修改后": _summary(current) | {"内容": current.text}},
    )
    return current


@transaction.atomic
def delete_turn(turn: Turn, *, user) -> None:
    check_open(turn.meeting)
    log_action(
        "proceedings.turn.deleted",
        user=user,
        target=turn.meeting,
        organisation=turn.meeting.team,
        data=_summary(turn) | {"内容": turn.text},
    )
    turn.delete()
