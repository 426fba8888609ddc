"""Cut a text into plain and marked segments for the side-by-side copy view."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str  # "" for plain text, else a CSS class
    note: str = ""  # shown on hover: why this passage is marked


def segments(text: str, spans: list[tuple]) -> list[Segment]:
    """``spans`` are (start, end, mark) or (start, end, mark, note); overlaps keep the
    earlier span."""
    result: list[Segment] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s[0], s[1])):
        start, end, mark = span[0], span[1], span[2]
        note = span[3] if len(span) > 3 else ""
        start, end = max(start, position), min(end, len(text))
        if end <= start:
            continue
        if start > position:
            result.append(Segment(text[position:start], ""))
        result.append(Segment(text[start:end], mark, note))
        position = end
    if position < len(text):
        result.append(Segment(text[position:], ""))
    return result
