"""The 民主生活会 plan (实施方案) as a .docx in the official layout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dlm.documents.docx_layout import DOCX, OfficialDocument

CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class PlanData:
    team: str
    title: str
    theme: str
    time_place: str
    present: str
    attending: str
    guidance: str
    agenda: list[str]
    steps: list[tuple[str, str, str]]  # (what, when, who)
    requirements: str
    unit: str = ""  # the 落款
    signed_on: dt.date | None = None


def _lines(text: str) -> str:
    """One paragraph a line, no empty ones (a "\r" from the browser made a blank line)."""
    return "\n".join(line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip())


def render(data: PlanData) -> tuple[str, str, bytes]:
    doc = OfficialDocument(author=data.team)
    doc.title(data.title)
    sections = [
        ("会议主题", lambda: doc.body(_lines(data.theme))),
        ("时间地点", lambda: doc.body(_lines(data.time_place))),
        (
            "参会人员",
            lambda: doc.body(
                f"出席：{data.present}\n"
                f"列席：{data.attending or '无'}\n"
                f"指导：{data.guidance or '无'}"
            ),
        ),
        (
            "会议议程",
            lambda: doc.body("\n".join(f"{i}. {a}" for i, a in enumerate(data.agenda, 1))),
        ),
        (
            "会前准备",
            lambda: doc.table(
                ["工作内容", "时间", "责任人"],
                [list(s) for s in data.steps],
                widths_cm=[8.6, 3.5, 3.5],
            ),
        ),
        ("工作要求", lambda: doc.body(_lines(data.requirements))),
    ]
    for index, (head, write) in enumerate(sections):
        doc.heading(f"{CN[index]}、{head}")
        write()
    doc.signature(data.unit or data.team, data.signed_on)
    return f"{data.team}民主生活会实施方案.docx", DOCX, doc.bytes()
