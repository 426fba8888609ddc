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
    doc = OfficialDocument(author=data.team)
    doc.title(data.title)
    doc.table(
        ["项目", "内容"],
        [
            ["谈话时间", data.held_on],
            ["谈话地点", ""],
            [
                "谈话类型",
                data.kind
                or "□主要负责同志与班子成员 □班子成员之间\n□与分管单位负责人 □与支部党员代表",
            ],
            ["谈话人", data.member],
            ["谈话对象", data.partner],
        ],
        widths_cm=[3.5, 12.1],
    )
    doc.paragraph()
    rows = [[f"{'☑' if label in data.covered else '□'}{label}", ""] for _, label in TALK_TOPICS]
    doc.table(["谈话内容", "主要情况"], rows, row_height_cm=3.2, widths_cm=[5, 10.6])
    doc.paragraph()
    doc.table(["谈话记录", ""], [["", data.notes]], row_height_cm=6, widths_cm=[3.5, 12.1])
    doc.paragraph()
    doc.body("谈话人（签字）：　　　　　　　谈话对象（签字）：")
    name = f"{data.team}谈心谈话记录表" + (
        f"（{data.member}与{data.partner}）" if data.partner else ""
    )
    return f"{name}.docx", DOCX, doc.bytes()
