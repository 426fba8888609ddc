"""What kind of document this is, from its title and the first lines."""

from __future__ import annotations

import re

from dlm.textcheck.text import strip_markup

KINDS = [
    ("minutes", re.compile(r"会议记录|会议纪要|会\s*议\s*记\s*录")),
    ("rectification_list", re.compile(r"整改(清单|台账)|问题清单|整改任务清单")),
    (
        "material",
        re.compile(r"对照检查(材料|发言)|发言提纲|检视剖析材料|对照检视|检视材料|个人剖析"),
    ),
    ("report", re.compile(r"情况(的)?报告|(召开|开好).{0,30}(报告)$|现将.{0,20}报告如下")),
    ("briefing", re.compile(r"通报")),
    ("plan", re.compile(r"(实施|工作)?方案")),
    ("notice", re.compile(r"通知")),
]
MINUTES_HEADER = re.compile(
    r"^\s*(时\s*间|地\s*点|出\s*席(人|人员)?|缺\s*席(人)?|列\s*席(人|人员)?|主\s*持(人)?|记\s*录(人)?|议\s*程)\s*[：:]",
    re.MULTILINE,
)
HEAD_LINES = 15


def title_lines(text: str) -> list[str]:
    lines = []
    for raw in text.split("\n"):
        line = strip_markup(raw).lstrip("#").strip()
        if not line or "](#" in raw or line in ("目录", "目 录"):
            continue
        lines.append(line)
        if len(lines) >= HEAD_LINES:
            break
    return lines


def classify(text: str) -> str:
    head = text[:3000]
    if len(MINUTES_HEADER.findall(head)) >= 3:
        return "minutes"
    for line in title_lines(text):
        if len(line) > 80:  # body text, not a title
            continue
        for kind, pattern in KINDS:
            if pattern.search(line):
                return kind
    return "other"
