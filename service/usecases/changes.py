"""Record every change to what the matcher indexes, in the same transaction as the change.

A `before_flush` listener writes a `Change` row for each vacancy or seeker that is added,
modified or deleted through the ORM, so no use-case can forget to tell the other
processes. Bulk UPDATE/DELETE statements bypass the ORM: call `record_changes` with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from models import Change, Seeker, Vacancy
from models.enums import EntityKind

_KINDS: dict[type, EntityKind] = {Vacancy: EntityKind.VACANCY, Seeker: EntityKind.SEEKER}


def record_changes(session: Session, kind: EntityKind, entity_ids: Iterable[int]) -> None:
    """Add change rows for entities changed outside the ORM's unit of work."""
    session.add_all(Change(kind=kind, entity_id=entity_id) for entity_id in entity_ids)


@event.listens_for(Session, "after_flush")
def _note_indexed_changes(session: Session, _context: Any) -> None:
    # After the flush new rows have ids, while new/dirty/deleted still show what changed.
    rows = [
        {"kind": _KINDS[type(obj)], "entity_id": obj.id}
        for obj in (*session.new, *session.dirty, *session.deleted)
        if type(obj) in _KINDS
        and (obj in session.new or obj in session.deleted or session.is_modified(obj))
    ]
    if rows:
        # Core insert on the flush's own connection: the ORM unit of work is busy.
        session.connection().execute(insert(Change), rows)
