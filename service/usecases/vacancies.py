"""Use-cases for vacancies: post (or update by external_id), list, change, close, delete."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Employer, Match, MatchEvent, Seeker, Vacancy
from models.enums import EntityKind, MatchStatus, Region, VacancyStatus
from service.usecases.changes import record_changes
from service.usecases.clock import utcnow
from service.usecases.contact_views import record_contact_shown
from service.usecases.errors import Conflict, Gone, InvalidInput, NotFound
from service.usecases.indexing import LiveIndex
from service.usecases.languages import spoken_languages
from service.usecases.messages import msg
from service.usecases.recommendations import Ranked, RankedItem, recommend_candidates


@dataclass(frozen=True)
class Page:
    """One page of a cursor-paginated list."""

    items: list[Any]
    next_cursor: str | None


def close_expired_vacancies(*, session: Session, today: date) -> int:
    """Close open vacancies whose valid_through has passed; return how many."""
    ids = list(
        session.scalars(
            select(Vacancy.id).where(
                Vacancy.status == VacancyStatus.OPEN, Vacancy.valid_through < today
            )
        )
    )
    if not ids:
        return 0
    session.execute(
        update(Vacancy)
        .where(Vacancy.id.in_(ids), Vacancy.status == VacancyStatus.OPEN)
        .values(status=VacancyStatus.CLOSED, closed_at=utcnow(), updated_at=utcnow()),
        execution_options={"synchronize_session": "fetch"},
    )
    # A bulk UPDATE bypasses the ORM listener: tell the matcher's other processes.
    record_changes(session, EntityKind.VACANCY, ids)
    session.commit()
    return len(ids)


def _apply(vacancy: Vacancy, fields: dict[str, Any], today: date) -> None:
    # Check the result of the change before touching the row, so a refusal leaves it as it was.
    def after(name: str) -> Any:
        return fields[name] if name in fields else getattr(vacancy, name)

    low, high = after("salary_min"), after("salary_max")
    if low is not None and high is not None and low > high:
        raise InvalidInput(
            errors={"salary_max": [msg("The maximum salary must not be below the minimum.")]}
        )
    valid_through, status = after("valid_through"), after("status")
    # Reopening, extending or posting an already expired vacancy is refused; an edit of
    # an old vacancy's text is not.
    touches_dates = vacancy.id is None or "status" in fields or "valid_through" in fields
    expired = valid_through is not None and valid_through < today
    if status is VacancyStatus.OPEN and expired and touches_dates:
        raise InvalidInput(
            errors={"valid_through": [msg("An open vacancy must be valid through today or later.")]}
        )
    if "languages" in fields:
        fields = {**fields, "languages": spoken_languages(fields["languages"] or [])}
    for name, value in fields.items():
        setattr(vacancy, name, value)
    if vacancy.status is VacancyStatus.CLOSED and vacancy.closed_at is None:
        vacancy.closed_at = utcnow()
    elif vacancy.status is VacancyStatus.OPEN:
        vacancy.closed_at = None


def _commit_unique(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(msg("Another of your vacancies already has this external_id.")) from None


def post_vacancy(
    *, session: Session, employer: Employer, fields: dict[str, Any], today: date
) -> tuple[Vacancy, bool]:
    """Create a vacancy, or update the one with the same external_id; return (it, created)."""
    vacancy = None
    if fields.get("external_id"):
        vacancy = session.scalar(
            select(Vacancy).where(
                Vacancy.employer_id == employer.id, Vacancy.external_id == fields["external_id"]
            )
        )
    created = vacancy is None
    if vacancy is None:
        vacancy = Vacancy(employer_id=employer.id, status=VacancyStatus.OPEN)
        _apply(vacancy, fields, today)
        session.add(vacancy)
    else:
        _apply(vacancy, fields, today)
    _commit_unique(session)
    return vacancy, created


def get_vacancy(*, session: Session, employer: Employer, vacancy_id: int, today: date) -> Vacancy:
    """Return one of the employer's vacancies; another employer's is not found."""
    close_expired_vacancies(session=session, today=today)
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.employer_id != employer.id:
        raise NotFound()
    return vacancy


# Ids are 32-bit in the schema; a larger cursor cannot point anywhere real.
MAX_ID = 2_147_483_647


def encode_cursor(last_id: int) -> str:
    """Make an opaque cursor that points after `last_id`."""
    return base64.urlsafe_b64encode(f"v1:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """Read a cursor made by `encode_cursor`; refuse anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _, number = raw.partition(":")
        if version != "v1" or not number.isdigit() or len(number) > 10:
            raise ValueError(cursor)
        if int(number) > MAX_ID:
            raise ValueError(cursor)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput(errors={"cursor": [msg("This cursor is not valid.")]}) from None


def list_vacancies(
    *,
    session: Session,
    employer: Employer,
    today: date,
    limit: int,
    cursor: str | None = None,
    status: VacancyStatus | None = None,
    region: Region | None = None,
) -> Page:
    """Return a page of the employer's vacancies, oldest first, after expired ones close."""
    close_expired_vacancies(session=session, today=today)
    query = select(Vacancy).where(Vacancy.employer_id == employer.id)
    if cursor:
        query = query.where(Vacancy.id > decode_cursor(cursor))
    if status is not None:
        query = query.where(Vacancy.status == status)
    if region is not None:
        query = query.where(Vacancy.region == region)
    rows = list(session.scalars(query.order_by(Vacancy.id).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_cursor(rows[-1].id) if more else None)


def update_vacancy(
    *,
    session: Session,
    employer: Employer,
    vacancy_id: int,
    fields: dict[str, Any],
    today: date,
) -> Vacancy:
    """Change some fields of one of the employer's vacancies (status closed closes it)."""
    vacancy = get_vacancy(session=session, employer=employer, vacancy_id=vacancy_id, today=today)
    _apply(vacancy, fields, today)
    _commit_unique(session)
    return vacancy


def delete_vacancy(*, session: Session, employer: Employer, vacancy_id: int, today: date) -> None:
    """Delete a vacancy nobody acted on; one with matches is kept for the statistics."""
    vacancy = get_vacancy(session=session, employer=employer, vacancy_id=vacancy_id, today=today)
    if session.scalar(select(Match.id).where(Match.vacancy_id == vacancy.id).limit(1)):
        raise Conflict(
            msg("This vacancy has matches, so it is kept for the statistics. Close it instead.")
        )
    session.delete(vacancy)
    session.commit()


def check_still_there(*, session: Session, employer: Employer, ids: list[int]) -> None:
    """Refuse to hand out again the ids of vacancies deleted since an answer named them.

    A retry (same Idempotency-Key) gets its first answer back; when that answer's vacancy
    was deleted in between, giving its id as if it existed would send the client to a
    record that is not there, and creating it again would undo a deletion someone chose.
    """
    if not ids:
        return
    present = set(
        session.scalars(
            select(Vacancy.id).where(Vacancy.id.in_(ids), Vacancy.employer_id == employer.id)
        )
    )
    gone = [vacancy_id for vacancy_id in ids if vacancy_id not in present]
    if gone:
        raise Gone(
            msg(
                "The vacancy this request created or changed has been deleted since "
                "(%(ids)s). To post it again, send the request with a new Idempotency-Key.",
                ids=", ".join(str(vacancy_id) for vacancy_id in gone),
            )
        )


@dataclass(frozen=True, kw_only=True)
class Candidate(RankedItem):
    """A ranked seeker as an employer may see them: contact details only when allowed."""

    seeker: Any
    contact_visible: bool
    match_id: int | None
    match_status: str | None

    def __getattr__(self, name: str) -> Any:
        # Profile fields come from the seeker; contact fields only when visible.
        if name in CONTACT_FIELDS:
            return getattr(self.seeker, name) if self.contact_visible else None
        return getattr(self.seeker, name)


CONTACT_FIELDS = frozenset({"full_name", "phone", "email"})


def rank_candidates(
    *,
    session: Session,
    matcher: LiveIndex,
    employer: Employer,
    vacancy_id: int,
    limit: int,
    lang: str,
    today: date,
) -> Ranked[Candidate]:
    """Rank visible seekers for one of the employer's vacancies, with explanations.

    Names, phones and emails are shown only for seekers who applied to this vacancy or
    agreed to be contacted.
    """
    vacancy = get_vacancy(session=session, employer=employer, vacancy_id=vacancy_id, today=today)
    ranked = recommend_candidates(
        session=session, matcher=matcher, vacancy=vacancy, limit=limit, lang=lang, today=today
    )
    ids = [item.id for item in ranked.items]
    seekers = {s.id: s for s in session.scalars(select(Seeker).where(Seeker.id.in_(ids)))}
    matches = {
        m.seeker_id: m
        for m in session.scalars(
            select(Match).where(Match.vacancy_id == vacancy.id, Match.seeker_id.in_(ids))
        )
    }
    applied = set(
        session.scalars(
            select(Match.seeker_id)
            .join(MatchEvent, MatchEvent.match_id == Match.id)
            .where(
                Match.vacancy_id == vacancy.id,
                Match.seeker_id.in_(ids),
                MatchEvent.to_status == MatchStatus.APPLIED,
            )
        )
    )
    items = []
    for item in ranked.items:
        seeker = seekers.get(item.id)
        if seeker is None:  # deleted since the index last synced
            continue
        match = matches.get(seeker.id)
        contact_visible = seeker.contactable or seeker.id in applied
        if contact_visible:
            # The seeker sees on their own pages which employer saw their contact, when.
            record_contact_shown(session, employer=employer, vacancy_id=vacancy.id, seeker=seeker)
        items.append(
            Candidate(
                id=item.id,
                score=item.score,
                reasons=item.reasons,
                seeker=seeker,
                contact_visible=contact_visible,
                match_id=match.id if match else None,
                match_status=match.status.value if match else None,
            )
        )
    session.commit()
    return Ranked(items=items, missing=ranked.missing, lang=ranked.lang, audience=ranked.audience)
