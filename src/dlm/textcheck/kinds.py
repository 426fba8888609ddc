"""What kind of document this is, from its title among the first lines and its structure."""

from __future__ import annotations

import re

from dlm.textcheck.structure import head_lines

KINDS = [
    ("minutes", re.compile(r"会议记录|会议纪要|会\s*议\s*记\s*录")),
    ("rectification_list", re.compile(r"整改(清单|台账)|问题清单|整改任务清单")),
    (
        "material",
        re.compile(r"对照检查(材料|发言)|发言提纲|检视剖析材料|对照检视|检视材料|个人剖析"),
    ),
    ("report", re.compile(r"情况(的)?报告|(召开|开好).{0,30}(报告)$|现将.{0,20}报告如下")),
    ("briefing", re.compile(r"通报")),
    ("plan", re.compile(r"(实施|工作)?方案|(工作|实施)意见$|安排意见")),
    ("notice", re.compile(r"通知")),
]
MINUTES_HEADER = re.compile(
    r"^\s*(时\s*间|地\s*点|出\s*席(人|人员)?|缺\s*席(人)?|列\s*席(人|人员)?|主\s*持(人)?|记\s*录(人)?|议\s*程)\s*[：:]",
    re.MULTILINE,
)
SENTENCE_END = re.compile(r"[。！？!?；;：:]")
NEWS = re.compile(r"(召开|举行).{0,30}(民主生活会|组织生活会)")
MAX_TITLE = 80
TITLE_AREA = 4  # candidate lines where the title stands (with a title broken in two)
HEAD = 8  # lines searched for the title
PARTS_FOR_MATERIAL = 3  # of the five parts of a material: evidence enough without a title


def title_lines(text: str) -> list[str]:
    """Candidate titles, in order: the first lines past site chrome, dates and a TOC."""
    return head_lines(text)


def title_of(text: str) -> str:
    """The document's title: the first candidate that names a kind, else the first line."""
    lines = head_lines(text, limit=HEAD)
    for index, line in enumerate(lines[:HEAD]):
        after = lines[index + 1] if index + 1 < len(lines) else ""
        joined = line + after
        if (
            after
            and len(line) <= 40
            and len(joined) <= MAX_TITLE
            and _names_kind(joined)
            and not _names_kind(line)
        ):
            return joined  # a title broken in two by a PDF's line wrap
        if len(line) <= MAX_TITLE and _names_kind(line):
            return line
    return lines[0] if lines else ""


def _names_kind(line: str) -> bool:
    return any(pattern.search(line) for _, pattern in KINDS)


def _kind_of(line: str, *, opening: bool) -> str | None:
    """The kind a title line names. A line longer than a title counts only at the opening
    of the document, where a notice's title may run straight into its body."""
    if len(line) > MAX_TITLE and not opening:
        return None
    candidate = line[:MAX_TITLE]
    for kind, pattern in KINDS:
        found = pattern.search(candidate)
        if found and (len(line) <= MAX_TITLE or found.start() < 40):
            return kind
    return None


def classify(text: str, roots=None) -> str:
    """By the title first; then by structure (a material's parts); then by any title-like
    line near the top; a report written as news has no title of its kind."""
    if len(MINUTES_HEADER.findall(text[:3000])) >= 3:
        return "minutes"
    lines = title_lines(text)
    for index, line in enumerate(lines[:TITLE_AREA]):
        if index and SENTENCE_END.search(line[-1:]):
            continue  # a sentence of the body, not a title: "…现将有关情况报告如下。"
        kind = _kind_of(line, opening=index == 0)
        sentence = bool(SENTENCE_END.search(line[-1:]))
        run_in = index == 0 and line.startswith("关于")  # "关于…的通知各单位：…。"
        if kind and (not sentence or run_in):
            return kind
    if roots is not None:
        from dlm.textcheck.material import find_parts

        if len(find_parts(roots)) >= PARTS_FOR_MATERIAL:
            return "material"  # the five parts of a material are plainly there
    for line in lines[TITLE_AREA:]:
        kind = _kind_of(line, opening=False)
        if kind:
            return kind
    if any(NEWS.search(line) for line in lines[:5]):
        return "report"
    return "other"
