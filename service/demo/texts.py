"""Text tables for the demo data: occupations, employers, places, names and courses.

Everything here is fictional and meant to look like the real Kyrgyz labour market:
Russian, Kyrgyz and English texts are each written as a speaker of that language would
write them. `service.demo.loader` turns these tables into rows.

The tables themselves are JSON files in `data/` (enum members stored as their values);
this module reads each file once, at import, and rebuilds the typed values below.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from models.enums import CourseStatus, EducationLevel, EmployerSize, EmploymentType, Region

# Per-language variants, keyed by language code ("ru", "ky", "en").
Texts = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Occupation:
    """One occupation: how common it is, what it pays, and how people write about it."""

    key: str
    weight: int  # relative share of vacancies and seekers
    group: str  # related occupations share a group; demo matches stay inside it
    sector: str
    salary: tuple[int, int]  # typical monthly pay in KGS, low and high
    employment: tuple[EmploymentType, ...]
    remote_share: float
    female_share: float  # share of women among demo seekers of this occupation
    education: tuple[EducationLevel, ...]  # drawn uniformly; repeat to weight
    titles: Texts  # vacancy titles
    descriptions: Texts  # one or two sentences each
    skills: Texts
    positions: Texts  # what a seeker types as the desired position
    workplaces: Texts  # where a seeker worked, as a phrase for the experience text
    languages: tuple[str, ...] = ()  # languages the job itself needs, beyond the text's


@dataclass(frozen=True)
class EmployerProfile:
    """A fictional employer and the occupations it hires for."""

    name: str
    region: Region
    locality: str
    size: EmployerSize
    sector: str
    occupations: tuple[str, ...]


@dataclass(frozen=True)
class CourseProfile:
    """A training course and the occupation groups whose seekers it suits.

    A course with dates is one cohort; one without takes people all year (online at
    one's own pace, or a new group whenever one fills) and has taken them `since`.
    """

    slug: str
    title: str
    provider: str
    language: str
    description: str
    skills: tuple[str, ...]
    duration_hours: int
    cost: float  # KGS; 0 means free
    starts_on: str | None  # ISO date; None: no fixed dates
    ends_on: str | None
    since: str | None  # ISO date the course has taken people since, when it has no dates
    seats: int | None  # None: no limit
    leave: int | None  # seats left free on the demo's day (a nearly full course)
    status: CourseStatus
    groups: tuple[str, ...]  # empty: useful to anyone


@cache
def _load(name: str) -> Any:
    """Return the parsed contents of `data/<name>.json`."""
    path = resources.files("service.demo") / "data" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _texts(raw: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(variants) for lang, variants in raw.items()}


def _occupation(raw: Mapping[str, Any]) -> Occupation:
    low, high = raw["salary"]
    return Occupation(
        key=raw["key"],
        weight=raw["weight"],
        group=raw["group"],
        sector=raw["sector"],
        salary=(low, high),
        employment=tuple(EmploymentType(value) for value in raw["employment"]),
        remote_share=raw["remote_share"],
        female_share=raw["female_share"],
        education=tuple(EducationLevel(value) for value in raw["education"]),
        titles=_texts(raw["titles"]),
        descriptions=_texts(raw["descriptions"]),
        skills=_texts(raw["skills"]),
        positions=_texts(raw["positions"]),
        workplaces=_texts(raw["workplaces"]),
        languages=tuple(raw["languages"]),
    )


def _employer(raw: Mapping[str, Any]) -> EmployerProfile:
    return EmployerProfile(
        name=raw["name"],
        region=Region(raw["region"]),
        locality=raw["locality"],
        size=EmployerSize(raw["size"]),
        sector=raw["sector"],
        occupations=tuple(raw["occupations"]),
    )


def _course(raw: Mapping[str, Any]) -> CourseProfile:
    return CourseProfile(
        slug=raw["slug"],
        title=raw["title"],
        provider=raw["provider"],
        language=raw["language"],
        description=raw["description"],
        skills=tuple(raw["skills"]),
        duration_hours=raw["duration_hours"],
        cost=raw["cost"],
        starts_on=raw["starts_on"],
        ends_on=raw["ends_on"],
        since=raw["since"],
        seats=raw["seats"],
        leave=raw["leave"],
        status=CourseStatus(raw["status"]),
        groups=tuple(raw["groups"]),
    )


def _by_region(raw: Mapping[str, Any]) -> dict[Region, Any]:
    return {Region(region): value for region, value in raw.items()}


OCCUPATIONS: tuple[Occupation, ...] = tuple(_occupation(o) for o in _load("occupations"))
EMPLOYERS: tuple[EmployerProfile, ...] = tuple(_employer(e) for e in _load("employers"))
COURSES: tuple[CourseProfile, ...] = tuple(_course(c) for c in _load("courses"))

# One optional closing sentence per vacancy, so that texts of one occupation still differ.
PERKS: Texts = _texts(_load("phrases")["perks"])
# Second sentence of a seeker's experience: why they are looking for work.
LOST_JOB: Texts = _texts(_load("phrases")["lost_job"])
STILL_LOOKING: Texts = _texts(_load("phrases")["still_looking"])
NO_EXPERIENCE: Texts = _texts(_load("phrases")["no_experience"])

# Towns of each region; the first is the administrative centre.
LOCALITIES: Mapping[Region, tuple[str, ...]] = {
    region: tuple(towns) for region, towns in _by_region(_load("places")["localities"]).items()
}
# Where seekers live: Bishkek and Osh heaviest, roughly as the population is spread.
SEEKER_REGION_WEIGHTS: Mapping[Region, int] = _by_region(_load("places")["seeker_region_weights"])
# What seekers of each region answer to "Where can you work?" ("" = no answer), weighted:
# a third leave it out; Chuy commutes to Bishkek and Osh oblast to Osh city, so
# "neighbouring" is heaviest there; Naryn, Talas and Batken, with few jobs, go anywhere.
SEEKER_WORK_AREAS: Mapping[Region, Mapping[str, int]] = _by_region(
    _load("places")["seeker_work_areas"]
)

# Name pools, by origin. Surnames are in the masculine form; see `service.demo.loader`.
FIRST_NAMES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    origin: _texts(by_gender) for origin, by_gender in _load("people")["first_names"].items()
}
SURNAMES: Mapping[str, tuple[str, ...]] = _texts(_load("people")["surnames"])
# Which name pools people of each region come from, with weights.
NAME_ORIGINS: Mapping[Region, Mapping[str, int]] = _by_region(_load("people")["name_origins"])
