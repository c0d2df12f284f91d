"""Demo data: a clearly-marked, deterministic picture of the programme for demos and tests.

Everything is fictional: employer names start with "ДЕМО · ", people are "Демо …",
e-mail addresses end in example.invalid and phone numbers use the unallocated
+996 000 range. The same seed always gives the same rows: all randomness comes from one
`random.Random(seed)` and all times from `BASE_TIME`, never from the clock.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Course, Employer, Enrolment, Match, Seeker, Vacancy
from models.enums import (
    ActorKind,
    EducationLevel,
    EmployerSize,
    EmployerStatus,
    EmploymentType,
    EnrolmentStatus,
    Gender,
    Language,
    MatchStatus,
    Region,
    VacancyStatus,
    WorkArea,
)
from service.demo.texts import (
    COURSES,
    EMPLOYERS,
    FIRST_NAMES,
    LOCALITIES,
    LOST_JOB,
    NAME_ORIGINS,
    NO_EXPERIENCE,
    OCCUPATIONS,
    PERKS,
    SEEKER_REGION_WEIGHTS,
    SEEKER_WORK_AREAS,
    STILL_LOOKING,
    SURNAMES,
    CourseProfile,
    EmployerProfile,
    Occupation,
)
from service.usecases import matches
from service.usecases.matches import record_transition

T = TypeVar("T")

# The demo's "now": every timestamp lies before it, so the data never depends on the day
# it is loaded.
BASE_TIME = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
PROGRAMME_START = datetime(2025, 2, 1, 9, 0, tzinfo=UTC)

EMPLOYER_MARK = "ДЕМО · "
PERSON_MARK = "Демо "
EMAIL_DOMAIN = "example.invalid"

N_VACANCIES = 360
N_SEEKERS = 1000
N_SEEKER_ENROLMENTS = 330
# People trained who are not seekers; the first few of them take a second course.
N_OTHER_PEOPLE = 62
N_OTHERS_TWICE = 8
OTHER_PHONES = 800_000  # their numbers: +996 000 800 000 and up
HOURS_PER_WEEK = 8  # pace of a course without dates
# Share of registered seekers who have any match, and who end up hired (the dashboard's
# target is 10 %).
MATCHED_SHARE = 0.55
HIRED_SHARE = 0.125
VACANCY_LANGUAGE_WEIGHTS = {"ru": 50, "ky": 35, "en": 15}

# The match lifecycle of DESIGN.md. A match enters at `suggested` (the matcher), `applied`
# (a seeker or partner) or `contacted` (an employer) and only moves forward along CHAIN;
# every planned step is checked against the one transition table of `usecases.matches`;
# any open state may end in rejected, withdrawn or obsolete.
CHAIN = (
    MatchStatus.SUGGESTED,
    MatchStatus.APPLIED,
    MatchStatus.CONTACTED,
    MatchStatus.INTERVIEW,
    MatchStatus.HIRED,
)
OPEN_STATUSES = CHAIN[:4]
ENTRY_STATUSES = CHAIN[:3]
TERMINAL_STATUSES = (MatchStatus.REJECTED, MatchStatus.WITHDRAWN, MatchStatus.OBSOLETE)
# Who makes each transition, so the event history reads like real use.
ACTORS: Mapping[MatchStatus, ActorKind] = {
    MatchStatus.SUGGESTED: ActorKind.SYSTEM,
    MatchStatus.APPLIED: ActorKind.SEEKER,
    MatchStatus.CONTACTED: ActorKind.EMPLOYER,
    MatchStatus.INTERVIEW: ActorKind.EMPLOYER,
    MatchStatus.HIRED: ActorKind.EMPLOYER,
    MatchStatus.REJECTED: ActorKind.EMPLOYER,
    MatchStatus.WITHDRAWN: ActorKind.SEEKER,
    MatchStatus.OBSOLETE: ActorKind.SYSTEM,
}
# How far a seeker's matches got when none of them led to a job.
FINAL_WITHOUT_HIRE = {
    MatchStatus.SUGGESTED: 22,
    MatchStatus.APPLIED: 20,
    MatchStatus.CONTACTED: 10,
    MatchStatus.INTERVIEW: 8,
    MatchStatus.REJECTED: 26,
    MatchStatus.WITHDRAWN: 14,
}

SIZE_WEIGHTS = {
    EmployerSize.MICRO: 1,
    EmployerSize.SMALL: 2,
    EmployerSize.MEDIUM: 3,
    EmployerSize.LARGE: 4,
}
# Wages outside the capital are lower; Bishkek pays a premium.
REGION_PAY = {
    Region.BISHKEK: 1.15,
    Region.OSH_CITY: 1.0,
    Region.CHUY: 1.0,
    Region.ISSYK_KUL: 1.0,
    Region.OSH: 0.9,
    Region.JALAL_ABAD: 0.9,
    Region.TALAS: 0.9,
    Region.NARYN: 0.85,
    Region.BATKEN: 0.85,
}
# Age bands of people who lost work: (lowest, highest, weight); 16-28 is about a third.
AGE_BANDS = ((16, 19, 5), (20, 28, 30), (29, 39, 31), (40, 54, 24), (55, 64, 10))
SEEKER_GENDER_WEIGHTS = {
    Gender.FEMALE: 530,
    Gender.MALE: 450,
    Gender.UNDISCLOSED: 15,
    Gender.OTHER: 5,
}
# Large runs of work that hire many at once.
MASS_HIRING = {"seamstress", "builder", "farm_worker", "loader", "call_centre"}
# Kyrgyz keyboards are rare on phones: people type the nearest Russian letter.
PLAIN_KEYBOARD = str.maketrans({"ө": "о", "ү": "у", "ң": "н", "Ө": "О", "Ү": "У", "Ң": "Н"})


@dataclass
class _SeekerPlan:
    """A seeker under construction and what the later steps need to know about them."""

    seeker: Seeker
    occupation: Occupation
    registered: bool


@dataclass
class _VacancyPlan:
    vacancy: Vacancy
    occupation: Occupation
    employer: Employer
    hires: int = 0


@dataclass
class _Tally:
    """Counts of what was inserted, in insertion order."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, rows: Sequence[object]) -> None:
        self.counts[name] = self.counts.get(name, 0) + len(rows)


def database_is_empty(*, session: Session) -> bool:
    """Return whether the database holds no employers, vacancies or seekers."""
    return all(
        session.scalar(select(model.id).limit(1)) is None for model in (Employer, Vacancy, Seeker)
    )


def seed_demo(*, session: Session, seed: int = 2020) -> dict[str, int]:
    """Insert the demo data in one transaction and return the number of rows of each kind."""
    rng = random.Random(seed)  # nosec B311  # seeded, reproducible data; no secret
    tally = _Tally()
    try:
        employers = _make_employers(rng)
        session.add_all(employers)
        session.flush()
        tally.add("employers", employers)

        vacancies = _make_vacancies(rng, employers)
        session.add_all(plan.vacancy for plan in vacancies)
        session.flush()
        tally.add("vacancies", vacancies)

        seekers = _make_seekers(rng)
        session.add_all(plan.seeker for plan in seekers)
        session.flush()
        tally.add("seekers", seekers)

        matches = _make_matches(rng, seekers, vacancies)
        session.add_all(matches)
        session.flush()
        tally.add("matches", matches)
        tally.add("match_events", [event for match in matches for event in match.events])

        courses = [_make_course(profile) for profile in COURSES]
        session.add_all(courses)
        session.flush()
        tally.add("courses", courses)

        enrolments = _make_enrolments(rng, seekers, courses)
        session.add_all(enrolments)
        session.flush()
        tally.add("enrolments", enrolments)

        session.commit()
    except BaseException:
        # One transaction: a half-loaded demo would be worse than none.
        session.rollback()
        raise
    return tally.counts


# --- employers --------------------------------------------------------------------------


def _make_employers(rng: random.Random) -> list[Employer]:
    """Build one employer per profile, registered in the programme's first months."""
    used_inns: set[str] = set()
    employers = []
    for number, profile in enumerate(EMPLOYERS, start=1):
        gender = rng.choice((Gender.FEMALE, Gender.MALE))
        employers.append(
            Employer(
                name=profile.name,
                inn=_inn(rng, profile.size, used_inns),
                contact_person=_person_name(rng, profile.region, gender),
                phone=f"+996 000 900 {number:03d}",
                email=f"demo.employer.{number:02d}@{EMAIL_DOMAIN}",
                region=profile.region,
                sector=profile.sector,
                size=profile.size,
                status=EmployerStatus.ACTIVE,
                created_at=_minute_between(
                    rng, PROGRAMME_START - timedelta(days=30), PROGRAMME_START + timedelta(days=150)
                ),
            )
        )
    return employers


def _inn(rng: random.Random, size: EmployerSize, used: set[str]) -> str:
    """Return a new 14-digit INN shaped like a real one.

    Legal entities: 0, the registration date (DDMMYYYY) and five digits. Micro
    businesses are individual entrepreneurs: 1 (woman) or 2 (man), the birth date and
    five digits.
    """
    while True:
        if size is EmployerSize.MICRO:
            prefix = rng.choice("12")
            day = _day_between(rng, date(1965, 1, 1), date(1995, 12, 31))
        else:
            prefix = "0"
            day = _day_between(rng, date(1996, 1, 1), date(2022, 12, 31))
        inn = f"{prefix}{day:%d%m%Y}{rng.randrange(100_000):05d}"
        if inn not in used:
            used.add(inn)
            return inn


# --- vacancies --------------------------------------------------------------------------


def _make_vacancies(rng: random.Random, employers: Sequence[Employer]) -> list[_VacancyPlan]:
    """Build vacancies whose occupations follow the market weights exactly."""
    profiles = dict(zip(EMPLOYERS, employers, strict=True))
    # Exact quotas, not random draws, so the ranking of occupations never depends on luck.
    quotas = _allocate(N_VACANCIES, [occ.weight for occ in OCCUPATIONS])
    occupations = [occ for occ, n in zip(OCCUPATIONS, quotas, strict=True) for _ in range(n)]
    rng.shuffle(occupations)
    plans = [_vacancy(rng, occ, profiles) for occ in occupations]
    # Ids then grow with time, as they would in a live database.
    plans.sort(key=lambda plan: plan.vacancy.created_at)
    for number, plan in enumerate(plans, start=1):
        plan.vacancy.external_id = f"demo-{number:04d}"
    return plans


def _vacancy(
    rng: random.Random, occ: Occupation, profiles: Mapping[EmployerProfile, Employer]
) -> _VacancyPlan:
    """Build one vacancy of `occ` at an employer that hires for it."""
    hiring = [p for p in profiles if occ.key in p.occupations]
    profile = rng.choices(hiring, weights=[SIZE_WEIGHTS[p.size] for p in hiring])[0]
    employer = profiles[profile]
    region, locality = profile.region, profile.locality
    if profile.size in (EmployerSize.MEDIUM, EmployerSize.LARGE) and rng.random() < 0.25:
        # Bigger employers also hire for branches in other regions.
        region = _weighted(rng, SEEKER_REGION_WEIGHTS)
        locality = _locality(rng, region)

    lang = _weighted(rng, VACANCY_LANGUAGE_WEIGHTS)
    description = rng.choice(occ.descriptions[lang])
    if rng.random() < 0.6:
        description += " " + rng.choice(PERKS[lang])
    skills = occ.skills[lang]
    salary_min, salary_max = _salary_range(rng, occ, region)

    created_at = _minute_between(
        rng, employer.created_at + timedelta(days=1), BASE_TIME - timedelta(days=3)
    )
    status, closed_at, valid_through = VacancyStatus.OPEN, None, None
    if rng.random() < 0.12:
        status = VacancyStatus.CLOSED
        closed_at = _minute_between(
            rng, min(created_at + timedelta(days=7), BASE_TIME - timedelta(days=1)), BASE_TIME
        )
        valid_through = closed_at.date()
    elif rng.random() < 0.2:
        # Far ahead, so the demo's open vacancies stay open whenever it is run.
        valid_through = date(BASE_TIME.year + rng.randint(5, 10), rng.randint(1, 12), 28)

    vacancy = Vacancy(
        employer_id=employer.id,
        title=rng.choice(occ.titles[lang]),
        description=description,
        skills=rng.sample(skills, k=min(len(skills), rng.randint(2, 4))),
        region=region,
        locality=locality,
        salary_min=salary_min,
        salary_max=salary_max,
        employment_type=rng.choice(occ.employment),
        remote=rng.random() < occ.remote_share,
        positions=rng.randint(2, 10) if occ.key in MASS_HIRING else rng.choice((1, 1, 1, 2, 3)),
        languages=_asked_languages(occ.languages, lang),
        valid_through=valid_through,
        status=status,
        created_at=created_at,
        updated_at=closed_at or created_at,
        closed_at=closed_at,
    )
    return _VacancyPlan(vacancy=vacancy, occupation=occ, employer=employer)


def _salary_range(
    rng: random.Random, occ: Occupation, region: Region
) -> tuple[int | None, int | None]:
    """Return a monthly salary range in KGS, or no salary ("negotiable") now and then."""
    if rng.random() < 0.05:
        return None, None
    low, high = occ.salary
    factor = REGION_PAY[region]
    salary_min = _round_to(rng.uniform(low, (low + high) / 2) * factor, 1000)
    salary_max = _round_to(salary_min * rng.uniform(1.1, 1.6), 1000)
    salary_min = min(max(salary_min, 15_000), 80_000)
    salary_max = min(max(salary_max, salary_min), 80_000)
    return salary_min, salary_max


# --- seekers ----------------------------------------------------------------------------


def _make_seekers(rng: random.Random) -> list[_SeekerPlan]:
    """Build the seekers, ids growing with registration time."""
    # Exact quotas for the figures the dashboard breaks down by, so that every seed shows
    # the same shares (53 % women, Bishkek then Osh largest); individuals stay random.
    genders = _quota_list(rng, N_SEEKERS, SEEKER_GENDER_WEIGHTS)
    regions = _quota_list(rng, N_SEEKERS, SEEKER_REGION_WEIGHTS)
    plans = [_seeker(rng, gender, region) for gender, region in zip(genders, regions, strict=True)]
    plans.sort(key=lambda plan: plan.seeker.created_at)
    for number, plan in enumerate(plans, start=1):
        plan.seeker.phone = f"+996 000 {number // 1000:03d} {number % 1000:03d}"
        if plan.seeker.email is not None:
            plan.seeker.email = f"demo.seeker.{number:04d}@{EMAIL_DOMAIN}"
    return plans


def _seeker(rng: random.Random, gender: Gender, region: Region) -> _SeekerPlan:
    """Build one seeker: who they are, what they want and what they can do."""
    occ = rng.choices(OCCUPATIONS, weights=[_gender_weight(o, gender) for o in OCCUPATIONS])[0]
    low_age, high_age, _ = rng.choices(AGE_BANDS, weights=[band[2] for band in AGE_BANDS])[0]
    age = rng.randint(low_age, high_age)
    origin = _weighted(rng, NAME_ORIGINS[region])
    text_lang = _weighted(rng, _TEXT_LANGUAGES[origin])
    preferred = {
        "ky": Language.KY,
        "ru": Language.RU,
        "en": Language.EN,
        "mixed": rng.choice((Language.KY, Language.KY, Language.RU)),
    }[text_lang]
    if origin == "uz":  # they write Kyrgyz or Russian, but read pages in Uzbek
        preferred = Language.UZ

    covid = rng.random() < 0.7
    experience, has_worked = _experience(rng, occ, text_lang, gender, age, covid)
    registered_at = _minute_between(rng, PROGRAMME_START, BASE_TIME - timedelta(days=1))
    withdrawn_at = None
    if rng.random() < 0.03:
        withdrawn_at = _minute_between(rng, registered_at + timedelta(hours=1), BASE_TIME)
    low, high = occ.salary
    salary = None
    if rng.random() < 0.9:
        salary = _round_to(rng.uniform(low, high) * REGION_PAY[region], 1000)
    employment_types = sorted(rng.sample(occ.employment, k=min(2, len(occ.employment))))
    work_area = _weighted(rng, SEEKER_WORK_AREAS[region])

    seeker = Seeker(
        full_name=_person_name(rng, region, gender, origin),
        # Phone and e-mail are numbered once all seekers are sorted by registration time.
        phone="",
        email="" if rng.random() < 0.35 else None,
        gender=gender,
        birth_year=BASE_TIME.year - age,
        region=region,
        locality=_locality(rng, region),
        desired_position=_desired_position(rng, occ, text_lang),
        skills=_seeker_skills(rng, occ, text_lang),
        experience=experience,
        education_level=_education(rng, occ, age),
        languages=_seeker_languages(rng, text_lang, origin),
        employment_types=employment_types,
        salary_expectation=salary,
        work_area=WorkArea(work_area) if work_area else None,
        seasonal_work=_seasonal_work(rng, occ, region, employment_types),
        lost_job_due_to_covid=covid,
        previous_sector=occ.sector if has_worked else None,
        disability=rng.random() < 0.05,
        consent=withdrawn_at is None,
        consented_at=registered_at,
        withdrawn_at=withdrawn_at,
        visible_to_employers=withdrawn_at is None and rng.random() < 0.92,
        contactable=withdrawn_at is None and rng.random() < 0.45,
        preferred_language=preferred,
        created_at=registered_at,
        updated_at=withdrawn_at or registered_at,
        # Fixed like every other time here, so the same seed gives the same rows.
        last_active_at=withdrawn_at or registered_at,
    )
    return _SeekerPlan(seeker=seeker, occupation=occ, registered=withdrawn_at is None)


# Which language people write their profile in, by the origin of their name.
_TEXT_LANGUAGES: Mapping[str, Mapping[str, int]] = {
    "ky": {"ky": 50, "ru": 30, "mixed": 14, "en": 6},
    "uz": {"ru": 55, "ky": 25, "mixed": 12, "en": 8},
    "ru": {"ru": 88, "en": 8, "mixed": 4},
}


def _gender_weight(occ: Occupation, gender: Gender) -> float:
    """Weight an occupation by how common it is among people of `gender`."""
    share = {Gender.FEMALE: occ.female_share, Gender.MALE: 1 - occ.female_share}
    return occ.weight * share.get(gender, 0.5)


def _seasonal_work(
    rng: random.Random,
    occ: Occupation,
    region: Region,
    employment_types: Sequence[EmploymentType],
) -> bool:
    """Say whether a seeker also takes seasonal work away from home.

    People of trades with a season (a cook from Naryn, a builder, a farm hand) often go
    to Issyk-Kul's summer resorts or to harvests, most of all those who already asked for
    seasonal work; other trades seldom do, and people of Issyk-Kul have the season at home.
    """
    if region is Region.ISSYK_KUL:
        return False
    if EmploymentType.SEASONAL in employment_types:
        share = 0.6
    elif EmploymentType.SEASONAL in occ.employment:
        share = 0.3
    else:
        share = 0.03
    return rng.random() < share


def _desired_position(rng: random.Random, occ: Occupation, text_lang: str) -> str:
    """Write the desired position as a seeker would type it."""
    if text_lang == "mixed":
        kyrgyz, russian = rng.choice(occ.positions["ky"]), rng.choice(occ.positions["ru"])
        # Many words are the same in both ("Кассир"); nobody writes them twice.
        return kyrgyz if kyrgyz.lower() == russian.lower() else f"{kyrgyz} / {russian.lower()}"
    text = rng.choice(occ.positions[text_lang])
    if text_lang == "ky" and rng.random() < 0.3:
        text = text.translate(PLAIN_KEYBOARD)
    return text.lower() if rng.random() < 0.2 else text


def _seeker_skills(rng: random.Random, occ: Occupation, text_lang: str) -> list[str]:
    """Pick a few of the occupation's skills in the seeker's language(s)."""
    pool = list(
        occ.skills["ky"] + occ.skills["ru"] if text_lang == "mixed" else occ.skills[text_lang]
    )
    picked = rng.sample(pool, k=min(len(pool), rng.randint(2, 4)))
    # Mixed writers list the same skill in both languages at times; keep them distinct.
    return list(dict.fromkeys(picked))


def _education(rng: random.Random, occ: Occupation, age: int) -> EducationLevel:
    """Pick an education level that fits both the occupation and the seeker's age."""
    if age < 18:
        return EducationLevel.SECONDARY
    level = rng.choice(occ.education)
    if level is EducationLevel.HIGHER and age < 22:
        return EducationLevel.INCOMPLETE_HIGHER
    return level


def _experience(
    rng: random.Random, occ: Occupation, text_lang: str, gender: Gender, age: int, covid: bool
) -> tuple[str, bool]:
    """Write about past work and why they are looking now; say whether they have worked."""
    lang = rng.choice(("ky", "ru")) if text_lang == "mixed" else text_lang
    if age < 19 or rng.random() < 0.08:
        return rng.choice(NO_EXPERIENCE[lang]), False
    years = rng.randint(1, min(20, age - 18))
    place = rng.choice(occ.workplaces[lang])
    if lang == "ky":
        first = f"{_capitalise(place)} {years} жыл иштедим."
        if rng.random() < 0.3:
            first = first.translate(PLAIN_KEYBOARD)
    elif lang == "en":
        first = f"Worked {place} for {years} year{'s' if years > 1 else ''}."
    elif gender in (Gender.FEMALE, Gender.MALE):
        verb = "Работала" if gender is Gender.FEMALE else "Работал"
        first = f"{verb} {place} {_russian_years(years)}."
    else:
        first = f"Опыт работы {place}: {_russian_years(years)}."
    reason = rng.choice((LOST_JOB if covid else STILL_LOOKING)[lang])
    return f"{first} {reason}", True


def _seeker_languages(rng: random.Random, text_lang: str, origin: str) -> list[str]:
    """Return the languages a seeker speaks, starting from the one they write in."""
    spoken = {"ru"} if text_lang == "mixed" else {text_lang}
    if text_lang == "mixed" or origin == "ky" or (origin == "uz" and rng.random() < 0.5):
        spoken.add("ky")
    if rng.random() < 0.8:
        # Russian is the lingua franca of work in most of the country.
        spoken.add("ru")
    if rng.random() < 0.07:
        spoken.add("en")
    return _ordered_languages(spoken)


def _russian_years(n: int) -> str:
    """Return "n год/года/лет" with the Russian plural that fits n."""
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} года"
    return f"{n} лет"


def _person_name(rng: random.Random, region: Region, gender: Gender, origin: str = "") -> str:
    """Return an obviously fictional but realistic name, "Демо" first."""
    origin = origin or _weighted(rng, NAME_ORIGINS[region])
    female = gender is Gender.FEMALE or (
        gender not in (Gender.MALE, Gender.FEMALE) and rng.random() < 0.5
    )
    first = rng.choice(FIRST_NAMES[origin]["female" if female else "male"])
    if origin == "ky" and rng.random() < 0.15:
        # Patronymic style chosen by many Kyrgyz: "Айпери Бакыт кызы", "Эрлан Талант уулу".
        father = rng.choice(FIRST_NAMES["ky"]["male"])
        return f"{PERSON_MARK}{first} {father} {'кызы' if female else 'уулу'}"
    surname = rng.choice(SURNAMES[origin])
    if female and surname.endswith(("ов", "ев", "ин")):
        surname += "а"
    return f"{PERSON_MARK}{first} {surname}"


# --- matches ----------------------------------------------------------------------------


def _make_matches(
    rng: random.Random, seekers: Sequence[_SeekerPlan], vacancies: Sequence[_VacancyPlan]
) -> list[Match]:
    """Build matches for about half of the registered seekers, with their full histories."""
    by_occ_region: dict[tuple[str, Region], list[_VacancyPlan]] = {}
    by_group_region: dict[tuple[str, Region], list[_VacancyPlan]] = {}
    by_occ: dict[str, list[_VacancyPlan]] = {}
    remote_by_occ: dict[str, list[_VacancyPlan]] = {}
    for posted in vacancies:
        key, region = posted.occupation.key, posted.vacancy.region
        by_occ_region.setdefault((key, region), []).append(posted)
        by_group_region.setdefault((posted.occupation.group, region), []).append(posted)
        by_occ.setdefault(key, []).append(posted)
        if posted.vacancy.remote:
            remote_by_occ.setdefault(key, []).append(posted)

    registered = [plan for plan in seekers if plan.registered]
    chosen = rng.sample(registered, k=round(MATCHED_SHARE * len(registered)))
    to_hire = round(HIRED_SHARE * len(registered))
    matches: list[Match] = []
    for position, plan in enumerate(chosen):
        occ, region = plan.occupation, plan.seeker.region
        # Nearest first: same occupation here, remote, related work here, then elsewhere.
        pools = (
            by_occ_region.get((occ.key, region), []),
            remote_by_occ.get(occ.key, []),
            by_group_region.get((occ.group, region), []),
            by_occ.get(occ.key, []),
        )
        candidates = _unique(rng, pools)
        wanted = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        matches.extend(_seeker_matches(rng, plan, candidates, wanted, hire=position < to_hire))
    matches.sort(key=lambda match: match.created_at)
    return matches


def _unique(rng: random.Random, pools: Sequence[Sequence[_VacancyPlan]]) -> list[_VacancyPlan]:
    """Concatenate shuffled pools, keeping each vacancy once, in pool order."""
    seen: set[int] = set()
    result = []
    for pool in pools:
        shuffled = list(pool)
        rng.shuffle(shuffled)
        for plan in shuffled:
            if id(plan) not in seen:
                seen.add(id(plan))
                result.append(plan)
    return result


def _seeker_matches(
    rng: random.Random,
    plan: _SeekerPlan,
    candidates: Sequence[_VacancyPlan],
    wanted: int,
    *,
    hire: bool,
) -> list[Match]:
    """Build one seeker's matches; when `hire`, one ends in hired and the rest follow it."""
    matches: list[Match] = []
    remaining = list(candidates)
    hired_at: datetime | None = None
    if hire:
        for vacancy_plan in remaining:
            if vacancy_plan.hires >= vacancy_plan.vacancy.positions:
                continue
            window = _window(plan, vacancy_plan, until=BASE_TIME - timedelta(days=1))
            if window is None:
                continue
            path = _path(rng, MatchStatus.HIRED)
            match = _match(rng, plan, vacancy_plan, path, window)
            vacancy_plan.hires += 1
            hired_at = match.updated_at
            matches.append(match)
            remaining.remove(vacancy_plan)
            break

    for vacancy_plan in remaining:
        if len(matches) >= wanted:
            break
        if hired_at is None:
            window = _window(plan, vacancy_plan, until=BASE_TIME)
            final = _weighted(rng, FINAL_WITHOUT_HIRE)
        else:
            # Everything else happened before the hire; what was still open became obsolete.
            window = _window(plan, vacancy_plan, until=hired_at - timedelta(minutes=5))
            final = _weighted(
                rng, {MatchStatus.OBSOLETE: 70, MatchStatus.REJECTED: 20, MatchStatus.WITHDRAWN: 10}
            )
        if window is None:
            continue
        if vacancy_plan.vacancy.status is VacancyStatus.CLOSED and final in OPEN_STATUSES:
            # A closed vacancy leaves no application pending.
            final = MatchStatus.REJECTED
        path = _path(rng, final)
        if final is MatchStatus.OBSOLETE:
            assert hired_at is not None
            match = _match(rng, plan, vacancy_plan, path[:-1], window)
            _append_event(match, plan, vacancy_plan, path[-1], hired_at + timedelta(minutes=1))
        else:
            match = _match(rng, plan, vacancy_plan, path, window)
        matches.append(match)
    return matches


def _window(
    plan: _SeekerPlan, vacancy_plan: _VacancyPlan, *, until: datetime
) -> tuple[datetime, datetime] | None:
    """Return when a match between the two could have happened, or None if never."""
    start = max(plan.seeker.created_at, vacancy_plan.vacancy.created_at) + timedelta(minutes=30)
    end = min(until, vacancy_plan.vacancy.closed_at or until)
    return (start, end) if end - start >= timedelta(hours=6) else None


def _path(rng: random.Random, final: MatchStatus) -> list[MatchStatus]:
    """Return a legal sequence of statuses ending in `final`."""
    if final in CHAIN:
        reached = CHAIN.index(final)
        entry = _entry(rng, min(reached, len(ENTRY_STATUSES) - 1))
        return list(CHAIN[entry : reached + 1])
    reached = rng.choices(range(len(OPEN_STATUSES)), weights=(35, 30, 20, 15))[0]
    entry = _entry(rng, min(reached, len(ENTRY_STATUSES) - 1))
    return [*CHAIN[entry : reached + 1], final]


def _entry(rng: random.Random, latest: int) -> int:
    """Pick where a match enters the chain, no later than index `latest`."""
    return rng.choices(range(latest + 1), weights=(55, 35, 10)[: latest + 1])[0]


def _match(
    rng: random.Random,
    plan: _SeekerPlan,
    vacancy_plan: _VacancyPlan,
    path: Sequence[MatchStatus],
    window: tuple[datetime, datetime],
) -> Match:
    """Build a match whose events follow `path` at increasing times inside `window`."""
    start, end = window
    total = int((end - start).total_seconds() // 60)
    # Most histories unfold over days or weeks, not over the whole window.
    span = min(total, rng.randint(len(path) * 60, 45 * 24 * 60))
    first = start + timedelta(minutes=rng.randint(0, total - span))
    offsets = sorted(rng.sample(range(1, span + 1), k=len(path) - 1))
    match = Match(
        seeker_id=plan.seeker.id,
        vacancy_id=vacancy_plan.vacancy.id,
        status=path[0],
        created_at=first,
        updated_at=first,
    )
    for status, offset in zip(path, [0, *offsets], strict=True):
        _append_event(match, plan, vacancy_plan, status, first + timedelta(minutes=offset))
    return match


def _append_event(
    match: Match,
    plan: _SeekerPlan,
    vacancy_plan: _VacancyPlan,
    status: MatchStatus,
    at: datetime,
) -> None:
    """Move `match` to `status` at `at`, recording who did it."""
    previous = match.events[-1].to_status if match.events else None
    allowed = matches.ENTRY_STATUSES if previous is None else matches.TRANSITIONS[previous]
    if status not in allowed:
        raise AssertionError(f"illegal demo transition {previous} -> {status}")
    actor = ACTORS[status]
    actor_id = {
        ActorKind.SEEKER: plan.seeker.id,
        ActorKind.EMPLOYER: vacancy_plan.employer.id,
    }.get(actor)
    note = "hired for another vacancy" if status is MatchStatus.OBSOLETE else None
    record_transition(match, status, actor, actor_id, at, note)


# --- courses and enrolments -------------------------------------------------------------


def _make_course(profile: CourseProfile) -> Course:
    """Build a course from its profile: a cohort announced a month before it started,
    or a course taking people all year since its `since` day. No seat is taken yet."""
    starts_on = date.fromisoformat(profile.starts_on) if profile.starts_on else None
    ends_on = date.fromisoformat(profile.ends_on) if profile.ends_on else None
    if starts_on is not None:
        announced = _noon(starts_on - timedelta(days=30))
    else:
        assert profile.since is not None, profile.slug
        announced = _noon(date.fromisoformat(profile.since))
    return Course(
        title=profile.title,
        provider=profile.provider,
        description=profile.description,
        skills=list(profile.skills),
        language=Language(profile.language),
        url=f"https://{EMAIL_DOMAIN}/demo/courses/{profile.slug}",
        duration_hours=profile.duration_hours,
        cost=profile.cost,
        starts_on=starts_on,
        ends_on=ends_on,
        seats=profile.seats,
        seats_taken=0,
        status=profile.status,
        created_at=announced,
    )


@dataclass(frozen=True)
class _Person:
    """Someone trained who is not a registered seeker (a young person not job seeking)."""

    full_name: str
    phone: str
    gender: Gender
    birth_year: int
    region: Region


@dataclass
class _Seats:
    """Seats held on each course (enrolled or completed), within what the demo allows."""

    courses: Sequence[Course]
    held: dict[int, int] = field(default_factory=dict)

    def room(self, i: int) -> bool:
        course, profile = self.courses[i], COURSES[i]
        if course.seats is None:
            return True
        return self.held.get(i, 0) < course.seats - (profile.leave or 0)

    def take(self, i: int, enrolment: Enrolment) -> None:
        if enrolment.status is not EnrolmentStatus.DROPPED:
            self.held[i] = self.held.get(i, 0) + 1


def _make_enrolments(
    rng: random.Random, seekers: Sequence[_SeekerPlan], courses: Sequence[Course]
) -> list[Enrolment]:
    """Enrol seekers in courses that suit their work, then other people (a few of them in
    two courses); fill the nearly full course to one seat short; count the seats taken."""
    seats = _Seats(courses)
    enrolments: list[Enrolment] = []
    registered = [plan for plan in seekers if plan.registered]
    rng.shuffle(registered)
    for plan in registered:
        if len(enrolments) >= N_SEEKER_ENROLMENTS:
            break
        group = plan.occupation.group
        suitable = [
            i
            for i, profile in enumerate(COURSES)
            if (group in profile.groups or not profile.groups) and seats.room(i)
        ]
        rng.shuffle(suitable)
        for i in suitable[: rng.choice((1, 1, 1, 1, 2))]:
            enrolled_at = _enrolment_time(rng, courses[i], plan.seeker.created_at)
            if enrolled_at is None:
                continue
            enrolment = _enrolment(rng, courses[i], enrolled_at, seeker_id=plan.seeker.id)
            seats.take(i, enrolment)
            enrolments.append(enrolment)

    people = [_other_person(rng, n) for n in range(N_OTHER_PEOPLE)]
    taken: set[tuple[int, str]] = set()

    def enrol_other(person: _Person, i: int, *, drop: bool = True) -> bool:
        enrolled_at = _enrolment_time(rng, courses[i], PROGRAMME_START)
        if enrolled_at is None or (i, person.phone) in taken:
            return False
        enrolment = _enrolment(rng, courses[i], enrolled_at, person=person, drop=drop)
        taken.add((i, person.phone))
        seats.take(i, enrolment)
        enrolments.append(enrolment)
        return True

    # Everyone once, then a few again on another course (they still count once).
    for person in [*people, *people[:N_OTHERS_TWICE]]:
        for _ in range(20):
            i = rng.randrange(len(courses))
            if seats.room(i) and enrol_other(person, i):
                break
    # The nearly full course: people join until one seat (`leave`) is left.
    for i, profile in enumerate(COURSES):
        limit = courses[i].seats
        if profile.leave is None or limit is None:
            continue
        target = limit - profile.leave
        extra = (_other_person(rng, N_OTHER_PEOPLE + n) for n in range(10 * target))
        while seats.held.get(i, 0) < target:
            enrol_other(next(extra), i, drop=False)
    for i, course in enumerate(courses):
        course.seats_taken = seats.held.get(i, 0)
    enrolments.sort(key=lambda enrolment: enrolment.enrolled_at)
    return enrolments


def _other_person(rng: random.Random, number: int) -> _Person:
    """Invent a person who is not a seeker: mostly young, more women than men."""
    region = _weighted(rng, SEEKER_REGION_WEIGHTS)
    gender = Gender.FEMALE if rng.random() < 0.62 else Gender.MALE
    low_age, high_age, _ = rng.choices(AGE_BANDS[:3], weights=(10, 50, 40))[0]
    return _Person(
        full_name=_person_name(rng, region, gender),
        # E.164 in the unallocated +996 000 range, apart from the seekers' numbers.
        phone=f"+996000{OTHER_PHONES + number:06d}",
        gender=gender,
        birth_year=BASE_TIME.year - rng.randint(low_age, high_age),
        region=region,
    )


def _signup_window(course: Course, earliest: datetime) -> tuple[datetime, datetime] | None:
    """Return when someone registered at `earliest` could sign up, or None if never.

    A cohort takes people from four weeks before it starts to a week after; a course
    without dates from the day it was announced to the demo's day.
    """
    if course.starts_on is None:
        start = max(course.created_at, earliest + timedelta(hours=1))
        closes = BASE_TIME
    else:
        start = max(_noon(course.starts_on - timedelta(days=28)), earliest + timedelta(hours=1))
        closes = min(_noon(course.starts_on + timedelta(days=7)), BASE_TIME)
    return (start, closes) if start < closes else None


def _enrolment_time(rng: random.Random, course: Course, earliest: datetime) -> datetime | None:
    """Return when someone registered at `earliest` signed up, or None if they could not."""
    window = _signup_window(course, earliest)
    return None if window is None else _minute_between(rng, *window)


def _enrolment(
    rng: random.Random,
    course: Course,
    enrolled_at: datetime,
    *,
    seeker_id: int | None = None,
    person: _Person | None = None,
    drop: bool = True,
) -> Enrolment:
    """Build an enrolment whose status fits where the course stands on BASE_TIME.

    A cohort's people complete it on its last day (or dropped out); at one's own pace,
    a course takes a week per HOURS_PER_WEEK hours from the day one enrolled.
    """
    today = BASE_TIME.date()
    status, completed_at = EnrolmentStatus.ENROLLED, None
    if course.ends_on is not None:
        finished = _noon(course.ends_on)
        started = course.starts_on is not None and course.starts_on <= today
    else:
        weeks = -(-(course.duration_hours or HOURS_PER_WEEK) // HOURS_PER_WEEK)
        finished = enrolled_at + timedelta(weeks=weeks)
        started = True
    draw = rng.random()
    if finished < BASE_TIME:
        if draw < 0.75:
            status, completed_at = EnrolmentStatus.COMPLETED, finished
        elif draw < 0.95 or course.ends_on is not None:
            status = EnrolmentStatus.DROPPED
    elif started and draw < 0.12:
        status = EnrolmentStatus.DROPPED
    if not drop and status is EnrolmentStatus.DROPPED:
        status = EnrolmentStatus.ENROLLED
    return Enrolment(
        course_id=course.id,
        seeker_id=seeker_id,
        full_name=person.full_name if person else None,
        phone=person.phone if person else None,
        gender=person.gender if person else None,
        birth_year=person.birth_year if person else None,
        region=person.region if person else None,
        status=status,
        enrolled_at=enrolled_at,
        completed_at=completed_at,
    )


# --- small helpers ----------------------------------------------------------------------


def _allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), summing exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _quota_list(rng: random.Random, total: int, weights: Mapping[T, int]) -> list[T]:
    """Return `total` keys of `weights` in exact proportion, shuffled."""
    counts = _allocate(total, list(weights.values()))
    keys = [key for key, n in zip(weights, counts, strict=True) for _ in range(n)]
    rng.shuffle(keys)
    return keys


def _weighted(rng: random.Random, weights: Mapping[T, float]) -> T:
    """Draw one key of `weights` with probability proportional to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _locality(rng: random.Random, region: Region) -> str:
    """Pick a town of `region`, its centre twice as likely as the others."""
    towns = LOCALITIES[region]
    return rng.choices(towns, weights=[2, *[1] * (len(towns) - 1)])[0]


def _asked_languages(needed: Iterable[str], written_in: str) -> list[str]:
    """Return what a vacancy asks for: the languages its occupation needs (a hotel's
    English), else the working language it is written in, Kyrgyz or Russian. A welder's
    vacancy posted in English does not ask the welder for English."""
    asked = set(needed) or ({written_in} if written_in in ("ky", "ru") else set())
    return _ordered_languages(asked)


def _ordered_languages(codes: set[str]) -> list[str]:
    """Return language codes in a fixed order (sets have no stable order across runs)."""
    return [language.value for language in Language if language.value in codes]


def _minute_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """Return a whole minute drawn uniformly from [start, end)."""
    minutes = max(1, int((end - start).total_seconds() // 60))
    return start.replace(second=0, microsecond=0) + timedelta(minutes=rng.randrange(minutes))


def _day_between(rng: random.Random, start: date, end: date) -> date:
    """Return a day drawn uniformly from [start, end]."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _noon(day: date) -> datetime:
    """Return midday UTC of `day` (Bishkek's late afternoon)."""
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def _round_to(value: float, step: int) -> int:
    """Round to the nearest multiple of `step`, as salaries are advertised."""
    return round(value / step) * step


def _capitalise(text: str) -> str:
    """Upper-case the first letter only ("IT компанияда" must stay as it is)."""
    return text[:1].upper() + text[1:]
