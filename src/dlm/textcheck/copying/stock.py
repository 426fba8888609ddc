"""The genre's stock phrases (套话): formulas every material of the kind is written with.

They are neither copying nor the notice's text, so they are found apart and shown with their
own share. The list is our own, in ``stock_phrases.txt`` (one phrase a line, "…" where the
writer puts his own words); supervisors add more in the template library. Phrases are matched
on the normalised text (letters and digits only), so punctuation and spacing do not matter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from dlm.textcheck.copying.normalise import normalise

DATA = Path(__file__).with_name("stock_phrases.txt")
MIN_PHRASE = 6  # normalised characters: shorter pieces are ordinary words
GAP = 40  # at most this many normalised characters where a phrase has "…"


def _normalised(text: str) -> str:
    codes, _ = normalise(text)
    return codes.astype("<u4").tobytes().decode("utf-32-le")


def _pattern(phrase: str, shortest: int = MIN_PHRASE) -> str | None:
    parts = [_normalised(part) for part in re.split(r"…+|\.\.\.", phrase)]
    parts = [part for part in parts if part]
    if sum(len(part) for part in parts) < shortest:
        return None
    return f".{{0,{GAP}}}".join(re.escape(part) for part in parts)


class StockPhrases:
    def __init__(self, phrases: Iterable[str], shortest: int = MIN_PHRASE):
        self.lines = [line.strip() for line in phrases if line.strip()]
        patterns = [p for p in (_pattern(line, shortest) for line in self.lines) if p]
        self.size = len(patterns)
        self._regex = re.compile("|".join(patterns)) if patterns else None

    @classmethod
    def read(cls, path: Path) -> StockPhrases:
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls(line for line in lines if not line.startswith("#"))

    def mask(self, codes: np.ndarray) -> np.ndarray:
        """True over every normalised character that stands in a stock phrase."""
        marks = np.zeros(len(codes), dtype=bool)
        if self._regex is None or not len(codes):
            return marks
        text = codes.astype("<u4").tobytes().decode("utf-32-le")
        for found in self._regex.finditer(text):
            marks[found.start() : found.end()] = True
        return marks

    def extended(self, phrases: Iterable[str]) -> StockPhrases:
        """This list and ``phrases`` (a supervisor's additions from the library)."""
        return StockPhrases([*self.lines, *phrases])


@functools.cache
def _builtin_lines() -> list[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@functools.cache
def builtin() -> StockPhrases:
    return StockPhrases(_builtin_lines())
