"""Multilingual (Kyrgyz/Russian/English) seeker -> vacancy benchmark: nDCG@10 and MRR@10.

Reproduce: .venv/bin/python -m scripts.bench_multilingual [--dir benchmarks/multilingual] [--grid]
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import defaultdict
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from matching.encoders import DEFAULT_ENCODER, load_encoder
from matching.ranker import SIGNALS, Matcher, Weights
from matching.types import SeekerProfile, VacancyDoc
from scripts.bench_esco import load_vocabulary
from scripts.ranking_metrics import CachedEncoder, cached, machine_info, ndcg, reciprocal_rank

TODAY = date(2024, 1, 1)


def _record(cls: type, raw: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items() if k in names}
    values["id"] = str(raw["id"])
    if values.get("valid_through"):
        values["valid_through"] = date.fromisoformat(values["valid_through"])
    return cls(**values)


def load(
    directory: Path,
) -> tuple[list[VacancyDoc], list[tuple[SeekerProfile, str]], dict[str, dict[str, int]]]:
    """Return vacancies, (seeker, lang) pairs and graded judgements by seeker."""

    def lines(name: str) -> list[dict[str, Any]]:
        with open(directory / name, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    vacancies = [_record(VacancyDoc, raw) for raw in lines("vacancies.jsonl")]
    seekers = [(_record(SeekerProfile, raw), raw.get("lang", "")) for raw in lines("seekers.jsonl")]
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for raw in lines("qrels.jsonl"):
        qrels[str(raw["seeker_id"])][str(raw["vacancy_id"])] = int(raw["grade"])
    return vacancies, seekers, qrels


def signal_table(
    matcher: Matcher, seekers: list[tuple[SeekerProfile, str]], n: int
) -> dict[str, tuple[list[str], np.ndarray]]:
    """Return, per seeker, every vacancy's id and signal vector (all candidates scored)."""
    table = {}
    for profile, _ in seekers:
        items = matcher.rank_vacancies(profile, n, today=TODAY).items
        table[profile.id] = (
            [i.id for i in items],
            np.array([[i.signals[s] for s in SIGNALS] for i in items]),
        )
    return table


def evaluate(
    table: dict[str, tuple[list[str], np.ndarray]],
    weights: Weights,
    seekers: list[tuple[SeekerProfile, str]],
    qrels: dict[str, dict[str, int]],
) -> dict[str, tuple[float, float, int]]:
    """Return {lang or "all": (nDCG@10, MRR@10, seekers)} for the given weights."""
    w = np.array([getattr(weights, s) for s in SIGNALS])
    per_lang: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for profile, lang in seekers:
        ids, signals = table[profile.id]
        order = np.argsort(-(signals @ w), kind="stable") if ids else []
        ranked = [ids[i] for i in order]
        grades = qrels.get(profile.id, {})
        best = {v for v, g in grades.items() if g == 2}
        result = (ndcg(ranked, grades), reciprocal_rank(ranked, best))
        per_lang[lang].append(result)
        per_lang["all"].append(result)
    return {
        lang: (
            float(np.mean([r[0] for r in rows])),
            float(np.mean([r[1] for r in rows])),
            len(rows),
        )
        for lang, rows in per_lang.items()
    }


def print_rows(name: str, result: dict[str, tuple[float, float, int]]) -> None:
    """Print nDCG/MRR overall and per language as table rows."""
    for lang in ["all", "ky", "ru", "en", "mixed"]:
        if lang in result:
            nd, mrr, count = result[lang]
            print(f"| {name} | {lang} | {count} | {nd:.3f} | {mrr:.3f} |")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default="benchmarks/multilingual", type=Path)
    parser.add_argument("--encoder", default=DEFAULT_ENCODER)
    parser.add_argument("--grid", action="store_true", help="search a coarse weight grid")
    args = parser.parse_args(argv)

    vacancies, seekers, qrels = load(args.dir)
    n = len(vacancies)
    print(
        f"# Multilingual: {n} vacancies, {len(seekers)} seekers, "
        f"{sum(len(g) for g in qrels.values())} judgements"
    )
    print(f"machine: {machine_info()}\n")
    print("| ranker | seekers | n | nDCG@10 | MRR@10 |\n| --- | --- | --- | --- | --- |")

    use = CachedEncoder(load_encoder("use-m3"))
    baseline = Matcher(use, Weights(pool=n))
    baseline.upsert_vacancies(vacancies)
    base_weights = Weights(
        semantic=0.6,
        lexical=0.3,
        occupation=0.0,
        skills=0.0,
        region=0.1,
        employment_type=0.0,
        salary=0.0,
        languages=0.0,
    )
    print_rows(
        "baseline: USE-m3 + char TF-IDF + region",
        evaluate(signal_table(baseline, seekers, n), base_weights, seekers, qrels),
    )

    default = Matcher(cached(load_encoder(args.encoder)), Weights(pool=n), load_vocabulary())
    default.upsert_vacancies(vacancies)
    table = signal_table(default, seekers, n)
    print_rows(f"default: {args.encoder}, {Weights()}", evaluate(table, Weights(), seekers, qrels))

    if args.grid:
        results = []
        grid = {
            "semantic": [0.3, 0.45, 0.6],
            "lexical": [0.1, 0.2, 0.3],
            "occupation": [0.0, 0.1, 0.2],
            "skills": [0.0, 0.1],
            "region": [0.1, 0.2, 0.3],
            "employment_type": [0.0, 0.05, 0.1],
        }
        for values in itertools.product(*grid.values()):
            weights = replace(Weights(), **dict(zip(grid, values, strict=True)))
            result = evaluate(table, weights, seekers, qrels)["all"]
            results.append((result[1] + result[0], result, values))
        results.sort(key=lambda r: -r[0])
        print(f"\nGrid (top 10) over {list(grid)}: (nDCG@10, MRR@10)")
        for _, result, values in results[:10]:
            print(f"  {result[0]:.3f} {result[1]:.3f}  {values}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
