"""Every change to the ledger: one function each, checked, saved and logged in one
transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max, Q, Sum

from dlm.campaigns.enums import MeetingState
from dlm.campaigns.models import Meeting, local_today
from dlm.core.audit import log_action, log_changes, snapshot
from dlm.core.errors import Refused
from dlm.core.models import AuditEntry
from dlm.core.revisions import ensure_fresh
from dlm.organisations.leaving import Pending
from dlm.organisations.models import TeamMember
from dlm.rectification.enums import ItemKind, ItemStatus, SourceKind
from dlm.rectification.models import (
    Evidence,
    Extension,
    ExtensionStatus,
    Item,
    Progress,
    Source,
)

# Items are drawn up from the meeting on; the ledger stays alive after the meeting closes.
LEDGER_STATES = {
    MeetingState.HELD,
    MeetingState.REPORTED,
    MeetingState.RECTIFYING,
    MeetingState.CLOSED,
}
ITEM_FIELDS = [
    "member",
    "problem",
    "measures",
    "responsible",
    "lead_department",
    "kind",
    "deadline",
    "deadline_note",
    "ongoing",
    "assisting",
    "stage_goals",
    "internal_note",
]
MAX_EVIDENCE = 20 * 1024 * 1024
MAX_EVIDENCE_FILES = 10  # files in one progress note
MAX_ITEM_EVIDENCE = 200 * 1024 * 1024  # evidence one item may hold in all


@dataclass
class SourceLink:
    kind: str
    opinion: object = None
    turn: object = None
    material: object = None
    note: str = ""


@dataclass
class ItemInput:
    problem: str
    measures: str
    responsible: TeamMember
    kind: str
    member: TeamMember | None = None
    lead_department: str = ""
    deadline: dt.date | None = None
    deadline_note: str = ""  # the deadline as the office wrote it ("8月底前")
    ongoing: bool = False  # 并长期坚持, beside the date
    assisting: str = ""  # who assists the person responsible ("王某、李某")
    stage_goals: str = ""
    internal_note: str = ""
    sources: list[SourceLink] = field(default_factory=list)


def check_item(meeting: Meeting, data: ItemInput) -> None:
    if not data.problem.strip():
        raise Refused("请填写问题", field="problem")
    if not data.measures.strip():
        raise Refused("请填写整改措施", field="measures")
    for seat, name in ((data.responsible, "responsible"), (data.member, "member")):
        if seat is not None and seat.team_id != meeting.team_id:
            raise Refused("责任人和所属成员须是本班子成员", field=name)
    if data.kind not in ItemKind.values:
        raise Refused("请选择整改类型", field="kind")
    if data.kind == ItemKind.DEADLINE and data.deadline is None:
        raise Refused("限期整改的事项须写明完成时限", field="deadline")
    if data.deadline and meeting.held_on and data.deadline < meeting.held_on:
        raise Refused(f"完成时限不能早于会议召开日期 {meeting.held_on:%Y-%m-%d}", field="deadline")


def _check_ledger_open(meeting: Meeting) -> None:
    if meeting.state not in LEDGER_STATES:
        raise Refused("会议召开后才能建立整改清单")


@transaction.atomic
def create_item(
    meeting: Meeting,
    data: ItemInput,
    *,
    user,
    carried_from=None,
    form_token: str = "",
    allow_duplicate: bool = False,
) -> Item:
    """A new item. ``form_token`` is the create form's: the same form sent again returns the
    item it made instead of a second one; the same problem for the same owner already in the
    ledger is refused unless ``allow_duplicate`` (the office confirms it is another one). An
    item added to a ledger whose team already has a newer meeting continues there at once."""
    if carried_from is None:
        _check_ledger_open(meeting)
    check_item(meeting, data)
    if not data.responsible.active:
        raise Refused("责任人已离任，请选择在任的班子成员", field="responsible")
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if form_token:
        made = Item.objects.filter(meeting=meeting, form_token=form_token).first()
        if made is not None:
            return made
    if carried_from is None and not allow_duplicate:
        _check_not_listed(meeting, data)
    number = (meeting.ledger_items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = Item.objects.create(
        meeting=meeting,
        number=number,
        member=data.member,
        problem=data.problem.strip(),
        measures=data.measures.strip(),
        responsible=data.responsible,
        lead_department=data.lead_department.strip(),
        kind=data.kind,
        deadline=data.deadline,
        deadline_note=data.deadline_note.strip()[:300],
        ongoing=data.ongoing or data.kind == ItemKind.LONG_TERM,
        assisting=data.assisting.strip()[:200],
        stage_goals=data.stage_goals.strip(),
        internal_note=data.internal_note.strip(),
        carried_from=carried_from,
        created_by=user,
        form_token=form_token[:64],
    )
    Source.objects.bulk_create(
        Source(
            item=item,
            kind=link.kind,
            opinion=link.opinion,
            turn=link.turn,
            material=link.material,
            note=link.note[:300],
        )
        for link in data.sources
    )
    _log_created(item, data, carried_from, user)
    if carried_from is None:
        newer = (
            Meeting.objects.filter(team=meeting.team, created_at__gt=meeting.created_at)
            .order_by("-created_at")
            .first()
        )
        if newer is not None:  # the year moved on: the problem goes on in the newer ledger
            carry_over(newer, user)
            item.refresh_from_db()
    return item


def _check_not_listed(meeting: Meeting, data: ItemInput) -> None:
    problem = "".join(data.problem.split())  # Chinese has no spaces: pasted ones differ
    for other in Item.objects.in_force().filter(meeting=meeting, member=data.member):
        if "".join(other.problem.split()) == problem:
            raise Refused(
                f"整改清单第{other.number}项已是同一问题（可能是重复提交）；"
                "确需另列一项，请勾选“确认另列一项”后保存",
                field="duplicate_ok",
            )


def _log_created(item: Item, data: ItemInput, carried_from, user) -> None:
    log_action(
        "rectification.item.carried_over" if carried_from else "rectification.item.created",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={
            "序号": item.number,
            "问题": item.problem[:200],
            "来源": [SourceKind(link.kind).label for link in data.sources],
        },
    )


@transaction.atomic
def update_item(item: Item, *, user, before: dict, revision: str | None = None) -> Item:
    """Save the office's edit of an item, unless someone saved it meanwhile (``revision``)
    or it was closed or voided meanwhile."""
    data = ItemInput(
        problem=item.problem,
        measures=item.measures,
        responsible=item.responsible,
        kind=item.kind,
        member=item.member,
        deadline=item.deadline,
    )
    check_item(item.meeting, data)
    if revision is not None:
        ensure_fresh(item, ITEM_FIELDS, revision)
    saved = Item.objects.select_for_update().get(pk=item.pk)
    if item.responsible_id != saved.responsible_id and not item.responsible.active:
        raise Refused("责任人已离任，请选择在任的班子成员", field="responsible")
    if saved.status == ItemStatus.CLOSING:
        raise Refused("事项已申请销号，审批期间不能修改；确需修改请由审批人“不同意销号”退回")
    if saved.status == ItemStatus.CLOSED:
        raise Refused("已销号的事项不能修改；确需修改请先重新打开")
    if saved.status == ItemStatus.VOID:
        raise Refused("已作废的事项不能修改")
    waiting = pending_extension(saved)
    if item.deadline != saved.deadline and waiting is not None:
        raise Refused(
            f"本事项有待审批的延期申请（申请延至 {waiting.new_deadline:%Y-%m-%d}），"
            "完成时限由审批决定；请等审批人作出决定后再修改",
            field="deadline",
        )
    if item.deadline != saved.deadline and item.deadline_note == saved.deadline_note:
        item.deadline_note = ""  # the office's old words described the old date
    if item.kind == ItemKind.LONG_TERM:
        item.ongoing = True
    item.save(update_fields=ITEM_FIELDS)
    log_changes(
        "rectification.item.changed",
        user=user,
        target=item,
        organisation=item.meeting.team,
        before=before,
        after=snapshot(item, fields=ITEM_FIELDS),
    )
    return item


@transaction.atomic
def add_progress(
    item: Item, on: dt.date, text: str, files: list[tuple[str, bytes]], *, user
) -> Progress:
    if item.status == ItemStatus.CLOSED:
        raise Refused("事项已销号，如需继续整改请先重新打开")
    if item.status == ItemStatus.VOID:
        raise Refused("事项已作废")
    if on > local_today():
        raise Refused("进展日期不能晚于今天", field="on")
    if not text.strip():
        raise Refused("请填写进展情况", field="text")
    if len(files) > MAX_EVIDENCE_FILES:
        raise Refused(
            f"一次最多上传 {MAX_EVIDENCE_FILES} 个佐证材料（本次 {len(files)} 个），请分次上传",
            field="files",
        )
    for name, content in files:
        if len(content) > MAX_EVIDENCE:
            raise Refused(f"佐证材料“{name}”过大，单个文件上限为 20 MB", field="files")
    held = Evidence.objects.filter(progress__item=item).aggregate(total=Sum("size"))["total"] or 0
    if held + sum(len(content) for _, content in files) > MAX_ITEM_EVIDENCE:
        raise Refused(
            "这个事项的佐证材料已接近 200 MB 上限，请压缩或只保留关键材料后再上传", field="files"
        )
    progress = Progress.objects.create(item=item, on=on, text=text.strip(), recorded_by=user)
    Evidence.objects.bulk_create(
        Evidence(progress=progress, name=name[:200], content=content, size=len(content))
        for name, content in files
    )
    log_action(
        "rectification.progress.recorded",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"进展": progress.text[:200], "佐证材料": [name for name, _ in files]},
    )
    return progress


def needs_superior(item: Item) -> bool:
    return item.meeting.campaign.superior_approves_closing


PRINCIPAL, SUPERIOR = "principal", "superior"
APPROVER_LABELS = {PRINCIPAL: "主要负责同志", SUPERIOR: "上级组织"}


def principal_answers_for(item: Item) -> bool:
    return item.responsible.is_principal


def approvers_needed(item: Item) -> list[str]:
    """Who must agree before the item is closed: the principal, and the superior where the
    campaign says so. Nobody approves his own work: on the principal's own items his
    approval passes up to the superior."""
    if principal_answers_for(item):
        return [SUPERIOR]
    return [PRINCIPAL, SUPERIOR] if needs_superior(item) else [PRINCIPAL]


def approvals_waiting(item: Item) -> list[str]:
    given = {PRINCIPAL: item.principal_approved_on, SUPERIOR: item.superior_approved_on}
    return [who for who in approvers_needed(item) if given[who] is None]


def _lock(item: Item) -> Item:
    """The item as saved, locked: two clicks at once are taken one after the other."""
    return (
        Item.objects.select_for_update()
        .select_related("meeting__campaign", "meeting__team", "responsible__person")
        .get(pk=item.pk)
    )


def _check_not_own(item: Item, user, what: str) -> None:
    if item.responsible.person.user_id == user.pk:
        raise Refused(f"您是本事项的责任人，不能{what}；由上一级审批")
    if item.closing_requested_by_id == user.pk:
        raise Refused(f"销号是您申请的，不能由您{what}")


@transaction.atomic
def request_closing(item: Item, *, user) -> Item:
    item = _lock(item)
    if item.status != ItemStatus.OPEN:
        raise Refused(f"事项当前为“{item.get_status_display()}”，不能申请销号")
    if not Evidence.objects.filter(progress__item__in=item.lineage()).exists():
        raise Refused("销号须有佐证材料：请先在整改进展中上传")
    item.status = ItemStatus.CLOSING
    item.closing_requested_by = user
    item.save(update_fields=["status", "closing_requested_by"])
    log_action(
        "rectification.closing.requested",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"须同意": [APPROVER_LABELS[who] for who in approvers_needed(item)]},
    )
    return item


@transaction.atomic
def approve_closing(item: Item, *, as_superior: bool, user) -> Item:
    """One approval, given once; the item closes when every approval it needs is given."""
    item = _lock(item)
    if item.status != ItemStatus.CLOSING:
        raise Refused(f"事项当前为“{item.get_status_display()}”，没有待同意的销号申请")
    who = SUPERIOR if as_superior else PRINCIPAL
    if who not in approvers_needed(item):
        if who == PRINCIPAL:
            raise Refused("本事项的责任人是主要负责同志本人，销号由上级组织审批")
        raise Refused("本次通知未要求上级同意销号")
    given = item.superior_approved_on if as_superior else item.principal_approved_on
    if given is not None:
        raise Refused(f"{APPROVER_LABELS[who]}已于 {given:%Y-%m-%d} 同意销号，不需要再次同意")
    _check_not_own(item, user, "同意销号")
    today = local_today()
    if as_superior:
        item.superior_approved_on = today
    else:
        item.principal_approved_on = today
    log_action(
        "rectification.closing.approved",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"同意方": APPROVER_LABELS[who]},
    )
    if not approvals_waiting(item):
        item.status, item.closed_on = ItemStatus.CLOSED, today
        _withdraw_extension(item, "事项已销号")
        log_action(
            "rectification.item.closed", user=user, target=item, organisation=item.meeting.team
        )
    item.save()
    return item


@transaction.atomic
def decline_closing(item: Item, reason: str, *, user) -> Item:
    item = _lock(item)
    if item.status != ItemStatus.CLOSING:
        raise Refused(f"事项当前为“{item.get_status_display()}”，没有待同意的销号申请")
    _check_not_own(item, user, "审批销号")
    return _back_to_open(item, reason, "不同意销号", "rectification.closing.declined", user=user)


@transaction.atomic
def reopen(item: Item, reason: str, *, user) -> Item:
    item = _lock(item)
    if item.status != ItemStatus.CLOSED:
        raise Refused("只有已销号的事项可以重新打开")
    return _back_to_open(item, reason, "重新打开", "rectification.item.reopened", user=user)


def _back_to_open(item: Item, reason: str, what: str, action: str, *, user) -> Item:
    """Back to 整改中 with every approval cleared; the reason is required and logged."""
    if not reason.strip():
        raise Refused(f"请写明{what}的理由", field="reason")
    item.status = ItemStatus.OPEN
    item.principal_approved_on = item.superior_approved_on = item.closed_on = None
    item.closing_requested_by = None
    item.save()
    log_action(
        action,
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"理由": reason.strip()},
    )
    return item


@transaction.atomic
def void_item(item: Item, reason: str, *, user) -> Item:
    """Take an item entered twice or in error out of the ledger. It stays in the record
    with its reason; every total, list, document and reminder leaves it out."""
    item = _lock(item)
    if item.status not in (ItemStatus.OPEN, ItemStatus.CLOSING):
        raise Refused(f"事项当前为“{item.get_status_display()}”，不能作废")
    if not reason.strip():
        raise Refused("请写明作废的理由", field="reason")
    item.status = ItemStatus.VOID
    item.void_reason = reason.strip()[:500]
    _withdraw_extension(item, "事项已作废")
    item.principal_approved_on = item.superior_approved_on = None
    item.closing_requested_by = None
    item.save()
    log_action(
        "rectification.item.voided",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"理由": item.void_reason},
    )
    return item


def pending_extension(item: Item) -> Extension | None:
    return item.extensions.filter(status=ExtensionStatus.PENDING).first()


def extension_decider(item: Item) -> str:
    """Who decides a 申请延期: whoever approves the item's closing first — the principal; the
    superior on the principal's own items."""
    return approvers_needed(item)[0]


@transaction.atomic
def ask_extension(item: Item, reason: str, *, new_deadline: dt.date | None, user) -> Item:
    """The person responsible (or the office) asks for a later deadline. The item keeps its
    deadline — and is overdue past it — until the request is granted."""
    item = _lock(item)
    if item.status != ItemStatus.OPEN:
        raise Refused(f"事项当前为“{item.get_status_display()}”，不能申请延期")
    if item.deadline is None:
        raise Refused("本事项没有完成时限（长期坚持），不需要申请延期")
    if pending_extension(item) is not None:
        raise Refused("本事项已有一份延期申请待审批，请等待审批结果")
    if not reason.strip():
        raise Refused("请写明申请延期的理由", field="reason")
    if new_deadline is None:
        raise Refused("请填写延期后的完成时限", field="new_deadline")
    if new_deadline <= item.deadline:
        raise Refused(
            f"延期后的完成时限须晚于原定的 {item.deadline:%Y-%m-%d}", field="new_deadline"
        )
    if new_deadline <= local_today():
        raise Refused("延期后的完成时限须晚于今天", field="new_deadline")
    extension = Extension.objects.create(
        item=item,
        old_deadline=item.deadline,
        old_note=item.deadline_note,
        new_deadline=new_deadline,
        reason=reason.strip()[:500],
        asked_by=user,
        asked_on=local_today(),
    )
    log_action(
        "rectification.extension.requested",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={
            "原定时限": extension.old_text,
            "申请延至": f"{new_deadline:%Y-%m-%d}",
            "理由": extension.reason,
            "审批": APPROVER_LABELS[extension_decider(item)],
        },
    )
    return item


def _pending_to_decide(item: Item, user) -> Extension:
    extension = pending_extension(item)
    if extension is None:
        raise Refused("本事项没有待审批的延期申请")
    if item.responsible.person.user_id == user.pk or extension.asked_by_id == user.pk:
        raise Refused("延期是您申请的（或您是本事项的责任人），不能由您审批；由上一级审批")
    return extension


@transaction.atomic
def grant_extension(item: Item, reason: str, *, user) -> Item:
    """The new deadline replaces the old one; the old stays on the request, in the history
    and in the exported sheet."""
    item = _lock(item)
    extension = _pending_to_decide(item, user)
    extension.status, extension.decided_by = ExtensionStatus.GRANTED, user
    extension.decided_on, extension.answer = local_today(), reason.strip()[:500]
    extension.save()
    item.deadline, item.deadline_note = extension.new_deadline, ""
    if item.kind == ItemKind.IMMEDIATE:
        item.kind = ItemKind.DEADLINE  # no longer done at once: it has a date now
    item.save(update_fields=["deadline", "deadline_note", "kind"])
    log_action(
        "rectification.extension.granted",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={
            "原定时限": extension.old_text,
            "延至": f"{extension.new_deadline:%Y-%m-%d}",
            **({"意见": extension.answer} if extension.answer else {}),
        },
    )
    return item


@transaction.atomic
def refuse_extension(item: Item, reason: str, *, user) -> Item:
    item = _lock(item)
    extension = _pending_to_decide(item, user)
    if not reason.strip():
        raise Refused("请写明不同意延期的理由", field="reason")
    extension.status, extension.decided_by = ExtensionStatus.REFUSED, user
    extension.decided_on, extension.answer = local_today(), reason.strip()[:500]
    extension.save()
    log_action(
        "rectification.extension.refused",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"申请延至": f"{extension.new_deadline:%Y-%m-%d}", "理由": extension.answer},
    )
    return item


def _withdraw_extension(item: Item, why: str) -> None:
    item.extensions.filter(status=ExtensionStatus.PENDING).update(
        status=ExtensionStatus.WITHDRAWN, answer=why, decided_on=local_today()
    )


def carry_over(meeting: Meeting, user) -> list[Item]:
    """Continue the team's unfinished items of earlier meetings in ``meeting``'s ledger
    (called when a team receives a new meeting). The new item is the same problem going on:
    linked to its origin, with its state (a 销号 asked for stays asked for, with the
    approvals given), its deadline while not past, and its progress and evidence read
    through the link. The origin becomes 结转至下年度: no action is taken on it any more, so
    closing happens once, in the new ledger. A member's item stays his even if he left; the
    principal then answers for it until he passes it on."""
    today = local_today()
    principal = meeting.team.team_members.active().filter(is_principal=True).first()
    unfinished = (
        Item.objects.unfinished()
        .filter(meeting__team=meeting.team, carried_to__isnull=True)
        .exclude(meeting=meeting)
        .select_related("member", "responsible__person", "meeting__campaign")
        .order_by("meeting__campaign__year", "meeting_id", "number")
    )
    carried = []
    for old in unfinished:
        responsible = old.responsible if old.responsible.active else principal
        if responsible is None:
            continue  # a team with nobody to answer: the office assigns it by hand
        expired = old.deadline is not None and old.deadline < today
        note = f"{old.meeting.campaign.label}整改清单第{old.number}项"
        if expired:
            note += f"；原完成时限 {old.deadline:%Y-%m-%d} 已过，请重新确定"
        if responsible != old.responsible:
            note += f"；原责任人{old.responsible.person.name}已离任，待主要负责同志重新分配"
        item = create_item(
            meeting,
            ItemInput(
                problem=old.problem,
                measures=old.measures,
                responsible=responsible,
                kind=ItemKind.LONG_TERM if expired and old.kind == ItemKind.DEADLINE else old.kind,
                member=old.member,
                lead_department=old.lead_department,
                deadline=None if expired else old.deadline,
                deadline_note="" if expired else old.deadline_note,
                ongoing=old.ongoing,
                assisting=old.assisting,
                stage_goals=old.stage_goals,
                internal_note=old.internal_note,
                sources=[SourceLink(SourceKind.CARRIED_OVER, note=note)],
            ),
            user=user,
            carried_from=old,
        )
        if old.status == ItemStatus.CLOSING:  # the request and its approvals go on
            item.status = ItemStatus.CLOSING
            item.closing_requested_by = old.closing_requested_by
            item.principal_approved_on = old.principal_approved_on
            item.superior_approved_on = old.superior_approved_on
            item.save()
        old.status = ItemStatus.CARRIED
        old.save(update_fields=["status"])
        log_action(
            "rectification.item.carried_away",
            user=user,
            target=old,
            organisation=meeting.team,
            data={"结转至": f"{meeting.campaign.label}整改清单第{item.number}项"},
        )
        carried.append(item)
    return carried


def skeleton_lines(material) -> list[str]:
    """Last year's unfinished items for the first part of a new material: the team's for the
    team material, the member's own (and those he is responsible for) for his outline."""
    items = Item.objects.in_force().filter(meeting=material.meeting, carried_from__isnull=False)
    if material.author_id is None:
        items = items.filter(member__isnull=True)
    else:  # his own, and those he answers for that are nobody else's now
        items = items.filter(
            Q(member=material.author_id)
            | Q(responsible=material.author_id) & (Q(member__isnull=True) | Q(member__active=False))
        )
    lines = []
    for number, item in enumerate(items.order_by("number"), start=1):
        if item.status == ItemStatus.CLOSED:
            state = f"上年度结转，已于{item.closed_on:%Y年%-m月%-d日}销号"
        else:
            state = f"上年度未完成，整改措施：{item.measures}；进展：……"
        lines.append(f"{number}. {item.problem}（{state}）")
    return lines


# Who hears of an item passed to another member (the reminders app): when a 销号 waits, the
# approvers it now waits for. Registered from AppConfig.ready().
ITEM_REASSIGNED: list = []


@transaction.atomic
def reassign(item: Item, successor: TeamMember, *, user) -> Item:
    """Another member answers for the item (its owner left or moved)."""
    item = _lock(item)
    before = item.responsible.person.name
    item.responsible = successor
    item.save(update_fields=["responsible"])
    log_action(
        "rectification.item.reassigned",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"changes": {"责任人": [before, successor.person.name]}},
    )
    for hook in ITEM_REASSIGNED:
        hook(item, user)
    return item


def waiting_on(seat: TeamMember) -> list[Pending]:
    """What the ledger has waiting on a member who leaves (organisations.leaving)."""
    found = []
    items = (
        Item.objects.unfinished()
        .filter(responsible=seat)
        .select_related("meeting__campaign")
        .order_by("meeting_id", "number")
    )
    for item in items:
        found.append(
            Pending(
                key=f"item:{item.pk}",
                label=f"整改事项：{item.meeting.campaign.label}第{item.number}项"
                f"“{item.problem[:30]}”（{item.get_status_display()}"
                + (
                    "；移交给主要负责同志的，销号改由上级组织审批"
                    if item.status == ItemStatus.CLOSING
                    else ""
                )
                + "）",
                url=item.get_absolute_url(),
                hand_over=lambda successor, user, item=item: reassign(item, successor, user=user),
            )
        )
    if seat.is_principal:
        waiting = Item.objects.filter(
            meeting__team=seat.team, status=ItemStatus.CLOSING, principal_approved_on=None
        ).count()
        if waiting:
            found.append(
                Pending(
                    key="closing",
                    label=f"{waiting}项整改事项等待主要负责同志同意销号：由新任主要负责同志审批",
                )
            )
    return found


SENT_BACK = ["rectification.closing.declined", "rectification.item.reopened"]


def latest_reason(item: Item) -> str:
    """Why the item is back at work, in the words of whoever sent it back (a declined
    closing or a reopening), for its page and its owner's 待办; "" when it never came back."""
    return latest_reasons([item]).get(item.pk, "")


def latest_reasons(items) -> dict[int, str]:
    """``latest_reason`` for many items in one query (the 待办 lists)."""
    open_ids = [str(item.pk) for item in items if item.status == ItemStatus.OPEN]
    if not open_ids:
        return {}
    entries = (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Item),
            target_id__in=open_ids,
            action__in=SENT_BACK,
        )
        .order_by("-at", "-id")
        .only("target_id", "action", "actor_name", "at", "data")
    )
    found: dict[int, str] = {}
    for entry in entries:
        pk = int(entry.target_id)
        if pk not in found:
            what = "不同意销号" if entry.action.endswith("declined") else "重新打开"
            found[pk] = (
                f"{entry.actor_name}于{entry.at:%Y-%m-%d}{what}：{entry.data.get('理由', '')}"
            )
    return found


@transaction.atomic
def chase(item: Item, note: str, *, user) -> Item:
    """The office presses the person responsible (催办): logged, and told to him."""
    item = _lock(item)
    if item.status not in (ItemStatus.OPEN, ItemStatus.CLOSING):
        raise Refused(f"事项当前为“{item.get_status_display()}”，不需要催办")
    log_action(
        "rectification.item.chased",
        user=user,
        target=item,
        organisation=item.meeting.team,
        data={"催办": note.strip()[:300], "责任人": item.responsible.person.name},
    )
    return item
