"""Normalised code points with a map back to the user's text.

Copying survives a change of punctuation, full-width letters, spaces and markdown marks, so
all of those are dropped or folded before hashing; ``offsets[i]`` is the index in the original
text of normalised character ``i``, so every passage found lands back on what the user wrote.
Vectorised: one table lookup over the code points, no per-character Python loop.
"""

from __future__ import annotations

import functools
import unicodedata

import numpy as np

BMP = 0x10000


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    keep = np.zeros(BMP, dtype=bool)
    fold = np.arange(BMP, dtype=np.uint32)
    for cp in range(BMP):
        ch = chr(cp)
        if unicodedata.category(ch)[0] not in "LN":
            continue  # punctuation, symbols, spaces, controls, markdown marks
        keep[cp] = True
        folded = unicodedata.normalize("NFKC", ch).lower()
        if len(folded) == 1:
            fold[cp] = ord(folded)
    return keep, fold


def normalise(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(codes, offsets): kept, folded code points and their indexes in ``text``."""
    if not text:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    keep_table, fold_table = _tables()
    cps = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    small = cps < BMP
    keep = np.ones(len(cps), dtype=bool)
    keep[small] = keep_table[cps[small]]
    offsets = np.flatnonzero(keep)
    codes = cps[offsets].astype(np.uint32)
    small_kept = codes < BMP
    codes[small_kept] = fold_table[codes[small_kept]]
    return codes, offsets
