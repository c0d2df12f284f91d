"""Validate the skill-gap set: JSON, fields, ids and references; print the counts.

Run: python benchmarks/skill_gaps/check.py   (exit 1 on a problem)
"""

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGIONS = {
    "bishkek",
    "osh_city",
    "chuy",
    "osh",
    "jalal_abad",
    "batken",
    "talas",
    "naryn",
    "issyk_kul",
}
TYPES = {"full_time", "part_time", "shift", "seasonal", "temporary", "internship"}
LANGS = {"ky", "ru", "en"}
FIELDS = {
    "vacancies": {
        "id",
        "title",
        "description",
        "skills",
        "region",
        "employment_type",
        "salary_min",
        "salary_max",
        "language",
    },
    "courses": {
        "id",
        "title",
        "provider",
        "description",
        "skills",
        "language",
        "duration_hours",
        "cost",
    },
    "seekers": {
        "id",
        "desired_position",
        "skills",
        "experience",
        "region",
        "languages",
        "preferred_language",
        "employment_types",
    },
    "labels": {"seeker", "should", "should_not", "why"},
}


def load(name: str, problems: list[str]) -> list[dict]:
    rows = []
    for n, line in enumerate((HERE / f"{name}.jsonl").read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{name}.jsonl:{n}: {e}")
            continue
        if set(row) != FIELDS[name]:
            problems.append(f"{name}.jsonl:{n}: fields {sorted(set(row) ^ FIELDS[name])}")
        rows.append(row)
    return rows


def main() -> int:
    problems: list[str] = []
    vac = load("vacancies", problems)
    cou = load("courses", problems)
    see = load("seekers", problems)
    lab = load("labels", problems)

    for name, rows, key in (
        ("vacancies", vac, "id"),
        ("courses", cou, "id"),
        ("seekers", see, "id"),
        ("labels", lab, "seeker"),
    ):
        dup = [k for k, c in Counter(r.get(key) for r in rows).items() if c > 1]
        if dup:
            problems.append(f"{name}: duplicate {key} {dup}")

    for v in vac:
        if v["region"] not in REGIONS or v["employment_type"] not in TYPES:
            problems.append(f"{v['id']}: region/employment_type")
        if v["language"] not in LANGS or not v["skills"]:
            problems.append(f"{v['id']}: language or empty skills")
        if not 0 < v["salary_min"] <= v["salary_max"]:
            problems.append(f"{v['id']}: salary")
    for c in cou:
        if c["language"] not in LANGS or not c["skills"]:
            problems.append(f"{c['id']}: language or empty skills")
        if c["duration_hours"] <= 0 or c["cost"] < 0:
            problems.append(f"{c['id']}: duration/cost")
    for s in see:
        if s["region"] not in REGIONS or not set(s["employment_types"]) <= TYPES:
            problems.append(f"{s['id']}: region/employment_types")
        if s["preferred_language"] not in LANGS:
            problems.append(f"{s['id']}: preferred_language")

    course_ids = {c["id"] for c in cou}
    seeker_ids = {s["id"] for s in see}
    labelled = {r["seeker"] for r in lab}
    if seeker_ids != labelled:
        problems.append(
            f"seekers without label {sorted(seeker_ids - labelled)}, "
            f"labels without seeker {sorted(labelled - seeker_ids)}"
        )
    for r in lab:
        unknown = (set(r["should"]) | set(r["should_not"])) - course_ids
        if unknown:
            problems.append(f"label {r['seeker']}: unknown courses {sorted(unknown)}")
        if set(r["should"]) & set(r["should_not"]):
            problems.append(f"label {r['seeker']}: course in both lists")
        if not r["why"].strip():
            problems.append(f"label {r['seeker']}: empty why")

    print(f"vacancies {len(vac)}: languages {dict(Counter(v['language'] for v in vac))}")
    print(f"  employment types {dict(Counter(v['employment_type'] for v in vac))}")
    print(f"  regions {dict(Counter(v['region'] for v in vac))}")
    print(f"courses {len(cou)}: languages {dict(Counter(c['language'] for c in cou))}")
    print(
        f"seekers {len(see)}: preferred_language "
        f"{dict(Counter(s['preferred_language'] for s in see))}"
    )
    with_should = [r for r in lab if r["should"]]
    print(
        f"labels {len(lab)}: {len(with_should)} seekers with courses to recommend, "
        f"{len(lab) - len(with_should)} with none; "
        f"{sum(len(r['should']) for r in lab)} should pairs, "
        f"{sum(len(r['should_not']) for r in lab)} should_not pairs"
    )
    used = Counter(c for r in lab for c in r["should"])
    print(f"  courses never in should: {sorted(course_ids - set(used), key=lambda x: int(x[1:]))}")

    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
