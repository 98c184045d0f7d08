"""Hashed word and character n-gram features, shared by training and run time.

Features are hashed with CRC-32 (stable across processes, unlike Python's `hash`) into
`2**HASH_BITS` buckets. Each text becomes a set of bucket indices; its vector has the value
1/sqrt(n) at each of its n buckets (binary, L2-normalised).
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterable

import numpy as np

HASH_BITS = 18
N_FEATURES = 1 << HASH_BITS
_MASK = N_FEATURES - 1
_CACHE_LIMIT = 200_000

__all__ = ["HASH_BITS", "N_FEATURES", "Featurizer"]


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & _MASK


class Featurizer:
    """Turns normalised token lists into bucket indices; caches per-word features."""

    def __init__(self, char_min: int = 3, char_max: int = 5) -> None:
        self.char_min = char_min
        self.char_max = char_max
        self._cache: dict[str, tuple[int, ...]] = {}

    def word_features(self, word: str) -> tuple[int, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        feats = [_h("w|" + word)]
        if word.isalpha() or any(c.isalpha() for c in word):
            padded = "<" + word + ">"
            n = len(padded)
            for size in range(self.char_min, self.char_max + 1):
                for i in range(n - size + 1):
                    feats.append(_h("c|" + padded[i : i + size]))
        out = tuple(feats)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = out
        return out

    def indices(self, words: list[str]) -> list[int]:
        feats: set[int] = {_h("bias|")}
        for w in words:
            feats.update(self.word_features(w))
        for a, b in itertools.pairwise(words):
            feats.add(_h("b|" + a + "|" + b))
        return sorted(feats)

    def batch(self, docs: Iterable[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indices, row offsets of length n_docs + 1, per-row value) for a batch of token lists."""
        idx: list[int] = []
        offsets = [0]
        for words in docs:
            idx.extend(self.indices(words))
            offsets.append(len(idx))
        off = np.asarray(offsets, dtype=np.int64)
        counts = np.diff(off)
        values = 1.0 / np.sqrt(np.maximum(counts, 1))
        return np.asarray(idx, dtype=np.int64), off, values
