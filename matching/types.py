"""Plain data that goes in and out of the matcher: no database rows, no UI strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SeekerProfile:
    """What a seeker wants and can do.

    Gender, birth year, disability and COVID status are deliberately absent: they are
    kept for reporting and must never be inputs to the score.
    """

    id: str
    desired_position: str = ""
    skills: tuple[str, ...] = ()
    experience: str = ""
    region: str = ""
    # Where they are willing to work: "own_region", "neighbouring", "anywhere", or "" when
    # not said; `seasonal`: also seasonal work away from home (a summer at Issyk-Kul).
    work_area: str = ""
    seasonal: bool = False
    employment_types: tuple[str, ...] = ()
    salary_expectation: int | None = None
    languages: tuple[str, ...] = ()
    preferred_language: str = "ru"


@dataclass(frozen=True)
class VacancyDoc:
    """An open vacancy as the matcher sees it."""

    id: str
    title: str = ""
    description: str = ""
    skills: tuple[str, ...] = ()
    region: str = ""
    remote: bool = False
    employment_type: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    languages: tuple[str, ...] = ()
    valid_through: date | None = None


@dataclass(frozen=True)
class Reason:
    """One language-neutral reason for a ranking; the service renders it.

    kind: "occupation", "shared_skills", "shared_terms", "region", "remote", "salary",
    "employment_type" or "languages"; terms: the words involved; value: a number or
    code when the kind needs one (the ISCO code, the salary, the region code).
    """

    kind: str
    terms: tuple[str, ...] = ()
    value: str | int | float | None = None


@dataclass(frozen=True)
class RankedItem:
    """One ranked vacancy or seeker with its score, raw signals and reasons."""

    id: str
    score: float
    signals: dict[str, float] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Ranking:
    """A ranking, best first; empty with `missing` set when the profile says too little."""

    items: tuple[RankedItem, ...] = ()
    missing: tuple[str, ...] = ()
