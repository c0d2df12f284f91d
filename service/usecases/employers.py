"""Use-cases for employers: registration, API keys, suspension."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import ApiKey, Employer, Vacancy
from models.enums import ActorKind, EmployerStatus, EntityKind
from service.platform.security.secrets import issue_secret
from service.usecases import audit
from service.usecases.changes import record_changes
from service.usecases.errors import Conflict, NotFound
from service.usecases.messages import msg


@dataclass(frozen=True)
class NewKey:
    """A freshly issued key: `secret` is shown once and never stored."""

    key: ApiKey
    secret: str


def register_employer(*, session: Session, fields: dict[str, Any]) -> tuple[Employer, NewKey]:
    """Create an employer and its first API key."""
    if session.scalar(select(Employer.id).where(Employer.inn == fields["inn"])) is not None:
        raise Conflict(msg("An employer with this tax id (INN) is already registered."))
    employer = Employer(**fields)
    session.add(employer)
    try:
        session.flush()
    except IntegrityError:  # registered concurrently under the same INN
        session.rollback()
        raise Conflict(msg("An employer with this tax id (INN) is already registered.")) from None
    new_key = _add_key(session, employer)
    audit.record(
        session,
        actor_kind=ActorKind.EMPLOYER,
        actor_id=employer.id,
        action="employer.registered",
        entity_kind="employer",
        entity_id=employer.id,
    )
    session.commit()
    return employer, new_key


def _add_key(session: Session, employer: Employer) -> NewKey:
    secret = issue_secret("emp")
    key = ApiKey(employer_id=employer.id, prefix=secret.prefix, secret_hash=secret.digest)
    session.add(key)
    session.flush()
    return NewKey(key, secret.plaintext)


def issue_employer_key(*, session: Session, employer: Employer) -> NewKey:
    """Give an employer one more key (rotate: issue, switch clients, revoke the old)."""
    new_key = _add_key(session, employer)
    session.commit()
    return new_key


def list_employer_keys(*, session: Session, employer: Employer) -> list[ApiKey]:
    """Return the employer's keys, newest first, revoked ones included."""
    return list(
        session.scalars(
            select(ApiKey).where(ApiKey.employer_id == employer.id).order_by(ApiKey.id.desc())
        )
    )


def revoke_employer_key(
    *, session: Session, employer: Employer, key_id: int, now: datetime
) -> None:
    """Revoke one of the employer's keys; refuse to revoke its last active one.

    Two revocations of an employer's last two keys must not both pass. They take turns:
    the employer's row is locked first (SELECT ... FOR UPDATE on PostgreSQL; SQLite has
    one writer at a time), and the UPDATE itself counts the other active keys, so the
    second one sees the first one's revocation and changes nothing.
    """
    session.execute(select(Employer.id).where(Employer.id == employer.id).with_for_update())
    key = session.scalar(
        select(ApiKey).where(ApiKey.id == key_id, ApiKey.employer_id == employer.id)
    )
    if key is None:
        session.rollback()
        raise NotFound()
    if key.revoked_at is not None:
        session.rollback()
        return
    others_active = (
        select(func.count())
        .select_from(ApiKey)
        .where(ApiKey.employer_id == employer.id, ApiKey.revoked_at.is_(None), ApiKey.id != key_id)
        .scalar_subquery()
    )
    revoked = session.execute(
        update(ApiKey)
        .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None), others_active > 0)
        .values(revoked_at=now),
        execution_options={"synchronize_session": False},
    )
    if revoked.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        if session.scalar(select(ApiKey.revoked_at).where(ApiKey.id == key_id)) is not None:
            return  # the same key, revoked by a concurrent request: done either way
        raise Conflict(msg("This is your last active key. Create a new key before revoking it."))
    session.commit()


def set_employer_status(
    *, session: Session, employer_id: int, status: EmployerStatus, actor_id: int
) -> Employer:
    """Suspend or reactivate an employer (staff only); suspended keys answer 403."""
    employer = session.get(Employer, employer_id)
    if employer is None:
        raise NotFound()
    if employer.status is not status:
        employer.status = status
        # Its vacancies leave (or rejoin) every process's recommendations.
        vacancy_ids = session.scalars(select(Vacancy.id).where(Vacancy.employer_id == employer.id))
        record_changes(session, EntityKind.VACANCY, vacancy_ids)
        audit.record(
            session,
            actor_kind=ActorKind.USER,
            actor_id=actor_id,
            action=f"employer.{status.value}",
            entity_kind="employer",
            entity_id=employer.id,
        )
        session.commit()
    return employer
