"""Labelled seeker -> vacancy sets (Kyrgyz/Russian/English): nDCG@10 and MRR@10.

Scores each set with the shipped score model and, in the same run, two baselines: a naive
USE + character TF-IDF + region mix, and the hand-tuned additive weights the matcher had
before its weights were learnt. The shipped model is fitted on sets A and B, so its
figures there are in-sample (the row says so); scripts/fit_weights.py reports each set
scored by weights fitted without it. benchmarks/heldout_c is fitted on by nothing.

Reproduce: .venv/bin/python -m scripts.bench_multilingual
    [--dir benchmarks/multilingual --dir benchmarks/market --dir benchmarks/heldout_c]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from matching.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from matching.features import SIGNALS
from matching.ranker import Matcher
from matching.scoring import ScoreModel
from matching.skills import SkillVocabulary
from matching.types import SeekerProfile, VacancyDoc
from scripts.bench_esco import load_vocabulary
from scripts.ranking_metrics import CachedEncoder, cached, machine_info, ndcg, reciprocal_rank

TODAY = date(2024, 1, 1)
SETS = (Path("benchmarks/multilingual"), Path("benchmarks/market"))
GROUPS = ("all", "ky", "ru", "en", "mixed", "no Kyrgyz letters", "cross-lingual")


def _record(cls: type, raw: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    values = {
        k: tuple(v) if isinstance(v, list) else v
        for k, v in raw.items()
        if k in names and v is not None
    }
    values["id"] = str(raw["id"])
    if values.get("valid_through"):
        values["valid_through"] = date.fromisoformat(values["valid_through"])
    return cls(**values)


@dataclass(frozen=True)
class LabelledSet:
    """One benchmark folder: vacancies, seekers with their groups, graded pairs."""

    name: str
    vacancies: list[VacancyDoc]
    seekers: list[SeekerProfile]
    groups: dict[str, tuple[str, ...]]  # seeker id -> the report groups it belongs to
    qrels: dict[str, dict[str, int]]  # seeker id -> vacancy id -> grade (absent: 0)


def _lines(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load(directory: Path) -> LabelledSet:
    """Read a set; benchmarks read vacancies, seekers and qrels, never the labels."""
    vacancies = [_record(VacancyDoc, raw) for raw in _lines(directory / "vacancies.jsonl")]
    vacancy_lang = {
        str(raw["id"]): raw.get("lang", "") for raw in _lines(directory / "vacancies.jsonl")
    }
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for raw in _lines(directory / "qrels.jsonl"):
        qrels[str(raw["seeker_id"])][str(raw["vacancy_id"])] = int(raw["grade"])
    seekers, groups = [], {}
    for raw in _lines(directory / "seekers.jsonl"):
        profile = _record(SeekerProfile, raw)
        lang = raw.get("lang", "")
        tags = ["all", lang]
        if raw.get("no_kyrgyz_letters"):
            tags.append("no Kyrgyz letters")
        best = [v for v, g in qrels.get(profile.id, {}).items() if g == 2]
        if best and all(vacancy_lang.get(v) not in ("", lang) for v in best):
            tags.append("cross-lingual")
        seekers.append(profile)
        groups[profile.id] = tuple(tags)
    return LabelledSet(directory.name, vacancies, seekers, groups, dict(qrels))


Table = dict[str, tuple[list[str], dict[str, np.ndarray]]]


def signal_table(matcher: Matcher, labelled: LabelledSet) -> Table:
    """Return, per seeker, every vacancy's id and signals (all vacancies are candidates)."""
    matcher.pool = len(labelled.vacancies)
    table: Table = {}
    for profile in labelled.seekers:
        items = matcher.rank_vacancies(profile, matcher.pool, today=TODAY).items
        table[profile.id] = (
            [i.id for i in items],
            {s: np.array([i.signals[s] for i in items]) for s in SIGNALS},
        )
    return table


Scorer = Callable[[Mapping[str, np.ndarray], SeekerProfile, list[str]], np.ndarray]


def model_scorer(model: ScoreModel) -> Scorer:
    """Score a seeker's candidates with a score model."""
    return lambda signals, _profile, _ids: model.score(signals)


def evaluate(
    table: Table, scorer: Scorer, labelled: LabelledSet
) -> dict[str, tuple[float, float, int]]:
    """Return {group: (nDCG@10, MRR@10, seekers)}."""
    per_group: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for profile in labelled.seekers:
        ids, signals = table[profile.id]
        scores = scorer(signals, profile, ids)
        ranked = [ids[i] for i in np.argsort(-scores, kind="stable")] if ids else []
        grades = labelled.qrels.get(profile.id, {})
        best = {v for v, g in grades.items() if g == 2}
        result = (ndcg(ranked, grades), reciprocal_rank(ranked, best))
        for group in labelled.groups[profile.id]:
            per_group[group].append(result)
    return {
        group: (
            float(np.mean([r[0] for r in rows])),
            float(np.mean([r[1] for r in rows])),
            len(rows),
        )
        for group, rows in per_group.items()
    }


def print_rows(name: str, result: dict[str, tuple[float, float, int]]) -> None:
    """Print nDCG/MRR overall and per group as table rows."""
    for group in GROUPS:
        if group in result:
            nd, mrr, count = result[group]
            print(f"| {name} | {group} | {count} | {nd:.3f} | {mrr:.3f} |")


def additive(weights: Mapping[str, float], vacancies: list[VacancyDoc]) -> Scorer:
    """Score as the matcher did before learnt weights: a weighted sum of signals, with
    region 1 for the seeker's own region field or a remote job and 0.5 when unknown."""
    docs = {v.id: v for v in vacancies}

    def score(
        signals: Mapping[str, np.ndarray], profile: SeekerProfile, ids: list[str]
    ) -> np.ndarray:
        region = np.array(
            [
                1.0
                if docs[i].remote
                else 0.5
                if not (docs[i].region and profile.region)
                else float(docs[i].region == profile.region)
                for i in ids
            ]
        )
        total = weights.get("region", 0.0) * region
        for name, weight in weights.items():
            if name != "region":
                total = total + weight * signals[name]
        return np.asarray(total)

    return score


# The hand-tuned weights the matcher shipped before they were learnt (release of 2026-11).
HAND_TUNED = {
    "semantic": 0.6,
    "lexical": 0.1,
    "occupation": 0.05,
    "skills": 0.05,
    "region": 0.2,
    "employment_type": 0.05,
}
NAIVE = {"semantic": 0.6, "lexical": 0.3, "region": 0.1}


def default_matcher(encoder: Encoder, model: ScoreModel | None = None) -> Matcher:
    """Return the matcher as the service builds it, over a (cached) encoder."""
    return Matcher(encoder, model, load_vocabulary(), skills=SkillVocabulary.default())


def tables(sets: list[LabelledSet], encoder_spec: str = DEFAULT_ENCODER) -> dict[str, Table]:
    """Return each set's signal table under the default matcher (encodings cached)."""
    encoder = cached(load_encoder(encoder_spec), disk=True)
    out = {}
    for labelled in sets:
        matcher = default_matcher(encoder)
        matcher.upsert_vacancies(labelled.vacancies)
        out[labelled.name] = signal_table(matcher, labelled)
    return out


def available(directories: list[Path]) -> list[LabelledSet]:
    """Load the sets whose folder exists."""
    return [load(d) for d in directories if (d / "qrels.jsonl").exists()]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown table per set."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", action="append", type=Path, help="a set's folder (repeatable)")
    parser.add_argument("--encoder", default=DEFAULT_ENCODER)
    args = parser.parse_args(argv)

    sets = available(args.dir or list(SETS))
    print(f"machine: {machine_info()}")
    model = ScoreModel.default()
    print(f"shipped model fitted on: {model.about.get('fitted_on', '?')}\n")
    use = CachedEncoder(load_encoder("use-m3"), disk=True)
    for labelled, table in zip(sets, tables(sets, args.encoder).values(), strict=True):
        judged = sum(len(g) for g in labelled.qrels.values())
        print(
            f"## {labelled.name}: {len(labelled.vacancies)} vacancies, "
            f"{len(labelled.seekers)} seekers, {judged} judgements\n"
        )
        print("| ranker | seekers | n | nDCG@10 | MRR@10 |\n| --- | --- | --- | --- | --- |")
        naive = Matcher(use, vocabulary=None)
        naive.upsert_vacancies(labelled.vacancies)
        print_rows(
            "baseline: USE-m3 + char TF-IDF + region",
            evaluate(signal_table(naive, labelled), additive(NAIVE, labelled.vacancies), labelled),
        )
        print_rows(
            "baseline: hand-tuned additive weights (before learning)",
            evaluate(table, additive(HAND_TUNED, labelled.vacancies), labelled),
        )
        fitted = labelled.name in model.about.get("fitted_on", ())
        print_rows(
            f"shipped learnt model ({'in-sample' if fitted else 'not fitted on this set'})",
            evaluate(table, model_scorer(model), labelled),
        )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
