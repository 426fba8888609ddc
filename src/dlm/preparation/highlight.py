"""Cut a text into plain and marked segments for the material and side-by-side pages."""

from __future__ import annotations

from dataclasses import dataclass


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
