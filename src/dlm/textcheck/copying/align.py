"""Align two texts into copied passages: exact runs of shared k-grams, then edited sentences.

Exact: every k-gram of ``a`` that also occurs in ``b`` is placed on the diagonal of its first
occurrence in ``b``; consecutive k-grams on one diagonal form a run, and runs on the same
diagonal separated by a small gap merge (one changed character breaks K k-grams). Edited:
sentences of ``a`` left mostly uncovered are compared with ``b``'s sentences by rapidfuzz's
ratio; a close one is an edited copy. Offsets are in the original texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from dlm.textcheck.copying.fingerprints import K, kgram_hashes
from dlm.textcheck.copying.normalise import normalise

MERGE_GAP = K  # normalised characters between two runs on one diagonal that still merge
MIN_EXACT = K + 3  # shorter exact runs are set phrases, not copying
EDITED_SCORE = 82.0
MIN_SENTENCE = 20  # shorter sentences are headings and set phrases
SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@dataclass(frozen=True)
class Passage:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str  # "exact" | "edited"

    def as_dict(self) -> dict:
        return {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "kind": self.kind,
        }


@dataclass
class Prepared:
    """A text normalised and hashed once, for aligning against many others."""

    text: str
    codes: np.ndarray
    offsets: np.ndarray
    hashes: np.ndarray
    _sentences: list[tuple[int, int, str]] | None = None

    @classmethod
    def of(cls, text: str) -> Prepared:
        codes, offsets = normalise(text)
        return cls(text, codes, offsets, kgram_hashes(codes))

    @property
    def sentences(self) -> list[tuple[int, int, str]]:
        """(normalised start, end, normalised string) of each sentence long enough to matter."""
        if self._sentences is None:
            self._sentences = _sentences(self)
        return self._sentences


def exact_runs(a: Prepared, b: Prepared) -> list[tuple[int, int, int, int]]:
    """Runs (a_start, a_end, b_start, b_end) in normalised coordinates."""
    if len(a.hashes) == 0 or len(b.hashes) == 0:
        return []
    b_sorted, b_first = np.unique(b.hashes, return_index=True)
    slot = np.searchsorted(b_sorted, a.hashes)
    slot[slot >= len(b_sorted)] = 0
    shared = b_sorted[slot] == a.hashes
    if not shared.any():
        return []
    positions = np.flatnonzero(shared)
    b_positions = b_first[slot[positions]]
    diagonal = b_positions - positions
    breaks = np.flatnonzero((np.diff(positions) != 1) | (np.diff(diagonal) != 0)) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [len(positions)]))
    runs = []
    for s, e in zip(starts, ends, strict=True):
        a_start = int(positions[s])
        a_end = int(positions[e - 1]) + K
        b_start = a_start + int(diagonal[s])
        runs.append([a_start, a_end, b_start, b_start + (a_end - a_start)])
    merged: list[list[int]] = []
    for run in runs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and 0 <= run[0] - last[1] <= MERGE_GAP
            and abs((run[2] - run[0]) - (last[2] - last[0])) <= MERGE_GAP
            and run[2] >= last[3] - MERGE_GAP
        ):
            last[1], last[3] = max(last[1], run[1]), max(last[3], run[3])
        else:
            merged.append(run)
    return [tuple(r) for r in merged if r[1] - r[0] >= MIN_EXACT]  # type: ignore[misc]


def _sentences(prepared: Prepared) -> list[tuple[int, int, str]]:
    cuts = np.array(
        [0, *(m.end() for m in SENTENCE_END.finditer(prepared.text)), len(prepared.text)]
    )
    bounds = np.searchsorted(prepared.offsets, cuts)
    normalised = prepared.codes.astype("<u4").tobytes().decode("utf-32-le")
    return [
        (int(lo), int(hi), normalised[lo:hi])
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)
        if hi - lo >= MIN_SENTENCE
    ]


def _covered(mask_length: int, spans) -> np.ndarray:
    mask = np.zeros(mask_length, dtype=bool)
    for start, end in spans:
        mask[start:end] = True
    return mask


def edited_runs(a: Prepared, b: Prepared, exact) -> list[tuple[int, int, int, int]]:
    covered = _covered(len(a.codes), [(r[0], r[1]) for r in exact])
    b_sentences = b.sentences
    if not b_sentences:
        return []
    choices = [s[2] for s in b_sentences]
    runs = []
    for lo, hi, sentence in a.sentences:
        if covered[lo:hi].mean() >= 0.5:
            continue
        best = process.extractOne(sentence, choices, scorer=fuzz.ratio, score_cutoff=EDITED_SCORE)
        if best is not None:
            b_lo, b_hi, _ = b_sentences[best[2]]
            runs.append((lo, hi, b_lo, b_hi))
    return runs


def to_original(prepared: Prepared, start: int, end: int) -> tuple[int, int]:
    return int(prepared.offsets[start]), int(prepared.offsets[end - 1]) + 1


def align(
    a: Prepared, b: Prepared, *, edited: bool = True, exact: list | None = None
) -> list[Passage]:
    """``exact``: the exact runs, when the caller has found them already."""
    exact = exact_runs(a, b) if exact is None else exact
    passages = [
        Passage(*to_original(a, r[0], r[1]), *to_original(b, r[2], r[3]), "exact") for r in exact
    ]
    if edited:
        passages += [
            Passage(*to_original(a, r[0], r[1]), *to_original(b, r[2], r[3]), "edited")
            for r in edited_runs(a, b, exact)
        ]
    return sorted(passages, key=lambda p: p.a_start)


def share(prepared: Prepared, spans: list[tuple[int, int]]) -> float:
    """Share of ``prepared``'s normalised characters inside original-offset ``spans``."""
    if len(prepared.codes) == 0:
        return 0.0
    mask = np.zeros(len(prepared.codes), dtype=bool)
    for start, end in spans:
        lo = np.searchsorted(prepared.offsets, start)
        hi = np.searchsorted(prepared.offsets, end)
        mask[lo:hi] = True
    return float(mask.mean())
