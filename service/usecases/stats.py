"""The programme's figures, as DESIGN.md defines them, counted by the database.

- registered: consent given and not withdrawn (deleted stubs still count);
- matched: registered with at least one match in `hired`; match_rate = matched / registered;
- trained: distinct people with an enrolment `enrolled` or `completed`; completed: those
  with a `completed` one (people who are not seekers count once per enrolment);
- women_share, youth_share: shares of registered seekers (youth by the configured band).
Every figure is also broken down by gender, age band, region, COVID status and disability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    distinct,
    exists,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.orm import Session

from models import Enrolment, Match, MatchEvent, Seeker
from models.enums import EnrolmentStatus, Gender, MatchStatus, Region

FUNNEL = (MatchStatus.APPLIED, MatchStatus.CONTACTED, MatchStatus.INTERVIEW, MatchStatus.HIRED)
# Upper ends of the age bands after the youth band; the last band is open-ended.
BAND_EDGES = (35, 45, 55)
DIMENSIONS = ("gender", "age_band", "region", "covid", "disability")


@dataclass
class Figures:
    """The dashboard's cards for one group of people."""

    registered: int = 0
    matched: int = 0
    trained: int = 0
    completed: int = 0
    women: int = 0
    youth: int = 0
    # Seekers who say they found work outside Jumush: shown apart from `matched`.
    found_work_elsewhere: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return the figures under the dashboard's names, shares as fractions (or null)."""
        return {
            "registered": self.registered,
            "matched": self.matched,
            "match_rate": _share(self.matched, self.registered),
            "trained": self.trained,
            "completed": self.completed,
            "women_share": _share(self.women, self.registered),
            "youth_share": _share(self.youth, self.registered),
            "found_work_elsewhere": self.found_work_elsewhere,
        }


@dataclass
class Stats:
    """All figures: totals, the funnel and the breakdowns."""

    total: Figures
    funnel: dict[str, int]
    breakdown: dict[str, dict[str, Figures]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as the API and the dashboard show them."""
        return {
            **self.total.as_dict(),
            "funnel": self.funnel,
            "breakdown": {
                dim: {group: figures.as_dict() for group, figures in groups.items()}
                for dim, groups in self.breakdown.items()
            },
        }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def age_bands(youth_min: int, youth_max: int) -> list[tuple[str, int | None, int | None]]:
    """Return (label, lowest age, highest age) of every band, the youth band first."""
    bands: list[tuple[str, int | None, int | None]] = [
        (f"under_{youth_min}", None, youth_min - 1),
        (f"{youth_min}-{youth_max}", youth_min, youth_max),
    ]
    low = youth_max + 1
    for edge in BAND_EDGES:
        if edge >= low:
            bands.append((f"{low}-{edge}", low, edge))
            low = edge + 1
    bands.append((f"{low}+", low, None))
    return bands


def _age_band(birth_year: Any, year: int, bands: Sequence[tuple[str, Any, Any]]) -> Any:
    age = literal(year) - birth_year
    whens = []
    for label, low, high in bands:
        conditions = []
        if low is not None:
            conditions.append(age >= low)
        if high is not None:
            conditions.append(age <= high)
        whens.append((and_(*conditions), label))
    return case((birth_year.is_(None), "unknown"), *whens, else_="unknown")


def _registered() -> ColumnElement[bool]:
    return and_(Seeker.consent.is_(True), Seeker.withdrawn_at.is_(None))


def compute_stats(*, session: Session, year: int, youth_min: int, youth_max: int) -> Stats:
    """Count every figure with GROUP BY queries; `year` is the year ages are counted in."""
    bands = age_bands(youth_min, youth_max)
    youth_label = bands[1][0]

    # Seekers: one grouped query per dimension.
    hired = exists().where(Match.seeker_id == Seeker.id, Match.status == MatchStatus.HIRED)
    # The vacancy stays when a deletion blanks the words, so the figure never goes back.
    elsewhere = and_(Seeker.found_work_at.is_not(None), Seeker.found_work_vacancy_id.is_(None))
    seeker_dims: dict[str, Any] = {
        "total": literal("all"),
        "gender": Seeker.gender,
        "age_band": _age_band(Seeker.birth_year, year, bands),
        "region": Seeker.region,
        "covid": case((Seeker.lost_job_due_to_covid, "affected"), else_="not_affected"),
        "disability": case((Seeker.disability, "with_disability"), else_="without_disability"),
    }
    seeker_band = seeker_dims["age_band"]
    result: dict[str, dict[str, Figures]] = {dim: {} for dim in seeker_dims}
    for dim, expression in seeker_dims.items():
        # Grouped by the output alias: the band's CASE holds bound parameters, and
        # PostgreSQL would not see the SELECT's and the GROUP BY's copies as the same.
        group = expression.label("grp")
        rows = session.execute(
            select(
                group,
                func.count(),
                func.sum(case((hired, 1), else_=0)),
                func.sum(case((Seeker.gender == Gender.FEMALE, 1), else_=0)),
                func.sum(case((seeker_band == youth_label, 1), else_=0)),
                func.sum(case((elsewhere, 1), else_=0)),
            )
            .where(_registered())
            .group_by(literal_column("grp"))
        )
        for key, registered, matched, women, youth, found in rows:
            figures = result[dim].setdefault(_key(key), Figures())
            figures.registered = registered
            figures.matched = int(matched or 0)
            figures.women = int(women or 0)
            figures.youth = int(youth or 0)
            figures.found_work_elsewhere = int(found or 0)

    # Trained people: enrolments, described by their seeker when there is one.
    gender = func.coalesce(Seeker.gender, Enrolment.gender)
    birth_year = func.coalesce(Seeker.birth_year, Enrolment.birth_year)
    person_dims: dict[str, Any] = {
        "total": literal("all"),
        "gender": gender,
        "age_band": _age_band(birth_year, year, bands),
        "region": func.coalesce(Seeker.region, Enrolment.region),
        "covid": case(
            (Seeker.id.is_(None), "unknown"),
            (Seeker.lost_job_due_to_covid, "affected"),
            else_="not_affected",
        ),
        "disability": case(
            (Seeker.id.is_(None), "unknown"),
            (Seeker.disability, "with_disability"),
            else_="without_disability",
        ),
    }
    for statuses, attribute in (
        ((EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED), "trained"),
        ((EnrolmentStatus.COMPLETED,), "completed"),
    ):
        for dim, expression in person_dims.items():
            group = expression.label("grp")
            # Seekers count once however many courses they take; others once per enrolment.
            people = func.count(distinct(Enrolment.seeker_id)) + func.sum(
                case((Enrolment.seeker_id.is_(None), 1), else_=0)
            )
            rows = session.execute(
                select(group, people)
                .select_from(Enrolment)
                .outerjoin(Seeker, Seeker.id == Enrolment.seeker_id)
                .where(Enrolment.status.in_(statuses))
                .group_by(literal_column("grp"))
            )
            for key, count in rows:
                figures = result[dim].setdefault(_key(key), Figures())
                setattr(figures, attribute, int(count or 0))

    # The funnel: registered seekers who ever reached each stage.
    reached = session.execute(
        select(MatchEvent.to_status, func.count(distinct(Match.seeker_id)))
        .join(Match, Match.id == MatchEvent.match_id)
        .join(Seeker, Seeker.id == Match.seeker_id)
        .where(_registered(), MatchEvent.to_status.in_(FUNNEL))
        .group_by(MatchEvent.to_status)
    )
    funnel = {status.value: 0 for status in FUNNEL}
    for status, count in reached:
        funnel[_key(status)] = count

    total = result.pop("total").get("all", Figures())
    # Show every known group, even empty ones, so the dashboard's tables keep their rows.
    known = {
        "gender": [g.value for g in Gender],
        "age_band": [label for label, _, _ in bands] + ["unknown"],
        "region": [r.value for r in Region],
        "covid": ["affected", "not_affected"],
        "disability": ["with_disability", "without_disability"],
    }
    breakdown: dict[str, dict[str, Figures]] = {}
    for dim in DIMENSIONS:
        groups = {name: result[dim].get(name, Figures()) for name in known[dim]}
        groups.update({k: v for k, v in result[dim].items() if k not in groups})
        breakdown[dim] = groups
    return Stats(total=total, funnel=funnel, breakdown=breakdown)


def _key(value: Any) -> str:
    return str(getattr(value, "value", value))
