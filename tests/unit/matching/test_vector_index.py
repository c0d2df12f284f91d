"""VectorIndex against a brute-force dictionary of vectors."""

from __future__ import annotations

import numpy as np
import pytest

from matching import index as index_module
from matching.index import MIN_CAPACITY, VectorIndex


def unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def brute_top(store: dict[str, np.ndarray], query: np.ndarray, k: int) -> list[str]:
    scored = sorted(store, key=lambda i: -float(store[i] @ query))
    return scored[:k]


def test_upsert_remove_grow_matches_brute_force() -> None:
    rng = np.random.default_rng(0)
    index = VectorIndex(16, {"tag": np.int32})
    store: dict[str, np.ndarray] = {}
    tags: dict[str, int] = {}
    for step in range(30):
        ids = [f"id{int(i)}" for i in rng.integers(0, 400, size=25)]
        ids = list(dict.fromkeys(ids))
        vectors = unit(rng, len(ids), 16)
        index.upsert(ids, vectors, {"tag": [step] * len(ids)})
        store.update(zip(ids, vectors, strict=True))
        tags.update(dict.fromkeys(ids, step))
        gone = [f"id{int(i)}" for i in rng.integers(0, 400, size=10)]
        index.remove(gone)
        for item_id in gone:
            store.pop(item_id, None)
            tags.pop(item_id, None)
        assert len(index) == len(store)
        assert set(index.ids()) == set(store)
        query = unit(rng, 1, 16)[0]
        rows, scores = index.search(query, 7)
        assert index.ids(rows) == brute_top(store, query, 7)
        assert np.all(np.diff(scores) <= 0)
        for item_id, tag in tags.items():
            row = int(index.rows([item_id])[0])
            np.testing.assert_array_equal(index.matrix[row], store[item_id])
            assert index.meta("tag")[row] == tag


def test_mask_filters_and_k_larger_than_allowed() -> None:
    rng = np.random.default_rng(1)
    index = VectorIndex(8, {})
    index.upsert([str(i) for i in range(10)], unit(rng, 10, 8))
    mask = np.zeros(10, dtype=bool)
    mask[[2, 5]] = True
    rows, _ = index.search(unit(rng, 1, 8)[0], 5, mask)
    assert sorted(index.ids(rows)) == ["2", "5"]
    rows, _ = index.search(unit(rng, 1, 8)[0], 5, np.zeros(10, dtype=bool))
    assert len(rows) == 0


def test_memory_stays_within_bar_while_growing_and_shrinking() -> None:
    rng = np.random.default_rng(2)
    index = VectorIndex(32, {})
    for start in range(0, 5000, 250):
        index.upsert([str(i) for i in range(start, start + 250)], unit(rng, 250, 32))
        if len(index) > MIN_CAPACITY:
            assert index.capacity <= 1.2 * len(index)
    for start in range(0, 4000, 100):
        index.remove(str(i) for i in range(start, start + 100))
        assert index.capacity <= 1.2 * len(index)
    assert index.capacity <= 1.2 * len(index)
    assert len(index) == 1000


def test_upsert_replaces_in_place() -> None:
    index = VectorIndex(2, {})
    index.upsert(["a", "b"], np.eye(2, dtype=np.float32))
    index.upsert(["a"], np.array([[0.0, 1.0]], dtype=np.float32))
    assert len(index) == 2
    _, scores = index.search(np.array([0.0, 1.0], dtype=np.float32), 2)
    assert scores.tolist() == [1.0, 1.0]


def low_rank(rng: np.random.Generator, n: int, basis: np.ndarray) -> np.ndarray:
    """Unit rows near the span of `basis` (rank x dim), as sentence embeddings are."""
    dim = basis.shape[1]
    x = rng.standard_normal((n, len(basis))).astype(np.float32) @ basis
    x += 0.05 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_a_large_index_scans_a_projection_and_returns_exact_scores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "COARSE_MIN_ROWS", 2000)
    monkeypatch.setattr(index_module, "COARSE_DIMS", 32)
    rng = np.random.default_rng(5)
    basis = rng.standard_normal((24, 128)).astype(np.float32)
    index = VectorIndex(128, {})
    store: dict[str, np.ndarray] = {}
    for start in range(0, 3000, 500):  # grows past the threshold: the projection is fitted
        ids = [f"v{i}" for i in range(start, start + 500)]
        vectors = low_rank(rng, 500, basis)
        index.upsert(ids, vectors)
        store.update(zip(ids, vectors, strict=True))
    index.remove([f"v{i}" for i in range(0, 3000, 7)])  # holes filled from the end
    for i in range(0, 3000, 7):
        store.pop(f"v{i}")
    index.upsert(["v1"], low_rank(rng, 1, basis))  # replaced in place
    store["v1"] = index.matrix[int(index.rows(["v1"])[0])].copy()
    assert index.nbytes() > index.matrix.nbytes + 4 * 32 * len(index)  # coarse rows held
    hits = 0
    for query in low_rank(rng, 40, basis):
        rows, scores = index.search(query, 20)
        np.testing.assert_allclose(scores, index.matrix[rows] @ query, rtol=1e-5)
        assert list(scores) == sorted(scores, reverse=True)
        hits += len(set(index.ids(rows)) & set(brute_top(store, query, 20)))
    assert hits / (40 * 20) >= 0.98


def test_the_projected_scan_respects_the_mask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "COARSE_MIN_ROWS", 500)
    monkeypatch.setattr(index_module, "COARSE_DIMS", 16)
    rng = np.random.default_rng(6)
    basis = rng.standard_normal((12, 64)).astype(np.float32)
    index = VectorIndex(64, {})
    index.upsert([f"v{i}" for i in range(1000)], low_rank(rng, 1000, basis))
    mask = np.zeros(1000, dtype=bool)
    mask[::10] = True
    rows, _ = index.search(low_rank(rng, 1, basis)[0], 300, mask)
    assert len(rows) == 100
    assert set(rows.tolist()) == set(np.flatnonzero(mask).tolist())
