"""Character n-gram TF-IDF that takes additions and removals without refitting.

Documents are kept as hashed raw n-gram counts and the document frequencies are counted
live, so idf is always that of the current corpus and nothing needs a refit; cosines are
computed on demand for the candidates the semantic search proposes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**20
NGRAM_RANGE = (3, 5)


def make_vectorizer() -> HashingVectorizer:
    """Return the hashed character n-gram counter shared by documents and queries."""
    # char_wb keeps n-grams inside word boundaries: suffixes and typos change few of them.
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=NGRAM_RANGE,
        n_features=N_FEATURES,
        alternate_sign=False,
        norm=None,
        lowercase=False,
        dtype=np.float32,
    )


def _safe(norms: np.ndarray) -> np.ndarray:
    """Return norms with zeros replaced by 1, so empty rows divide to zero similarity."""
    return np.where(norms > 0, norms, 1.0)


class LexicalIndex:
    """TF-IDF cosine between query texts and stored documents, with a live idf."""

    def __init__(self) -> None:
        self._vectorizer = make_vectorizer()
        self._docs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._df = np.zeros(N_FEATURES, dtype=np.int32)
        self._idf: np.ndarray | None = None
        # Column -> 1-based position among a query's columns (0 = not in the query); kept
        # zeroed between calls so no 4 MB table is allocated per query.
        self._lookup = np.zeros(N_FEATURES, dtype=np.int32)
        self._lookup_lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._docs)

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Return raw n-gram counts, one row per text."""
        return sparse.csr_matrix(self._vectorizer.transform(list(texts)))

    def upsert(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        """Store or replace documents (texts already normalised by the caller)."""
        self.remove(i for i in ids if i in self._docs)
        matrix = self.counts(texts)
        for n, item_id in enumerate(ids):
            start, end = matrix.indptr[n], matrix.indptr[n + 1]
            columns = matrix.indices[start:end].astype(np.int32)
            self._docs[item_id] = (columns, matrix.data[start:end].astype(np.float32))
            self._df[columns] += 1
        self._idf = None

    def remove(self, ids: Iterable[str]) -> None:
        """Forget documents; unknown ids are ignored."""
        for item_id in list(ids):
            doc = self._docs.pop(item_id, None)
            if doc is not None:
                self._df[doc[0]] -= 1
                self._idf = None

    def idf(self) -> np.ndarray:
        """Return smoothed idf over the live documents (cached until the corpus changes)."""
        if self._idf is None:
            n = len(self._docs)
            self._idf = (np.log((1.0 + n) / (1.0 + self._df)) + 1.0).astype(np.float32)
        return self._idf

    def _stored(self, ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the concatenated columns and counts of ids (one or more), and lengths."""
        empty = (np.empty(0, np.int32), np.empty(0, np.float32))
        docs = [self._docs.get(i, empty) for i in ids]
        lengths = np.fromiter((len(d[0]) for d in docs), dtype=np.int64, count=len(docs))
        indices = np.concatenate([d[0] for d in docs])
        data = np.concatenate([d[1] for d in docs])
        return indices, data, lengths

    def similarity(self, queries: Sequence[str], ids: Sequence[str]) -> np.ndarray:
        """Return the (len(queries), len(ids)) TF-IDF cosine matrix."""
        if not ids or not queries:
            return np.zeros((len(queries), len(ids)), dtype=np.float32)
        idf = self.idf()
        # Only the queries' few hundred n-grams can contribute to a dot product, so the
        # products run over those columns instead of all 2^20 hashed ones (a sparse
        # transpose over 2^20 columns was most of this call's time).
        query = self.counts(queries)
        columns, inverse = np.unique(query.indices, return_inverse=True)
        weights = np.zeros((len(queries), len(columns)), dtype=np.float32)
        owners = np.repeat(np.arange(len(queries)), np.diff(query.indptr))
        weights[owners, inverse] = query.data * idf[query.indices]
        weights /= _safe(np.linalg.norm(weights, axis=1, keepdims=True))

        indices, data, lengths = self._stored(ids)
        weighted = data * idf[indices]
        owners = np.repeat(np.arange(len(ids)), lengths)
        norms = np.sqrt(np.bincount(owners, weighted * weighted, minlength=len(ids)))
        with self._lookup_lock:
            self._lookup[columns] = np.arange(1, len(columns) + 1, dtype=np.int32)
            position = self._lookup[indices]
            self._lookup[columns] = 0
        hits = np.flatnonzero(position)
        per_doc = np.bincount(owners[hits], minlength=len(ids))
        shared = sparse.csr_matrix(
            (weighted[hits], position[hits] - 1, np.concatenate([[0], np.cumsum(per_doc)])),
            shape=(len(ids), len(columns)),
        )
        products = np.asarray(shared @ weights.T, dtype=np.float32).T
        return (products / _safe(norms).astype(np.float32)).astype(np.float32)

    def nbytes(self) -> int:
        """Return the bytes held by stored documents, document frequencies and the lookup."""
        return (
            self._df.nbytes
            + self._lookup.nbytes
            + sum(c.nbytes + d.nbytes for c, d in self._docs.values())
        )
