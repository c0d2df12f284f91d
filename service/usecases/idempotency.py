"""Idempotency keys: a retried write gets the first answer instead of acting twice.

A key is claimed before its request acts: a row with status IN_PROGRESS is inserted and
committed under the unique constraint (api_key_id, key), so of two concurrent first
requests with one key exactly one acts; the other is told the first is still running.
The claim then becomes the stored answer (a success) or is released (a refusal changed
nothing, so the same key may be sent again once the request is right).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import IdempotentResponse
from service.usecases.errors import Conflict, InvalidInput
from service.usecases.messages import msg

MAX_KEY_LENGTH = 255
# The status of a claim whose request is still running (no HTTP status is 0).
IN_PROGRESS = 0
# A claim this old belongs to a request that died (a worker killed mid-request): gunicorn
# kills a worker silent for its timeout (30 s), so no live request runs this long.
CLAIM_EXPIRES_AFTER = timedelta(minutes=2)


class RequestInProgress(Conflict):
    """A first request with this key is still running."""

    code = "in_progress"
    message = msg(
        "A request with this Idempotency-Key is still being processed. "
        "Send it again in a moment to get its answer."
    )


@dataclass(frozen=True)
class StoredAnswer:
    """The first answer given to a request with this key."""

    status_code: int
    body: Any


@dataclass(frozen=True)
class Claim:
    """This request's hold on its key: it acts, then stores its answer or lets go."""

    id: int


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


def _stored(session: Session, api_key_id: int, key: str) -> IdempotentResponse | None:
    return session.scalar(
        select(IdempotentResponse).where(
            IdempotentResponse.api_key_id == api_key_id, IdempotentResponse.key == key
        )
    )


def claim_key(
    *,
    session: Session,
    api_key_id: int,
    key: str,
    method: str,
    path: str,
    fingerprint: str,
    now: datetime,
) -> StoredAnswer | Claim:
    """Claim `key` for this request, or return the answer its first request stored.

    Refuses the key reused for another request (422) and a key whose first request is
    still running (409 `in_progress`).
    """
    check_key(key)
    row = _stored(session, api_key_id, key)
    if row is None:
        claim = IdempotentResponse(
            api_key_id=api_key_id,
            key=key,
            method=method,
            path=path[:500],
            request_hash=fingerprint,
            status_code=IN_PROGRESS,
            body=None,
            created_at=now,
        )
        session.add(claim)
        try:
            session.commit()
        except IntegrityError:  # a concurrent twin claimed it first
            session.rollback()
            row = _stored(session, api_key_id, key)
            if row is None:  # ...and has let go since: its request was refused
                raise RequestInProgress() from None
        else:
            return Claim(claim.id)
    if row.request_hash != fingerprint:
        raise InvalidInput(
            msg("This idempotency key was already used for a different request."),
            errors={"Idempotency-Key": [msg("Use a new idempotency key for a different request.")]},
        )
    if row.status_code != IN_PROGRESS:
        return StoredAnswer(row.status_code, row.body)
    if now - row.created_at < CLAIM_EXPIRES_AFTER:
        raise RequestInProgress()
    # The claim's request died: take it over, unless a twin just did.
    taken = session.execute(
        update(IdempotentResponse)
        .where(
            IdempotentResponse.id == row.id,
            IdempotentResponse.status_code == IN_PROGRESS,
            IdempotentResponse.created_at == row.created_at,
        )
        .values(created_at=now),
        execution_options={"synchronize_session": False},
    )
    session.commit()
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise RequestInProgress()
    return Claim(row.id)


def remember_answer(*, session: Session, claim: Claim, answer: StoredAnswer) -> None:
    """Turn the claim into the stored answer that retries get back."""
    session.execute(
        update(IdempotentResponse)
        .where(IdempotentResponse.id == claim.id)
        .values(status_code=answer.status_code, body=answer.body),
        execution_options={"synchronize_session": False},
    )
    session.commit()


def release_claim(*, session: Session, claim: Claim) -> None:
    """Let go of the key after a refusal: nothing was done, so it may be used again."""
    session.rollback()  # whatever the refused request left half-done in this session
    session.execute(
        delete(IdempotentResponse).where(
            IdempotentResponse.id == claim.id, IdempotentResponse.status_code == IN_PROGRESS
        ),
        execution_options={"synchronize_session": False},
    )
    session.commit()
