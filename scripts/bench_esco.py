"""ESCO job-title benchmark: alternative labels as queries against occupation descriptions.

Reproduce: .venv/bin/python -m scripts.bench_esco [--data PATH] [--grid] [--cache]
[--encoder SPEC]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import time
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.encoders import (
    DEFAULT_ENCODER,
    CenteredEncoder,
    ConcatEncoder,
    Encoder,
    centered,
    load_encoder,
)
from matching.features import Vocabulary, occupation_fit
from matching.lexical import LexicalIndex
from matching.ranker import Matcher, lexical_form, prepare
from matching.scoring import ScoreModel
from matching.skills import SkillVocabulary
from matching.types import SeekerProfile, VacancyDoc
from scripts.ranking_metrics import CachedEncoder, machine_info

DEFAULT_DATA = "../shared/benchmarks/esco_occupations_en.csv"


def load(path: str, n: int, seed: int) -> tuple[list[VacancyDoc], list[tuple[str, str]]]:
    """Return one document per occupation and a seeded sample of (alt label, uri) queries."""
    docs: list[VacancyDoc] = []
    pairs: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            uri = row["conceptUri"]
            # Never the alternative labels in the corpus: they are the queries.
            docs.append(
                VacancyDoc(id=uri, title=row["preferredLabel"], description=row["description"])
            )
            pairs.extend(
                (label.strip(), uri) for label in row["altLabels"].split("\n") if label.strip()
            )
    return docs, random.Random(seed).sample(pairs, n)  # nosec B311  # seeded, reproducible data; no secret


def metrics(scores: np.ndarray, gold: np.ndarray, k: int = 10) -> dict[str, float]:
    """Return Recall@1, Recall@k and MRR@k from a (queries, docs) score matrix."""
    gold_scores = scores[np.arange(len(gold)), gold]
    ranks = (scores > gold_scores[:, None]).sum(axis=1) + 1
    return {
        "R@1": float(np.mean(ranks == 1)),
        f"R@{k}": float(np.mean(ranks <= k)),
        f"MRR@{k}": float(np.mean(np.where(ranks <= k, 1.0 / ranks, 0.0))),
    }


def ranked_metrics(ranked: Sequence[Sequence[str]], gold: Sequence[str]) -> dict[str, float]:
    """Return the same metrics from ranked id lists."""
    ranks = [list(r).index(g) + 1 if g in r else 10**9 for r, g in zip(ranked, gold, strict=True)]
    arr = np.array(ranks)
    return {
        "R@1": float(np.mean(arr == 1)),
        "R@10": float(np.mean(arr <= 10)),
        "MRR@10": float(np.mean(np.where(arr <= 10, 1.0 / arr, 0.0))),
    }


def row(name: str, values: dict[str, float], extra: str = "") -> str:
    """Format one results-table row."""
    return (
        f"| {name} | {values['R@1']:.3f} | {values['R@10']:.3f} | "
        f"{values['MRR@10']:.3f} | {extra} |"
    )


def occupation_matrix(vocabulary: Vocabulary, queries: list[str], docs: list[str]) -> np.ndarray:
    """Return the ranker's occupation signal for every (query, document) pair."""
    q_scans = [vocabulary.scan(q) for q in queries]
    d_scans = [vocabulary.scan(d) for d in docs]
    out = np.zeros((len(queries), len(docs)), dtype=np.float32)
    for j, theirs in enumerate(d_scans):
        if not any(theirs):
            continue
        for i, ours in enumerate(q_scans):
            out[i, j] = occupation_fit(ours, theirs, vocabulary)
    return out


def load_vocabulary() -> Vocabulary | None:
    """Return the occupation vocabulary, or None while it is not installed."""
    try:
        from matching.occupations import OccupationVocabulary
    except ImportError:
        return None
    return OccupationVocabulary.default()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--grid", action="store_true", help="search the weight grid too")
    parser.add_argument("--cache", action="store_true", help="keep encodings under .cache/")
    parser.add_argument("--encoder", default=DEFAULT_ENCODER, help="spec of the matcher's encoder")
    args = parser.parse_args(argv)

    docs, sample = load(args.data, args.queries, args.seed)
    uri_row = {d.id: n for n, d in enumerate(docs)}
    gold = np.array([uri_row[uri] for _, uri in sample])
    doc_ids = [d.id for d in docs]
    doc_texts = [Matcher.vacancy_text(d) for d in docs]
    titles = [prepare(d.title) for d in docs]
    query_texts = [prepare(label) for label, _ in sample]
    print(f"# ESCO: {len(docs)} occupations, {len(sample)} queries (seed {args.seed})")
    print(f"machine: {machine_info()}\n")
    print("| ranker | R@1 | R@10 | MRR@10 | notes |\n| --- | --- | --- | --- | --- |")

    # Baseline as in shared/benchmarks/README.md: raw text, vocabulary fitted on the corpus.
    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
    corpus = tfidf.fit_transform([f"{d.title} {d.description}" for d in docs])
    baseline = (tfidf.transform([label for label, _ in sample]) @ corpus.T).toarray()
    print(row("TF-IDF char_wb 3-5, fitted (baseline)", metrics(baseline, gold)))
    lexical = LexicalIndex()
    lexical.upsert(doc_ids, [Matcher.vacancy_lexical_text(d) for d in docs])
    lex = lexical.similarity([lexical_form(q) for q in query_texts], doc_ids)
    print(row("TF-IDF char_wb 3-5, hashed + live idf (matching.lexical)", metrics(lex, gold)))

    encoders: dict[str, CachedEncoder] = {}
    semantic: dict[str, np.ndarray] = {}
    for spec in ("use-m3", "minilm"):
        start = time.perf_counter()
        encoders[spec] = CachedEncoder(load_encoder(spec), disk=args.cache)
        encoders[spec].warm(doc_texts + titles + query_texts)
        queries = encoders[spec].encode(query_texts)
        plain = queries @ encoders[spec].encode(doc_texts).T
        took = time.perf_counter() - start
        print(row(f"{spec} alone", metrics(plain, gold), f"encode {took:.0f} s"))
        semantic[spec] = queries @ Matcher(encoders[spec]).encode_vacancies(docs).T
        print(row(f"{spec} alone, title-boosted document vector", metrics(semantic[spec], gold)))
        centred = centered(encoders[spec], 3)
        print(
            row(
                f"{spec}~c3 alone (centred on the vocabulary), title-boosted",
                metrics(
                    centred.encode(query_texts) @ Matcher(centred).encode_vacancies(docs).T, gold
                ),
            )
        )

    vocabulary = load_vocabulary()
    occ = (
        occupation_matrix(vocabulary, query_texts, titles)
        if vocabulary is not None
        else np.zeros_like(lex)
    )
    if vocabulary is None:
        print("| (occupation vocabulary not installed: occupation signal left out) | | | | |")

    if args.grid:
        results = []
        steps = np.round(np.arange(0.0, 1.01, 0.1), 2)
        for use_share, w_lex, w_occ in itertools.product(steps, steps[:5], steps[:4]):
            w_sem = 1.0 - w_lex - w_occ
            if w_sem <= 0:
                continue
            sem = use_share * semantic["use-m3"] + (1 - use_share) * semantic["minilm"]
            scores = w_sem * sem + w_lex * lex + w_occ * occ
            results.append((metrics(scores, gold)["MRR@10"], use_share, w_sem, w_lex, w_occ))
        results.sort(reverse=True)
        print("\nGrid (top 8): MRR@10, USE share of semantic, w_sem, w_lex, w_occ")
        for result in results[:8]:
            print("  " + ", ".join(f"{v:.3f}" for v in result))
        print()

    # The shipped default, end to end through Matcher (candidate pool and all).
    model = ScoreModel.default()
    encoder: Encoder = load_encoder(args.encoder)

    def reuse(part: Encoder) -> Encoder:
        # The parts' raw vectors are in the cache already; centring is cheap on top.
        if isinstance(part, CenteredEncoder) and part.inner.name in encoders:
            return CenteredEncoder(encoders[part.inner.name], part.mean, part.components)
        return encoders.get(part.name, part)

    if isinstance(encoder, ConcatEncoder):
        encoder = ConcatEncoder([(reuse(e), w) for e, w in encoder.parts])
    for name, chosen in (
        (
            "USE-m3 + char TF-IDF (no MiniLM, no vocabulary)",
            Matcher(encoders["use-m3"], model),
        ),
        (
            f"{'default' if args.encoder == DEFAULT_ENCODER else 'encoder'}: {args.encoder}"
            " + TF-IDF + vocabulary",
            Matcher(encoder, model, vocabulary, skills=SkillVocabulary.default()),
        ),
    ):
        chosen.upsert_vacancies(docs)
        start = time.perf_counter()
        ranked = [
            [
                item.id
                for item in chosen.rank_vacancies(
                    SeekerProfile(id=str(n), desired_position=label), 10
                ).items
            ]
            for n, (label, _) in enumerate(sample)
        ]
        per_query = (time.perf_counter() - start) / len(sample) * 1000
        print(
            row(
                f"Matcher, {name}",
                ranked_metrics(ranked, [uri for _, uri in sample]),
                f"{per_query:.1f} ms/query, model fitted on {model.about.get('fitted_on')}",
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
