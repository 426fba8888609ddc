"""Check one text against an index: candidates by shared fingerprints, then alignment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dlm.textcheck.copying.align import MIN_EXACT, Passage, Prepared, align, exact_runs, share
from dlm.textcheck.copying.fingerprints import WINDOW, K, minhash, similarity, winnow
from dlm.textcheck.copying.index import FingerprintIndex
from dlm.textcheck.copying.stock import StockPhrases

COMMON_WEIGHT = 0.25  # a fingerprint of common language, when ranking candidates
ANCHOR = K + WINDOW - 1  # normalised characters: the shortest run a match must hold
NEAR = 3 * ANCHOR  # characters between pieces of one copied stretch
LONG_RUN = 3 * ANCHOR  # a run this long is a copy even when made of common phrases


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
    headings: StockPhrases | None = None,
) -> CheckResult:
    """``common``: k-gram hashes of text this check treats as registered (the notice);
    ``stock``: the genre's stock phrases; ``headings``: pieces of the notice too short for a
    k-gram (its aspects' heads), found as phrases. None is copying; each has its share."""
    doc = text if isinstance(text, Fingerprinted) else Fingerprinted.of(text)
    n = len(doc.prepared.codes)
    none = np.zeros(n, dtype=bool)
    # what everyone is given: the notice's text (registered) and the stock phrases
    explicit = index.explicit_mask(doc.prepared.hashes)
    if common is not None and len(common):
        explicit |= np.isin(doc.prepared.hashes, common)
    no_fingerprint = np.zeros(len(doc.positions), dtype=bool)
    registered = _mask_of(boilerplate_spans(doc, no_fingerprint, explicit), n)
    if headings is not None:
        registered |= headings.mask(doc.prepared.codes)
    stocked = stock.mask(doc.prepared.codes) if stock is not None else none
    given = registered | stocked
    # the genre's common language: pieces many units write, year after year
    fp, docs = index.postings(doc.fingerprints)
    frequent = index.common_mask(doc.fingerprints, fp, docs)
    commonly = _mask_of(boilerplate_spans(doc, frequent, np.zeros(0, bool)), n)
    # a fingerprint in given text is no evidence; one of common language is weak evidence
    # (a passage pasted whole is still found by the many fingerprints it shares)
    in_given = given[doc.positions] if len(doc.positions) else no_fingerprint
    weights = np.where(in_given, 0.0, np.where(frequent, COMMON_WEIGHT, 1.0))
    found = index.rank(fp, docs, weights, exclude=exclude, allowed=allowed, limit=limit)
    judged: dict[tuple[int, int], bool] = {}
    # free[i]: characters before i that are neither given nor common language
    free = np.concatenate(([0], np.cumsum(~(given | commonly))))

    def common_run(lo: int, hi: int) -> bool:
        """A shared run is common language when the run *as a whole* is held by many units
        over several campaigns; one campaign's many copies of it are a cluster."""
        if (lo, hi) not in judged:
            run = np.flatnonzero((doc.positions >= lo) & (doc.positions + K <= hi))
            if len(run) == 0:  # too short to hold a fingerprint: judged by its k-grams
                judged[lo, hi] = bool(commonly[lo:hi].mean() >= 0.5)
            else:
                judged[lo, hi] = bool(
                    frequent[run].mean() >= 0.8 and index.held_widely(fp, docs, run)
                )
        return judged[lo, hi]

    matches = []
    copied, common_runs = none.copy(), none.copy()
    texts = get_texts([other_id for other_id, _ in found]) if found else {}
    for other_id, _score in found:
        if other_id not in texts:
            continue  # removed since the index was built
        other = Prepared.of(texts[other_id])
        runs = exact_runs(doc.prepared, other)
        if not any(hi - lo >= LONG_RUN or free[hi] - free[lo] >= ANCHOR for lo, hi, _, _ in runs):
            continue  # no run long enough to anchor a copy: nothing here can count
        passages, anchored = [], False
        for passage in align(doc.prepared, other, edited=edited, exact=runs):
            if _mostly(passage, doc, given):
                continue
            for piece in _split(passage, doc.prepared, other, given):
                lo, hi = _normalised(piece, doc)
                if common_run(lo, hi):
                    common_runs[lo:hi] = True
                    continue
                if hi - lo < LONG_RUN:
                    # a short run glued from a common sentence and a few words that happen
                    # to agree: only what lies outside the common language can count
                    common_runs[lo:hi] |= commonly[lo:hi]
                    pieces = _split(piece, doc.prepared, other, given | commonly)
                else:  # a long run nobody else writes is a copy, common words and all
                    pieces = [piece]
                for kept in pieces:
                    lo, hi = _normalised(kept, doc)
                    passages.append(kept)
                    anchored |= kept.kind == "exact" and hi - lo >= ANCHOR
        # sentences of the genre that happen to agree are no copy: a copy holds at least one
        # run long enough that two writers do not produce it apart, and its shorter or
        # edited pieces lie around such runs
        passages = _around_anchors(passages, doc) if anchored else []
        if not passages:
            continue
        for passage in passages:
            lo, hi = _normalised(passage, doc)
            copied[lo:hi] = True
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
    commonly = (commonly | common_runs) & ~copied & ~given
    boiler_mask = given | commonly
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
        common_share=part(commonly),
    )


def _around_anchors(passages: list[Passage], doc: Fingerprinted) -> list[Passage]:
    """The anchors (long exact runs) and the pieces around them: a piece is kept when it lies
    within NEAR characters of a kept piece in *both* texts. A sentence that agrees far from
    any copied run, or whose partner lies elsewhere in the other text, is coincidence."""

    def is_anchor(passage: Passage) -> bool:
        lo, hi = _normalised(passage, doc)
        return passage.kind == "exact" and hi - lo >= ANCHOR

    def gap(p: Passage, q: Passage) -> int:
        a = max(p.a_start - q.a_end, q.a_start - p.a_end, 0)
        b = max(p.b_start - q.b_end, q.b_start - p.b_end, 0)
        return max(a, b)

    kept = [p for p in passages if is_anchor(p)]
    rest = [p for p in passages if not is_anchor(p)]
    grown = True
    while grown and rest:
        near = [p for p in rest if any(gap(p, q) <= NEAR for q in kept)]
        grown = bool(near)
        kept += near
        rest = [p for p in rest if p not in near]
    return sorted(kept, key=lambda p: p.a_start)


def _normalised(passage: Passage, doc: Fingerprinted) -> tuple[int, int]:
    """The passage's span in the checked text's normalised characters."""
    offsets = doc.prepared.offsets
    lo = int(np.searchsorted(offsets, passage.a_start))
    hi = int(np.searchsorted(offsets, passage.a_end))
    return lo, hi


def _split(passage: Passage, a: Prepared, b: Prepared, given: np.ndarray) -> list[Passage]:
    """An exact passage without the given text (the notice's headings, stock phrases) in it,
    on both sides alike: a heading between two short coincidences does not make them one
    long copied run, and a heading before a copied paragraph is not part of the copy."""
    if passage.kind != "exact" or not given.any():
        return [passage]
    lo = int(np.searchsorted(a.offsets, passage.a_start))
    hi = int(np.searchsorted(a.offsets, passage.a_end))
    b_lo = int(np.searchsorted(b.offsets, passage.b_start))
    if not given[lo:hi].any():
        return [passage]
    pieces = []
    for start, end in _spans_of(~given[lo:hi]):
        if end - start < MIN_EXACT:
            continue
        b_start, b_end = b_lo + start, min(b_lo + end, len(b.offsets))
        if b_end <= b_start:
            continue  # the two sides' lengths differ (a character that folds to two)
        pieces.append(
            Passage(
                int(a.offsets[lo + start]),
                int(a.offsets[lo + end - 1]) + 1,
                int(b.offsets[b_start]),
                int(b.offsets[b_end - 1]) + 1,
                "exact",
            )
        )
    return pieces


def _mostly(passage: Passage, doc: Fingerprinted, boiler_mask: np.ndarray) -> bool:
    """True when what remains of the passage outside boilerplate is too short to be copying."""
    if not boiler_mask.any():
        return False
    lo = np.searchsorted(doc.prepared.offsets, passage.a_start)
    hi = np.searchsorted(doc.prepared.offsets, passage.a_end)
    return bool(hi - lo - int(boiler_mask[lo:hi].sum()) < MIN_EXACT)
