"""The summary of opinions collected (征求意见情况汇总): counts, then the opinions themselves."""

from __future__ import annotations

from dataclasses import dataclass

from dlm.documents.docx_layout import DOCX, OfficialDocument


@dataclass(frozen=True)
class OpinionSummaryData:
    team: str
    title: str
    by_source: dict[str, int]
    by_target: dict[str, int]
    by_aspect: dict[str, int]
    opinions: list[tuple[str, str, str, str]]  # (about, aspect, source, text)


def render(data: OpinionSummaryData) -> tuple[str, str, bytes]:
    doc = OfficialDocument(author=data.team)
    doc.title(data.title)
    total = sum(data.by_source.values())
    doc.body(f"共收集意见建议{total}条。")
    for index, (head, counts) in enumerate(
        [("按来源", data.by_source), ("按对象", data.by_target), ("按对照方面", data.by_aspect)]
    ):
        doc.heading(f"{'一二三'[index]}、{head}统计")
        doc.table(["项目", "条数"], [[name, str(n)] for name, n in counts.items()])
    doc.heading("四、意见建议原文")
    doc.table(["针对", "对照方面", "来源", "意见建议"], [list(row) for row in data.opinions])
    return f"{data.team}征求意见情况汇总.docx", DOCX, doc.bytes()
