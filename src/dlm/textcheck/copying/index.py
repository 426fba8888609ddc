"""An inverted index of winnowed fingerprints held in one sorted numpy array.

Each posting is a 64-bit key: the fingerprint's top 32 bits, then the document id (32 bits).
One sorted array answers "which documents share this fingerprint" with two binary searches,
and costs 8 bytes a posting: 100,000 materials of 5,000 characters hold about 40 million
postings, 320 MB. (32-bit fingerprints collide now and then; a collision only adds a candidate,
which alignment then rejects.) New documents go to a small unsorted delta that is merged when it
grows, so adding one material does not re-sort everything. The index is a cache: the web layer
rebuilds it from the fingerprints it stores with every material version.

A document can be **retired** (a material's earlier draft, once a newer one is in): its
postings stay in the arrays but it is never a candidate and never counts. Each document may
carry its **group** — the campaign it was written for and the unit that wrote it: language
found across many units *and several campaigns* is the genre's common language
(boilerplate); the same text in many units of one campaign is copying, a cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dlm.textcheck.copying.fingerprints import SIGNATURE

DELTA_LIMIT = 500_000  # postings in the unsorted delta before it is merged
LOW = np.uint64(0xFFFFFFFF)
SHIFT = np.uint64(32)


def short(fingerprints: np.ndarray) -> np.ndarray:
    """The 32 bits of a fingerprint that the index keeps."""
    return (fingerprints >> SHIFT).astype(np.uint64)


def short32(fingerprints: np.ndarray) -> np.ndarray:
    """The same 32 bits as a signed 32-bit integer: a database's ``integer`` column."""
    return short(fingerprints).astype(np.uint32).view(np.int32)


def gather(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted ranges [left, right) of an array, one per query item: (which query item,
    which position in the array) for every element of every range."""
    lengths = right - left
    total = int(lengths.sum())
    starts = np.repeat(left - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.repeat(np.arange(len(left)), lengths), starts + np.arange(total)


NO_GROUP = -1  # a template, or a document with no campaign: never counts as common language


class Holders:
    """What a check asks of an index once it has the postings of a text's fingerprints —
    which are common language, which documents rank highest, whether a run is held widely.
    The in-memory index and the database's (preparation.postings) share it; each says only
    how it finds postings and a document's group."""

    common_campaigns: int = 3  # common language: in documents of this many campaigns
    common_units: int = 10  # … and this many units

    def groups(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The campaign and unit of each document (NO_GROUP when it has none)."""
        raise NotImplementedError

    def postings(self, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def explicit_mask(self, hashes: np.ndarray) -> np.ndarray:
        return np.zeros(len(hashes), dtype=bool)

    @staticmethod
    def _distinct(fp: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
        """Per fingerprint, how many distinct ``values`` (groups other than NO_GROUP)."""
        keep = values != NO_GROUP
        if not keep.any():
            return np.zeros(n, dtype=np.int64)
        # one int64 key a (fingerprint, value) pair: 1-D unique is far cheaper than rows
        pairs = np.unique((fp[keep].astype(np.int64) << 32) | values[keep].astype(np.int64))
        return np.bincount(pairs >> 32, minlength=n)

    def common_mask(self, fingerprints: np.ndarray, fp=None, docs=None) -> np.ndarray:
        """Fingerprints of the genre's common language: in documents of many units over
        several campaigns. One campaign's many copies are not common language."""
        n = len(fingerprints)
        if fp is None:
            fp, docs = self.postings(fingerprints)
        if len(docs) == 0:
            return np.zeros(n, dtype=bool)
        campaign, unit = self.groups(docs)
        campaigns = self._distinct(fp, campaign, n)
        units = self._distinct(fp, unit, n)
        return (campaigns >= self.common_campaigns) & (units >= self.common_units)

    @staticmethod
    def rank(
        fp: np.ndarray,
        docs: np.ndarray,
        weights: np.ndarray,
        *,
        exclude: int | None = None,
        allowed: set[int] | None = None,
        limit: int = 10,
        min_score: float = 2,
    ) -> list[tuple[int, float]]:
        """Documents by the summed weight of the fingerprints they share (postings ``fp`` →
        ``docs``, as :meth:`postings` gives them), highest first."""
        if len(docs) == 0:
            return []
        unique, inverse = np.unique(docs, return_inverse=True)
        score = np.bincount(inverse, weights=weights[fp], minlength=len(unique))
        keep = score >= min_score
        if exclude is not None:
            keep &= unique != exclude
        if allowed is not None:
            keep &= np.isin(unique, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
        unique, score = unique[keep], score[keep]
        top = np.argsort(-score, kind="stable")[:limit]
        return [(int(unique[i]), float(score[i])) for i in top]

    def held_widely(self, fp: np.ndarray, docs: np.ndarray, run: np.ndarray) -> bool:
        """Whether the documents holding most of the fingerprints ``run`` (indices into the
        checked text's fingerprints) come from many units over several campaigns: the run
        as a whole is the genre's common language, not one campaign's copying."""
        if len(run) == 0:
            return False
        inside = np.isin(fp, run)
        holders, held = np.unique(docs[inside], return_counts=True)
        holders = holders[held >= max(1, 0.7 * len(run))]
        campaigns, units = self.groups(holders)
        known = campaigns != NO_GROUP
        return (
            len(np.unique(campaigns[known])) >= self.common_campaigns
            and len(np.unique(units[known])) >= self.common_units
        )


@dataclass
class FingerprintIndex(Holders):
    # Common language: in documents of at least this many campaigns and this many units.
    common_campaigns: int = 3
    common_units: int = 10
    _keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    _delta: list[np.ndarray] = field(default_factory=list)
    _delta_size: int = 0
    _delta_sorted: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    _explicit: set[int] = field(default_factory=set)
    _explicit_array: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    signatures: dict[int, np.ndarray] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)
    _retired: set[int] = field(default_factory=set)
    _retired_array: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _campaign: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _unit: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def size(self) -> int:
        return len(self.signatures) - len(self._retired)

    def retire(self, doc_id: int) -> None:
        """Never a candidate again, never counted (an earlier draft of a material)."""
        if doc_id not in self._retired:
            self._retired.add(doc_id)
            self._retired_array = np.array(sorted(self._retired), dtype=np.int64)

    def is_live(self, doc_id: int) -> bool:
        return doc_id in self.signatures and doc_id not in self._retired

    def set_group(self, doc_id: int, campaign: int, unit: int) -> None:
        """The campaign a document was written for and the unit that wrote it."""
        if doc_id >= len(self._campaign):
            size = max(doc_id + 1, 2 * len(self._campaign), 1024)
            for name in ("_campaign", "_unit"):
                grown = np.full(size, NO_GROUP, dtype=np.int64)
                old = getattr(self, name)
                grown[: len(old)] = old
                setattr(self, name, grown)
        self._campaign[doc_id], self._unit[doc_id] = campaign, unit

    @property
    def postings_count(self) -> int:
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

    @staticmethod
    def _ranges(keys: np.ndarray, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        high = short(fingerprints) << SHIFT
        left = np.searchsorted(keys, high, side="left")
        right = np.searchsorted(keys, high | LOW, side="right")
        return left, right

    def postings(self, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(which fingerprint, which live document) for every posting of ``fingerprints``."""
        which, docs = [], []
        for keys in self._arrays():
            left, right = self._ranges(keys, fingerprints)
            if int((right - left).sum()) == 0:
                continue
            fingerprint, at = gather(left, right)
            docs.append((keys[at] & LOW).astype(np.int64))
            which.append(fingerprint)
        if not docs:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        fp, doc = np.concatenate(which), np.concatenate(docs)
        if len(self._retired_array):
            live = ~np.isin(doc, self._retired_array)
            fp, doc = fp[live], doc[live]
        return fp, doc

    def document_frequency(self, fingerprints: np.ndarray) -> np.ndarray:
        fp, _ = self.postings(fingerprints)
        return np.bincount(fp, minlength=len(fingerprints))

    def boilerplate_mask(self, fingerprints: np.ndarray) -> np.ndarray:
        return self.explicit_mask(fingerprints) | self.common_mask(fingerprints)

    def candidates(
        self,
        fingerprints: np.ndarray,
        *,
        exclude: int | None = None,
        allowed: set[int] | None = None,
        limit: int = 10,
        min_shared: int = 2,
    ) -> list[tuple[int, int]]:
        """(live document, shared fingerprints), most shared first."""
        if len(fingerprints) == 0 or self.postings_count == 0:
            return []
        fingerprints = np.unique(fingerprints)
        fp, docs = self.postings(fingerprints)
        ranked = self.rank(
            fp,
            docs,
            np.ones(len(fingerprints)),
            exclude=exclude,
            allowed=allowed,
            limit=limit,
            min_score=min_shared,
        )
        return [(doc, int(score)) for doc, score in ranked]

    def groups(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        known = docs < len(self._campaign)
        campaigns = np.full(len(docs), NO_GROUP, dtype=np.int64)
        units = np.full(len(docs), NO_GROUP, dtype=np.int64)
        campaigns[known], units[known] = self._campaign[docs[known]], self._unit[docs[known]]
        return campaigns, units

    def memory_bytes(self) -> int:
        delta = sum(d.nbytes for d in self._delta)
        return (
            self._keys.nbytes
            + delta
            + self._explicit_array.nbytes
            + self._campaign.nbytes
            + self._unit.nbytes
            + self.size * (SIGNATURE * 4 + 100)
        )


def pack(doc_id: int, fingerprints: np.ndarray) -> np.ndarray:
    return (np.unique(short(fingerprints)) << SHIFT) | np.uint64(doc_id)
