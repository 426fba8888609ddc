"""One splitter of numbered points, for materials (problems in a paragraph, causes, measures)
and for minutes (the points of a criticism).

Offices mark points in many ways: 一是…二是…, 第一，…第二，…, 1. 1、 （1） （一） ① 一、, and
首先…其次…再次…最后. A mark counts only where a point can begin (the start, after a sentence or
clause ends, after a colon or a space) and only in a run that starts at one and counts up, so a
number inside a sentence ("倒数第一，", "这个问题二是关键") is not a point. When several styles
run in one text, the longest run wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dlm.textcheck.text import CN_NUMERAL, cn_to_int

N = f"[{CN_NUMERAL}]+"
BOUNDARY = r"(?:^|(?<=[。；;！？!?\s：:，,*）)]))"
STYLES: list[tuple[str, str]] = [
    ("shi", rf"({N})是"),
    ("di", rf"第({N})[，,、：:是]"),
    ("paren_arabic", r"[（(]\s*(\d{1,2})\s*[）)]"),
    ("paren_cn", rf"[（(]\s*({N})\s*[）)]"),
    ("arabic", r"(\d{1,2})\s*(?:[、．]|\.(?!\d))"),
    ("cn", rf"({N})\s*[、．]"),
    ("circled", r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),
    ("order", r"(首先|其次|再次|然后|最后)[，,、：:]?"),
]
ORDER = {"首先": 1, "其次": 2, "再次": 3, "然后": 3}
# bracketed and circled marks are marks wherever they stand; the others need a boundary
FREE = {"paren_arabic", "paren_cn", "circled"}
PATTERNS = [
    (style, re.compile(("" if style in FREE else BOUNDARY) + pattern, re.MULTILINE))
    for style, pattern in STYLES
]
TITLE_END = re.compile(r"[。；;！？!?]")
MAX_TITLE = 80


@dataclass(frozen=True)
class Point:
    start: int  # where the mark begins
    body: int  # where the point's words begin, after the mark
    end: int
    title: str  # its first sentence, without the mark

    def text(self, source: str) -> str:
        return source[self.body : self.end]


def _run(style: str, marks: list[re.Match]) -> list[re.Match]:
    run: list[re.Match] = []
    expected = 1
    for mark in marks:
        word = mark.group(1)
        if style == "order":
            if word == "最后" and run:
                run.append(mark)
                break
            number = ORDER.get(word)
        else:
            number = cn_to_int(word)
        if number == expected:
            run.append(mark)
            expected += 1
    return run


def points(text: str, start: int = 0, end: int | None = None) -> list[Point]:
    """The numbered points of ``text[start:end]``, or [] when fewer than two are marked."""
    end = len(text) if end is None else end
    span = text[start:end]
    best: list[re.Match] = []
    for style, pattern in PATTERNS:
        run = _run(style, list(pattern.finditer(span)))
        if len(run) > len(best) or (
            len(run) == len(best) and run and run[0].start() < best[0].start()
        ):
            best = run
    if len(best) < 2:
        return []
    found = []
    for index, mark in enumerate(best):
        stop = best[index + 1].start() if index + 1 < len(best) else len(span)
        while stop > mark.end() and span[stop - 1].isspace():
            stop -= 1
        head = TITLE_END.split(span[mark.end() : stop], maxsplit=1)[0]
        found.append(
            Point(
                start + mark.start(),
                start + mark.end(),
                start + stop,
                head.strip().strip("，,：:")[:MAX_TITLE],
            )
        )
    return found
