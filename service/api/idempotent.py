"""The Idempotency-Key header: a retried write gets its first answer back."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, make_response, request

from service.api.auth import current_principal
from service.platform.db import get_session
from service.usecases.errors import Conflict
from service.usecases.idempotency import (
    MAX_KEY_LENGTH,
    StoredAnswer,
    find_answer,
    remember_answer,
    request_fingerprint,
)
from service.usecases.messages import msg

F = TypeVar("F", bound=Callable[..., Any])

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
        "first answer back instead of acting twice; the same key with another body is refused."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
}


def idempotent(view: F) -> F:
    """Replay the stored answer when the caller's Idempotency-Key was seen before.

    Only successful answers are stored: a refused request changed nothing, so running
    it again gives the same refusal. Place below `require` so the caller is known.
    """

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        principal = current_principal()
        session = get_session()
        fingerprint = request_fingerprint(
            request.method, request.path, request.get_data(cache=True)
        )
        stored = find_answer(
            session=session, api_key_id=principal.api_key_id, key=key, fingerprint=fingerprint
        )
        if stored is not None and isinstance(stored.body, dict) and stored.body.get(WITHHELD):
            raise Conflict(
                msg(
                    "This request already succeeded and its key is shown only once. "
                    "Revoke that key and create another if it was lost."
                )
            )
        if stored is not None:
            replay = make_response(
                (stored.body if stored.body is not None else "", stored.status_code)
            )
            replay.headers["Idempotent-Replayed"] = "true"
            return replay
        response: Response = make_response(view(*args, **kwargs))
        if 200 <= response.status_code < 300:
            body = response.get_json(silent=True) if response.is_json else None
            if isinstance(body, dict) and SECRET_FIELDS & body.keys():
                body = {k: v for k, v in body.items() if k not in SECRET_FIELDS} | {WITHHELD: True}
            remember_answer(
                session=session,
                api_key_id=principal.api_key_id,
                key=key,
                method=request.method,
                path=request.path,
                fingerprint=fingerprint,
                answer=StoredAnswer(response.status_code, body),
            )
        return response

    return wrapper  # type: ignore[return-value]
