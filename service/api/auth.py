"""Bearer authentication: an API key names an employer or a programme user with a role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import request
from flask_babel import lazy_gettext as _l

from models import Employer
from models.base import utcnow
from service.db import get_session
from service.errors import DomainError
from service.keys import Principal, resolve_api_key

F = TypeVar("F", bound=Callable[..., Any])

EMPLOYER = "employer"
ADMIN, STAFF, PARTNER, VIEWER = "admin", "staff", "partner", "viewer"
PROGRAMME = (STAFF, PARTNER)  # admins have every user role


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    message = _l("Send a valid API key: Authorization: Bearer <key>.")


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    message = _l("You are not allowed to do this.")


class Suspended(Forbidden):
    code = "suspended"
    message = _l("This account is suspended. Please contact the programme team.")


_UNSET = object()
_ENVIRON_KEY = "jumush.principal"


def peek_principal() -> Principal | None:
    """Return the caller named by the Authorization header, or None (cached per request)."""
    # Kept in the request's environ, not `g`: an app context (and its `g`) can outlive
    # one request, e.g. when a test or a script pushes it around several requests.
    cached = request.environ.get(_ENVIRON_KEY, _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[no-any-return]
    principal = None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    if scheme.lower() == "bearer" and 0 < len(secret) <= 200 and secret.isascii():
        principal = resolve_api_key(session=get_session(), secret=secret, now=utcnow())
    request.environ[_ENVIRON_KEY] = principal
    return principal


def current_principal() -> Principal:
    """Return the authenticated caller of this request (set by `require`)."""
    principal = peek_principal()
    if principal is None:
        raise Unauthorized()
    return principal


def require(*roles: str) -> Callable[[F], F]:
    """Let through only callers with one of `roles`: 401 without a valid key, 403 otherwise."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = peek_principal()
            if principal is None:
                raise Unauthorized()
            if principal.suspended:
                raise Suspended()
            if not principal.has_role(*roles):
                raise Forbidden()
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def current_employer() -> Employer:
    """Return the employer calling this request (the view is guarded by `require(EMPLOYER)`)."""
    employer = current_principal().employer
    if employer is None:
        raise Forbidden()
    return employer
