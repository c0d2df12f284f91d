"""Resolve the caller of a request from its `Authorization: Bearer` header, once per request."""

from __future__ import annotations

from flask import request

from service.platform.db import get_session
from service.platform.security.keys import Principal, resolve_api_key
from service.usecases.clock import utcnow

_UNSET = object()
# Where the resolved caller is kept in the WSGI environ. A client cannot set it: every
# header arrives as HTTP_*. The warm-up sets it to a transient caller (platform/matcher.py).
PRINCIPAL_ENVIRON_KEY = "jumush.principal"


def peek_principal() -> Principal | None:
    """Return the caller named by the Authorization header, or None (cached per request)."""
    # Kept in the request's environ, not `g`: an app context (and its `g`) can outlive
    # one request, e.g. when a test or a script pushes it around several requests.
    cached = request.environ.get(PRINCIPAL_ENVIRON_KEY, _UNSET)
    if cached is not _UNSET:
        return cached
    principal = None
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    if scheme.lower() == "bearer" and 0 < len(secret) <= 200 and secret.isascii():
        principal = resolve_api_key(session=get_session(), secret=secret, now=utcnow())
    request.environ[PRINCIPAL_ENVIRON_KEY] = principal
    return principal
