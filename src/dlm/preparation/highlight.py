"""Cut a text into plain and marked segments for the material and side-by-side pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(
    r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)"
)


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str  # "" for plain text, else a CSS class
    note: str = ""  # shown on hover: why this passage is marked


def segments(text: str, spans: list[tuple]) -> list[Segment]:
    """``spans`` are (start, end, mark) or (start, end, mark, note), in order of priority:
    where two overlap, the one listed first keeps the characters."""
    owner: list[int | None] = [None] * len(text)
    for index, span in enumerate(spans):
        start, end = max(0, span[0]), min(len(text), span[1])
        for position in range(start, end):
            if owner[position] is None:
                owner[position] = index
    result: list[Segment] = []
    run_start = 0
    for position in range(1, len(text) + 1):
        if position == len(text) or owner[position] != owner[run_start]:
            index = owner[run_start]
            if index is None:
                result.append(Segment(text[run_start:position], ""))
            else:
                span = spans[index]
                note = span[3] if len(span) > 3 else ""
                result.append(Segment(text[run_start:position], span[2], note))
            run_start = position
    return result


def _word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".%")


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """A mark never cuts a number or a Latin word in two ("拖了5|5天"): an end inside one
    moves back to its start, a start inside one moves on past it."""
    while start < end and 0 < start < len(text) and _word(text[start - 1]) and _word(text[start]):
        start += 1
    while end > start and 0 < end < len(text) and _word(text[end - 1]) and _word(text[end]):
        end -= 1
    return start, end


def given_ranges(text: str, given: list[str]) -> list[tuple[int, int]]:
    """Where the text holds what everyone is given and nobody copies: its short heading lines
    ("一、政治建设方面", "（二）…") and the notice's aspect heads wherever they stand."""
    ranges = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and len(stripped) <= 40 and HEADING.match(stripped):
            ranges.append((offset, offset + len(line.rstrip("\r\n"))))
        offset += len(line)
    for phrase in given:
        phrase = phrase.strip()
        if len(phrase) < 4:
            continue
        for found in re.finditer(re.escape(phrase), text):
            ranges.append((found.start(), found.end()))
    return sorted(ranges)


def copy_marks(text: str, spans: list[tuple], given: list[str]) -> list[tuple]:
    """Copy spans as they are marked: cut around given text (headings, the aspects), snapped
    to whole numbers and words, pieces of under two characters dropped."""
    holes = given_ranges(text, given)
    marked = []
    for span in spans:
        start, end, rest = span[0], span[1], tuple(span[2:])
        pieces, cursor = [], start
        for hole_start, hole_end in holes:
            if hole_end <= cursor or hole_start >= end:
                continue
            pieces.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
        pieces.append((cursor, end))
        for piece_start, piece_end in pieces:
            piece_start, piece_end = snap(text, piece_start, piece_end)
            if piece_end - piece_start >= 2:
                marked.append((piece_start, piece_end, *rest))
    return marked
