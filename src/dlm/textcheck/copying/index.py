"""An inverted index of winnowed fingerprints held in numpy arrays.

Postings are one sorted array of fingerprints with the document of each; new documents go to
a small unsorted delta that is merged in when it grows, so adding one material does not re-sort
a hundred thousand. The index is a cache: the web layer rebuilds it from the fingerprints it
stores with every material version, so each worker sees the same data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from dlm.textcheck.copying.fingerprints import SIGNATURE

DELTA_LIMIT = 200_000  # postings in the unsorted delta before it is merged


@dataclass
class FingerprintIndex:
    boilerplate_share: float = 0.02
    boilerplate_floor: int = 5
    boilerplate_cap: int = 200
    _hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    _docs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _delta_hashes: list[np.ndarray] = field(default_factory=list)
    _delta_docs: list[np.ndarray] = field(default_factory=list)
    _delta_size: int = 0
    _unique: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    _counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _explicit: set[int] = field(default_factory=set)
    _explicit_array: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    signatures: dict[int, np.ndarray] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.signatures)

    def add(self, doc_id: int, fingerprints: np.ndarray, signature: np.ndarray, length: int):
        fingerprints = np.unique(fingerprints)
        self._delta_hashes.append(fingerprints)
        self._delta_docs.append(np.full(len(fingerprints), doc_id, dtype=np.int64))
        self._delta_size += len(fingerprints)
        self.signatures[doc_id] = signature.astype(np.uint32)
        self.lengths[doc_id] = length
        if self._delta_size > DELTA_LIMIT:
            self.compact()

    def add_boilerplate(self, hashes: np.ndarray) -> None:
        """Text everyone may quote (the notice, its aspects): never reported as copying.

        Takes every k-gram hash, not only fingerprints: the quoted pieces (an aspect's short
        heading) are often shorter than the winnowing guarantee.
        """
        self._explicit.update(int(h) for h in hashes)
        self._explicit_array = np.array(sorted(self._explicit), dtype=np.uint64)

    def explicit_mask(self, hashes: np.ndarray) -> np.ndarray:
        return np.isin(hashes, self._explicit_array)

    def compact(self) -> None:
        if not self._delta_hashes:
            return
        hashes = np.concatenate([self._hashes, *self._delta_hashes])
        docs = np.concatenate([self._docs, *self._delta_docs])
        order = np.argsort(hashes, kind="stable")
        self._hashes, self._docs = hashes[order], docs[order]
        self._unique, self._counts = np.unique(self._hashes, return_counts=True)
        self._delta_hashes, self._delta_docs, self._delta_size = [], [], 0

    @property
    def boilerplate_threshold(self) -> int:
        share = math.ceil(self.boilerplate_share * self.size)
        return max(self.boilerplate_floor, min(share, self.boilerplate_cap))

    def boilerplate_mask(self, fingerprints: np.ndarray) -> np.ndarray:
        self.compact()
        mask = self.explicit_mask(fingerprints)
        if len(self._unique):
            slot = np.searchsorted(self._unique, fingerprints)
            slot[slot >= len(self._unique)] = 0
            found = self._unique[slot] == fingerprints
            frequent = np.zeros(len(fingerprints), dtype=bool)
            frequent[found] = self._counts[slot[found]] >= self.boilerplate_threshold
            mask |= frequent
        return mask

    def candidates(
        self,
        fingerprints: np.ndarray,
        *,
        exclude: int | None = None,
        allowed: set[int] | None = None,
        limit: int = 10,
        min_shared: int = 2,
    ) -> list[tuple[int, int]]:
        """(document, shared fingerprints), most shared first."""
        self.compact()
        if len(fingerprints) == 0 or len(self._hashes) == 0:
            return []
        fingerprints = np.unique(fingerprints)
        left = np.searchsorted(self._hashes, fingerprints, side="left")
        right = np.searchsorted(self._hashes, fingerprints, side="right")
        lengths = right - left
        if lengths.sum() == 0:
            return []
        starts = np.repeat(left - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        positions = starts + np.arange(lengths.sum())
        docs, shared = np.unique(self._docs[positions], return_counts=True)
        keep = shared >= min_shared
        if exclude is not None:
            keep &= docs != exclude
        if allowed is not None:
            keep &= np.isin(docs, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
        docs, shared = docs[keep], shared[keep]
        top = np.argsort(-shared, kind="stable")[:limit]
        return [(int(docs[i]), int(shared[i])) for i in top]

    def memory_bytes(self) -> int:
        arrays = [self._hashes, self._docs, self._unique, self._counts, self._explicit_array]
        return sum(a.nbytes for a in arrays) + self.size * (SIGNATURE * 4 + 64)
