"""Casework of programme users: partners follow the seekers they registered, staff look
seekers and employers up, apply on a seeker's behalf, record an outcome an employer
phoned in, and suspend an employer.

Who may open which record is `reach`'s to say (the API asks it too): admins and staff
the records of their regions (all when they have none), partners the seekers they
registered. Every opening of a person's record, and every change to it, is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from models import Employer, Match, Seeker, User, Vacancy
from models.enums import ActorKind, EmployerStatus, MatchStatus, UserRole
from service.usecases import audit
from service.usecases.applications import Application, list_applications
from service.usecases.clock import utcnow
from service.usecases.employers import set_employer_status
from service.usecases.errors import Forbidden, NotFound
from service.usecases.indexing import LiveIndex
from service.usecases.matches import change_match_status, create_match
from service.usecases.messages import msg
from service.usecases.reach import (
    employers_within_reach,
    seeker_within_reach,
    seekers_within_reach,
)
from service.usecases.seeker_accounts import note_activity, reissue_activation_code

LIST_LIMIT = 50
CASEWORK_ROLES = frozenset({UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER})
EMPLOYER_ROLES = frozenset({UserRole.ADMIN, UserRole.STAFF})


def _require(user: User, roles: frozenset[UserRole]) -> None:
    if user.role not in roles:
        raise Forbidden()


def _search(query: Select[Any], text: str, *, number: Any, code: Any, name: Any) -> Select[Any]:
    """Narrow `query` to records whose number is `text`, whose phone or tax id holds its
    digits, or whose name holds it (any case)."""
    text = text.strip()
    if not text:
        return query
    conditions = [func.lower(name).contains(text.lower(), autoescape=True)]
    # Phones are stored as +996…: "0555 123 456" is found by its digits after the 0.
    digits = "".join(c for c in text if c.isdigit()).lstrip("0")
    if text.isdigit():
        conditions.append(cast(number, String) == text)
    if len(digits) >= 4:
        conditions.append(code.contains(digits, autoescape=True))
    return query.where(or_(*conditions))


def find_seekers(*, session: Session, user: User, text: str = "") -> list[Seeker]:
    """Return seekers the user may open, newest first; `text` is a number, phone or name.

    The list shows names and phones, so it is audited: which seekers were listed, and
    whether a search narrowed them (never the words searched, which may be a name).
    """
    _require(user, CASEWORK_ROLES)
    query = _search(
        seekers_within_reach(user), text, number=Seeker.id, code=Seeker.phone, name=Seeker.full_name
    )
    found = list(session.scalars(query.order_by(Seeker.id.desc()).limit(LIST_LIMIT)))
    if found:
        audit.record(
            session,
            actor_kind=ActorKind.USER,
            actor_id=user.id,
            action="seekers.listed",
            entity_kind="seeker",
            entity_id=None,
            detail={"ids": [seeker.id for seeker in found], "searched": bool(text.strip())},
        )
        session.commit()
    return found


@dataclass(frozen=True)
class SeekerCase:
    """A seeker's record as a caseworker sees it, with the applications."""

    seeker: Seeker
    applications: list[Application]


def open_seeker(*, session: Session, user: User, seeker_id: int) -> SeekerCase:
    """Open a seeker's record (audited) if the user may; others get 404, not a hint."""
    _require(user, CASEWORK_ROLES)
    seeker = session.scalar(seekers_within_reach(user).where(Seeker.id == seeker_id))
    if seeker is None:
        raise NotFound(msg("No seeker of yours has this number."))
    _audit(session, user, "seeker.viewed", "seeker", seeker.id)
    session.commit()
    return SeekerCase(seeker, list_applications(session=session, seeker=seeker))


def apply_for(
    *,
    session: Session,
    user: User,
    seeker_id: int,
    vacancy_id: int,
    matcher: LiveIndex | None = None,
) -> Match:
    """Apply to an open vacancy on a seeker's behalf (a partner beside them); with a
    `matcher`, the pair's signals are kept (see create_match)."""
    _require(user, CASEWORK_ROLES)
    seeker = session.scalar(seekers_within_reach(user).where(Seeker.id == seeker_id))
    if seeker is None:
        raise NotFound(msg("No seeker of yours has this number."))
    match = create_match(
        session=session,
        vacancy_id=vacancy_id,
        seeker_id=seeker_id,
        actor_kind=ActorKind.USER,
        actor_id=user.id,
        matcher=matcher,
    )
    _audit(session, user, "seeker.applied_for", "seeker", seeker_id)
    # Applying for them keeps them active (a seeker without an account of their own).
    note_activity(seeker, utcnow())
    session.commit()
    return match


def new_activation_code(*, session: Session, user: User, seeker_id: int) -> tuple[Seeker, str]:
    """Give a seeker of this user a new one-time activation code (a forgotten password,
    a locked account); the earlier code stops working. Audited."""
    _require(user, CASEWORK_ROLES)
    seeker = session.scalar(seekers_within_reach(user).where(Seeker.id == seeker_id))
    if seeker is None:
        raise NotFound(msg("No seeker of yours has this number."))
    code = reissue_activation_code(session=session, seeker=seeker, now=utcnow())
    _audit(session, user, "seeker.activation_code_issued", "seeker", seeker.id)
    session.commit()
    return seeker, code


def find_employers(*, session: Session, user: User, text: str = "") -> list[Employer]:
    """Return employers the user may open; `text` is a number, tax id or name."""
    _require(user, EMPLOYER_ROLES)
    query = _search(
        employers_within_reach(user),
        text,
        number=Employer.id,
        code=Employer.inn,
        name=Employer.name,
    )
    return list(session.scalars(query.order_by(Employer.name).limit(LIST_LIMIT)))


@dataclass(frozen=True)
class EmployerMatch:
    """A match on one of the employer's vacancies, for recording its outcome."""

    match: Match
    vacancy_title: str
    seeker_name: str | None


@dataclass(frozen=True)
class EmployerCase:
    """An employer's record with the matches of its vacancies, newest first."""

    employer: Employer
    matches: list[EmployerMatch]


def open_employer(*, session: Session, user: User, employer_id: int) -> EmployerCase:
    """Open an employer's record (audited: its contact person is a person)."""
    _require(user, EMPLOYER_ROLES)
    employer = session.scalar(employers_within_reach(user).where(Employer.id == employer_id))
    if employer is None:
        raise NotFound()
    rows = session.execute(
        select(Match, Vacancy.title, Seeker.full_name)
        .join(Vacancy, Vacancy.id == Match.vacancy_id)
        .join(Seeker, Seeker.id == Match.seeker_id)
        .where(
            Vacancy.employer_id == employer.id,
            Match.status != MatchStatus.SUGGESTED,
            # Seekers out of this user's reach (another region, withdrawn) stay unseen.
            Seeker.id.in_(seekers_within_reach(user).with_only_columns(Seeker.id)),
        )
        .order_by(Match.updated_at.desc())
        .limit(LIST_LIMIT * 4)
    )
    _audit(session, user, "employer.viewed", "employer", employer.id)
    session.commit()
    return EmployerCase(employer, [EmployerMatch(m, title, name) for m, title, name in rows])


def record_outcome(
    *,
    session: Session,
    user: User,
    employer_id: int,
    match_id: int,
    status: MatchStatus,
    note: str | None = None,
) -> Match:
    """Record the outcome of a match on an employer's behalf (a hire phoned in)."""
    _require(user, EMPLOYER_ROLES)
    found = session.execute(
        select(Vacancy.employer_id, Match.seeker_id)
        .join(Match, Match.vacancy_id == Vacancy.id)
        .where(Match.id == match_id)
    ).first()
    visible = session.scalar(employers_within_reach(user).where(Employer.id == employer_id))
    if found is None or found[0] != employer_id or visible is None:
        raise NotFound()
    # The seeker too must be within reach (a region-limited user, another region's seeker).
    if not seeker_within_reach(session, user, found[1]):
        raise NotFound()
    match = change_match_status(
        session=session,
        match_id=match_id,
        status=status,
        role=user.role,
        actor_kind=ActorKind.USER,
        actor_id=user.id,
        note=note,
    )
    _audit(session, user, f"match.{status.value}_recorded", "match", match.id)
    session.commit()
    return match


def suspend_employer(
    *, session: Session, user: User, employer_id: int, suspended: bool
) -> Employer:
    """Suspend an employer (its keys answer 403, its vacancies leave search) or restore it."""
    _require(user, EMPLOYER_ROLES)
    if session.scalar(employers_within_reach(user).where(Employer.id == employer_id)) is None:
        raise NotFound()
    status = EmployerStatus.SUSPENDED if suspended else EmployerStatus.ACTIVE
    return set_employer_status(
        session=session, employer_id=employer_id, status=status, actor_id=user.id
    )


def _audit(session: Session, user: User, action: str, kind: str, entity_id: int) -> None:
    audit.record(
        session,
        actor_kind=ActorKind.USER,
        actor_id=user.id,
        action=action,
        entity_kind=kind,
        entity_id=entity_id,
    )
