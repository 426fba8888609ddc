"""The ledger to and from the 整改清单 spreadsheet."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from dlm.campaigns.models import Meeting, local_today
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.documents import ledger_xlsx
from dlm.rectification import domain
from dlm.rectification.enums import ItemKind, ItemStatus, SourceKind
from dlm.rectification.models import (
    Extension,
    ExtensionStatus,
    Item,
    LedgerImport,
    item_code,
)

KINDS = {label: value for value, label in ItemKind.choices}


def sheet_rows(items: list[Item]) -> list[list[str]]:
    meetings = Meeting.objects.select_related("team", "campaign").in_bulk(
        {item.meeting_id for item in items}
    )
    rows = []
    for item in items:
        latest = item.all_progress()
        rows.append(
            [
                item.number,
                item.problem,
                item.measures,
                "、".join(n for n in (item.responsible.person.name, item.assisting) if n),
                item.lead_department,
                # a date typed as a date; the office's own words as they wrote them
                item.deadline if item.deadline_text == str(item.deadline) else item.deadline_text,
                "；".join(e.summary for e in item.extensions.all()),
                latest[len(latest) - 1].text if latest else "",
                item.get_status_display(),
                item.get_kind_display(),
                item.owner_label,
                item_code(meetings[item.meeting_id], item.number),
            ]
        )
    return rows


def export_docx(meeting: Meeting, items: list[Item], *, public: bool) -> tuple[str, str, bytes]:
    """The Word version; the public one leaves internal notes and evidence out."""
    from dlm.documents.docx_layout import DOCX

    title = f"{meeting.team.name}{meeting.campaign.label}整改清单"
    notes = None
    if not public:
        notes = []
        for item in items:
            evidence = [e.name for p in item.all_progress() for e in p.evidence.all()]
            parts = [item.internal_note] + ([f"佐证：{'、'.join(evidence)}"] if evidence else [])
            notes.append("；".join(p for p in parts if p))
    content = ledger_xlsx.write_docx(title, sheet_rows(items), notes=notes)
    suffix = "（公开版）" if public else ""
    return f"{title}{suffix}.docx", DOCX, content


def export(meeting: Meeting, items: list[Item]) -> tuple[str, str, bytes]:
    title = f"{meeting.team.name}{meeting.campaign.label}整改清单"
    content = ledger_xlsx.write(ledger_xlsx.LedgerSheet(title, sheet_rows(items)))
    return f"{title}.xlsx", ledger_xlsx.XLSX, content


SHEET_FIELDS = {  # what a sheet may change in an item: never its state (closed, approvals)
    "problem": "问题",
    "measures": "整改措施",
    "responsible": "责任人",
    "assisting": "协助",
    "lead_department": "牵头部门",
    "deadline": "完成时限",
    "ongoing": "长期坚持",
    "member": "所属",
}


CODE = re.compile(r"^\d{4}-.+-\d{2,}$")  # 2026-望湖街道党工委-07
NAMES = re.compile(r"[、，,；;／/\n]+")
SECTION = re.compile(
    r"^\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第.部分)"
)


ONGOING = re.compile(r"长期坚持|长期|持续|常态化?")
LINES = re.compile(r"[\n；;]+")


def read_deadline(value, today) -> tuple:
    """(date, 长期坚持, milestones) from a 完成时限 cell. Several milestones on separate lines
    ("3月底前完成排查" / "6月底前全部整改到位") give the last date as the deadline and are kept
    as stage goals; "2025年底前，并长期坚持" is its date with the flag. The date is the cell's
    text back when it cannot be read."""
    written = ledger_xlsx.cell_text(value)
    ongoing = bool(ONGOING.search(written))
    lines = [line.strip() for line in LINES.split(written) if line.strip()]
    if len(lines) > 1 and not isinstance(value, (dt.date, dt.datetime)):
        dates = [ledger_xlsx.parse_date(line, today=today) for line in lines]
        read = [d for d in dates if isinstance(d, dt.date)]
        if len(read) > 1:
            return max(read), ongoing, lines
    return ledger_xlsx.parse_date(value, today=today), ongoing, []


def _as_we_write(deadline) -> set[str]:
    """How our own sheet writes a deadline: no office wording to keep."""
    if deadline is None:
        return {"", "长期坚持", "立行立改"}
    return {"", deadline.isoformat(), f"{deadline.isoformat()}，并长期坚持"}


def section_owner(raw: dict, seats: dict) -> str | None:
    """A section row ("二、班子成员个人问题", "（三）郑晓岚同志") sets 所属 for the rows under
    it: a member it names, or 班子. None when the row is an item."""
    text = ledger_xlsx.cell_text
    if text(raw.get("整改措施")) or text(raw.get("责任人")):
        return None
    # written in the 问题 column, or across the row from its first cell
    head = text(raw.get("问题")) or text(raw.get("序号"))
    if not head or head.isdigit():
        return None
    if not SECTION.match(head) and len(head) > 20:
        return None
    named = next((name for name in seats if name in head), None)
    if named:
        return named
    return "班子" if "班子" in head and "个人" not in head and "成员" not in head else ""


def _check_row(
    meeting: Meeting, raw: dict, seats: dict, items: dict, today=None
) -> tuple[dict | None, str | None]:
    """A readable row as plain values, or the reason it cannot be imported. A row with the
    code of an item of this ledger updates that item (``action`` "update" with its changes,
    or "same"); a row without one is new — unless the ledger already holds the same problem
    for the same person (the same sheet imported twice changes nothing)."""
    text = ledger_xlsx.cell_text
    problem, measures = text(raw.get("问题")), text(raw.get("整改措施"))
    if not problem:
        return None, "问题为空"
    if not measures:
        return None, "整改措施为空"
    names = [
        n.strip().removesuffix("同志") for n in NAMES.split(text(raw.get("责任人"))) if n.strip()
    ]
    name = names[0] if names else ""  # the first leads; the others assist
    if name not in seats:
        return None, f"责任人“{name or '（空）'}”不是本班子成员"
    assisting = "、".join(dict.fromkeys(n for n in names[1:] if n != name))[:200]
    owner = text(raw.get("所属")).removesuffix("同志") or raw.get("section_owner", "")
    if owner and owner not in ("班子", "班子（集体）") and owner not in seats:
        return None, f"所属“{owner}”不是本班子成员"
    # a date typed as a date carries no words to keep
    written = "" if isinstance(raw.get("完成时限"), dt.date) else text(raw.get("完成时限"))
    deadline, ongoing, milestones = read_deadline(raw.get("完成时限"), today)
    if isinstance(deadline, str):
        return None, f"完成时限“{deadline}”不是日期（可写 2027-03-31、2027年3月31日 或 长期坚持）"
    kind_label = text(raw.get("整改类型"))
    kind = KINDS.get(kind_label) or (
        ItemKind.DEADLINE
        if deadline
        else ItemKind.IMMEDIATE
        if "立行立改" in written and not ongoing
        else ItemKind.LONG_TERM
    )
    if kind == ItemKind.DEADLINE and deadline is None:
        return None, "限期整改的事项须写明完成时限"
    row = {
        "row": raw["row"],
        "problem": problem,
        "measures": measures,
        "responsible": seats[name],
        "member": seats.get(owner) if owner in seats else None,
        "lead_department": text(raw.get("牵头部门")),
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_note": "" if written in _as_we_write(deadline) else written[:300],
        "ongoing": ongoing or kind == ItemKind.LONG_TERM,
        "stage_goals": "\n".join(milestones),
        "assisting": assisting,
        "kind": kind,
        "progress": text(raw.get("进展")),
        "closed_in_sheet": text(raw.get("状态")) in ("已销号", "已完成", "完成"),
        "action": "new",
        "item": None,
        "changes": [],
    }
    code = text(raw.get("编号（勿改）"))
    if not CODE.match(code):
        code = ""  # a row number the office typed, not one of our codes
    item = items.get(code) if code else None
    if code and item is None:
        return None, f"编号“{code}”不是本清单的事项（请勿修改编号列；新增的事项编号留空）"
    if item is None:
        item = next(
            (
                i
                for i in items.values()
                if i.problem.strip() == problem and i.responsible_id == seats[name]
            ),
            None,
        )
    if item is not None:
        row["item"], row["code"] = item.pk, item.code
        row["changes"] = _changes(item, row)
        latest = item.all_progress()
        if row["progress"] and (not latest or latest[-1].text != row["progress"]):
            row["changes"].append({"field": "进展", "old": "", "new": row["progress"]})
        row["action"] = "update" if row["changes"] else "same"
        waiting = next(iter(item.pending_extensions), None)  # prefetched by read_upload
        if waiting is not None and any(c["field"] == "完成时限" for c in row["changes"]):
            return None, (
                f"{item.code} 有待审批的延期申请（申请延至 {waiting.new_deadline:%Y-%m-%d}），"
                "完成时限由审批决定，表中的新时限不导入"
            )
        if row["changes"] and item.status in (
            ItemStatus.CLOSED,
            ItemStatus.CLOSING,
            ItemStatus.VOID,
        ):
            return None, (
                f"{item.code} {item.get_status_display()}，表中的修改不导入"
                "（已销号、审批中或作废的事项不由表格修改）"
            )
    return row, None


def _changes(item: Item, row: dict) -> list[dict]:
    """Field by field, what the sheet says differently: old → new, for the preview."""
    now = {
        "problem": item.problem,
        "measures": item.measures,
        "responsible": item.responsible_id,
        "assisting": item.assisting,
        "lead_department": item.lead_department,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "ongoing": item.ongoing,
        "member": item.member_id,
    }
    names = {s.pk: s.person.name for s in item.meeting.team.team_members.select_related("person")}

    def shown(field: str, value) -> str:
        if field in ("responsible", "member"):
            return names.get(value, "班子") if value else "班子"
        if field == "ongoing":
            return "是" if value else "否"
        return value or "长期坚持" if field == "deadline" else value or ""

    return [
        {"field": label, "old": shown(field, now[field]), "new": shown(field, row[field])}
        for field, label in SHEET_FIELDS.items()
        if (now[field] or None) != (row[field] or None)
    ]


@transaction.atomic
def read_upload(meeting: Meeting, name: str, content: bytes, *, user) -> LedgerImport:
    """Keep the file; read what can be read, list the rest with reasons. Saves no item."""
    rows, errors, error = [], [], ""
    try:
        raw_rows = ledger_xlsx.read(content)
    except ledger_xlsx.UnreadableSheet as refused:
        error = refused.message
        raw_rows = []
    seats = {
        s.person.name: s.pk for s in meeting.team.team_members.active().select_related("person")
    }
    items = {
        item.code: item
        for item in Item.objects.filter(meeting=meeting)
        .select_related("meeting__team", "meeting__campaign", "responsible")
        .prefetch_related(
            Prefetch(
                "extensions",
                queryset=Extension.objects.filter(status=ExtensionStatus.PENDING),
                to_attr="pending_extensions",
            )
        )
    }
    today = meeting.held_on or local_today()
    owner = ""
    for raw in raw_rows:
        found = section_owner(raw, seats)
        if found is not None:
            owner = found  # the rows under this section belong to it
            continue
        raw["section_owner"] = owner
        row, reason = _check_row(meeting, raw, seats, items, today)
        if row is None:
            errors.append({"row": raw["row"], "reason": reason})
        else:
            rows.append(row)
    return LedgerImport.objects.create(
        meeting=meeting,
        file_name=name[:200],
        content=content,
        rows=rows,
        errors=errors,
        error=error,
        uploaded_by=user,
    )


def confirm(upload: LedgerImport, *, user) -> tuple[int, int]:
    """Apply the preview: (items added, items changed)."""
    if upload.confirmed_at is not None:
        raise Refused("这份清单已经导入过了")
    if not upload.rows:
        raise Refused("没有可以导入的行")
    meeting = upload.meeting
    seats = {s.pk: s for s in meeting.team.team_members.active()}
    today = local_today()
    with transaction.atomic():
        for row in upload.rows:
            if row.get("action") == "same":
                continue  # nothing new in this row
            if row.get("action") == "update":
                _apply(row, seats, today, user=user)
                continue
            item = domain.create_item(
                meeting,
                domain.ItemInput(
                    problem=row["problem"],
                    measures=row["measures"],
                    responsible=seats[row["responsible"]],
                    kind=row["kind"],
                    member=seats.get(row["member"]) if row["member"] else None,
                    lead_department=row["lead_department"],
                    deadline_note=row.get("deadline_note", ""),
                    ongoing=row.get("ongoing", False),
                    stage_goals=row.get("stage_goals", ""),
                    assisting=_assisting(row),
                    deadline=(
                        timezone.datetime.fromisoformat(row["deadline"]).date()
                        if row["deadline"]
                        else None
                    ),
                    sources=[
                        domain.SourceLink(
                            SourceKind.OTHER, note=f"导入自《{upload.file_name}》第{row['row']}行"
                        )
                    ],
                ),
                user=user,
            )
            if row["progress"]:
                domain.add_progress(item, today, row["progress"], [], user=user)
        upload.confirmed_at = timezone.now()
        upload.save(update_fields=["confirmed_at"])
        log_action(
            "rectification.ledger.imported",
            user=user,
            target=meeting,
            organisation=meeting.team,
            data={
                "文件": upload.file_name,
                "新增": sum(1 for row in upload.rows if row.get("action", "new") == "new"),
                "修改": sum(1 for row in upload.rows if row.get("action") == "update"),
                "未导入": len(upload.errors),
            },
        )
    actions = [row.get("action", "new") for row in upload.rows]
    return actions.count("new"), actions.count("update")


def _assisting(row: dict) -> str:
    value = row.get("assisting")
    return value if isinstance(value, str) else ""  # a preview read before names were kept


def _apply(row: dict, seats: dict, today, *, user) -> None:
    """An item's fields as the sheet has them, through the ledger's own edit (its checks, its
    log); a new progress note added. Never its state."""
    from dlm.core.audit import snapshot

    item = Item.objects.select_related("meeting", "responsible").get(pk=row["item"])
    before = snapshot(item, fields=domain.ITEM_FIELDS)
    item.problem, item.measures = row["problem"], row["measures"]
    item.responsible = seats[row["responsible"]]
    item.member = seats.get(row["member"]) if row["member"] else None
    item.lead_department = row["lead_department"]
    item.assisting = _assisting(row)
    item.deadline = (
        timezone.datetime.fromisoformat(row["deadline"]).date() if row["deadline"] else None
    )
    item.deadline_note = row.get("deadline_note", "")
    item.ongoing = row.get("ongoing", item.ongoing)
    if row.get("stage_goals"):
        item.stage_goals = row["stage_goals"]
    if any(change["field"] != "进展" for change in row["changes"]):
        domain.update_item(item, user=user, before=before)
    if any(change["field"] == "进展" for change in row["changes"]):
        domain.add_progress(item, today, row["progress"], [], user=user)


def still_open_in_sheet_note(upload: LedgerImport) -> list[int]:
    """The rows marked closed in the sheet: imported open, since 销号 needs approval here."""
    return [row["row"] for row in upload.rows if row["closed_in_sheet"]]


__all__ = ["ItemStatus", "confirm", "export", "read_upload", "still_open_in_sheet_note"]
