"""Exact in-memory top-k search over unit vectors, with structured metadata alongside."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

# A small growth factor keeps the spare rows within the memory bar (<= 1.2 x live matrix);
# the extra copies it costs are amortised and cheap next to encoding.
GROWTH = 1.125
SHRINK_AT = 1.2
MIN_CAPACITY = 64
# From this many rows on, a search first scans a projection of every row onto its top
# COARSE_DIMS principal directions (a seventh of the bytes of a 896-wide matrix), then
# scores the best COARSE_FACTOR x k of those exactly. The full scan reads the whole float32
# matrix for every query and is memory-bound; below this size it is cheap anyway.
COARSE_MIN_ROWS = 20_000
COARSE_DIMS = 128
COARSE_FACTOR = 4
# The projection is fitted on at most this many rows and refitted when the index has
# doubled since, so that it follows what the index holds.
COARSE_SAMPLE = 20_000


class VectorIndex:
    """Preallocated float32 matrix with an id map, O(1) swap-delete and parallel metadata."""

    def __init__(self, dim: int, schema: Mapping[str, np.dtype | type], capacity: int = 0):
        self.dim = dim
        self.schema = {name: np.dtype(dtype) for name, dtype in schema.items()}
        capacity = max(capacity, MIN_CAPACITY)
        self._matrix = np.zeros((capacity, dim), dtype=np.float32)
        self._meta = {name: np.zeros(capacity, dtype=dtype) for name, dtype in self.schema.items()}
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        # The coarse scan's projection (dim x COARSE_DIMS), the rows projected, and how
        # many rows the projection was fitted on; None while the index is small.
        self._projection: np.ndarray | None = None
        self._coarse: np.ndarray | None = None
        self._fitted_on = 0

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._rows

    @property
    def capacity(self) -> int:
        """Return the number of preallocated rows."""
        return int(self._matrix.shape[0])

    @property
    def matrix(self) -> np.ndarray:
        """Return the live rows (a view, not a copy)."""
        return self._matrix[: len(self._ids)]

    def meta(self, name: str) -> np.ndarray:
        """Return the live values of one metadata column (a view)."""
        return self._meta[name][: len(self._ids)]

    def ids(self, rows: Iterable[int] | None = None) -> list[str]:
        """Return the ids at the given rows, or all live ids in row order."""
        if rows is None:
            return list(self._ids)
        return [self._ids[int(row)] for row in rows]

    def rows(self, ids: Iterable[str]) -> np.ndarray:
        """Return the rows of the ids that are present (absent ids are skipped)."""
        return np.fromiter((self._rows[i] for i in ids if i in self._rows), dtype=np.int64)

    def nbytes(self) -> int:
        """Return the bytes held by the matrix, the coarse rows and metadata (capacity
        included)."""
        coarse = 0 if self._coarse is None else self._coarse.nbytes
        return self._matrix.nbytes + coarse + sum(a.nbytes for a in self._meta.values())

    @staticmethod
    def _grown(array: np.ndarray, capacity: int, live: int) -> np.ndarray:
        grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
        grown[:live] = array[:live]
        return grown

    def _resize(self, capacity: int) -> None:
        live = len(self._ids)
        self._matrix = self._grown(self._matrix, capacity, live)
        if self._coarse is not None:
            self._coarse = self._grown(self._coarse, capacity, live)
        for name, array in self._meta.items():
            self._meta[name] = self._grown(array, capacity, live)

    def _fit_projection(self) -> None:
        """Fit the coarse projection on (a sample of) the live rows and project them all."""
        live = self.matrix
        step = max(1, len(live) // COARSE_SAMPLE)
        sample = live[::step].astype(np.float64)
        # The top eigenvectors of X^T X keep most of every row's inner products.
        _, vectors = np.linalg.eigh(sample.T @ sample)
        self._projection = np.ascontiguousarray(vectors[:, ::-1][:, :COARSE_DIMS], np.float32)
        self._coarse = np.zeros((self.capacity, self._projection.shape[1]), dtype=np.float32)
        self._coarse[: len(live)] = live @ self._projection
        self._fitted_on = len(live)

    def _reserve(self, needed: int) -> None:
        if needed > self.capacity:
            self._resize(max(needed, int(self.capacity * GROWTH) + 1))

    def upsert(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        metas: Mapping[str, Sequence[object] | np.ndarray] | None = None,
    ) -> None:
        """Insert or replace rows; metadata columns not given are set to zero."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids in one upsert")
        new = sum(1 for i in ids if i not in self._rows)
        self._reserve(len(self._ids) + new)
        rows = np.empty(len(ids), dtype=np.int64)
        for n, item_id in enumerate(ids):
            row = self._rows.get(item_id)
            if row is None:
                row = len(self._ids)
                self._rows[item_id] = row
                self._ids.append(item_id)
            rows[n] = row
        self._matrix[rows] = vectors
        if self._coarse is not None and self._projection is not None:
            self._coarse[rows] = vectors @ self._projection
        if len(self._ids) >= max(COARSE_MIN_ROWS, 2 * self._fitted_on) and self.dim > COARSE_DIMS:
            self._fit_projection()
        metas = metas or {}
        for name, array in self._meta.items():
            array[rows] = np.asarray(metas[name], dtype=array.dtype) if name in metas else 0

    def remove(self, ids: Iterable[str]) -> None:
        """Remove ids (unknown ones are ignored) by moving the last row into each hole."""
        for item_id in ids:
            row = self._rows.pop(item_id, None)
            if row is None:
                continue
            last = len(self._ids) - 1
            if row != last:
                moved = self._ids[last]
                self._matrix[row] = self._matrix[last]
                if self._coarse is not None:
                    self._coarse[row] = self._coarse[last]
                for array in self._meta.values():
                    array[row] = array[last]
                self._ids[row] = moved
                self._rows[moved] = row
            self._ids.pop()
        # Give memory back after large deletions, with hysteresis so that churn cannot thrash.
        if self.capacity > MIN_CAPACITY and self.capacity > SHRINK_AT * len(self._ids):
            self._resize(max(MIN_CAPACITY, int(len(self._ids) * 1.05) + 1))

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Return the dot product of the query with every live row."""
        return self.matrix @ np.asarray(query, dtype=np.float32)

    def search(
        self, query: np.ndarray, k: int, mask: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return (rows, scores) of the k best live rows, best first, among mask-true rows.

        A large index finds COARSE_FACTOR x k candidates in its projected rows first and
        scores only those exactly; the scores returned are always exact.
        """
        query = np.asarray(query, dtype=np.float32)
        if self._coarse is not None and self._projection is not None:
            live = len(self._ids)
            coarse = self._coarse[:live] @ (query @ self._projection)
            rows, _ = self._top(coarse, COARSE_FACTOR * k, mask)
            exact = self._matrix[rows] @ query
            order = np.argsort(-exact, kind="stable")[:k]
            return rows[order], exact[order].astype(np.float32)
        return self._top(self.scores(query), k, mask)

    @staticmethod
    def _top(scores: np.ndarray, k: int, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Return (rows, scores) of the k best scores, best first, among mask-true rows."""
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
            allowed = int(np.count_nonzero(mask))
        else:
            allowed = len(scores)
        k = min(k, allowed)
        if k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        if k < len(scores):
            top = np.argpartition(-scores, k - 1)[:k]
        else:
            top = np.flatnonzero(np.isfinite(scores)) if mask is not None else np.arange(k)
        top = top[np.argsort(-scores[top], kind="stable")]
        return top.astype(np.int64), scores[top].astype(np.float32)
