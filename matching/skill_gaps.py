"""Courses recommended from the skills that a seeker's near-miss vacancies ask for.

Given a seeker, the vacancies the ranker put first for them (with their signals) and a
course catalogue:

1. each ranked vacancy gets a proximity, the learnt score's expected gain (over 3) as if
   the seeker had every skill it asks for (`matching.scoring`): a vacancy of their own
   occupation in their region is close (about 0.9), one of their occupation elsewhere or
   a related one nearby less so (0.2-0.4), an unrelated one not at all. Vacancies below
   `GapSettings.near` are not considered;
2. what a vacancy asks for is read from its skills as units: the concepts of the skill
   vocabulary (`matching.skills`) they name, or, for a skill the vocabulary does not know,
   the skill's own folded terms. Personal qualities (accuracy, stamina) are no units;
3. the seeker has a unit when their skills, desired position, experience or languages name
   the concept (or a narrower one: arc welding is welding), or contain every folded term of
   an unknown skill (a typo forgiven in long words), or, with an encoder, when one of their
   skills the vocabulary does not know is that close to it. A clause that says "not" ("на
   оверлоке не работала", "иштеген эмесмин") gives nothing;
4. a vacancy fits when the seeker has at least `fit` of its units. A seeker most of whose
   best near vacancies fit gets nothing: no push to train;
5. a course teaches the concepts named by its skills and title (and broader ones), and the
   terms of its skills. It is offered when it closes a gap in several near-miss vacancies
   (`min_vacancies`), or opens one on its own (with what it teaches, the vacancy fits),
   unless it is about what the seeker already has. Courses are ranked by the proximity of
   the vacancies they bring closer, each weighted by the square of the share of its gap
   the course closes: a vacancy that fits but for this one skill counts fully, one that
   needs three more such courses a ninth; so more vacancies, and closer ones, rank first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np

from matching import text as textlib
from matching.encoders import Encoder
from matching.features import OCCUPATION_KNOWN, UNRELATED
from matching.ranker import prepare
from matching.scoring import ScoreModel
from matching.skills import SkillVocabulary, affirmed, language_concept, similar_word
from matching.types import RankedItem, SeekerProfile, VacancyDoc

__all__ = [
    "CourseDoc",
    "CourseOffer",
    "GapReport",
    "GapSettings",
    "SkillGap",
    "SkillGapFinder",
]

Matching = Literal["exact", "terms", "vocabulary"]


@dataclass(frozen=True)
class CourseDoc:
    """A course as the recommender sees it."""

    id: str
    title: str
    skills: tuple[str, ...] = ()
    description: str = ""
    language: str = ""


@dataclass(frozen=True)
class SkillGap:
    """A skill near vacancies ask for and the seeker lacks.

    key: the concept ("c:overlock") or the folded terms of an unknown skill ("t:…");
    label: how the first vacancy asking for it says it; weight: the sum over those
    vacancies of proximity x the share of the vacancy's gap it is.
    """

    key: str
    label: str
    vacancy_ids: tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class CourseOffer:
    """A course worth taking: the skills of it that close gaps, and the near-miss vacancies
    it brings closer: first those it opens on its own (`opens`: with it the seeker would
    fit them), then those where it closes part of the gap, each in the ranker's order."""

    course_id: str
    skills: tuple[str, ...]
    vacancy_ids: tuple[str, ...]
    opens: tuple[str, ...]
    score: float

    @property
    def vacancy_count(self) -> int:
        """Return how many vacancies the course brings closer."""
        return len(self.vacancy_ids)

    @property
    def opens_all(self) -> bool:
        """Return whether the course alone opens every vacancy it names."""
        return len(self.opens) == len(self.vacancy_ids)


@dataclass(frozen=True)
class GapReport:
    """Courses to offer, best first, and the gaps they come from.

    `fits_well`: the seeker fits most of their best near vacancies already, so nothing
    is offered; `near`: how many ranked vacancies were close enough to count.
    """

    offers: tuple[CourseOffer, ...] = ()
    gaps: tuple[SkillGap, ...] = ()
    fits_well: bool = False
    near: int = 0


@dataclass(frozen=True)
class GapSettings:
    """The recommender's choices, each measured by scripts/bench_skill_gaps.py.

    matching: "exact" (skills equal as case-folded strings: the baseline), "terms" (the
    matcher's folded stems only) or "vocabulary" (concepts first, then terms).
    similarity: cosine at which the encoder calls two skills the vocabulary does not know
    the same (0 turns the encoder off). near: least proximity of a vacancy that counts.
    fit: share of a vacancy's units the seeker must have for it to fit. best, fits_share:
    a seeker fits well when more than `fits_share` of their `best` nearest vacancies fit.
    opening: "several" offers a course that closes a gap in `min_vacancies` near-miss
    vacancies or opens one on its own; "alone" only one that opens a vacancy on its own.
    negation: clauses that say "not" give the seeker nothing. course_text: a course's
    description also says what it teaches. skip_known: no course about what the seeker has.
    skills_at_best: proximity as if the seeker had every skill asked (see `proximity`).
    """

    matching: Matching = "vocabulary"
    similarity: float = 0.0
    near: float = 0.3
    fit: float = 1.0
    best: int = 3
    fits_share: float = 0.5
    opening: Literal["several", "alone"] = "several"
    min_vacancies: int = 2
    negation: bool = True
    course_text: bool = False
    skip_known: bool = True
    skills_at_best: bool = True


@dataclass(frozen=True)
class _Unit:
    """One thing a vacancy asks for."""

    key: str
    label: str
    concept: str | None = None
    words: frozenset[str] = frozenset()


@dataclass
class _Knowledge:
    """What a seeker has or a course teaches."""

    concepts: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    exact: frozenset[str] = frozenset()
    # Skills the vocabulary does not know, for the encoder's fallback.
    unknown: tuple[str, ...] = ()
    # Which of its own skill strings gave which units (a course's, for display).
    by_skill: list[tuple[str, _Knowledge]] = field(default_factory=list)


@dataclass
class _Vacancy:
    id: str
    proximity: float
    units: list[_Unit]
    missing: list[_Unit]

    @property
    def coverage(self) -> float:
        return 1.0 - len(self.missing) / len(self.units) if self.units else 1.0


@cache
def _generic() -> frozenset[str]:
    """Return the folded stems that say nothing about a skill ("any work")."""
    return frozenset(
        textlib.fold(t)
        for line in textlib.read_words("noninformative.txt")
        for t in textlib.terms(line)
    )


def _exact(value: str) -> str:
    return " ".join(value.casefold().split())


def proximity(item: RankedItem, model: ScoreModel, *, skills_at_best: bool = True) -> float:
    """Return how close a ranked vacancy is to the seeker apart from skills: the learnt
    score's expected gain (over 3) with the skill signal at its best, 0 for an unrelated
    occupation.

    Where a side names no occupation the vocabulary knows, the score reads relevance from
    the text and the skill overlap alone (`matching.scoring`'s twins), and the overlap is
    then part of what says the job is the seeker's kind of work: it is kept as it is, or
    every vacancy with a few shared words would look near."""
    signals = item.signals
    if not signals or "semantic" not in signals:
        # No signals (a ranking from elsewhere): the score's gain part, as ranked.
        return max(0.0, 2.0 * item.score - 1.0)
    if signals.get(UNRELATED, 0.0) >= 1.0:
        return 0.0
    potential = {name: np.asarray([value]) for name, value in signals.items()}
    if skills_at_best and signals.get(OCCUPATION_KNOWN, 1.0) > 0:
        potential["skills"] = np.asarray([1.0])
    # score = (tier + gain / 3) / 2 with tier 1 here: the gain part is read back from the
    # model's own score, whichever of its parts scored the pair.
    return max(0.0, 2.0 * float(model.score(potential)[0]) - 1.0)


class SkillGapFinder:
    """Finds a seeker's skill gaps among near vacancies and the courses that close them."""

    def __init__(
        self,
        vocabulary: SkillVocabulary | None = None,
        *,
        encoder: Encoder | None = None,
        model: ScoreModel | None = None,
        settings: GapSettings | None = None,
    ) -> None:
        self.settings = settings or GapSettings()
        self.vocabulary = vocabulary or SkillVocabulary.default()
        self.encoder = encoder if self.settings.similarity > 0 else None
        self.model = model or ScoreModel.default()
        self._vectors: dict[str, np.ndarray] = {}

    # ---- reading skills ----

    def _words(self, text: str) -> frozenset[str]:
        """Return a text's folded stems (typos corrected towards the vocabulary's words
        when it is used), without generic ones ("работа", "жумуш")."""
        if self.settings.matching == "vocabulary":
            words: Iterable[str] = self.vocabulary.scan(text).words
        else:
            words = (textlib.fold(t) for t in textlib.terms(text))
        return frozenset(w for w in words if w not in _generic())

    def units(self, skill: str) -> list[_Unit]:
        """Return what one requested skill asks for (nothing for a personal quality)."""
        if not textlib.is_meaningful(skill):
            return []
        if self.settings.matching == "exact":
            return [_Unit(key=f"x:{_exact(skill)}", label=skill)]
        if self.settings.matching == "vocabulary":
            concepts = self.vocabulary.scan(skill).concepts
            if concepts:
                return [
                    _Unit(key=f"c:{c}", label=skill, concept=c)
                    for c in sorted(concepts)
                    if not self.vocabulary.is_trait(c)
                ]
        words = self._words(skill)
        if not words:
            return []
        return [_Unit(key="t:" + " ".join(sorted(words)), label=skill, words=words)]

    def _knowledge(self, skills: Sequence[str], texts: Sequence[str] = ()) -> _Knowledge:
        """Return what skill strings and free texts (position, title) name."""
        concepts: set[str] = set()
        words: set[str] = set()
        unknown: list[str] = []
        for value in [*skills, *texts]:
            if not textlib.is_meaningful(value):
                continue
            scan = self.vocabulary.scan(value)
            named = scan.concepts if self.settings.matching == "vocabulary" else frozenset()
            concepts |= named
            words |= self._words(value)
            if not named and value in skills:
                unknown.append(value)
        return _Knowledge(
            concepts=self.vocabulary.closure(concepts),
            words=frozenset(words),
            exact=frozenset(_exact(s) for s in skills),
            unknown=tuple(unknown),
        )

    def seeker_knowledge(self, profile: SeekerProfile) -> _Knowledge:
        """Return what a seeker has: skills, what their position and experience name, and
        the languages they speak."""
        skills: Sequence[str] = profile.skills
        texts = [profile.desired_position, profile.experience]
        if self.settings.negation:
            # "на оверлоке не работала" says the seeker lacks the overlock.
            skills = [c for skill in skills for c in affirmed(skill)]
            texts = [c for text in texts for c in affirmed(text)]
        known = self._knowledge(skills, texts)
        spoken = {language_concept(code) for code in profile.languages if code.strip()}
        known.concepts = self.vocabulary.closure(known.concepts | spoken)
        return known

    def course_knowledge(self, course: CourseDoc) -> _Knowledge:
        """Return what a course teaches, with each of its skills' share for display."""
        texts = [course.title, course.description] if self.settings.course_text else [course.title]
        known = self._knowledge(course.skills, texts)
        known.by_skill = [(skill, self._knowledge([skill])) for skill in course.skills]
        return known

    # ---- comparing ----

    def _vector(self, value: str) -> np.ndarray:
        assert self.encoder is not None
        if value not in self._vectors:
            if len(self._vectors) > 50_000:
                self._vectors.clear()
            self._vectors[value] = self.encoder.encode([prepare(value)])[0]
        return self._vectors[value]

    def _encode_all(self, values: Iterable[str]) -> None:
        """Encode in one batch every text not encoded yet (one call per request)."""
        if self.encoder is None:
            return
        todo = list(dict.fromkeys(v for v in values if v not in self._vectors))
        if todo:
            for value, vector in zip(
                todo, self.encoder.encode([prepare(v) for v in todo]), strict=True
            ):
                self._vectors[value] = vector

    def _close(self, label: str, others: Sequence[str]) -> bool:
        if self.encoder is None or not others:
            return False
        vector = self._vector(label)
        return any(float(vector @ self._vector(o)) >= self.settings.similarity for o in others)

    def covers(self, known: _Knowledge, unit: _Unit) -> bool:
        """Return whether a seeker has, or a course teaches, what a unit asks for."""
        if unit.key.startswith("x:"):
            return unit.key[2:] in known.exact
        if unit.concept is not None:
            if unit.concept in known.concepts:
                return True
        elif all(similar_word(w, known.words) for w in unit.words):
            return True
        return self._close(unit.label, known.unknown)

    # ---- the recommendation ----

    def vacancy_units(self, doc: VacancyDoc, profile: SeekerProfile) -> list[_Unit]:
        """Return what a vacancy asks for: its skills, and the one language it asks for
        when the seeker said which they speak and that is not among them."""
        units: dict[str, _Unit] = {}
        for skill in doc.skills:
            for unit in self.units(skill):
                units.setdefault(unit.key, unit)
        asked = {code.strip().casefold() for code in doc.languages if code.strip()}
        spoken = {code.strip().casefold() for code in profile.languages if code.strip()}
        if self.settings.matching == "vocabulary" and spoken and len(asked) == 1:
            (code,) = asked
            if code not in spoken:
                concept = language_concept(code)
                units.setdefault(f"c:{concept}", _Unit(f"c:{concept}", code, concept))
        return list(units.values())

    def recommend(
        self,
        profile: SeekerProfile,
        ranked: Sequence[tuple[RankedItem, VacancyDoc]],
        courses: Sequence[CourseDoc],
        *,
        limit: int = 5,
    ) -> GapReport:
        """Return the courses that would open the seeker's near-miss vacancies, best first
        (`ranked`: the ranker's items for the seeker, best first, with their vacancies)."""
        settings = self.settings
        seeker = self.seeker_knowledge(profile)
        near: list[_Vacancy] = []
        for item, doc in ranked:
            closeness = proximity(item, self.model, skills_at_best=settings.skills_at_best)
            if closeness < settings.near:
                continue
            units = self.vacancy_units(doc, profile)
            near.append(_Vacancy(doc.id, closeness, units, []))
        if not near:
            return GapReport()
        if self.encoder is not None:
            labels = [u.label for v in near for u in v.units]
            course_skills = [s for c in courses for s in c.skills]
            self._encode_all([*labels, *profile.skills, *course_skills])
        for vacancy in near:
            vacancy.missing = [u for u in vacancy.units if not self.covers(seeker, u)]
        best = near[: settings.best]
        fitting = sum(v.coverage >= settings.fit for v in best)
        if fitting > settings.fits_share * len(best):
            return GapReport(fits_well=True, near=len(near))
        misses = [v for v in near if v.coverage < settings.fit]
        gaps = self._gaps(misses)
        offers = [
            offer
            for course in courses
            if (offer := self._offer(course, seeker, misses)) is not None
        ]
        offers.sort(key=lambda o: (-o.score, -o.vacancy_count, o.course_id))
        return GapReport(offers=tuple(offers[:limit]), gaps=gaps, near=len(near))

    def _gaps(self, misses: Sequence[_Vacancy]) -> tuple[SkillGap, ...]:
        weights: dict[str, float] = {}
        labels: dict[str, str] = {}
        vacancies: dict[str, list[str]] = {}
        for vacancy in misses:
            for unit in vacancy.missing:
                weights[unit.key] = weights.get(unit.key, 0.0) + vacancy.proximity / len(
                    vacancy.missing
                )
                labels.setdefault(unit.key, unit.label)
                vacancies.setdefault(unit.key, []).append(vacancy.id)
        order = sorted(weights, key=lambda k: (-weights[k], -len(vacancies[k]), k))
        return tuple(
            SkillGap(k, labels[k], tuple(vacancies[k]), round(weights[k], 6)) for k in order
        )

    def _offer(
        self, course: CourseDoc, seeker: _Knowledge, misses: Sequence[_Vacancy]
    ) -> CourseOffer | None:
        taught = self.course_knowledge(course)
        if self.settings.skip_known and self._about_what_they_have(course, seeker):
            return None
        opened: list[str] = []
        closer: list[str] = []
        closing: set[str] = set()
        score = 0.0
        for vacancy in misses:
            closed = [u for u in vacancy.missing if self.covers(taught, u)]
            if not closed:
                continue
            share = len(closed) / len(vacancy.missing)
            score += vacancy.proximity * share * share
            closing.update(u.key for u in closed)
            after = len(vacancy.units) - len(vacancy.missing) + len(closed)
            (opened if after / len(vacancy.units) >= self.settings.fit else closer).append(
                vacancy.id
            )
        several = self.settings.opening == "several"
        if not opened and not (several and len(closer) >= self.settings.min_vacancies):
            return None
        units = {u.key: u for v in misses for u in v.missing if u.key in closing}
        skills = tuple(
            skill
            for skill, known in taught.by_skill
            if any(self.covers(known, unit) for unit in units.values())
        ) or tuple(dict.fromkeys(u.label for u in units.values()))
        return CourseOffer(
            course_id=course.id,
            skills=skills,
            vacancy_ids=tuple(opened + closer) if several else tuple(opened),
            opens=tuple(opened),
            score=round(score, 6),
        )

    def _about_what_they_have(self, course: CourseDoc, seeker: _Knowledge) -> bool:
        """Return whether a course is about skills the seeker has: the specific skills its
        title names (not a broad topic such as "sewing" that its skills narrow down), or
        most of the skills it lists."""
        listed = [u for skill in course.skills for u in self.units(skill)]
        if listed and sum(self.covers(seeker, u) for u in listed) > len(listed) / 2:
            return True
        if self.settings.matching != "vocabulary":
            return False
        vocabulary = self.vocabulary
        narrower = {u.concept for u in listed if u.concept is not None}
        topics = {
            c
            for c in vocabulary.scan(course.title).concepts
            if not vocabulary.is_trait(c)
            and not any(c in vocabulary.closure([n]) for n in narrower if n != c)
        }
        return bool(topics) and topics <= seeker.concepts
