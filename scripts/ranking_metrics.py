"""Shared pieces of the benchmark scripts: ranking metrics, an encoding cache, machine info."""

from __future__ import annotations

import hashlib
import math
import os
import platform
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from matching.encoders import ConcatEncoder, Encoder

CACHE_DIR = Path(".cache") / "encodings"


def reciprocal_rank(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    """Return 1/rank of the first relevant id within the top k, else 0."""
    for n, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            return 1.0 / n
    return 0.0


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """Return nDCG@k with gains 2^grade - 1."""
    dcg = sum(
        (2 ** grades.get(item, 0) - 1) / math.log2(n + 2) for n, item in enumerate(ranked[:k])
    )
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(n + 2) for n, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def machine_info() -> str:
    """Return a one-line description of the machine the numbers come from."""
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, numpy {np.__version__}"
    )


class CachedEncoder:
    """Wrap an encoder with an in-memory (and optional on-disk) text -> vector cache."""

    def __init__(self, encoder: Encoder, *, disk: bool = False):
        self.inner = encoder
        self.name = encoder.name
        self.disk = disk
        # Keep the inner encoder's query-time role (see matching.encoders.encode_views).
        self.per_view = getattr(encoder, "per_view", False)
        self._memory: dict[str, np.ndarray] = {}

    @property
    def dim(self) -> int:
        """Return the inner encoder's size."""
        return self.inner.dim

    def _path(self, texts: Sequence[str]) -> Path:
        digest = hashlib.sha1("\x00".join(texts).encode(), usedforsecurity=False).hexdigest()[:16]
        return CACHE_DIR / f"{self.name.replace('/', '_')}-{digest}.npy"

    def warm(self, texts: Sequence[str]) -> None:
        """Encode texts in bulk (or load them from disk) into the cache."""
        texts = list(dict.fromkeys(t for t in texts if t not in self._memory))
        if not texts:
            return
        path = self._path(texts)
        if self.disk and path.exists():
            vectors = np.load(path)
        else:
            vectors = self.inner.encode(texts)
            if self.disk:
                CACHE_DIR.mkdir(parents=True, exist_ok=True)
                np.save(path, vectors)
        self._memory.update(zip(texts, vectors, strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts, from the cache where possible."""
        self.warm(texts)
        return np.vstack([self._memory[t] for t in texts]).astype(np.float32)


def cached(encoder: Encoder, *, disk: bool = False) -> Encoder:
    """Cache an encoder's vectors; a ConcatEncoder keeps its parts (and their roles)."""
    if isinstance(encoder, ConcatEncoder):
        return ConcatEncoder([(CachedEncoder(part, disk=disk), w) for part, w in encoder.parts])
    return CachedEncoder(encoder, disk=disk)
