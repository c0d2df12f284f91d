"""The programme's figures, as DESIGN.md defines them, counted by the database.

- registered: consent given and not withdrawn (deleted stubs still count);
- matched: registered with at least one match in `hired`; match_rate = matched / registered;
- trained: distinct people with an enrolment `enrolled` or `completed` (dropped only: not
  trained); completed: those with a `completed` one. A person counts once however many
  courses: a seeker by their record, someone who is not a seeker by their phone (an
  enrolment without a phone is a person of its own), and someone enrolled by phone who
  registers later as the seeker with that phone;
- women_share, youth_share: shares of registered seekers (youth by the law's band,
  14-35, and by the UN's, 15-24, both configurable); trained_women_share and
  trained_youth_share (and trained_youth_un_share): the same shares of the people trained;
- MSMEs: employers of size micro, small or medium; supported with at least one hire,
  reached with at least one vacancy.
Every figure is also broken down by gender, age band, region, COVID status and disability.

A `Scope` narrows everything: to some regions (a region-limited user, or a filter) and
to a period. The period selects people by when they joined: seekers by registration,
trained people by enrolment (only the enrolments begun in it count, for `completed`
too), MSMEs by their hire or vacancy; weekly series count what happened in each week of
it. Every count is a GROUP BY in the database.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    distinct,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from models import Employer, Enrolment, Match, MatchEvent, Seeker, Vacancy
from models.enums import EmployerSize, EnrolmentStatus, Gender, MatchStatus, Region
from models.match import FUNNEL_STAGES

FUNNEL = FUNNEL_STAGES
# Upper ends of the age bands after the youth band; the last band is open-ended.
BAND_EDGES = (35, 45, 55)
DIMENSIONS = ("gender", "age_band", "region", "covid", "disability")
MSME_SIZES = (EmployerSize.MICRO, EmployerSize.SMALL, EmployerSize.MEDIUM)

# The programme's targets (DESIGN.md): what each dashboard card is measured against.
TARGETS: dict[str, float] = {
    "registered": 3000,
    "match_rate": 0.10,
    "trained": 1000,
    "women_share": 0.40,
    "msme_supported": 4,
    "msme_reached": 50,
}


@dataclass(frozen=True)
class Scope:
    """Whose figures: some regions (None: all) and a period of days (inclusive)."""

    regions: frozenset[Region] | None = None
    since: date | None = None
    until: date | None = None

    def narrowed(self, regions: Collection[Region] | None) -> Scope:
        """Return this scope limited further to `regions` (a user's), when there are any."""
        if not regions:
            return self
        allowed = frozenset(regions)
        chosen = allowed if self.regions is None else self.regions & allowed
        return Scope(regions=chosen, since=self.since, until=self.until)

    def period(self, column: Any) -> list[ColumnElement[bool]]:
        """Conditions that put a UTC timestamp `column` inside the period."""
        conditions = []
        if self.since is not None:
            conditions.append(column >= datetime.combine(self.since, time.min, UTC))
        if self.until is not None and self.until < date.max:  # date.max: no end at all
            end = datetime.combine(self.until + timedelta(days=1), time.min, UTC)
            conditions.append(column < end)
        return conditions

    def in_regions(self, column: Any) -> list[ColumnElement[bool]]:
        """Conditions that put a region `column` inside the scope's regions."""
        return [] if self.regions is None else [column.in_(sorted(self.regions))]


@dataclass(frozen=True)
class YouthBands:
    """Youth by Kyrgyz law (Law No. 157 of 2023) and by the UN, inclusive ages."""

    law_min: int = 14
    law_max: int = 35
    un_min: int = 15
    un_max: int = 24

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> YouthBands:
        """Read the bands from the settings (YOUTH_AGE_*, UN_YOUTH_AGE_*)."""
        return cls(
            law_min=int(config["YOUTH_AGE_MIN"]),
            law_max=int(config["YOUTH_AGE_MAX"]),
            un_min=int(config["UN_YOUTH_AGE_MIN"]),
            un_max=int(config["UN_YOUTH_AGE_MAX"]),
        )


@dataclass
class Figures:
    """The dashboard's cards for one group of people."""

    registered: int = 0
    matched: int = 0
    trained: int = 0
    completed: int = 0
    women: int = 0
    youth: int = 0
    youth_un: int = 0
    # The same groups among the people trained (the shares' numerators).
    trained_women: int = 0
    trained_youth: int = 0
    trained_youth_un: int = 0
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
            "youth_un_share": _share(self.youth_un, self.registered),
            "trained_women_share": _share(self.trained_women, self.trained),
            "trained_youth_share": _share(self.trained_youth, self.trained),
            "trained_youth_un_share": _share(self.trained_youth_un, self.trained),
            "found_work_elsewhere": self.found_work_elsewhere,
        }


@dataclass
class Stats:
    """All figures: totals, the funnel, MSMEs and the breakdowns."""

    total: Figures
    funnel: dict[str, int]
    breakdown: dict[str, dict[str, Figures]] = field(default_factory=dict)
    # Seekers whose furthest stage so far is each one: where people drop out (or wait).
    furthest: dict[str, int] = field(default_factory=dict)
    msme_supported: int = 0
    msme_reached: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as the API and the dashboard show them."""
        return {
            **self.total.as_dict(),
            "msme_supported": self.msme_supported,
            "msme_reached": self.msme_reached,
            "funnel": self.funnel,
            "furthest_stage": self.furthest,
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


def age_band_of(birth_year: Any, year: int, bands: Sequence[tuple[str, Any, Any]]) -> Any:
    """Return the SQL expression naming the age band of a birth-year column in `year`."""
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


def compute_stats(
    *,
    session: Session,
    year: int,
    youth: YouthBands = YouthBands(),
    scope: Scope = Scope(),
) -> Stats:
    """Count every figure with GROUP BY queries; `year` is the year ages are counted in."""
    bands = age_bands(youth.law_min, youth.law_max)
    youth_label = bands[1][0]
    age = literal(year) - Seeker.birth_year
    un_youth = and_(age >= youth.un_min, age <= youth.un_max)
    seekers_in_scope = [
        _registered(),
        *scope.in_regions(Seeker.region),
        *scope.period(Seeker.created_at),
    ]

    # Seekers: one grouped query over all five dimensions at once (a cube of at most a
    # few hundred cells), then each dimension's groups are the sums of its cells. The
    # hired seekers are read once into a hash (IN), not probed once per seeker.
    hired = Seeker.id.in_(select(Match.seeker_id).where(Match.status == MatchStatus.HIRED))
    # The vacancy stays when a deletion blanks the words, so the figure never goes back.
    elsewhere = and_(Seeker.found_work_at.is_not(None), Seeker.found_work_vacancy_id.is_(None))
    seeker_band = age_band_of(Seeker.birth_year, year, bands)
    seeker_cells = (
        Seeker.gender,
        seeker_band,
        Seeker.region,
        case((Seeker.lost_job_due_to_covid, "affected"), else_="not_affected"),
        case((Seeker.disability, "with_disability"), else_="without_disability"),
    )
    result: dict[str, dict[str, Figures]] = {dim: {} for dim in ("total", *DIMENSIONS)}
    rows = session.execute(
        _grouped(
            seeker_cells,
            func.count(),
            func.sum(case((hired, 1), else_=0)),
            func.sum(case((Seeker.gender == Gender.FEMALE, 1), else_=0)),
            func.sum(case((seeker_band == youth_label, 1), else_=0)),
            func.sum(case((un_youth, 1), else_=0)),
            func.sum(case((elsewhere, 1), else_=0)),
        ).where(*seekers_in_scope)
    )
    for row in rows:
        registered, matched, women, young, young_un, found = (int(v or 0) for v in row[5:])
        for figures in _cells(result, row[:5]):
            figures.registered += registered
            figures.matched += matched
            figures.women += women
            figures.youth += young
            figures.youth_un += young_un
            figures.found_work_elsewhere += found

    for row in session.execute(_trained_people(year=year, youth=youth, scope=scope)):
        trained, completed, women, young, young_un = (int(v or 0) for v in row[5:])
        for figures in _cells(result, row[:5]):
            figures.trained += trained
            figures.completed += completed
            figures.trained_women += women
            figures.trained_youth += young
            figures.trained_youth_un += young_un

    # The funnel: registered seekers who ever reached each stage, and the furthest stage
    # each reached so far, from the stages every match keeps (one row per seeker inside,
    # at most sixteen combinations outside).
    per_seeker = (
        select(
            *(
                func.max(case((getattr(Match, f"reached_{stage.value}"), 1), else_=0)).label(
                    stage.value
                )
                for stage in FUNNEL
            )
        )
        .select_from(Match)
        .join(Seeker, Seeker.id == Match.seeker_id)
        .where(*seekers_in_scope)
        .group_by(Match.seeker_id)
        .subquery()
    )
    flags = [per_seeker.c[stage.value] for stage in FUNNEL]
    funnel = {stage.value: 0 for stage in FUNNEL}
    furthest = {stage.value: 0 for stage in FUNNEL}
    for *reached, count in session.execute(select(*flags, func.count()).group_by(*flags)):
        stages = [stage.value for stage, hit in zip(FUNNEL, reached, strict=True) if hit]
        for stage in stages:
            funnel[stage] += int(count)
        if stages:
            furthest[stages[-1]] += int(count)
    supported, reached_msmes = _msmes(session, scope)

    total = result.pop("total").get("all", Figures())
    # Show every known group, even empty ones, so the dashboard's tables keep their rows.
    # Each with an explicit "unknown" (people trained who are not seekers, say).
    known = {
        "gender": [g.value for g in Gender] + ["unknown"],
        "age_band": [label for label, _, _ in bands] + ["unknown"],
        "region": [r.value for r in Region] + ["unknown"],
        "covid": ["affected", "not_affected", "unknown"],
        "disability": ["with_disability", "without_disability", "unknown"],
    }
    breakdown: dict[str, dict[str, Figures]] = {}
    for dim in DIMENSIONS:
        groups = {name: result[dim].get(name, Figures()) for name in known[dim]}
        groups.update({k: v for k, v in result[dim].items() if k not in groups})
        breakdown[dim] = groups
    return Stats(
        total=total,
        funnel=funnel,
        breakdown=breakdown,
        furthest=furthest,
        msme_supported=supported,
        msme_reached=reached_msmes,
    )


def _trained_people(*, year: int, youth: YouthBands, scope: Scope) -> Any:
    """Count people trained (and completed, women, youth) per cube cell, once each.

    A person is a seeker (their id; someone enrolled by phone who registered later is
    that seeker), else someone known by their phone, else the one enrolment. Each person
    is described once: a seeker by their record; anyone else by their latest enrolment
    that counts (its gender, birth year and region; COVID status and disability are not
    asked of them, so "unknown"). The region filter then applies
    to that one description, so that a person is never in two regions at once.
    """
    # Someone enrolled before they registered is, from then on, that seeker: their phone
    # is the seeker's (enrolling a seeker's phone as a non-seeker is refused).
    registered_later = (
        select(func.min(Seeker.id))
        .where(or_(Seeker.phone == Enrolment.phone, Seeker.login_phone == Enrolment.phone))
        .correlate(Enrolment)
        .scalar_subquery()
    )
    seeker_id = func.coalesce(
        Enrolment.seeker_id, case((Enrolment.phone.is_not(None), registered_later))
    )
    no_seeker = seeker_id.is_(None)
    person = (
        seeker_id,
        case((no_seeker, Enrolment.phone)),
        case((and_(no_seeker, Enrolment.phone.is_(None)), Enrolment.id)),
    )
    described = (
        func.coalesce(Seeker.gender, Enrolment.gender).label("gender"),
        func.coalesce(Seeker.birth_year, Enrolment.birth_year).label("birth_year"),
        func.coalesce(Seeker.region, Enrolment.region).label("region"),
        case(
            (Seeker.id.is_(None), "unknown"),
            (Seeker.lost_job_due_to_covid, "affected"),
            else_="not_affected",
        ).label("covid"),
        case(
            (Seeker.id.is_(None), "unknown"),
            (Seeker.disability, "with_disability"),
            else_="without_disability",
        ).label("disability"),
    )
    done = case((Enrolment.status == EnrolmentStatus.COMPLETED, 1), else_=0)
    # One row per enrolment that counts, each knowing whether it is its person's latest
    # and whether its person completed any of them (window functions: one pass, no join).
    enrolments = (
        select(
            *described,
            func.row_number()
            .over(partition_by=person, order_by=(Enrolment.enrolled_at.desc(), Enrolment.id.desc()))
            .label("nth"),
            func.max(done).over(partition_by=person).label("done"),
        )
        .select_from(Enrolment)
        .outerjoin(Seeker, Seeker.id == seeker_id)
        .where(
            Enrolment.status.in_((EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)),
            *scope.period(Enrolment.enrolled_at),
        )
        .subquery("enrolments_counted")
    )
    people = enrolments.c
    bands = age_bands(youth.law_min, youth.law_max)
    band = age_band_of(people.birth_year, year, bands)
    age = literal(year) - people.birth_year
    return _grouped(
        (people.gender, band, people.region, people.covid, people.disability),
        func.count(),
        func.sum(people.done),
        func.sum(case((people.gender == Gender.FEMALE, 1), else_=0)),
        func.sum(case((band == bands[1][0], 1), else_=0)),
        func.sum(case((and_(age >= youth.un_min, age <= youth.un_max), 1), else_=0)),
    ).where(people.nth == 1, *scope.in_regions(people.region))


def _msmes(session: Session, scope: Scope) -> tuple[int, int]:
    """Count MSMEs with a hire (supported) and with a vacancy (reached) in the scope."""
    msme = [Employer.size.in_(MSME_SIZES), *scope.in_regions(Employer.region)]
    hires = (
        select(func.count(distinct(Vacancy.employer_id)))
        .select_from(Match)
        .join(Vacancy, Vacancy.id == Match.vacancy_id)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(Match.reached_hired.is_(True), *msme)
    )
    if scope.since is not None or scope.until is not None:
        hired_then = select(MatchEvent.match_id).where(
            MatchEvent.to_status == MatchStatus.HIRED, *scope.period(MatchEvent.at)
        )
        hires = hires.where(Match.id.in_(hired_then))
    vacancies = (
        select(func.count(distinct(Vacancy.employer_id)))
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(*msme, *scope.period(Vacancy.created_at))
    )
    return int(session.scalar(hires) or 0), int(session.scalar(vacancies) or 0)


# Five years of weeks: a longer period is still counted, but charted for its end only.
LONGEST_SERIES = 5 * 52


@dataclass(frozen=True)
class Week:
    """One week of the period (starting on Monday): seekers registered and hires made."""

    starts: date
    registrations: int
    hires: int


def weekly(*, session: Session, scope: Scope, today: date, weeks: int = 52) -> list[Week]:
    """Count registrations and hires per week, Monday to Sunday, oldest first.

    Without a start date the series begins with the week of the first registration in
    scope, and covers at most the last `weeks` weeks. It never runs past today, and never
    longer than LONGEST_SERIES weeks, whatever dates are asked for.
    """
    last = min(scope.until or today, today)
    first = scope.since
    if first is None:
        earliest = session.scalar(
            select(func.min(Seeker.created_at)).where(
                _registered(), *scope.in_regions(Seeker.region)
            )
        )
        oldest = last - timedelta(weeks=weeks - 1)
        first = max(oldest, earliest.date()) if earliest else last
    first = max(first, last - timedelta(weeks=LONGEST_SERIES - 1))
    first -= timedelta(days=first.weekday())
    bounded = Scope(regions=scope.regions, since=first, until=last)
    registered = select(Seeker.created_at).where(
        _registered(), *bounded.in_regions(Seeker.region), *bounded.period(Seeker.created_at)
    )
    hired = (
        select(MatchEvent.at)
        .join(Match, Match.id == MatchEvent.match_id)
        .join(Seeker, Seeker.id == Match.seeker_id)
        .where(
            _registered(),
            MatchEvent.to_status == MatchStatus.HIRED,
            *bounded.in_regions(Seeker.region),
            *bounded.period(MatchEvent.at),
        )
    )
    counts: dict[date, list[int]] = {}
    monday = first
    while monday <= last:
        counts[monday] = [0, 0]
        monday += timedelta(days=7)
    for position, query in enumerate((registered, hired)):
        for day, count in _per_day(session, query):
            start = day - timedelta(days=day.weekday())
            if start in counts:
                counts[start][position] += count
    return [Week(starts, regs, hires) for starts, (regs, hires) in counts.items()]


def _per_day(session: Session, query: Any) -> list[tuple[date, int]]:
    # Grouped by calendar day in the database (at most a few hundred rows come back);
    # the days are folded into weeks here, because SQLite and PostgreSQL name weeks
    # differently.
    moment = query.subquery().c[0]
    if session.get_bind().dialect.name == "postgresql":
        # timestamptz: the calendar day in UTC, whatever the connection's time zone.
        moment = func.timezone("UTC", moment)
    day = func.date(moment).label("day")
    rows = session.execute(select(day, func.count()).group_by(literal_column("day")))
    result = []
    for value, count in rows:
        parsed = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        result.append((parsed, int(count)))
    return result


CUBE = ("c_gender", "c_age_band", "c_region", "c_covid", "c_disability")


def _grouped(cells: Sequence[Any], *measures: Any) -> Any:
    """Select the five dimensions and the measures, grouped by the dimensions."""
    # Grouped by the output aliases: the band's CASE holds bound parameters, and
    # PostgreSQL would not see the SELECT's and the GROUP BY's copies as the same.
    labelled = [cell.label(name) for cell, name in zip(cells, CUBE, strict=True)]
    return select(*labelled, *measures).group_by(*(literal_column(name) for name in CUBE))


def _cells(result: dict[str, dict[str, Figures]], keys: Sequence[Any]) -> list[Figures]:
    """Return the figures one cube cell adds to: the total and one group per dimension."""
    found = [result["total"].setdefault("all", Figures())]
    for dim, key in zip(DIMENSIONS, keys, strict=True):
        found.append(result[dim].setdefault(_key(key), Figures()))
    return found


def _key(value: Any) -> str:
    return "unknown" if value is None else str(getattr(value, "value", value))
