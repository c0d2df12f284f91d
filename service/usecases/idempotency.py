"""Idempotency keys: a retried write gets the first answer instead of acting twice."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import IdempotentResponse
from service.usecases.errors import InvalidInput
from service.usecases.messages import msg

MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class StoredAnswer:
    """The first answer given to a request with this key."""

    status_code: int
    body: Any


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    """Hash what makes two requests the same request."""
    digest = hashlib.sha256()
    for part in (method.encode(), b"\0", path.encode(), b"\0", body):
        digest.update(part)
    return digest.hexdigest()


def check_key(key: str) -> None:
    """Refuse idempotency keys that cannot be stored."""
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput(
            errors={
                "Idempotency-Key": [
                    msg("Use 1 to 255 printable characters as the idempotency key.")
                ]
            }
        )


def find_answer(
    *, session: Session, api_key_id: int, key: str, fingerprint: str
) -> StoredAnswer | None:
    """Return the stored answer for this key, or None; the key reused for another request
    is refused."""
    check_key(key)
    row = session.scalar(
        select(IdempotentResponse).where(
            IdempotentResponse.api_key_id == api_key_id, IdempotentResponse.key == key
        )
    )
    if row is None:
        return None
    if row.request_hash != fingerprint:
        raise InvalidInput(
            msg("This idempotency key was already used for a different request."),
            errors={"Idempotency-Key": [msg("Use a new idempotency key for a different request.")]},
        )
    return StoredAnswer(row.status_code, row.body)


def remember_answer(
    *,
    session: Session,
    api_key_id: int,
    key: str,
    method: str,
    path: str,
    fingerprint: str,
    answer: StoredAnswer,
) -> None:
    """Store the first answer; a concurrent twin that stored first wins."""
    session.add(
        IdempotentResponse(
            api_key_id=api_key_id,
            key=key,
            method=method,
            path=path[:500],
            request_hash=fingerprint,
            status_code=answer.status_code,
            body=answer.body,
        )
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
