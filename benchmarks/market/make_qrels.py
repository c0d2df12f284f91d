"""Derive a labelled set's qrels.jsonl from labels.jsonl, related.json and the vacancies.

Run from the repository root:
    python benchmarks/market/make_qrels.py           # write qrels.jsonl, print a summary
    python benchmarks/market/make_qrels.py --check   # validate, compare with qrels.jsonl on disk
    python benchmarks/market/make_qrels.py --dir benchmarks/heldout_c --check   # another set

Standard library only. Grading rule (the project's rule):
  2  right occupation (vacancy code equals the seeker's isco08 or one of also_isco08) in a
     region and employment type the seeker can take;
  1  right occupation but region further away or wrong type, OR a related occupation in a
     region and type the seeker can take;
  0  otherwise (not written).
Region takeable: vacancy remote, or its region in the seeker's labelled `regions`.
Type takeable: seeker gave no employment_types, or the vacancy's type is among them, or the
vacancy is seasonal and the seeker's seasonal flag is true.
Related: a pair in related.json, or the same ISCO-08 minor group (first three digits), against
any of the seeker's codes (isco08 and also_isco08).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

REGIONS = (
    "bishkek",
    "osh_city",
    "chuy",
    "osh",
    "jalal_abad",
    "batken",
    "talas",
    "naryn",
    "issyk_kul",
)
EMPLOYMENT_TYPES = ("full_time", "part_time", "shift", "seasonal", "temporary", "internship")
WORK_AREAS = ("own_region", "neighbouring", "anywhere", None)
TEXT_LANGS = ("ky", "ru", "en", "mixed")
PREFERRED = ("ky", "ru", "en", "uz")

VACANCY_FIELDS = {
    "id",
    "lang",
    "title",
    "description",
    "skills",
    "region",
    "remote",
    "employment_type",
    "salary_min",
    "salary_max",
    "languages",
    "valid_through",
}
SEEKER_FIELDS = {
    "id",
    "lang",
    "no_kyrgyz_letters",
    "desired_position",
    "skills",
    "experience",
    "region",
    "work_area",
    "seasonal",
    "employment_types",
    "salary_expectation",
    "languages",
    "preferred_language",
}

# Only for the summary statistic "location intent only in free text": which regions the
# structured fields alone would imply for work_area == "neighbouring" (daily commuting
# partners first, then adjacent oblasts). The labels themselves are hand-made.
NEIGHBOURS = {
    "bishkek": {"chuy"},
    "chuy": {"bishkek"},
    "osh_city": {"osh"},
    "osh": {"osh_city", "jalal_abad", "batken"},
    "jalal_abad": {"osh", "osh_city"},
    "batken": {"osh"},
    "talas": {"chuy", "jalal_abad"},
    "naryn": {"issyk_kul", "chuy"},
    "issyk_kul": {"naryn", "chuy"},
}

KYRGYZ_LETTERS = re.compile("[үөңҮӨҢ]")


def read_jsonl(path: Path) -> list[dict]:
    """Read a JSON-lines file, failing with the line number on a bad line."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path.name}:{number}: not JSON: {exc}") from exc
    return rows


def validate(
    vacancies: list[dict], seekers: list[dict], labels: list[dict], related: dict
) -> list[str]:
    """Return a list of problems with the hand-made files (empty when all is well)."""
    problems: list[str] = []
    for kind, rows, fields in (
        ("vacancy", vacancies, VACANCY_FIELDS),
        ("seeker", seekers, SEEKER_FIELDS),
    ):
        ids = [row.get("id") for row in rows]
        if ids != list(range(1, len(rows) + 1)):
            problems.append(f"{kind} ids are not 1..{len(rows)} in order")
        for row in rows:
            if set(row) != fields:
                problems.append(
                    f"{kind} {row.get('id')}: fields {sorted(set(row) ^ fields)} differ"
                )
            if row.get("lang") not in TEXT_LANGS:
                problems.append(f"{kind} {row['id']}: lang {row.get('lang')!r}")
            if row.get("region") not in REGIONS:
                problems.append(f"{kind} {row['id']}: region {row.get('region')!r}")
            if not all(
                isinstance(code, str) and re.fullmatch("[a-z]{2,3}", code)
                for code in row.get("languages", [])
            ):
                problems.append(f"{kind} {row['id']}: languages {row.get('languages')!r}")
    for v in vacancies:
        if v["employment_type"] not in EMPLOYMENT_TYPES:
            problems.append(f"vacancy {v['id']}: employment_type {v['employment_type']!r}")
        if not isinstance(v["remote"], bool):
            problems.append(f"vacancy {v['id']}: remote is not a bool")
        lo, hi = v["salary_min"], v["salary_max"]
        if lo is not None and hi is not None and lo > hi:
            problems.append(f"vacancy {v['id']}: salary_min > salary_max")
        if v["valid_through"] is not None:
            problems.append(f"vacancy {v['id']}: valid_through should be null")
    for s in seekers:
        if s["work_area"] not in WORK_AREAS:
            problems.append(f"seeker {s['id']}: work_area {s['work_area']!r}")
        if not isinstance(s["seasonal"], bool) or not isinstance(s["no_kyrgyz_letters"], bool):
            problems.append(f"seeker {s['id']}: seasonal / no_kyrgyz_letters not bool")
        if any(t not in EMPLOYMENT_TYPES for t in s["employment_types"]):
            problems.append(f"seeker {s['id']}: employment_types {s['employment_types']!r}")
        if s["preferred_language"] not in PREFERRED:
            problems.append(f"seeker {s['id']}: preferred_language {s['preferred_language']!r}")
        text = " ".join([s["desired_position"], s["experience"], *s["skills"]])
        if s["no_kyrgyz_letters"] and KYRGYZ_LETTERS.search(text):
            problems.append(f"seeker {s['id']}: marked no_kyrgyz_letters but uses ү/ө/ң")
        if s["no_kyrgyz_letters"] and s["lang"] not in ("ky", "mixed"):
            problems.append(f"seeker {s['id']}: no_kyrgyz_letters on a {s['lang']} profile")
    seen = Counter((label["kind"], label["id"]) for label in labels)
    for kind, rows in (("vacancy", vacancies), ("seeker", seekers)):
        for row in rows:
            if seen[(kind, row["id"])] != 1:
                problems.append(f"{kind} {row['id']}: {seen[(kind, row['id'])]} label lines")
    for label in labels:
        codes = [label["isco08"], *label.get("also_isco08", [])]
        if not all(isinstance(code, str) and re.fullmatch(r"\d{4}", code) for code in codes):
            problems.append(f"label {label['kind']} {label['id']}: bad ISCO code in {codes}")
        if label["kind"] == "seeker" and (
            not label.get("regions") or any(r not in REGIONS for r in label["regions"])
        ):
            problems.append(f"label seeker {label['id']}: regions {label.get('regions')!r}")
    for pair in related["pairs"]:
        if not (
            re.fullmatch(r"\d{4}", pair["a"])
            and re.fullmatch(r"\d{4}", pair["b"])
            and pair.get("reason")
        ):
            problems.append(f"related pair {pair}: bad codes or no reason")
    return problems


def related_set(related: dict) -> set[frozenset[str]]:
    """Return the symmetric set of related code pairs from related.json."""
    return {frozenset((pair["a"], pair["b"])) for pair in related["pairs"]}


def is_related(code: str, seeker_codes: list[str], pairs: set[frozenset[str]]) -> bool:
    """Tell whether a vacancy code is related to any of the seeker's codes."""
    return any(code[:3] == own[:3] or frozenset((code, own)) in pairs for own in seeker_codes)


def grade(
    vacancy: dict, vacancy_code: str, seeker: dict, label: dict, pairs: set[frozenset[str]]
) -> int:
    """Grade one seeker-vacancy pair by the project's rule."""
    codes = [label["isco08"], *label["also_isco08"]]
    region_ok = vacancy["remote"] or vacancy["region"] in label["regions"]
    type_ok = (
        not seeker["employment_types"]
        or vacancy["employment_type"] in seeker["employment_types"]
        or (vacancy["employment_type"] == "seasonal" and seeker["seasonal"])
    )
    takeable = region_ok and type_ok
    if vacancy_code in codes:
        return 2 if takeable else 1
    if takeable and is_related(vacancy_code, codes, pairs):
        return 1
    return 0


def build_qrels(vacancies, seekers, labels, related) -> list[dict]:
    """Grade every seeker against every vacancy and keep the non-zero grades."""
    pairs = related_set(related)
    vacancy_codes = {label["id"]: label["isco08"] for label in labels if label["kind"] == "vacancy"}
    seeker_labels = {label["id"]: label for label in labels if label["kind"] == "seeker"}
    qrels = []
    for seeker in seekers:
        for vacancy in vacancies:
            g = grade(
                vacancy, vacancy_codes[vacancy["id"]], seeker, seeker_labels[seeker["id"]], pairs
            )
            if g:
                qrels.append({"seeker_id": seeker["id"], "vacancy_id": vacancy["id"], "grade": g})
    return qrels


def text_langs(lang: str) -> set[str]:
    """Languages a profile or posting is written in ('mixed' is Kyrgyz and Russian)."""
    return {"ky", "ru"} if lang == "mixed" else {lang}


def summary(vacancies, seekers, labels, related, qrels) -> dict:
    """Count languages, grades and the four hard-case classes."""
    pairs = related_set(related)
    vac = {v["id"]: v for v in vacancies}
    vacancy_codes = {label["id"]: label["isco08"] for label in labels if label["kind"] == "vacancy"}
    seeker_labels = {label["id"]: label for label in labels if label["kind"] == "seeker"}
    g2: dict[int, list[int]] = {s["id"]: [] for s in seekers}
    for q in qrels:
        if q["grade"] == 2:
            g2[q["seeker_id"]].append(q["vacancy_id"])
    classes = {
        "region_trap": [],
        "cross_lingual": [],
        "free_text_location": [],
        "no_kyrgyz_letters": [],
    }
    for s in seekers:
        label = seeker_labels[s["id"]]
        codes = [label["isco08"], *label["also_isco08"]]
        good = [vac[i] for i in g2[s["id"]]]
        own_unrelated = any(
            v["region"] == s["region"]
            and vacancy_codes[v["id"]] not in codes
            and not is_related(vacancy_codes[v["id"]], codes, pairs)
            for v in vacancies
        )
        if (
            good
            and own_unrelated
            and all(not v["remote"] and v["region"] != s["region"] for v in good)
        ):
            classes["region_trap"].append(s["id"])
        if good and all(not (text_langs(v["lang"]) & text_langs(s["lang"])) for v in good):
            classes["cross_lingual"].append(s["id"])
        implied = {s["region"]}
        if s["work_area"] == "neighbouring":
            implied |= NEIGHBOURS[s["region"]]
        if s["work_area"] == "anywhere":
            implied |= set(REGIONS)
        if s["seasonal"]:
            implied.add("issyk_kul")
        if any(not v["remote"] and v["region"] not in implied for v in good):
            classes["free_text_location"].append(s["id"])
        if s["no_kyrgyz_letters"]:
            classes["no_kyrgyz_letters"].append(s["id"])
    return {
        "vacancies_by_lang": dict(Counter(v["lang"] for v in vacancies)),
        "seekers_by_lang": dict(Counter(s["lang"] for s in seekers)),
        "seekers_no_kyrgyz_letters": len(classes["no_kyrgyz_letters"]),
        "seekers_by_preferred_language": dict(Counter(s["preferred_language"] for s in seekers)),
        "grades": dict(sorted(Counter(q["grade"] for q in qrels).items())),
        "seekers_without_grade_2": [sid for sid, ids in g2.items() if not ids],
        "classes": {name: len(ids) for name, ids in classes.items()},
        "class_members": classes,
    }


def main(argv: list[str] | None = None) -> int:
    """Write or check qrels.jsonl; return a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with qrels.jsonl on disk instead of writing it",
    )
    parser.add_argument(
        "--members",
        action="store_true",
        help="also print which seekers fall in each hard-case class",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=HERE,
        help="the set's folder (default: the market set, next to this script)",
    )
    args = parser.parse_args(argv)
    folder: Path = args.dir

    vacancies = read_jsonl(folder / "vacancies.jsonl")
    seekers = read_jsonl(folder / "seekers.jsonl")
    labels = read_jsonl(folder / "labels.jsonl")
    related = json.loads((folder / "related.json").read_text(encoding="utf-8"))

    failed = False
    problems = validate(vacancies, seekers, labels, related)
    for problem in problems:
        print("invalid:", problem)
    if problems:
        return 1

    qrels = build_qrels(vacancies, seekers, labels, related)
    stats = summary(vacancies, seekers, labels, related, qrels)
    lines = [json.dumps(q) + "\n" for q in qrels]
    target = folder / "qrels.jsonl"
    if args.check:
        on_disk = (
            target.read_text(encoding="utf-8").splitlines(keepends=True) if target.exists() else []
        )
        if on_disk != lines:
            print(
                "qrels.jsonl differs from what the labels give "
                f"({len(on_disk)} lines on disk, {len(lines)} derived)"
            )
            failed = True
    else:
        target.write_text("".join(lines), encoding="utf-8")
        print(f"wrote {target.name}: {len(lines)} graded pairs")

    for sid in stats["seekers_without_grade_2"]:
        print(f"seeker {sid} has no grade-2 vacancy")
    if stats["seekers_without_grade_2"]:
        failed = True

    members = stats.pop("class_members")
    print(json.dumps(stats, ensure_ascii=False, indent=1))
    if args.members:
        print(json.dumps(members))
    if args.check:
        print("check:", "FAILED" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
