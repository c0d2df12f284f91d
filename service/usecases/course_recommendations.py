"""Courses recommended to a seeker from the skills their near-miss vacancies ask for.

The process's matcher ranks the open vacancies for the seeker as recommendations do;
`matching.skill_gaps` finds what the close ones ask for that the seeker lacks and which
open courses with seats left teach it. Results are plain data; the edge says each one in
the seeker's language with `service.i18n.courses.explain_courses`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from weakref import WeakKeyDictionary

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from matching.skill_gaps import CourseDoc, GapSettings, SkillGapFinder
from models import Course, Enrolment, Match, Seeker, User, Vacancy
from models.enums import EnrolmentStatus, MatchStatus
from service.usecases import clock
from service.usecases.courses import open_courses
from service.usecases.indexing import LiveIndex, open_vacancy_ids, seeker_profile, vacancy_doc
from service.usecases.recommendations import Ranked, RankedItem
from service.usecases.seekers import get_seeker

MAX_LIMIT = 100
# How many of the seeker's best vacancies are searched for near misses: the close ones
# are at the top of the ranking, and a course that only opens the 60th is no advice.
NEAR_POOL = 50

# One finder per process's matcher: it remembers the skill vectors it encoded.
_finders: WeakKeyDictionary[LiveIndex, SkillGapFinder] = WeakKeyDictionary()


def gap_finder(matcher: LiveIndex) -> SkillGapFinder:
    """Return the skill-gap finder of a process's matcher (its encoder and score model)."""
    finder = _finders.get(matcher)
    if finder is None:
        finder = SkillGapFinder(
            encoder=matcher.encoder, model=matcher.matcher.model, settings=GapSettings()
        )
        _finders[matcher] = finder
    return finder


@dataclass(frozen=True, kw_only=True)
class CourseRecommendation(RankedItem):
    """A ranked course (`id` is the course's), the skills of it the seeker lacks, and the
    near-miss vacancies it brings closer: first those it would open on its own, then
    those where it closes part of the gap (`opens_all`: it would open every one of them).
    `explanation` holds one sentence saying so, filled in by the edge."""

    course: Course
    skills: tuple[str, ...]
    vacancies: tuple[Vacancy, ...]
    opens_all: bool

    @property
    def course_id(self) -> int:
        """Return the course's id."""
        return self.course.id

    @property
    def sentence(self) -> str:
        """Return the explanation as one sentence."""
        return " ".join(self.explanation)

    @property
    def vacancy_ids(self) -> list[int]:
        """Return the ids of the vacancies it brings closer."""
        return [v.id for v in self.vacancies]

    @property
    def vacancy_count(self) -> int:
        """Return how many vacancies it brings closer."""
        return len(self.vacancies)


@dataclass(frozen=True)
class CourseAdvice:
    """Courses for a seeker, best first (or what a too-empty profile must add), to be
    explained in the seeker's language; `fits_well`: the seeker already fits their best
    vacancies, so no course is pushed."""

    ranked: Ranked[CourseRecommendation]
    fits_well: bool = False


def course_doc(course: Course) -> CourseDoc:
    """Return what the recommender may know of a course."""
    return CourseDoc(
        id=str(course.id),
        title=course.title,
        skills=tuple(course.skills or ()),
        description=course.description or "",
        language=str(course.language),
    )


def _courses_on_offer(session: Session, seeker_id: int, today: date) -> list[Course]:
    """Return the courses open today with a seat left that the seeker has not taken."""
    taken = select(Enrolment.course_id).where(
        Enrolment.seeker_id == seeker_id,
        Enrolment.status.in_((EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)),
    )
    query = (
        open_courses(today)
        .where(
            or_(Course.seats.is_(None), Course.seats_taken < Course.seats),
            Course.id.not_in(taken),
        )
        .order_by(Course.id)
    )
    return list(session.scalars(query))


def recommend_courses(
    *,
    session: Session,
    matcher: LiveIndex,
    seeker_id: int,
    limit: int,
    today: date | None = None,
    user: User | None = None,
) -> CourseAdvice:
    """Recommend the open courses that teach what the seeker's near-miss vacancies ask
    for, each with the vacancies it would open (a programme `user` sees only the seekers
    within their reach)."""
    seeker: Seeker = get_seeker(session=session, seeker_id=seeker_id, user=user)
    today = today or clock.today()
    lang = str(seeker.preferred_language)
    matcher.sync(session, today)
    # As for vacancy recommendations: what the seeker acted on is not offered again.
    acted = session.scalars(
        select(Match.vacancy_id).where(
            Match.seeker_id == seeker.id, Match.status != MatchStatus.SUGGESTED
        )
    ).all()
    profile = seeker_profile(seeker)
    ranking = matcher.rank_vacancies(
        profile, NEAR_POOL, exclude_ids=[str(v) for v in acted], today=today
    )
    if ranking.missing:
        return CourseAdvice(Ranked(missing=list(ranking.missing), lang=lang))
    # The database has the last word on which vacancies are still open.
    still_open = open_vacancy_ids(session, today, [int(item.id) for item in ranking.items])
    vacancies = {
        v.id: v for v in session.scalars(select(Vacancy).where(Vacancy.id.in_(still_open)))
    }
    ranked = [
        (item, vacancy_doc(vacancies[int(item.id)]))
        for item in ranking.items
        if int(item.id) in vacancies
    ]
    courses = {c.id: c for c in _courses_on_offer(session, seeker.id, today)}
    report = gap_finder(matcher).recommend(
        profile,
        ranked,
        [course_doc(c) for c in courses.values()],
        limit=max(1, min(int(limit), MAX_LIMIT)),
    )
    items = [
        CourseRecommendation(
            id=int(offer.course_id),
            reasons=(),
            course=courses[int(offer.course_id)],
            skills=offer.skills,
            vacancies=tuple(vacancies[int(v)] for v in offer.vacancy_ids),
            opens_all=offer.opens_all,
            score=round(offer.score, 4),
        )
        for offer in report.offers
    ]
    return CourseAdvice(Ranked(items=items, lang=lang), fits_well=report.fits_well)
