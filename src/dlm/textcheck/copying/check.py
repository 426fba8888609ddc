"""Check one text against an index: candidates by shared fingerprints, then alignment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dlm.textcheck.copying.align import MIN_EXACT, Passage, Prepared, align, share
from dlm.textcheck.copying.fingerprints import WINDOW, K, minhash, similarity, winnow
from dlm.textcheck.copying.index import FingerprintIndex
from dlm.textcheck.copying.stock import StockPhrases


@dataclass
class Fingerprinted:
    prepared: Prepared
    fingerprints: np.ndarray
    positions: np.ndarray
    signature: np.ndarray

    @classmethod
    def of(cls, text: str) -> Fingerprinted:
        prepared = Prepared.of(text)
        fingerprints, positions = winnow(prepared.hashes)
        # MinHash of the fingerprints, not of every k-gram: the same resemblance estimate
        # (winnowing samples both texts alike) at a twelfth of the cost.
        return cls(prepared, fingerprints, positions, minhash(fingerprints))


@dataclass
class Match:
    other: int
    similarity: float
    copied_share_a: float
    copied_share_b: float
    passages: list[Passage]

    def as_dict(self) -> dict:
        return {
            "b": self.other,
            "similarity": round(self.similarity, 4),
            "copied_share_a": round(self.copied_share_a, 4),
            "copied_share_b": round(self.copied_share_b, 4),
            "passages": [p.as_dict() for p in self.passages],
        }


@dataclass
class CheckResult:
    matches: list[Match]
    boilerplate_share: float  # all that is not copying: the three below together
    boilerplate: list[tuple[int, int]]  # original offsets
    registered_share: float = 0.0  # the notice's text: title, theme, aspects
    stock_share: float = 0.0  # the genre's stock phrases (套话)
    common_share: float = 0.0  # language common across many units and campaigns


def add(index: FingerprintIndex, doc_id: int, text: str) -> Fingerprinted:
    doc = Fingerprinted.of(text)
    index.add(doc_id, doc.fingerprints, doc.signature, len(doc.prepared.codes))
    return doc


def boilerplate_spans(
    doc: Fingerprinted, frequent: np.ndarray, explicit: np.ndarray
) -> list[tuple[int, int]]:
    """Normalised spans of boilerplate: frequent fingerprints (window gaps bridged, since
    winnowing keeps one k-gram in a window) and every k-gram of the registered texts."""
    marks = [(int(p), WINDOW) for p in doc.positions[frequent]]
    marks += [(int(p), 0) for p in np.flatnonzero(explicit)]
    spans: list[list[int]] = []
    for start, gap in sorted(marks):
        end = start + K
        if spans and start - spans[-1][1] <= gap:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(s, e) for s, e in spans]


def _mask_of(spans: list[tuple[int, int]], length: int) -> np.ndarray:
    mask = np.zeros(length, dtype=bool)
    for start, end in spans:
        mask[start:end] = True
    return mask


def _spans_of(mask: np.ndarray) -> list[tuple[int, int]]:
    if not mask.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def check(
    text: str | Fingerprinted,
    index: FingerprintIndex,
    get_texts: Callable[[list[int]], dict[int, str]],
    *,
    exclude: int | None = None,
    allowed: set[int] | None = None,
    limit: int = 10,
    edited: bool = True,
    common: np.ndarray | None = None,
    stock: StockPhrases | None = None,
) -> CheckResult:
    """``common``: k-gram hashes of text this check treats as registered (the notice);
    ``stock``: the genre's stock phrases. Neither is copying; each has its share."""
    doc = text if isinstance(text, Fingerprinted) else Fingerprinted.of(text)
    n = len(doc.prepared.codes)
    # what everyone is given: the notice's text (registered) and the stock phrases
    explicit = index.explicit_mask(doc.prepared.hashes)
    if common is not None and len(common):
        explicit |= np.isin(doc.prepared.hashes, common)
    no_fingerprint = np.zeros(len(doc.positions), dtype=bool)
    registered = _mask_of(boilerplate_spans(doc, no_fingerprint, explicit), n)
    stocked = stock.mask(doc.prepared.codes) if stock is not None else np.zeros(n, dtype=bool)
    # the genre's common language, seen across many units and campaigns
    frequent = index.common_mask(doc.fingerprints)
    commonly = _mask_of(boilerplate_spans(doc, frequent, np.zeros(0, bool)), n)
    boiler_mask = registered | stocked | commonly
    # a fingerprint is not evidence of copying when its k-gram lies in any of them
    given = boiler_mask[doc.positions] if len(doc.positions) else np.zeros(0, dtype=bool)
    found = index.candidates(
        doc.fingerprints[~given], exclude=exclude, allowed=allowed, limit=limit
    )
    matches = []
    texts = get_texts([other_id for other_id, _ in found]) if found else {}
    for other_id, _shared in found:
        if other_id not in texts:
            continue  # removed since the index was built
        other = Prepared.of(texts[other_id])
        passages = [
            _trim(p, doc.prepared, other, boiler_mask)
            for p in align(doc.prepared, other, edited=edited)
            if not _mostly(p, doc, boiler_mask)
        ]
        if not passages:
            continue
        matches.append(
            Match(
                other=other_id,
                similarity=similarity(doc.signature, index.signatures[other_id]),
                copied_share_a=share(doc.prepared, [(p.a_start, p.a_end) for p in passages]),
                copied_share_b=share(other, [(p.b_start, p.b_end) for p in passages]),
                passages=passages,
            )
        )
    matches.sort(key=lambda m: -m.copied_share_a)
    offsets = doc.prepared.offsets
    original = [
        (int(offsets[s]), int(offsets[min(e, len(offsets)) - 1]) + 1)
        for s, e in _spans_of(boiler_mask)
    ]

    def part(mask: np.ndarray) -> float:
        return float(mask.mean()) if n else 0.0

    return CheckResult(
        matches,
        part(boiler_mask),
        original,
        registered_share=part(registered),
        stock_share=part(stocked & ~registered),
        common_share=part(commonly & ~registered & ~stocked),
    )


def _trim(passage: Passage, a: Prepared, b: Prepared, boiler_mask: np.ndarray) -> Passage:
    """Shave boilerplate off an exact passage's ends, on both sides alike: a heading that
    happens to stand before a copied paragraph in both texts is not part of the copy."""
    if passage.kind != "exact" or not boiler_mask.any():
        return passage
    lo = int(np.searchsorted(a.offsets, passage.a_start))
    hi = int(np.searchsorted(a.offsets, passage.a_end))
    new_lo, new_hi = lo, hi
    while new_lo < new_hi and boiler_mask[new_lo]:
        new_lo += 1
    while new_hi > new_lo and boiler_mask[new_hi - 1]:
        new_hi -= 1
    if (new_lo, new_hi) == (lo, hi):
        return passage
    b_lo = int(np.searchsorted(b.offsets, passage.b_start)) + (new_lo - lo)
    b_hi = int(np.searchsorted(b.offsets, passage.b_end)) - (hi - new_hi)
    return Passage(
        int(a.offsets[new_lo]),
        int(a.offsets[new_hi - 1]) + 1,
        int(b.offsets[b_lo]),
        int(b.offsets[b_hi - 1]) + 1,
        "exact",
    )


def _mostly(passage: Passage, doc: Fingerprinted, boiler_mask: np.ndarray) -> bool:
    """True when what remains of the passage outside boilerplate is too short to be copying."""
    if not boiler_mask.any():
        return False
    lo = np.searchsorted(doc.prepared.offsets, passage.a_start)
    hi = np.searchsorted(doc.prepared.offsets, passage.a_end)
    return bool(hi - lo - int(boiler_mask[lo:hi].sum()) < MIN_EXACT)
