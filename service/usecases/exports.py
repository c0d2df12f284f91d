"""Tables the staff take away: figures, anonymised matches, personal data, the audit trail.

Written as CSV or XLSX so that no cell can run as a formula on a staff computer: XLSX
through XlsxWriter with formulas off (text stays text), and CSV text cells that begin
with `=`, `+`, `-`, `@` (or a tab or carriage return, which some spreadsheets skip
before reading a formula) get a leading apostrophe, as OWASP recommends. Numbers stay
numbers. For tables that leave the programme, counts of 1 to 4 people are suppressed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import xlsxwriter
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import AuditEvent, Employer, Match, MatchEvent, Seeker, User, Vacancy
from models.enums import ActorKind, MatchStatus
from service.usecases import audit
from service.usecases.stats import (
    DIMENSIONS,
    Figures,
    Scope,
    Stats,
    YouthBands,
    age_band_of,
    age_bands,
)

# Counts below this describe so few people that they could be recognised.
SMALL_CELL = 5
SUPPRESSED = "<5"
# Hidden so that a suppressed cell cannot be found by subtraction from the total.
COMPLEMENT = "x"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A header and rows, ready to write as CSV or XLSX."""

    name: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


FIGURE_COLUMNS = (
    "registered",
    "matched",
    "match_rate",
    "trained",
    "completed",
    "women",
    "women_share",
    "youth",
    "youth_share",
    "youth_un",
    "youth_un_share",
    "found_work_elsewhere",
    # The women and youth among the people trained (added after the older columns, so
    # that a sheet reading columns by position still finds them where they were).
    "trained_women",
    "trained_women_share",
    "trained_youth",
    "trained_youth_share",
    "trained_youth_un",
    "trained_youth_un_share",
)
# Which count each share divides, so that a suppressed count takes its share with it.
SHARE_OF = {
    "match_rate": ("matched", "registered"),
    "women_share": ("women", "registered"),
    "youth_share": ("youth", "registered"),
    "youth_un_share": ("youth_un", "registered"),
    "trained_women_share": ("trained_women", "trained"),
    "trained_youth_share": ("trained_youth", "trained"),
    "trained_youth_un_share": ("trained_youth_un", "trained"),
}


COUNT_COLUMNS = tuple(column for column in FIGURE_COLUMNS if column not in SHARE_OF)


def _counts(figures: Figures) -> dict[str, int]:
    return {column: getattr(figures, column) for column in COUNT_COLUMNS}


def _figure_cells(figures: Figures, hidden: dict[str, str]) -> tuple[Cell, ...]:
    """One row's cells; `hidden` maps a count column to its mark when it is suppressed."""
    counts, shares = _counts(figures), figures.as_dict()
    cells: list[Cell] = []
    for column in FIGURE_COLUMNS:
        if column in SHARE_OF:
            part, whole = SHARE_OF[column]
            mark = hidden.get(part) or hidden.get(whole)  # a share would reveal its count
            cells.append(mark or shares[column])
        else:
            cells.append(hidden.get(column, counts[column]))
    return tuple(cells)


def _small(count: int) -> bool:
    return 0 < count < SMALL_CELL


def _suppressed(groups: dict[str, Figures]) -> dict[str, dict[str, str]]:
    """Mark the cells of one dimension's groups to hide, column by column.

    Primary: counts of 1 to 4 (`<5`). Secondary: when one group alone is hidden in a
    column, the total minus the others would give it away, so the next smallest
    non-zero count of that column is hidden too (`x`), as statistics offices do.
    """
    hidden: dict[str, dict[str, str]] = {group: {} for group in groups}
    for column in COUNT_COLUMNS:
        counts = {group: getattr(figures, column) for group, figures in groups.items()}
        small = [group for group, count in counts.items() if _small(count)]
        for group in small:
            hidden[group][column] = SUPPRESSED
        if len(small) == 1:
            others = [
                (count, group) for group, count in counts.items() if count and group not in small
            ]
            if others:
                hidden[min(others)[1]][column] = COMPLEMENT
    return hidden


def figures_table(stats: Stats, *, suppress: bool) -> Table:
    """Every figure overall and by each group, plus the funnel and MSMEs, one row each."""
    small_totals = {
        column: SUPPRESSED for column, count in _counts(stats.total).items() if _small(count)
    }
    total = _figure_cells(stats.total, small_totals if suppress else {})
    rows: list[tuple[Cell, ...]] = [("total", "all", *total)]
    for dimension in DIMENSIONS:
        groups = stats.breakdown.get(dimension, {})
        hidden = _suppressed(groups) if suppress else {}
        for group, figures in groups.items():
            rows.append((dimension, group, *_figure_cells(figures, hidden.get(group, {}))))
    blank = (None,) * (len(FIGURE_COLUMNS) - 1)
    for stage, count in stats.funnel.items():
        rows.append(("funnel", stage, _count(count, suppress), *blank))
    for name, count in (("supported", stats.msme_supported), ("reached", stats.msme_reached)):
        # Employers, not people: their counts are not personal data.
        rows.append(("msme", name, count, *blank))
    return Table("figures", ("dimension", "group", *FIGURE_COLUMNS), rows)


def _count(count: int, suppress: bool) -> Cell:
    return SUPPRESSED if suppress and _small(count) else count


def matches_table(*, session: Session, scope: Scope, year: int, youth: YouthBands) -> Table:
    """One row per match someone acted on, with no name, contact or id of anyone: who (in
    groups), which kind of employer and job, the status, and the weeks it began and
    ended in hiring (weeks, not days, so that a date cannot single a person out)."""
    bands = age_bands(youth.law_min, youth.law_max)
    hired_at = (
        select(MatchEvent.at)
        .where(MatchEvent.match_id == Match.id, MatchEvent.to_status == MatchStatus.HIRED)
        .correlate(Match)
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            Match.status,
            Match.created_at,
            hired_at,
            Seeker.gender,
            age_band_of(Seeker.birth_year, year, bands),
            Seeker.region,
            Seeker.lost_job_due_to_covid,
            Seeker.disability,
            Employer.size,
            Employer.region,
            Vacancy.employment_type,
        )
        .join(Seeker, Seeker.id == Match.seeker_id)
        .join(Vacancy, Vacancy.id == Match.vacancy_id)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(
            Seeker.consent.is_(True),
            Seeker.withdrawn_at.is_(None),
            Match.status != MatchStatus.SUGGESTED,  # the matcher's, nobody acted on it
            *scope.in_regions(Seeker.region),
            *scope.period(Match.created_at),
        )
        # In time order, but not in the order of the records' numbers.
        .order_by(Match.created_at, Match.id)
    )
    rows: list[tuple[Cell, ...]] = []
    for (
        status,
        created,
        hired,
        gender,
        band,
        region,
        covid,
        disab,
        size,
        e_region,
        kind,
    ) in session.execute(query):
        rows.append(
            (
                _value(status),
                _week(created),
                _week(hired) if hired else None,
                _value(gender),
                band,
                _value(region),
                "affected" if covid else "not_affected",
                "with_disability" if disab else "without_disability",
                _value(size),
                _value(e_region),
                _value(kind),
            )
        )
    header = (
        "status",
        "created_week",
        "hired_week",
        "gender",
        "age_band",
        "region",
        "covid",
        "disability",
        "employer_size",
        "employer_region",
        "employment_type",
    )
    return Table("matches", header, rows)


def _week(moment: datetime) -> str:
    day = moment.date()
    return (day - timedelta(days=day.weekday())).isoformat()


def _value(value: Any) -> Any:
    return getattr(value, "value", value)


SEEKER_COLUMNS = (
    "id",
    "full_name",
    "phone",
    "email",
    "gender",
    "birth_year",
    "region",
    "locality",
    "desired_position",
    "lost_job_due_to_covid",
    "disability",
    "registered_on",
)


def seekers_table(*, session: Session, scope: Scope, actor_id: int) -> Table:
    """Registered seekers with their contact details (admins only): the export is audited."""
    query = (
        select(Seeker)
        .where(
            Seeker.consent.is_(True),
            Seeker.withdrawn_at.is_(None),
            Seeker.deleted_at.is_(None),
            *scope.in_regions(Seeker.region),
            *scope.period(Seeker.created_at),
        )
        .order_by(Seeker.id)
    )
    rows: list[tuple[Cell, ...]] = []
    for seeker in session.scalars(query):
        rows.append(
            (
                seeker.id,
                seeker.full_name,
                seeker.phone,
                seeker.email,
                _value(seeker.gender),
                seeker.birth_year,
                _value(seeker.region),
                seeker.locality,
                seeker.desired_position,
                "yes" if seeker.lost_job_due_to_covid else "no",
                "yes" if seeker.disability else "no",
                seeker.created_at.date().isoformat(),
            )
        )
    audit.record(
        session,
        actor_kind=ActorKind.USER,
        actor_id=actor_id,
        action="seekers.exported",
        entity_kind="seeker",
        entity_id=None,
        detail={"rows": len(rows), "regions": sorted(scope.regions or [])},
    )
    session.commit()
    return Table("seekers", SEEKER_COLUMNS, rows)


AUDIT_COLUMNS = (
    "at",
    "actor_kind",
    "actor_id",
    "actor_email",
    "action",
    "entity_kind",
    "entity_id",
)


def audit_rows(
    *, session: Session, since: date | None, until: date | None, limit: int | None = None
) -> list[tuple[AuditEvent, str | None]]:
    """Return audit events of a period, newest first, with the e-mail of a user actor."""
    actor = aliased(User)
    period = Scope(since=since, until=until)
    query = (
        select(AuditEvent, actor.email)
        .outerjoin(
            actor, (AuditEvent.actor_kind == ActorKind.USER) & (actor.id == AuditEvent.actor_id)
        )
        .where(*period.period(AuditEvent.at))
        .order_by(AuditEvent.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return [(event, email) for event, email in session.execute(query)]


def audit_table(*, session: Session, since: date | None, until: date | None) -> Table:
    """The audit trail of a period as a table."""
    rows: list[tuple[Cell, ...]] = [
        (
            event.at.isoformat(timespec="seconds"),
            _value(event.actor_kind),
            event.actor_id,
            email,
            event.action,
            event.entity_kind,
            event.entity_id,
        )
        for event, email in audit_rows(session=session, since=since, until=until)
    ]
    return Table("audit", AUDIT_COLUMNS, rows)


def neutralise(cell: Cell) -> Cell:
    """Make a text cell that a spreadsheet would read as a formula plain text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_csv(table: Table) -> bytes:
    """Write a table as UTF-8 CSV (with a byte-order mark, so spreadsheets read Cyrillic)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(tuple(neutralise(cell) for cell in row) for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables: Iterable[Table]) -> bytes:
    """Write tables as sheets of one XLSX workbook, with every text cell kept as text."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    for table in tables:
        sheet = workbook.add_worksheet(table.name[:31])
        sheet.write_row(0, 0, table.header, bold)
        for number, row in enumerate(table.rows, start=1):
            for column, cell in enumerate(row):
                if isinstance(cell, str):
                    sheet.write_string(number, column, cell)
                elif cell is not None:
                    sheet.write_number(number, column, cell)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return out.getvalue()


def stamp(now: datetime) -> str:
    """Return the timestamp that names an export file."""
    return now.strftime("%Y%m%d-%H%M")
