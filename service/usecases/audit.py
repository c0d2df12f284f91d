"""The audit trail: one way to record who did what to which record."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models import AuditEvent
from models.enums import ActorKind


def record(
    session: Session,
    *,
    actor_kind: ActorKind,
    actor_id: int | None,
    action: str,
    entity_kind: str,
    entity_id: int | None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an audit event to the session; the caller's commit keeps it with the change.

    Identifiers only: the audit trail never holds what a person typed.
    """
    session.add(
        AuditEvent(
            actor_kind=actor_kind,
            actor_id=actor_id,
            action=action,
            entity_kind=entity_kind,
            entity_id=entity_id,
            detail=detail,
        )
    )
