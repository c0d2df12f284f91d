"""Fit the matcher's score model on graded pairs and report it on pairs it was not fitted on.

Reports, in one run: each labelled set scored by a model fitted on the other sets only
(set A -> set B), 5-fold cross-validation over seekers of all sets pooled (no seeker's
pairs are both fitted and scored), and, beside them, the hand-tuned additive weights as
the baseline. Then fits on every set and writes matching/data/score_model.json.

Reproduce: .venv/bin/python -m scripts.fit_weights [--dry-run] [--dir D ...] [--c 1.0]
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from matching.features import SIGNALS
from matching.scoring import DATA_FILE, ScoreModel
from scripts.bench_multilingual import (
    HAND_TUNED,
    SETS,
    LabelledSet,
    Table,
    additive,
    available,
    evaluate,
    model_scorer,
    print_rows,
    tables,
)
from scripts.ranking_metrics import machine_info

FOLDS = 5


def pairs(
    labelled: LabelledSet, table: Table, seekers: Sequence[str] | None = None
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Return stacked signals, grades and seeker ids of every (seeker, vacancy) pair."""
    chosen = seekers if seekers is not None else [p.id for p in labelled.seekers]
    signals: dict[str, list[np.ndarray]] = {s: [] for s in SIGNALS}
    grades, groups = [], []
    for seeker_id in chosen:
        ids, values = table[seeker_id]
        for name in SIGNALS:
            signals[name].append(values[name])
        judged = labelled.qrels.get(seeker_id, {})
        grades.extend(judged.get(i, 0) for i in ids)
        groups.extend([f"{labelled.name}/{seeker_id}"] * len(ids))
    return (
        {name: np.concatenate(parts) for name, parts in signals.items()},
        np.array(grades),
        np.array(groups),
    )


def stacked(parts: Sequence[tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]]) -> Any:
    """Concatenate several `pairs` results."""
    signals = {name: np.concatenate([p[0][name] for p in parts]) for name in SIGNALS}
    return signals, np.concatenate([p[1] for p in parts]), np.concatenate([p[2] for p in parts])


def cross_validated(
    sets: list[LabelledSet], all_tables: Mapping[str, Table], c: float
) -> dict[str, dict[str, tuple[float, float, int]]]:
    """Return each set's figures under out-of-fold models (folds by seeker, pooled sets)."""
    everyone = [(s, p.id) for s in sets for p in s.seekers]
    names = np.array([f"{s.name}/{seeker_id}" for s, seeker_id in everyone])
    folds = GroupKFold(n_splits=FOLDS).split(names, groups=names)
    model_of: dict[str, ScoreModel] = {}
    for train, test in folds:
        chosen = set(names[train])
        parts = [
            pairs(s, all_tables[s.name], [p.id for p in s.seekers if f"{s.name}/{p.id}" in chosen])
            for s in sets
        ]
        signals, grades, _ = stacked(parts)
        model = ScoreModel.fit(signals, grades, c=c)
        model_of.update(dict.fromkeys(names[test], model))
    out = {}
    for labelled in sets:

        def scorer(
            signals: Mapping[str, np.ndarray], profile: Any, ids: Any, s: Any = labelled
        ) -> Any:
            return model_of[f"{s.name}/{profile.id}"].score(signals)

        out[labelled.name] = evaluate(all_tables[labelled.name], scorer, labelled)
    return out


def main(argv: list[str] | None = None) -> int:
    """Fit, report held-out figures, and write the shipped model unless --dry-run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", action="append", help="a set's folder (repeatable)")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation")
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = parser.parse_args(argv)

    from pathlib import Path

    sets = available([Path(d) for d in args.dir] if args.dir else list(SETS))
    print(f"machine: {machine_info()}\nsets: {[s.name for s in sets]}, C={args.c}\n")
    all_tables = tables(sets)
    header = "| ranker | seekers | n | nDCG@10 | MRR@10 |\n| --- | --- | --- | --- | --- |"

    report: dict[str, Any] = {}
    if len(sets) > 1:
        print("## Each set scored by a model fitted on the other sets only\n")
        print(header)
        for labelled in sets:
            others = [s for s in sets if s is not labelled]
            signals, grades, _ = stacked([pairs(s, all_tables[s.name]) for s in others])
            model = ScoreModel.fit(signals, grades, c=args.c)
            result = evaluate(all_tables[labelled.name], model_scorer(model), labelled)
            baseline = evaluate(
                all_tables[labelled.name], additive(HAND_TUNED, labelled.vacancies), labelled
            )
            print_rows(f"{labelled.name}: hand-tuned baseline", baseline)
            print_rows(f"{labelled.name}: fitted on {[s.name for s in others]}", result)
            report[f"{labelled.name} from others"] = {
                "nDCG@10": result["all"][0],
                "MRR@10": result["all"][1],
            }
        print()

    print(f"## {FOLDS}-fold cross-validation over seekers (all sets pooled)\n")
    print(header)
    for name, result in cross_validated(sets, all_tables, args.c).items():
        print_rows(f"{name}: out-of-fold", result)
        report[f"{name} cross-validated"] = {
            "nDCG@10": result["all"][0],
            "MRR@10": result["all"][1],
        }
    print()

    signals, grades, _ = stacked([pairs(s, all_tables[s.name]) for s in sets])
    about = {
        "fitted_on": [s.name for s in sets],
        "pairs": len(grades),
        "C": args.c,
        "held_out": {k: {m: round(v, 3) for m, v in r.items()} for k, r in report.items()},
        "command": "python -m scripts.fit_weights",
    }
    model = ScoreModel.fit(signals, grades, c=args.c, about=about)
    for part in (model.relevant, model.takeable):
        print(
            "  "
            + ", ".join(f"{n} {w:+.2f}" for n, w in zip(part.names, part.coef, strict=True))
            + f", intercept {part.intercept:+.2f}"
        )
    if not args.dry_run:
        DATA_FILE.write_text(model.to_json(), encoding="utf-8")
        print(f"\nwrote {DATA_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
