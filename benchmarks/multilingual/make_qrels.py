"""Derive graded relevance judgements (qrels) for the multilingual benchmark.

Grades come only from the ISCO-08 code assigned by hand to every vacancy and seeker
(``labels.jsonl``) and from the structured fields, never from any ranker:

* 2: same ISCO-08 unit group, region compatible (same region or remote vacancy) and
  employment type compatible (the vacancy's type is among the seeker's, or the seeker
  gave none);
* 1: same unit group with the wrong region or type, or a related occupation (same
  minor group, or a pair in ``CLOSE_PAIRS``) in a compatible region;
* 0: everything else (not written).

Usage: ``python benchmarks/multilingual/make_qrels.py [--check]``. With ``--check`` the
file on disk is compared with a fresh derivation and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# Occupations in different ISCO minor groups that a seeker of one would still consider
# (hand-made, symmetric). Same-minor-group pairs are related without being listed.
CLOSE_PAIRS: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("7533", "8153"),  # hand vs machine sewing: the same "швея" in practice
        ("7531", "8153"),
        ("2411", "3313"),  # accountant vs accounting assistant
        ("3221", "2221"),  # nurse, associate vs professional
        ("2342", "5311"),  # kindergarten teacher vs child care worker
        ("5120", "3434"),  # cook vs chef
        ("5223", "5230"),  # shop assistant vs cashier (продавец-кассир)
        ("7111", "9313"),  # builder vs construction labourer
        ("8322", "8331"),  # car/taxi vs bus driver
        ("8322", "8332"),  # car/taxi vs truck driver
        ("9333", "4321"),  # loader vs storekeeper
    )
)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def related(a: str, b: str) -> bool:
    """Return True for different but related occupations."""
    return a != b and (a[:3] == b[:3] or frozenset((a, b)) in CLOSE_PAIRS)


def grade(seeker: dict[str, Any], vacancy: dict[str, Any], s_code: str, v_code: str) -> int:
    """Return the relevance grade (0, 1 or 2) of a vacancy for a seeker."""
    region_ok = bool(vacancy["remote"]) or vacancy["region"] == seeker["region"]
    types = seeker.get("employment_types") or []
    type_ok = not types or vacancy["employment_type"] in types
    if s_code == v_code:
        return 2 if region_ok and type_ok else 1
    if related(s_code, v_code) and region_ok:
        return 1
    return 0


def derive(directory: Path) -> list[dict[str, int]]:
    """Return the qrels for the benchmark files in a directory."""
    vacancies = read_jsonl(directory / "vacancies.jsonl")
    seekers = read_jsonl(directory / "seekers.jsonl")
    labels = read_jsonl(directory / "labels.jsonl")
    codes = {(row["kind"], row["id"]): str(row["isco08"]) for row in labels}
    qrels: list[dict[str, int]] = []
    for seeker in seekers:
        s_code = codes[("seeker", seeker["id"])]
        for vacancy in vacancies:
            g = grade(seeker, vacancy, s_code, codes[("vacancy", vacancy["id"])])
            if g:
                qrels.append({"seeker_id": seeker["id"], "vacancy_id": vacancy["id"], "grade": g})
    return qrels


def validate(directory: Path, qrels: list[dict[str, int]]) -> list[str]:
    """Return problems: seekers without a grade-2 vacancy, unlabelled records."""
    problems: list[str] = []
    labels = read_jsonl(directory / "labels.jsonl")
    labelled = {(row["kind"], row["id"]) for row in labels}
    for kind, name in (("vacancy", "vacancies.jsonl"), ("seeker", "seekers.jsonl")):
        for row in read_jsonl(directory / name):
            if (kind, row["id"]) not in labelled:
                problems.append(f"{kind} {row['id']} has no ISCO label")
    best = {q["seeker_id"] for q in qrels if q["grade"] == 2}
    for seeker in read_jsonl(directory / "seekers.jsonl"):
        if seeker["id"] not in best:
            problems.append(f"seeker {seeker['id']} has no grade-2 vacancy")
    return problems


def render(qrels: list[dict[str, int]]) -> str:
    """Return qrels as JSON lines."""
    return "".join(json.dumps(q) + "\n" for q in qrels)


def main(argv: list[str] | None = None) -> int:
    """Write qrels.jsonl next to this script (or check it with --check)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=HERE)
    parser.add_argument("--check", action="store_true", help="fail if qrels.jsonl is stale")
    args = parser.parse_args(argv)
    qrels = derive(args.dir)
    problems = validate(args.dir, qrels)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    target = args.dir / "qrels.jsonl"
    text = render(qrels)
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("qrels.jsonl is stale: run make_qrels.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    n2 = sum(q["grade"] == 2 for q in qrels)
    print(f"wrote {len(qrels)} judgements ({n2} grade 2, {len(qrels) - n2} grade 1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
