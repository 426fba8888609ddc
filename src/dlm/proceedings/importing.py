"""Reading an existing minutes file into the record.

`dlm analyse` reads the file into turns (speaker, role, target); here those become proposed
rows with the team's members matched by name. The recorder confirms or corrects each row;
nothing is saved until then, every row is checked before any is saved, and what the
recorder changed is kept beside what was read.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from dlm.campaigns.models import Meeting
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.proceedings.agenda import team_in_order
from dlm.proceedings.enums import TurnKind, TurnSource
from dlm.proceedings.models import MinutesImport
from dlm.proceedings.recording import TurnInput, add_turn, validate
from dlm.textcheck.minutes import Names, read_minutes
from dlm.textcheck.text import normalise_name

ROW_FIELDS = ("include", "kind", "speaker", "target", "text")
LABEL = r"^\s*[^\s：:]{1,10}(?:[（(][^）)]{1,16}[）)])?[：:]\s*"


def _body(text: str, start: int, end: int, speaker: str) -> str:
    """The words of a turn, without its speaker's label at the start ("韩书记：") — and only
    that: "对韩书记提两点意见：" is what was said."""
    words = text[start:end].strip()
    found = re.match(LABEL, words)
    if found and speaker:
        label = found.group(0).strip().rstrip("：:")
        if Names([speaker]).resolve(label)[0] == normalise_name(speaker):
            return words[found.end() :].strip()
    return words


def propose(meeting: Meeting, text: str) -> list[dict]:
    """Rows for the recorder to confirm: one per turn the reader found."""
    seats = {normalise_name(seat.person.name): seat for seat in team_in_order(meeting)}
    guides = {normalise_name(g.person.name): g for g in meeting.guides.select_related("person")}
    rows = []
    people = [*seats, *guides]
    for turn in read_minutes(text, people)["turns"]:
        name = normalise_name(turn["speaker"])
        seat, guide = seats.get(name), guides.get(name)
        speaker = f"seat:{seat.pk}" if seat else f"guide:{guide.pk}" if guide else ""
        target = seats.get(normalise_name(turn["target"] or ""))
        kind = turn["role"] if turn["role"] in TurnKind.values else TurnKind.OTHER
        rows.append(
            {
                "include": True,
                "kind": kind,
                "speaker": speaker,
                "speaker_read": turn["speaker"],
                "target": str(target.pk) if target else "",
                "target_read": turn["target"] or "",
                "text": _body(text, turn["start"], turn["end"], turn["speaker"]),
            }
        )
    return rows


@transaction.atomic
def store_upload(meeting: Meeting, name: str, content: bytes, text: str, error: str, *, user):
    """Keep the file whether or not it could be read; propose rows when it could."""
    proposal = propose(meeting, text) if text and not error else []
    if text and not error and not any(r["kind"] != TurnKind.OTHER for r in proposal):
        error = "没有从文件中识别出发言人和发言，请确认这是一份民主生活会会议记录"
        proposal = []
    upload = MinutesImport.objects.create(
        meeting=meeting,
        file_name=name[:200],
        content=content,
        text=text,
        proposal=proposal,
        error=error[:300],
        uploaded_by=user,
    )
    log_action(
        "proceedings.minutes.uploaded",
        user=user,
        target=meeting,
        organisation=meeting.team,
        data={"文件": name, "识别发言": len(proposal), "无法读取": error},
    )
    return upload


def confirm(upload: MinutesImport, reviewed: list[tuple[dict, TurnInput | None]], *, user) -> int:
    """Save the confirmed rows as turns: all of them or, when one is refused, none.

    ``reviewed`` pairs every proposed row's final values with its turn (None when the
    recorder left the row out). Refusals name the row.
    """
    meeting = upload.meeting
    if upload.confirmed_at is not None:
        raise Refused("这份会议记录已经导入过了")
    with transaction.atomic():
        chosen = [(n, data) for n, (_, data) in enumerate(reviewed, start=1) if data is not None]
        if not chosen:
            raise Refused("没有选中要导入的发言")
        for number, data in chosen:
            try:
                validate(meeting, data)
            except Refused as refused:
                raise Refused(f"第 {number} 条：{refused.message}", field=refused.field) from None
        for number, data in chosen:
            data.source = TurnSource.IMPORT
            data.client_id = f"import-{upload.pk}-{number}"
            add_turn(meeting, data, user=user)
        upload.corrections = corrections(upload.proposal, [values for values, _ in reviewed])
        upload.confirmed_at = timezone.now()
        upload.save(update_fields=["corrections", "confirmed_at"])
        log_action(
            "proceedings.minutes.imported",
            user=user,
            target=meeting,
            organisation=meeting.team,
            data={
                "文件": upload.file_name,
                "导入发言": len(chosen),
                "更正": len(upload.corrections),
            },
        )
    return len(chosen)


SKIP = "skip"


def unknown_names(proposal: list[dict]) -> list[tuple[str, int]]:
    """Speakers' names in the file that match nobody: (name as read, rows), in order."""
    found: dict[str, int] = {}
    for row in proposal:
        if not row.get("speaker") and row.get("speaker_read"):
            found[row["speaker_read"]] = found.get(row["speaker_read"], 0) + 1
    for row in proposal:  # a name met only as the one criticised
        if not row.get("target") and row.get("target_read") and row["target_read"] not in found:
            found[row["target_read"]] = 0
    return list(found.items())


def apply_names(posted, proposal: list[dict], unknown, *, prefix: str):
    """The posted rows with each unknown name mapped once for all its rows: to a member or a
    guide ("seat:…"/"guide:…"), or left out ("skip"). A row the recorder set by hand stays."""
    data = posted.copy()
    for index, (name, _count) in enumerate(unknown):
        choice = posted.get(f"name-{index}", "")
        if not choice:
            continue
        for number, row in enumerate(proposal):
            field = f"{prefix}-{number}-"
            seat = choice.removeprefix("seat:") if choice.startswith("seat:") else ""
            unset = not row.get("target") and not posted.get(field + "target")
            if row.get("target_read") == name and unset and seat:
                data[field + "target"] = seat  # the one criticised, by the same name
            if row.get("speaker_read") != name or row.get("speaker"):
                continue
            if choice == SKIP:
                data.pop(field + "include", None)
            elif not posted.get(field + "speaker"):
                data[field + "speaker"] = choice
    return data


def corrections(proposal: list[dict], confirmed: list[dict]) -> list[dict]:
    """What the recorder changed, row by row: ``{"row", "field", "read", "confirmed"}``."""
    changes = []
    for number, (read, final) in enumerate(zip(proposal, confirmed, strict=False), start=1):
        for name in ROW_FIELDS:
            before, after = read.get(name), final.get(name)
            if name == "include":
                before, after = bool(before), bool(after)
            if before != after:
                changes.append({"row": number, "field": name, "read": before, "confirmed": after})
    return changes
