"""k-gram hashes, winnowed fingerprints and a MinHash signature, all vectorised with numpy.

Winnowing (Schleimer, Wilkerson and Aiken 2003) keeps the minimum hash of every window of
``WINDOW`` consecutive k-grams, so any shared run of at least ``K + WINDOW - 1`` characters
shares at least one fingerprint, while a 5,000-character material keeps only a few hundred.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

K = 13  # characters per k-gram: a short clause; shorter runs are common phrases
WINDOW = 24  # fingerprints guarantee detection of shared runs of K + WINDOW - 1 = 36 chars
SIGNATURE = 64  # MinHash permutations
_BASE = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_rng = np.random.default_rng(20261123)
_A = _rng.integers(1, 2**63 - 1, size=SIGNATURE, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63 - 1, size=SIGNATURE, dtype=np.uint64)


def kgram_hashes(codes: np.ndarray, k: int = K) -> np.ndarray:
    """One 64-bit hash per k-gram start: ``len(codes) - k + 1`` values."""
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    values = codes.astype(np.uint64)
    hashes = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            hashes = hashes * _BASE + values[j : j + n]
        hashes ^= hashes >> np.uint64(29)
        hashes *= _MIX
        hashes ^= hashes >> np.uint64(32)
    return hashes


def winnow(hashes: np.ndarray, window: int = WINDOW) -> tuple[np.ndarray, np.ndarray]:
    """(fingerprints, positions): the minimum of each window, each position once."""
    if len(hashes) == 0:
        return hashes, np.zeros(0, dtype=np.int64)
    if len(hashes) <= window:
        position = np.array([int(np.argmin(hashes))])
        return hashes[position], position
    windows = sliding_window_view(hashes, window)
    positions = np.unique(windows.argmin(axis=1) + np.arange(len(windows)))
    return hashes[positions], positions


def minhash(hashes: np.ndarray) -> np.ndarray:
    """A SIGNATURE-long MinHash of a set of hashes (uint32 each)."""
    if len(hashes) == 0:
        return np.full(SIGNATURE, np.iinfo(np.uint32).max, dtype=np.uint32)
    unique = np.unique(hashes)
    with np.errstate(over="ignore"):
        permuted = (unique[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return permuted.min(axis=0).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard resemblance of two MinHash signatures."""
    return float(np.mean(a == b))
