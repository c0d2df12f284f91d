"""Skill-gap course recommendations on the labelled set: precision, recall, no-push rate.

Every seeker is ranked once by the matcher with the real default encoder, the occupation
vocabulary and the shipped score model; then each variant of the recommender
(`matching.skill_gaps.GapSettings`) and, in the same run, two baselines recommend courses:
- exact strings: the same recommender with skills equal only as case-folded strings;
- title similarity: the two courses whose titles the encoder finds closest to the titles of
  the seeker's three best vacancies (no notion of gaps or of fitting well).

Scoring follows benchmarks/skill_gaps/README.md: a pair in `should` is right, one in
`should_not` wrong, any other pair unjudged. Precision is micro over judged recommended
pairs (strict precision counts unjudged ones as wrong); recall is micro over `should`
pairs; the no-push rate is the share of seekers with an empty `should` given no judged
course. Groups: the seeker's preferred language, and those preferring Kyrgyz whose
profile has no ң/ө/ү (typed without Kyrgyz letters, or written in Russian).

Reproduce: .venv/bin/python -m scripts.bench_skill_gaps [--dir benchmarks/skill_gaps]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from matching.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from matching.occupations import OccupationVocabulary
from matching.ranker import Matcher, prepare
from matching.skill_gaps import CourseDoc, GapSettings, SkillGapFinder
from matching.skills import SkillVocabulary
from matching.types import RankedItem, SeekerProfile, VacancyDoc
from scripts.ranking_metrics import cached, machine_info

SET = Path("benchmarks/skill_gaps")
TODAY = date(2024, 1, 1)
# As the service asks: the best 50 vacancies, at most 10 courses (the API's default).
POOL = 50
LIMIT = 10
TITLE_BASELINE_COURSES = 2
KYRGYZ_LETTERS = frozenset("ңөүҢӨҮ")

Ranked = list[tuple[RankedItem, VacancyDoc]]
Recommender = Callable[[SeekerProfile, Ranked], list[str]]


def _lines(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _record(cls: type, raw: Mapping[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    values = {
        k: tuple(v) if isinstance(v, list) else v
        for k, v in raw.items()
        if k in names and v is not None
    }
    return cls(**{**values, "id": str(raw["id"])})


@dataclass(frozen=True)
class Labels:
    should: frozenset[str]
    should_not: frozenset[str]


@dataclass
class SkillGapSet:
    """The labelled set: vacancies, courses, seekers with their groups, labels."""

    vacancies: list[VacancyDoc]
    courses: list[CourseDoc]
    seekers: list[SeekerProfile]
    groups: dict[str, tuple[str, ...]]
    labels: dict[str, Labels]


def _groups(raw: Mapping[str, Any]) -> tuple[str, ...]:
    lang = str(raw.get("preferred_language") or "?")
    text = " ".join(
        [str(raw.get("desired_position") or ""), str(raw.get("experience") or "")]
        + [str(s) for s in raw.get("skills") or ()]
    )
    groups = ["all", lang]
    if lang == "ky" and text.strip() and not set(text) & KYRGYZ_LETTERS:
        groups.append("ky, profile without ң/ө/ү")
    return tuple(groups)


def load(directory: Path) -> SkillGapSet:
    """Read the set's four files."""
    seekers_raw = _lines(directory / "seekers.jsonl")
    return SkillGapSet(
        vacancies=[_record(VacancyDoc, r) for r in _lines(directory / "vacancies.jsonl")],
        courses=[_record(CourseDoc, r) for r in _lines(directory / "courses.jsonl")],
        seekers=[_record(SeekerProfile, r) for r in seekers_raw],
        groups={str(r["id"]): _groups(r) for r in seekers_raw},
        labels={
            str(r["seeker"]): Labels(frozenset(r["should"]), frozenset(r["should_not"]))
            for r in _lines(directory / "labels.jsonl")
        },
    )


@dataclass
class Score:
    """Counts for one group of seekers."""

    seekers: int = 0
    recommended: int = 0
    right: int = 0
    wrong: int = 0
    should: int = 0
    fit_seekers: int = 0
    not_pushed: int = 0
    violators: set[str] = field(default_factory=set)

    def add(self, seeker: str, offered: Sequence[str], labels: Labels) -> None:
        chosen = set(offered)
        self.seekers += 1
        self.recommended += len(chosen)
        self.right += len(chosen & labels.should)
        self.wrong += len(chosen & labels.should_not)
        self.should += len(labels.should)
        if chosen & labels.should_not:
            self.violators.add(seeker)
        if not labels.should:
            self.fit_seekers += 1
            self.not_pushed += not (chosen & labels.should_not)

    def row(self) -> str:
        judged = self.right + self.wrong
        precision = self.right / judged if judged else float("nan")
        strict = self.right / self.recommended if self.recommended else float("nan")
        recall = self.right / self.should if self.should else float("nan")
        push = self.not_pushed / self.fit_seekers if self.fit_seekers else float("nan")
        return (
            f"{self.seekers} | {precision:.3f} | {strict:.3f} | {recall:.3f} "
            f"({self.right}/{self.should}) | {self.wrong} ({len(self.violators)}) | "
            f"{push:.3f} ({self.not_pushed}/{self.fit_seekers})"
        )


def evaluate(
    data: SkillGapSet, ranked: Mapping[str, Ranked], recommend: Recommender
) -> dict[str, Score]:
    """Score one recommender, per group."""
    scores: dict[str, Score] = {}
    for profile in data.seekers:
        offered = recommend(profile, ranked[profile.id])
        for group in data.groups[profile.id]:
            scores.setdefault(group, Score()).add(profile.id, offered, data.labels[profile.id])
    return scores


def gap_recommender(finder: SkillGapFinder, courses: Sequence[CourseDoc]) -> Recommender:
    def recommend(profile: SeekerProfile, ranked: Ranked) -> list[str]:
        report = finder.recommend(profile, ranked, courses, limit=LIMIT)
        return [offer.course_id for offer in report.offers]

    return recommend


def title_recommender(encoder: Encoder, courses: Sequence[CourseDoc]) -> Recommender:
    titles = encoder.encode([prepare(c.title) for c in courses])

    def recommend(profile: SeekerProfile, ranked: Ranked) -> list[str]:
        best = [prepare(doc.title) for _, doc in ranked[:3]]
        if not best:
            return []
        query = encoder.encode(best).mean(axis=0)
        order = np.argsort(-(titles @ query), kind="stable")[:TITLE_BASELINE_COURSES]
        return [courses[n].id for n in order]

    return recommend


def rank_all(matcher: Matcher, data: SkillGapSet) -> dict[str, Ranked]:
    """Rank every seeker once: the near-miss vacancies every variant reads."""
    docs = {d.id: d for d in data.vacancies}
    out: dict[str, Ranked] = {}
    for profile in data.seekers:
        ranking = matcher.rank_vacancies(profile, POOL, today=TODAY)
        out[profile.id] = [(item, docs[item.id]) for item in ranking.items]
    return out


@dataclass
class Promise:
    """Whether the ranker keeps what the shipped recommender's sentences promise: with a
    course's skills (and the languages they name) added to the profile, as completing it
    with `add_skills` does, where do the vacancies it named go?"""

    offers: int = 0
    vacancies: int = 0
    rose: int = 0  # the vacancy's score rose
    fell: int = 0  # ... fell (a promise broken)
    before: list[int] = field(default_factory=list)  # positions (pool + 1 when outside)
    after: list[int] = field(default_factory=list)
    opened_in_top: int = 0  # vacancies it opens on its own that are then in the top 10
    opened: int = 0

    def row(self) -> str:
        """Return the figures as one markdown table row."""
        before, after = (
            float(np.mean(xs)) if xs else float("nan") for xs in (self.before, self.after)
        )
        return (
            f"| {self.offers} | {self.vacancies} | {self.rose} | {self.fell} | "
            f"{before:.1f} → {after:.1f} | "
            f"{self.opened_in_top}/{self.opened} |"
        )


def keep_promises(
    matcher: Matcher, finder: SkillGapFinder, data: SkillGapSet, ranked: dict[str, Ranked]
) -> Promise:
    """Re-rank every seeker with each offered course's skills added; see `Promise`."""
    promise = Promise()
    vocabulary = SkillVocabulary.default()
    for profile in data.seekers:
        before = ranked[profile.id]
        report = finder.recommend(profile, before, data.courses, limit=LIMIT)
        courses = {c.id: c for c in data.courses}
        scores = {item.id: item.score for item, _ in before}
        order = [item.id for item, _ in before]
        for offer in report.offers:
            taught = courses[offer.course_id].skills
            richer = replace(
                profile,
                skills=(*profile.skills, *(s for s in taught if s not in profile.skills)),
                languages=tuple(dict.fromkeys([*profile.languages, *vocabulary.languages(taught)])),
            )
            after = matcher.rank_vacancies(richer, POOL, today=TODAY).items
            new_scores = {item.id: item.score for item in after}
            new_order = [item.id for item in after]
            promise.offers += 1
            for vacancy_id in offer.vacancy_ids:
                promise.vacancies += 1
                old, new = scores.get(vacancy_id, 0.0), new_scores.get(vacancy_id, 0.0)
                promise.rose += new > old + 1e-9
                promise.fell += new < old - 1e-9
                at = order.index(vacancy_id) + 1 if vacancy_id in order else POOL + 1
                now = new_order.index(vacancy_id) + 1 if vacancy_id in new_order else POOL + 1
                promise.before.append(at)
                promise.after.append(now)
                if vacancy_id in offer.opens:
                    promise.opened += 1
                    promise.opened_in_top += now <= LIMIT
    return promise


VARIANTS: tuple[tuple[str, GapSettings], ...] = (
    ("baseline: exact skill strings", GapSettings(matching="exact")),
    ("matcher's folded terms only (no vocabulary)", GapSettings(matching="terms")),
    ("**skill vocabulary + terms (shipped)**", GapSettings()),
    ("shipped + encoder for unknown skills, cos >= 0.8", GapSettings(similarity=0.8)),
    ("shipped + encoder for unknown skills, cos >= 0.7", GapSettings(similarity=0.7)),
    ("shipped + encoder for unknown skills, cos >= 0.6", GapSettings(similarity=0.6)),
    ("shipped, 'not' clauses read as having the skill", GapSettings(negation=False)),
    ("shipped, only courses that open a vacancy alone", GapSettings(opening="alone")),
    ("shipped, closing a gap in 3 vacancies", GapSettings(min_vacancies=3)),
    ("shipped, course descriptions count as taught", GapSettings(course_text=True)),
    ("shipped, courses about what the seeker has kept", GapSettings(skip_known=False)),
    ("shipped, a vacancy fits at 75 % of its skills", GapSettings(fit=0.75)),
    ("shipped, fits well when the best vacancy fits", GapSettings(best=1)),
    ("shipped, near from proximity 0.15", GapSettings(near=0.15)),
    ("shipped, near from proximity 0.5", GapSettings(near=0.5)),
    ("shipped, nearness with the skill overlap as it is", GapSettings(skills_at_best=False)),
    ("as first built: alone, no 'not' clauses", GapSettings(opening="alone", negation=False)),
)


def main(argv: list[str] | None = None) -> int:
    """Run every variant and print a markdown table per group of seekers."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=SET)
    parser.add_argument("--encoder", default=DEFAULT_ENCODER)
    parser.add_argument("--groups", nargs="*", default=None, help="groups to print (all)")
    parser.add_argument(
        "--no-skill-concepts",
        action="store_true",
        help="rank without the skill vocabulary (the ranker before it read skill concepts)",
    )
    args = parser.parse_args(argv)

    data = load(args.dir)
    print(f"machine: {machine_info()}")
    print(
        f"set: {len(data.vacancies)} vacancies, {len(data.courses)} courses, "
        f"{len(data.seekers)} seekers; encoder {args.encoder}; pool {POOL}, limit {LIMIT}\n"
    )
    started = time.perf_counter()
    encoder = cached(load_encoder(args.encoder))
    matcher = Matcher(
        encoder,
        vocabulary=OccupationVocabulary.default(),
        skills=None if args.no_skill_concepts else SkillVocabulary.default(),
    )
    matcher.upsert_vacancies(data.vacancies)
    ranked = rank_all(matcher, data)
    print(f"ranked every seeker in {time.perf_counter() - started:.1f} s\n")

    rows: list[tuple[str, dict[str, Score], float]] = []
    started = time.perf_counter()
    titles = evaluate(data, ranked, title_recommender(encoder, data.courses))
    elapsed = (time.perf_counter() - started) / len(data.seekers) * 1000
    rows.append(("baseline: course title similarity, top 2", titles, elapsed))
    for name, settings in VARIANTS:
        finder = SkillGapFinder(encoder=encoder, model=matcher.model, settings=settings)
        started = time.perf_counter()
        scores = evaluate(data, ranked, gap_recommender(finder, data.courses))
        elapsed = (time.perf_counter() - started) / len(data.seekers) * 1000
        rows.append((name, scores, elapsed))
    groups = args.groups or sorted(
        {g for gs in data.groups.values() for g in gs}, key=lambda g: (g != "all", g)
    )
    for group in groups:
        print(f"## {group}\n")
        print(
            "| recommender | seekers | precision | strict precision | recall | "
            "should_not offered (seekers) | no-push rate | ms/seeker |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, scores, elapsed in rows:
            score = scores.get(group, Score())
            print(f"| {name} | {score.row()} | {elapsed:.1f} |")
        print()
    print("(ms/seeker: the recommender alone, the ranking excluded; the first encoder row also")
    print("encodes the set's skills once, the later ones find them cached)\n")
    shipped = SkillGapFinder(encoder=encoder, model=matcher.model, settings=GapSettings())
    print("## Promises kept: the shipped recommender's offers, each course's skills added\n")
    print(
        "| offers | vacancies named | score rose | score fell | mean position before → "
        f"after (outside the {POOL}: {POOL + 1}) | opened ones then in the top {LIMIT} |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    print(keep_promises(matcher, shipped, data, ranked).row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
