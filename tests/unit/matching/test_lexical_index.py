"""LexicalIndex: incremental updates equal a rebuild; typos and suffixes still match."""

from __future__ import annotations

import numpy as np

from matching.lexical import LexicalIndex

DOCS = {
    "a": "продавец кассир в магазин",
    "b": "водитель такси",
    "c": "ашпозчу кафеге керек",
    "d": "швея пошив одежды",
}


def test_incremental_updates_equal_rebuild() -> None:
    grown = LexicalIndex()
    grown.upsert(["a", "b"], [DOCS["a"], DOCS["b"]])
    grown.upsert(["c", "d", "x"], [DOCS["c"], DOCS["d"], "временный текст"])
    grown.remove(["x", "unknown"])
    grown.upsert(["b"], [DOCS["b"]])
    rebuilt = LexicalIndex()
    rebuilt.upsert(list(DOCS), list(DOCS.values()))
    queries = ["продавщица", "водитель"]
    np.testing.assert_allclose(
        grown.similarity(queries, list(DOCS)), rebuilt.similarity(queries, list(DOCS)), atol=1e-6
    )
    np.testing.assert_array_equal(grown.idf(), rebuilt.idf())


def test_typos_and_suffixes_keep_the_match() -> None:
    index = LexicalIndex()
    index.upsert(list(DOCS), list(DOCS.values()))
    for query in ["продавцом", "продовец", "кассиром"]:
        scores = index.similarity([query], list(DOCS))[0]
        assert list(DOCS)[int(np.argmax(scores))] == "a", query


def test_unknown_ids_score_zero() -> None:
    index = LexicalIndex()
    index.upsert(["a"], [DOCS["a"]])
    assert index.similarity(["продавец"], ["nope"]).tolist() == [[0.0]]


def test_similarity_equals_scikit_learn_tfidf_cosine() -> None:
    """The sparse shortcut computes the textbook smoothed TF-IDF cosine, query by query."""
    from sklearn.feature_extraction.text import TfidfTransformer

    index = LexicalIndex()
    index.upsert(list(DOCS), list(DOCS.values()))
    queries = ["продавец кассир", "айдоочу такси", "", "швея швея тигүүчү", "zzz"]
    ids = ["d", "nope", "a", "c", "b", "a"]
    docs = index.counts([DOCS.get(i, "") for i in ids])
    tfidf = TfidfTransformer(smooth_idf=True).fit(index.counts(list(DOCS.values())))
    expected = (tfidf.transform(index.counts(queries)) @ tfidf.transform(docs).T).toarray()
    np.testing.assert_allclose(index.similarity(queries, ids), expected, atol=1e-6)
