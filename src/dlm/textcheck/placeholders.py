"""Placeholders left from the circulating templates: ×, X, XX, x月x日, ……, a blank before 同志."""

from __future__ import annotations

import re

PATTERNS = [
    re.compile(r"[×✕╳]+"),
    re.compile(r"(?<![A-Za-zＡ-Ｚａ-ｚ])[XxＸｘ]{1,4}(?![A-Za-zＡ-Ｚａ-ｚ])"),
    # an ellipsis standing for the whole content of a clause, not one inside a quotation
    re.compile(r"(?:(?<=[：:，,；;\s])|^)(?:…{2,}|\.{6,}|。{3,})(?=[。；;，,\s]|$)", re.MULTILINE),
    # a name left blank: "请　　同志发言", "　同志："
    re.compile(r"(?:(?<=[\u4e00-\u9fff：:，,])|^)[ 　]+同志", re.MULTILINE),
    re.compile(r"[○〇]{2,}"),
]


def find_placeholders(text: str) -> list[dict]:
    spans: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    result = []
    line = 1
    last = 0
    for start, end in merged:
        line += text.count("\n", last, start)
        last = start
        result.append({"text": text[start:end], "start": start, "end": end, "line": line})
    return result
