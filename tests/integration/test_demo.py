"""The demo data: big and varied enough, consistent, clearly marked and deterministic.

Most tests only read, so they share one seeded database per module; the tests that seed
again use the per-test `session`. The `jumush seed-demo` command is tested in tests/http.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from models import (
    ApiKey,
    Change,
    Course,
    Employer,
    Enrolment,
    Match,
    MatchEvent,
    Seeker,
    User,
    Vacancy,
)
from models.enums import (
    ActorKind,
    CourseStatus,
    EnrolmentStatus,
    Gender,
    Language,
    MatchStatus,
    Region,
)
from service import demo as demo_module
from service.demo import database_is_empty, seed_demo
from service.demo.texts import OCCUPATIONS, Occupation
from service.platform.db import make_engine
from service.platform.migrate import upgrade
from service.usecases import courses as courses_usecases
from service.usecases.matches import TRANSITIONS

BASE_TIME = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "RATELIMIT_ENABLED": False,
    "ENCODER": "hashing",
}

# The lifecycle of DESIGN.md, written out again here so the test does not trust the code
# it checks: enter at suggested/applied/contacted, move forward one step at a time, or
# stop from any open state.
S = MatchStatus
OPEN = (S.SUGGESTED, S.APPLIED, S.CONTACTED, S.INTERVIEW)
STOPS = (S.REJECTED, S.WITHDRAWN, S.OBSOLETE)
LEGAL: Mapping[MatchStatus | None, set[MatchStatus]] = {
    None: {S.SUGGESTED, S.APPLIED, S.CONTACTED},
    S.SUGGESTED: {S.APPLIED, *STOPS},
    S.APPLIED: {S.CONTACTED, *STOPS},
    S.CONTACTED: {S.INTERVIEW, *STOPS},
    S.INTERVIEW: {S.HIRED, *STOPS},
}

KYRGYZ_LETTERS = re.compile("[өүңӨҮҢ]")
CYRILLIC = re.compile("[А-Яа-яЁёӨөҮүҢң]")
LATIN = re.compile("[A-Za-z]")


@dataclass
class Seeded:
    session: Session
    counts: dict[str, int]


@pytest.fixture(scope="module")
def demo(migrated_postgres: str | None) -> Iterator[Seeded]:
    """One database seeded with the default seed, shared by the read-only tests."""
    schema = None
    if migrated_postgres is None:
        url = "sqlite://"
    else:
        # A schema of its own, so this module's data never meets the per-test databases.
        schema = f"t_demo_{uuid.uuid4().hex[:12]}"
        url = (
            make_url(migrated_postgres.replace("postgresql://", "postgresql+psycopg://", 1))
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
        with create_engine(url).begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url)
    upgrade(engine)
    with sessionmaker(engine, expire_on_commit=False)() as session:
        counts = seed_demo(session=session)
        yield Seeded(session, counts)
    if schema is not None:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def test_counts_meet_the_minimums(demo: Seeded) -> None:
    s = demo.session
    assert list(demo.counts) == [
        "employers",
        "vacancies",
        "seekers",
        "matches",
        "match_events",
        "courses",
        "enrolments",
    ]
    for model, name in [
        (Employer, "employers"),
        (Vacancy, "vacancies"),
        (Seeker, "seekers"),
        (Match, "matches"),
        (MatchEvent, "match_events"),
        (Course, "courses"),
        (Enrolment, "enrolments"),
    ]:
        assert s.scalar(select(func.count()).select_from(model)) == demo.counts[name]
    assert demo.counts["employers"] >= 40
    assert demo.counts["vacancies"] >= 300
    assert demo.counts["seekers"] == 1000
    assert demo.counts["courses"] >= 12
    assert 350 <= demo.counts["enrolments"] <= 450
    assert s.scalar(select(func.count()).select_from(User)) == 0
    assert s.scalar(select(func.count()).select_from(ApiKey)) == 0
    # The change counter saw every vacancy and seeker: the rows went through the ORM.
    assert s.scalar(select(func.count()).select_from(Change)) == 1000 + demo.counts["vacancies"]
    assert not database_is_empty(session=s)


def test_every_region_has_employers_vacancies_and_seekers(demo: Seeded) -> None:
    s = demo.session
    for model in (Employer, Vacancy, Seeker):
        assert set(s.scalars(select(model.region).distinct())) == set(Region)
    seekers = Counter(s.scalars(select(Seeker.region)))
    assert [region for region, _ in seekers.most_common(2)] == [Region.BISHKEK, Region.OSH_CITY]
    sizes = {e.size for e in s.scalars(select(Employer))}
    assert len(sizes) == 4


def _occupation_of_title(title: str) -> Occupation:
    owners = [o for o in OCCUPATIONS if any(title in o.titles[lang] for lang in o.titles)]
    assert len(owners) == 1, title
    return owners[0]


def test_occupations_follow_the_market(demo: Seeded) -> None:
    titles = list(demo.session.scalars(select(Vacancy.title)))
    by_occupation = Counter(_occupation_of_title(t).key for t in titles)
    assert len(by_occupation) >= 30
    assert [key for key, _ in by_occupation.most_common(3)] == ["seamstress", "driver", "cook"]
    # The same, read from the titles themselves rather than from the text tables.
    keywords = {
        "seamstress": r"шве|тигүүчү|seamstress|sewing",
        "driver": r"водител|айдоочу|driver",
        "cook": r"повар|ашпозчу|\bcook",
    }
    hits = {
        key: sum(bool(re.search(pattern, t, re.IGNORECASE)) for t in titles)
        for key, pattern in keywords.items()
    }
    assert min(hits.values()) > max(n for key, n in by_occupation.items() if key not in hits)
    # Texts vary within an occupation.
    descriptions = list(demo.session.scalars(select(Vacancy.description)))
    assert len(set(descriptions)) > len(descriptions) / 4


def _language_of(text: str) -> str:
    if len(LATIN.findall(text)) > len(CYRILLIC.findall(text)):
        return "en"
    return "ky" if KYRGYZ_LETTERS.search(text) else "ru"


def test_vacancies_are_written_in_russian_kyrgyz_and_english(demo: Seeded) -> None:
    rows = demo.session.execute(select(Vacancy.title, Vacancy.description)).all()
    shares = Counter(_language_of(f"{title} {description}") for title, description in rows)
    total = len(rows)
    assert 0.40 <= shares["ru"] / total <= 0.60
    assert 0.25 <= shares["ky"] / total <= 0.45
    assert 0.08 <= shares["en"] / total <= 0.22


def test_text_tables_are_written_in_their_language() -> None:
    for occ in OCCUPATIONS:
        for table in (occ.titles, occ.descriptions, occ.skills, occ.positions, occ.workplaces):
            assert set(table) == {"ru", "ky", "en"}, occ.key
            assert all(table[lang] for lang in table), occ.key
        for text_ in occ.descriptions["ky"]:
            assert KYRGYZ_LETTERS.search(text_), text_
        for text_ in (*occ.titles["ru"], *occ.descriptions["ru"]):
            assert not KYRGYZ_LETTERS.search(text_), text_
        for text_ in (*occ.titles["en"], *occ.descriptions["en"]):
            assert not CYRILLIC.search(text_), text_


def test_vacancies_have_sensible_pay_and_stay_open(demo: Seeded) -> None:
    vacancies = list(demo.session.scalars(select(Vacancy)))
    for v in vacancies:
        if v.salary_min is not None:
            assert 15_000 <= v.salary_min <= (v.salary_max or 0) <= 80_000
        assert v.locality
        assert v.skills
        assert v.created_at < BASE_TIME
        if v.status == "open":
            assert v.closed_at is None
            assert v.valid_through is None or v.valid_through >= date(2030, 1, 1)
        else:
            assert v.closed_at is not None and v.created_at < v.closed_at <= BASE_TIME
    open_share = sum(v.status == "open" for v in vacancies) / len(vacancies)
    assert 0.8 <= open_share < 1
    assert any(v.remote for v in vacancies)
    assert len({v.employment_type for v in vacancies}) >= 5
    assert sum(v.valid_through is None for v in vacancies) > len(vacancies) / 2


def test_seekers_look_like_the_programme(demo: Seeded) -> None:
    seekers = list(demo.session.scalars(select(Seeker)))
    n = len(seekers)
    ages = [BASE_TIME.year - (s.birth_year or 0) for s in seekers]
    assert min(ages) >= 16 and max(ages) <= 64
    assert 0.25 <= sum(14 <= a <= 28 for a in ages) / n <= 0.45
    assert 0.50 <= sum(s.gender == Gender.FEMALE for s in seekers) / n <= 0.55
    assert 0.65 <= sum(s.lost_job_due_to_covid for s in seekers) / n <= 0.75
    assert 0.03 <= sum(s.disability for s in seekers) / n <= 0.07
    registered = [s for s in seekers if s.consent and s.withdrawn_at is None]
    assert 0.95 <= len(registered) / n <= 0.99
    for s in seekers:
        assert s.consented_at is not None
        assert (s.withdrawn_at is None) == s.consent
        assert s.withdrawn_at is None or s.consented_at < s.withdrawn_at <= BASE_TIME
        assert s.desired_position and s.skills and s.experience
        assert s.created_at < BASE_TIME
    assert {s.preferred_language for s in seekers} == set(Language)
    assert sum(s.visible_to_employers for s in seekers) / n > 0.8
    assert 0 < sum(s.contactable for s in seekers) < n
    languages = Counter(_language_of(s.experience or "") for s in seekers)
    assert min(languages.values()) >= 30


def _groups_of_position(position: str) -> set[str]:
    def plain(text_: str) -> str:
        return text_.lower().translate(demo_module.PLAIN_KEYBOARD)

    wanted = {plain(part) for part in position.split(" / ")}
    return {
        occ.group
        for occ in OCCUPATIONS
        for lang in occ.positions
        for p in occ.positions[lang]
        if plain(p) in wanted
    }


def test_match_histories_are_legal_and_plausible(demo: Seeded) -> None:
    s = demo.session
    seekers = {x.id: x for x in s.scalars(select(Seeker))}
    vacancies = {v.id: v for v in s.scalars(select(Vacancy))}
    matches = list(s.scalars(select(Match)))
    events: dict[int, list[MatchEvent]] = {}
    for event in s.scalars(select(MatchEvent).order_by(MatchEvent.id)):
        events.setdefault(event.match_id, []).append(event)

    assert {m.status for m in matches} == set(MatchStatus)
    hired_at: dict[int, datetime] = {}
    for m in matches:
        history = events[m.id]
        seeker, vacancy = seekers[m.seeker_id], vacancies[m.vacancy_id]
        previous: MatchStatus | None = None
        for event in history:
            assert event.from_status == previous
            assert event.to_status in LEGAL[previous], (previous, event.to_status)
            # ...and one the match use-cases would have accepted.
            assert previous is None or event.to_status in TRANSITIONS[previous]
            previous = event.to_status
        assert previous == m.status
        times = [e.at for e in history]
        assert times == sorted(times)
        assert max(seeker.created_at, vacancy.created_at) < times[0] and times[-1] <= BASE_TIME
        assert (m.created_at, m.updated_at) == (times[0], times[-1])
        for e in history:
            if e.actor_kind == ActorKind.SEEKER:
                assert e.actor_id == seeker.id
            elif e.actor_kind == ActorKind.EMPLOYER:
                assert e.actor_id == vacancy.employer_id
        # Related work only: the vacancy's occupation group is one the seeker asked for.
        group = _occupation_of_title(vacancy.title).group
        assert group in _groups_of_position(seeker.desired_position or ""), (
            seeker.desired_position,
            vacancy.title,
        )
        if m.status == S.HIRED:
            assert m.seeker_id not in hired_at, "one job per seeker"
            hired_at[m.seeker_id] = m.updated_at

    for m in matches:
        if m.seeker_id in hired_at and m.status != S.HIRED:
            # Once hired, nothing else of theirs stays open; what was open is obsolete.
            assert m.status in STOPS
            if m.status == S.OBSOLETE:
                assert events[m.id][-2].at < hired_at[m.seeker_id] <= m.updated_at
        else:
            assert m.status != S.OBSOLETE
    registered = [x for x in seekers.values() if x.consent and x.withdrawn_at is None]
    assert all(seekers[sid].consent for sid in hired_at)
    assert 0.10 <= len(hired_at) / len(registered) <= 0.15
    hires = Counter(m.vacancy_id for m in matches if m.status == S.HIRED)
    assert all(n <= vacancies[vid].positions for vid, n in hires.items())


def test_courses_and_enrolments(demo: Seeded) -> None:
    s = demo.session
    courses = {c.id: c for c in s.scalars(select(Course))}
    seekers = {x.id: x for x in s.scalars(select(Seeker))}
    enrolments = list(s.scalars(select(Enrolment)))
    # Courses are taught in Kyrgyz, Russian and English (Uzbek is an interface language).
    assert {c.language for c in courses.values()} == {Language.KY, Language.RU, Language.EN}
    assert any(c.cost == 0 for c in courses.values())
    assert any((c.cost or 0) > 0 for c in courses.values())
    assert {e.status for e in enrolments} == set(EnrolmentStatus)
    others = [e for e in enrolments if e.seeker_id is None]
    assert 0 < len(others) < len(enrolments) / 2
    assert all(e.gender and e.region and e.birth_year and e.full_name for e in others)
    # People who are not seekers are known by their phone; some took two courses.
    people = Counter(e.phone for e in others)
    assert all(re.fullmatch(r"\+996000\d{6}", phone or "") for phone in people)
    assert 0 < sum(n > 1 for n in people.values()) < len(people) / 4
    for e in enrolments:
        course = courses[e.course_id]
        assert (e.status == EnrolmentStatus.COMPLETED) == (e.completed_at is not None)
        assert e.enrolled_at <= BASE_TIME
        if e.completed_at is not None:
            assert e.enrolled_at < e.completed_at <= BASE_TIME
            if course.ends_on is not None:
                assert e.completed_at.date() == course.ends_on
        if e.seeker_id is not None:
            assert seekers[e.seeker_id].created_at < e.enrolled_at
    # Seats: the counter is the enrolments holding one, never above the seats.
    held = Counter(e.course_id for e in enrolments if e.status != EnrolmentStatus.DROPPED)
    for cid, course in courses.items():
        assert course.seats_taken == held[cid], course.title
        assert course.seats is None or course.seats_taken <= course.seats
    limited = [c for c in courses.values() if c.seats is not None]
    assert limited and any(c.seats is None for c in courses.values())
    assert any(c.seats_taken == c.seats - 1 for c in limited), "one course is nearly full"
    assert [c.status for c in courses.values()].count(CourseStatus.CLOSED) == 1
    today = BASE_TIME.date()
    taking = [c for c in courses.values() if courses_usecases.is_open(c, today)]
    assert len(taking) >= len(courses) // 2


def test_courses_teach_skills_as_the_vacancies_write_them(demo: Seeded) -> None:
    # Skill gaps are found between what vacancies ask for and what a course teaches, so
    # demo courses teach the very skills demo vacancies name, in the course's language.
    written = {
        lang: {skill for occupation in OCCUPATIONS for skill in occupation.skills.get(lang, ())}
        for lang in ("ky", "ru", "en")
    }
    asked = {skill for v in demo.session.scalars(select(Vacancy)) for skill in v.skills}
    for course in demo.session.scalars(select(Course)):
        shared = [skill for skill in course.skills if skill in written[course.language.value]]
        assert len(shared) >= min(2, len(course.skills)), (course.title, course.skills)
        assert set(shared) & asked, course.title


def test_everything_is_marked_as_demo(demo: Seeded) -> None:
    s = demo.session
    inns = []
    for e in s.scalars(select(Employer)):
        assert e.name.startswith("ДЕМО · ")
        assert e.contact_person.startswith("Демо ")
        assert e.email.endswith("@example.invalid")
        assert e.phone.startswith("+996 000 ")
        assert re.fullmatch(r"[012]\d{13}", e.inn)
        datetime.strptime(e.inn[1:9], "%d%m%Y")  # the date part is a real date
        inns.append(e.inn)
    assert len(set(inns)) == len(inns)
    for x in s.scalars(select(Seeker)):
        assert (x.full_name or "").startswith("Демо ")
        assert (x.phone or "").startswith("+996 000 ")
        assert x.email is None or x.email.endswith("@example.invalid")
    for e in s.scalars(select(Enrolment).where(Enrolment.seeker_id.is_(None))):
        assert (e.full_name or "").startswith("Демо ")
        assert (e.phone or "").startswith("+996000")
    for c in s.scalars(select(Course)):
        assert c.provider.startswith("ДЕМО · ")
        assert (c.url or "").startswith("https://example.invalid/")


def test_a_failure_leaves_nothing_behind(session: Session, monkeypatch: Any) -> None:
    def fail(*_args: Any) -> list[Match]:
        raise RuntimeError("disk full")

    # Fail once employers, vacancies and seekers (and their change rows) were flushed.
    monkeypatch.setattr(demo_module.loader, "_make_matches", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        seed_demo(session=session)
    assert database_is_empty(session=session)
    for model in (Change, Match, Course):
        assert session.scalar(select(func.count()).select_from(model)) == 0
