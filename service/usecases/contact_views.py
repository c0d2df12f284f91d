"""Every showing of a seeker's contact to an employer, recorded, and told to the seeker.

A showing is an audit event (actor: the employer) naming the seeker, the vacancy it was
shown for and which contact fields were shown, never their values. The seeker reads the
employers' names and the times on their own pages; the events outlive anonymisation,
since they hold nothing personal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, Employer, Seeker, Vacancy
from models.enums import ActorKind
from service.usecases import audit

CONTACT_SHOWN = "seeker.contact_shown"
# The order fields are named in, wherever they are listed.
CONTACT_FIELDS = ("full_name", "phone", "email")
# A seeker's page lists this many showings at most, newest first.
SHOWN_LIMIT = 100


def record_contact_shown(
    session: Session, *, employer: Employer, vacancy_id: int, seeker: Seeker
) -> None:
    """Add the audit event of one showing of the seeker's contact (the caller commits)."""
    shown = [name for name in CONTACT_FIELDS if getattr(seeker, name)]
    if not shown:
        return
    audit.record(
        session,
        actor_kind=ActorKind.EMPLOYER,
        actor_id=employer.id,
        action=CONTACT_SHOWN,
        entity_kind="seeker",
        entity_id=seeker.id,
        detail={"vacancy_id": vacancy_id, "fields": shown},
    )


@dataclass(frozen=True)
class ContactShown:
    """One showing of the seeker's contact: to which employer, for which vacancy, when."""

    at: datetime
    employer_name: str | None
    vacancy_title: str | None
    fields: list[str]


def contact_shown_to(*, session: Session, seeker_id: int) -> list[ContactShown]:
    """Return the showings of the seeker's contact to employers, newest first."""
    events = session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.action == CONTACT_SHOWN,
            AuditEvent.entity_kind == "seeker",
            AuditEvent.entity_id == seeker_id,
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(SHOWN_LIMIT)
    ).all()
    employer_ids = {e.actor_id for e in events if e.actor_id is not None}
    vacancy_ids = {(e.detail or {}).get("vacancy_id") for e in events} - {None}
    employers = select(Employer.id, Employer.name).where(Employer.id.in_(employer_ids))
    vacancies = select(Vacancy.id, Vacancy.title).where(Vacancy.id.in_(vacancy_ids))
    names: dict[int, str] = dict(session.execute(employers).all())
    titles: dict[int, str] = dict(session.execute(vacancies).all())
    shown = []
    for event in events:
        detail = event.detail or {}
        shown.append(
            ContactShown(
                at=event.at,
                employer_name=names.get(event.actor_id or 0),
                vacancy_title=titles.get(int(detail.get("vacancy_id") or 0)),
                fields=[name for name in CONTACT_FIELDS if name in detail.get("fields", [])],
            )
        )
    return shown
