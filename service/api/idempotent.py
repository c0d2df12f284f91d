"""The Idempotency-Key header: a retried write gets its first answer back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, overload

from flask import Response, make_response, request
from sqlalchemy.orm import Session

from service.api.auth import current_principal
from service.platform.db import get_session
from service.usecases.clock import utcnow
from service.usecases.errors import Conflict
from service.usecases.idempotency import (
    MAX_KEY_LENGTH,
    StoredAnswer,
    claim_key,
    release_claim,
    remember_answer,
    request_fingerprint,
)
from service.usecases.messages import msg

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
# Refuses (raises) when a stored answer names a record deleted since it was given.
StillThere = Callable[[Session, Any], None]

# Answers holding a secret are stored without it: keys are kept only as digests.
SECRET_FIELDS = frozenset({"api_key", "activation_code"})
WITHHELD = "_secret_withheld"

HEADER = "Idempotency-Key"
HEADER_DOC = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "description": (
        "Any unique string (a UUID is best). A retry with the same key and body gets the "
        "first answer back instead of acting twice; the same key with another body is refused "
        "(422); while the first request with the key still runs, another answers 409 "
        "`in_progress`; a retry whose first answer named a vacancy deleted since answers "
        "410 `gone` instead of handing out its id."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
}


@overload
def idempotent(view: F) -> F: ...


@overload
def idempotent(*, still_there: StillThere) -> Callable[[F], F]: ...


def idempotent(view: F | None = None, *, still_there: StillThere | None = None) -> Any:
    """Replay the stored answer when the caller's Idempotency-Key was seen before.

    The key is claimed before the view runs, so a concurrent twin never acts too. Only
    successful answers are stored: a refused request changed nothing, so running it again
    gives the same refusal. `still_there` is called before a replay to refuse one whose
    records were deleted since. Place below `require` so the caller is known.
    """
    if view is None:
        return lambda inner: _idempotent(inner, still_there)
    return _idempotent(view, still_there)


def _idempotent(view: F, still_there: StillThere | None) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        principal = current_principal()
        session = get_session()
        outcome = claim_key(
            session=session,
            api_key_id=principal.api_key_id,
            key=key,
            method=request.method,
            path=request.path,
            fingerprint=request_fingerprint(
                request.method, request.path, request.get_data(cache=True)
            ),
            now=utcnow(),
        )
        if isinstance(outcome, StoredAnswer):
            return _replay(session, outcome, still_there)
        try:
            response: Response = make_response(view(*args, **kwargs))
        except BaseException:
            try:
                release_claim(session=session, claim=outcome)
            except Exception:  # the database itself failed: the claim expires on its own
                log.warning("idempotency claim not released", exc_info=True)
            raise
        if not 200 <= response.status_code < 300:
            release_claim(session=session, claim=outcome)
            return response
        body = response.get_json(silent=True) if response.is_json else None
        if isinstance(body, dict) and SECRET_FIELDS & body.keys():
            body = {k: v for k, v in body.items() if k not in SECRET_FIELDS} | {WITHHELD: True}
        remember_answer(
            session=session, claim=outcome, answer=StoredAnswer(response.status_code, body)
        )
        return response

    return wrapper  # type: ignore[return-value]


def _replay(session: Session, stored: StoredAnswer, still_there: StillThere | None) -> Response:
    if isinstance(stored.body, dict) and stored.body.get(WITHHELD):
        raise Conflict(
            msg(
                "This request already succeeded and its key is shown only once. "
                "Revoke that key and create another if it was lost."
            )
        )
    if still_there is not None:
        still_there(session, stored.body)
    replay = make_response((stored.body if stored.body is not None else "", stored.status_code))
    replay.headers["Idempotent-Replayed"] = "true"
    return replay
