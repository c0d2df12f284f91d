"""Vacancies anyone may read, without signing in: search them and show one.

Only open vacancies of active employers are listed; no personal data ever appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.ranker import missing_fields
from matching.types import SeekerProfile
from models import Employer, Vacancy
from models.enums import EmployerStatus, Region
from service.usecases.errors import NotFound
from service.usecases.indexing import LiveIndex, open_vacancies, open_vacancy_ids

PER_PAGE = 10
# Ranked search looks this deep; later pages of a word search end there.
MAX_RANKED = 200


@dataclass(frozen=True)
class PublicVacancy:
    """A vacancy as the public sees it: the vacancy, its employer's name, whether open."""

    vacancy: Vacancy
    employer_name: str
    is_open: bool


@dataclass(frozen=True)
class SearchPage:
    """One page of results; `ranked` says whether the words ordered them."""

    items: list[PublicVacancy]
    page: int
    has_next: bool
    ranked: bool


def search_vacancies(
    *,
    session: Session,
    matcher: LiveIndex,
    words: str,
    region: Region | None,
    page: int,
    today: date,
) -> SearchPage:
    """Find open vacancies by words (ranked by the matcher, in any of the languages) and
    region; without meaningful words, list the newest first."""
    page = max(1, min(page, MAX_RANKED // PER_PAGE))
    start, stop = (page - 1) * PER_PAGE, page * PER_PAGE
    listed = open_vacancies(today, Vacancy, Employer.name)
    if region is not None:
        listed = listed.where(Vacancy.region == region)
    query = SeekerProfile(id="search", desired_position=words.strip()[:200], region=region or "")
    if words.strip() and not missing_fields(query):
        matcher.sync(session, today)
        ranking = matcher.rank_vacancies(query, MAX_RANKED, today=today)
        ranked_ids = [int(item.id) for item in ranking.items]
        # The database has the last word on what is open (and in the region).
        found = {
            v.id: PublicVacancy(v, name, True)
            for v, name in session.execute(listed.where(Vacancy.id.in_(ranked_ids)))
        }
        items = [found[i] for i in ranked_ids if i in found]
        return SearchPage(items[start:stop], page, len(items) > stop, True)
    newest = session.execute(
        listed.order_by(Vacancy.created_at.desc(), Vacancy.id.desc())
        .offset(start)
        .limit(PER_PAGE + 1)
    ).all()
    items = [PublicVacancy(v, name, True) for v, name in newest]
    return SearchPage(items[:PER_PAGE], page, len(items) > PER_PAGE, False)


def public_vacancy(*, session: Session, vacancy_id: int, today: date) -> PublicVacancy:
    """Return one vacancy for its public page; a closed one is shown as closed.

    A suspended employer's vacancies are not found.
    """
    row = session.execute(
        select(Vacancy, Employer).join(Employer).where(Vacancy.id == vacancy_id)
    ).first()
    if row is None or row.Employer.status is not EmployerStatus.ACTIVE:
        raise NotFound()
    is_open = bool(open_vacancy_ids(session, today, [vacancy_id]))
    return PublicVacancy(row.Vacancy, row.Employer.name, is_open)
