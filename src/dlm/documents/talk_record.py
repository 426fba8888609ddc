"""The 谈心谈话记录表: one page a talk, printed blank for the talk or filled from the record.

The four things a 四必谈 talk must cover are rows to write in; the notes are private to the two
who talked (and the principal where they share them), so only they download it filled."""

from __future__ import annotations

from dataclasses import dataclass

from dlm.documents.docx_layout import DOCX, OfficialDocument
from dlm.preparation.enums import TALK_TOPICS


@dataclass(frozen=True)
class TalkRecordData:
    team: str
    title: str
    held_on: str = ""  # "2026年11月3日" or blank to fill
    kind: str = ""
    member: str = ""
    partner: str = ""
    covered: tuple[str, ...] = ()  # the topics ticked
    notes: str = ""


def render(data: TalkRecordData) -> tuple[str, str, bytes]:
    # one printed page: the facts in a compact grid with room to write, the four topics, the
    # record, the signatures
    doc = OfficialDocument(author=data.team)
    doc.title(f"{data.team}{data.title}")
    kinds = "□主要负责同志与班子成员　□班子成员之间\n□与分管单位负责人　□与支部党员代表"
    doc.table(
        ["谈话时间", data.held_on, "谈话地点", ""],
        [
            ["谈话人", data.member, "谈话对象", data.partner],
            ["谈话类型", data.kind or kinds, "记录人", ""],
        ],
        row_height_cm=1.2,
        header_height_cm=1.2,
        widths_cm=[2.6, 5.2, 2.6, 5.2],
    )
    rows = [[f"{'☑' if label in data.covered else '□'}{label}", ""] for _, label in TALK_TOPICS]
    doc.table(["谈话内容", "主要情况"], rows, row_height_cm=2.0, widths_cm=[4.6, 11.0])
    doc.table(["谈话记录"], [[data.notes]], row_height_cm=3.2, widths_cm=[15.6])
    doc.body("谈话人（签字）：　　　　　　谈话对象（签字）：")
    name = f"{data.team}谈心谈话记录表" + (
        f"（{data.member}与{data.partner}）" if data.partner else ""
    )
    return f"{name}.docx", DOCX, doc.bytes()
