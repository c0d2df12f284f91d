"""Retention: seekers who stop using Jumush are given notice, then anonymised.

A seeker is inactive when neither they nor a programme user acting for them (applying,
enrolling) has done anything for `inactive_days`. Jumush has no outbound channel (no
SMS, no e-mail is sent), so the notice is a record: its time is kept on the seeker,
staff see it on the casework page (a caseworker may phone), and a seeker who signs in
while it runs is told on their page that signing in kept the account. After
`notice_days` more without activity the seeker is anonymised as a deletion does:
personal fields and free text emptied, the stub that figures count (gender, birth year,
region, COVID status, disability, dates) and the matches without their notes kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from models import Seeker
from models.enums import ActorKind
from service.usecases import audit
from service.usecases.errors import invalid
from service.usecases.messages import msg
from service.usecases.seeker_accounts import erase_personal_data, note_activity

# Seekers handled per commit, so a run over a national register holds no long lock.
BATCH = 500


@dataclass(frozen=True)
class RetentionPolicy:
    """How long a seeker may be inactive before notice, and how long the notice runs."""

    inactive_days: int
    notice_days: int

    def __post_init__(self) -> None:
        for name in ("inactive_days", "notice_days"):
            if getattr(self, name) < 1:
                raise invalid(name, msg("Use a whole number of days, at least 1."))


@dataclass(frozen=True)
class RetentionRun:
    """What a run did (or, dry, would do)."""

    noticed: int
    anonymised: int
    dry_run: bool


def _last_active() -> ColumnElement[datetime]:
    return func.coalesce(Seeker.last_active_at, Seeker.created_at)


def _due_for_notice(policy: RetentionPolicy, now: datetime) -> ColumnElement[bool]:
    return and_(
        Seeker.deleted_at.is_(None),
        Seeker.retention_notice_at.is_(None),
        _last_active() <= now - timedelta(days=policy.inactive_days),
    )


def _due_for_anonymising(policy: RetentionPolicy, now: datetime) -> ColumnElement[bool]:
    return and_(
        Seeker.deleted_at.is_(None),
        Seeker.retention_notice_at <= now - timedelta(days=policy.notice_days),
        # Activity after the notice answers it, whichever way it was recorded.
        _last_active() < Seeker.retention_notice_at,
    )


def apply_retention(
    *, session: Session, policy: RetentionPolicy, now: datetime, dry_run: bool = False
) -> RetentionRun:
    """Anonymise seekers whose notice ran out, then give notice to newly inactive ones.

    Running it again at the same time changes nothing; `dry_run` only counts.
    """
    anonymising = _due_for_anonymising(policy, now)
    noticing = _due_for_notice(policy, now)
    if dry_run:
        count = select(func.count()).select_from(Seeker)
        return RetentionRun(
            noticed=session.scalar(count.where(noticing)) or 0,
            anonymised=session.scalar(count.where(anonymising)) or 0,
            dry_run=True,
        )
    anonymised = 0
    while batch := session.scalars(
        select(Seeker).where(anonymising).order_by(Seeker.id).limit(BATCH)
    ).all():
        for seeker in batch:
            erase_personal_data(session=session, seeker=seeker, now=now)
            _audit(session, seeker, "seeker.anonymised_inactive")
        session.commit()
        anonymised += len(batch)
    noticed = 0
    while batch := session.scalars(
        select(Seeker).where(noticing).order_by(Seeker.id).limit(BATCH)
    ).all():
        for seeker in batch:
            seeker.retention_notice_at = now
            _audit(session, seeker, "seeker.retention_notice")
        session.commit()
        noticed += len(batch)
    return RetentionRun(noticed=noticed, anonymised=anonymised, dry_run=False)


def welcome_back(*, session: Session, seeker: Seeker, now: datetime) -> bool:
    """Record the seeker's sign-in as activity; tell whether it answered a running
    notice (then the seeker is told, and that is audited)."""
    under_notice = seeker.retention_notice_at is not None
    note_activity(seeker, now)
    if under_notice:
        _audit(session, seeker, "seeker.retention_notice_shown", actor=ActorKind.SEEKER)
    session.commit()
    return under_notice


def anonymisation_due(seeker: Seeker, notice_days: int) -> datetime | None:
    """Return when a seeker under notice will be anonymised, or None without notice."""
    if seeker.retention_notice_at is None or seeker.deleted_at is not None:
        return None
    return seeker.retention_notice_at + timedelta(days=notice_days)


def _audit(
    session: Session, seeker: Seeker, action: str, *, actor: ActorKind = ActorKind.SYSTEM
) -> None:
    audit.record(
        session,
        actor_kind=actor,
        actor_id=seeker.id if actor is ActorKind.SEEKER else None,
        action=action,
        entity_kind="seeker",
        entity_id=seeker.id,
    )
