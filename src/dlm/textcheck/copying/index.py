"""An inverted index of winnowed fingerprints held in one sorted numpy array.

Each posting is a 64-bit key: the fingerprint's top 32 bits, then the document id (32 bits).
One sorted array answers "which documents share this fingerprint" with two binary searches,
and costs 8 bytes a posting: 100,000 materials of 5,000 characters hold about 40 million
postings, 320 MB. (32-bit fingerprints collide now and then; a collision only adds a candidate,
which alignment then rejects.) New documents go to a small unsorted delta that is merged when it
grows, so adding one material does not re-sort everything. The index is a cache: the web layer
rebuilds it from the fingerprints it stores with every material version.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from dlm.textcheck.copying.fingerprints import SIGNATURE

DELTA_LIMIT = 500_000  # postings in the unsorted delta before it is merged
LOW = np.uint64(0xFFFFFFFF)
SHIFT = np.uint64(32)


def short(fingerprints: np.ndarray) -> np.ndarray:
    """The 32 bits of a fingerprint that the index keeps."""
    return (fingerprints >> SHIFT).astype(np.uint64)


@dataclass
class FingerprintIndex:
    boilerplate_share: float = 0.02
    boilerplate_floor: int = 5
    boilerplate_cap: int = 200
    _keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    _delta: list[np.ndarray] = field(default_factory=list)
    _delta_size: int = 0
    _delta_sorted: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    _explicit: set[int] = field(default_factory=set)
    _explicit_array: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    signatures: dict[int, np.ndarray] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.signatures)

    @property
    def postings(self) -> int:
        return len(self._keys) + self._delta_size

    def add(self, doc_id: int, fingerprints: np.ndarray, signature: np.ndarray, length: int):
        if not 0 <= doc_id <= 0xFFFFFFFF:
            raise ValueError("document ids must fit in 32 bits")
        keys = (np.unique(short(fingerprints)) << SHIFT) | np.uint64(doc_id)
        self._delta.append(keys)
        self._delta_size += len(keys)
        self.signatures[doc_id] = signature.astype(np.uint32)
        self.lengths[doc_id] = length
        if self._delta_size > DELTA_LIMIT:
            self.compact()

    def bulk_load(self, total: int, rows) -> None:
        """Load many documents at once into a preallocated array, sorted in place.

        ``rows`` yields (doc_id, fingerprints, signature, length); ``total`` is an upper bound
        of their postings. Peak memory stays near the final index size, where appending and
        merging would briefly need twice as much.
        """
        keys = np.empty(len(self._keys) + total, dtype=np.uint64)
        keys[: len(self._keys)] = self._keys
        filled = len(self._keys)
        for doc_id, fingerprints, signature, length in rows:
            packed = pack(doc_id, fingerprints)
            keys[filled : filled + len(packed)] = packed
            filled += len(packed)
            self.signatures[doc_id] = signature.astype(np.uint32)
            self.lengths[doc_id] = length
        keys = keys[:filled]
        keys.sort()
        self._keys = keys

    def add_many(self, keys: np.ndarray) -> None:
        """Bulk load: postings already packed as keys (see ``pack``)."""
        self._delta.append(keys.astype(np.uint64, copy=False))
        self._delta_size += len(keys)

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
        """Merge the delta into the main array (a full copy: done only when it is large)."""
        if not self._delta:
            return
        keys = np.concatenate([self._keys, *self._delta])
        keys.sort()
        self._keys = keys
        self._delta, self._delta_size = [], 0
        self._delta_sorted = np.zeros(0, dtype=np.uint64)

    def _arrays(self) -> list[np.ndarray]:
        """The sorted arrays a query searches: the main one and the (small) delta."""
        if self._delta_size != len(self._delta_sorted):
            self._delta_sorted = np.sort(np.concatenate(self._delta))
        return [self._keys, self._delta_sorted]

    @property
    def boilerplate_threshold(self) -> int:
        share = math.ceil(self.boilerplate_share * self.size)
        return max(self.boilerplate_floor, min(share, self.boilerplate_cap))

    @staticmethod
    def _ranges(keys: np.ndarray, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        high = short(fingerprints) << SHIFT
        left = np.searchsorted(keys, high, side="left")
        right = np.searchsorted(keys, high | LOW, side="right")
        return left, right

    def document_frequency(self, fingerprints: np.ndarray) -> np.ndarray:
        counts = np.zeros(len(fingerprints), dtype=np.int64)
        for keys in self._arrays():
            left, right = self._ranges(keys, fingerprints)
            counts += right - left
        return counts

    def _documents(self, keys: np.ndarray, fingerprints: np.ndarray) -> np.ndarray:
        """The document of every posting of ``fingerprints`` in ``keys``."""
        left, right = self._ranges(keys, fingerprints)
        lengths = right - left
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        starts = np.repeat(left - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return (keys[starts + np.arange(total)] & LOW).astype(np.int64)

    def boilerplate_mask(self, fingerprints: np.ndarray) -> np.ndarray:
        mask = self.explicit_mask(fingerprints)
        if self.size:
            mask |= self.document_frequency(fingerprints) >= self.boilerplate_threshold
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
        if len(fingerprints) == 0 or self.postings == 0:
            return []
        unique = np.unique(fingerprints)
        docs = np.concatenate([self._documents(keys, unique) for keys in self._arrays()])
        if len(docs) == 0:
            return []
        docs, shared = np.unique(docs, return_counts=True)
        keep = shared >= min_shared
        if exclude is not None:
            keep &= docs != exclude
        if allowed is not None:
            keep &= np.isin(docs, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
        docs, shared = docs[keep], shared[keep]
        top = np.argsort(-shared, kind="stable")[:limit]
        return [(int(docs[i]), int(shared[i])) for i in top]

    def memory_bytes(self) -> int:
        delta = sum(d.nbytes for d in self._delta)
        return (
            self._keys.nbytes
            + delta
            + self._explicit_array.nbytes
            + self.size * (SIGNATURE * 4 + 100)
        )


def pack(doc_id: int, fingerprints: np.ndarray) -> np.ndarray:
    return (np.unique(short(fingerprints)) << SHIFT) | np.uint64(doc_id)
