"""Cut a text into plain and marked segments for the side-by-side copy view."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str  # "" for plain text, else a CSS class


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """``spans`` are (start, end, mark); overlaps keep the earlier span."""
    result: list[Segment] = []
    position = 0
    for start, end, mark in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if end <= start:
            continue
        if start > position:
            result.append(Segment(text[position:start], ""))
        result.append(Segment(text[start:end], mark))
        position = end
    if position < len(text):
        result.append(Segment(text[position:], ""))
    return result
