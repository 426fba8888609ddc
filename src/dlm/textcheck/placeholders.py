"""Placeholders left from the circulating templates: ×, X, XX, x月x日, ……, a blank before 同志,
and the masks template sites use: **街道, 第**督导组, ＊＊, 某某, ○○, △△."""

from __future__ import annotations

import re

PATTERNS = [
    re.compile(r"[×✕╳]+"),
    re.compile(r"(?<![A-Za-zＡ-Ｚａ-ｚ])[XxＸｘ]{1,4}(?![A-Za-zＡ-Ｚａ-ｚ])"),
    # an ellipsis standing for the whole content of a clause, not one inside a quotation
    re.compile(r"(?:(?<=[：:，,；;\s])|^)(?:…{2,}|\.{6,}|。{3,})(?=[。；;，,\s]|$)", re.MULTILINE),
    # a name left blank: "请　　同志发言", "　同志："
    re.compile(r"(?:(?<=[\u4e00-\u9fff：:，,])|^)[ 　]+同志", re.MULTILINE),
    re.compile(r"[○〇]{2,}|[△▲□■]{2,}"),
    re.compile(r"某某"),
    re.compile(r"＊{2,}|\*{3,}"),
]
STARS = re.compile(r"\*\*")
BOLD = re.compile(r"\*\*(?=\S)[^*\n]{1,80}?(?<=\S)\*\*")


def _star_masks(text: str) -> list[tuple[int, int]]:
    """ "**" that is not markdown emphasis: in a text whose "**" pair up as emphasis, the ones
    left over; in a text without emphasis (a template site's), every one."""
    if not STARS.search(text):
        return []
    bold = [m.span() for m in BOLD.finditer(text)]
    emphasised = len(bold) >= 2 and any(
        m.start() == 0 or text[m.start() - 1] == "\n" for m in BOLD.finditer(text)
    )
    masks = []
    for found in STARS.finditer(text):
        inside = any(start <= found.start() < end for start, end in bold)
        if not (emphasised and inside):
            masks.append(found.span())
    return masks


def find_placeholders(text: str) -> list[dict]:
    spans: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.extend(_star_masks(text))
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
