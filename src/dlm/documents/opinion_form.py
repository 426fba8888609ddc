"""The 征求意见表: a blank form handed out to collect opinions, one row per aspect."""

from __future__ import annotations

from dataclasses import dataclass

from dlm.documents.docx_layout import DOCX, OfficialDocument


@dataclass(frozen=True)
class OpinionFormData:
    team: str
    title: str
    aspects: list[str]
    members: list[str]
    return_by: str


def render(data: OpinionFormData) -> tuple[str, str, bytes]:
    doc = OfficialDocument(author=data.team)
    doc.title(data.title)
    doc.body(
        f"为开好{data.team}民主生活会，现征求您对领导班子和班子成员的意见建议。"
        f"请对照下列方面如实填写，可不署名，于{data.return_by}前交回。"
    )
    # room to write by hand: a printed form with one line a row was returned empty
    doc.heading("一、对领导班子的意见建议")
    doc.table(
        ["对照方面", "意见建议"],
        [[aspect, ""] for aspect in data.aspects],
        row_height_cm=4.5,
        widths_cm=[4.5, 11.1],
    )
    doc.heading("二、对班子成员的意见建议")
    doc.table(
        ["班子成员", "意见建议"],
        [[member, ""] for member in data.members],
        row_height_cm=3.5,
        widths_cm=[4.5, 11.1],
    )
    doc.heading("三、其他意见建议")
    doc.table(["意见建议"], [[""]], row_height_cm=6, widths_cm=[15.6])
    return f"{data.team}征求意见表.docx", DOCX, doc.bytes()
