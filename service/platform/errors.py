"""One error shape: JSON under /api, an HTML page elsewhere, never a stack trace."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import LazyString, lazy_gettext
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from service.i18n.messages import say, translate_messages
from service.usecases.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Gone,
    InvalidInput,
    NotFound,
    TooManyAttempts,
    Unauthorized,
)

log = logging.getLogger(__name__)


# The HTTP status of each kind of refusal a use-case raises (the first class in its MRO).
STATUSES: dict[type[DomainError], int] = {
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Gone: 410,
    InvalidInput: 422,
    TooManyAttempts: 429,
    DomainError: 400,
}


def status_of(exc: DomainError) -> int:
    """Return the HTTP status that answers a refusal of this kind."""
    return next(STATUSES[kind] for kind in type(exc).__mro__ if kind in STATUSES)


# The longest request target (path and query string) the service reads, in bytes as sent.
# Longer ones answer 414 in the one error shape; gunicorn_conf.limit_request_line lets
# request lines of this length through to the application.
MAX_URL_LENGTH = 8000

# Messages for the HTTP errors Flask and its extensions raise, in the user's language.
HTTP_MESSAGES: dict[int, LazyString] = {
    400: lazy_gettext("The request could not be understood."),
    401: lazy_gettext("Authentication is required."),
    403: lazy_gettext("You are not allowed to do this."),
    404: lazy_gettext("Not found."),
    405: lazy_gettext("This method is not allowed here."),
    409: lazy_gettext("This conflicts with the current state of the record."),
    410: lazy_gettext("This record was deleted."),
    413: lazy_gettext("The request is too large."),
    414: lazy_gettext(
        "The address (URL) is too long: at most %(max)d characters.", max=MAX_URL_LENGTH
    ),
    415: lazy_gettext("Send the request body as JSON (Content-Type: application/json)."),
    422: lazy_gettext("Some fields are not valid."),
    429: lazy_gettext("Too many requests. Please wait and try again."),
    500: lazy_gettext("Something went wrong on our side. Please try again later."),
    503: lazy_gettext("The service is temporarily unavailable."),
}

# A database that answers but cannot store anything (read-only, or its disk full): the
# person learns that what they sent was not kept, not only that something is down.
CANNOT_WRITE = lazy_gettext(
    "The service cannot save anything right now. Nothing was saved; please try again later."
)
# PostgreSQL's SQLSTATEs for those: a read-only transaction (a standby after a fail-over,
# default_transaction_read_only) and a full disk; SQLite's own words for the same.
CANNOT_WRITE_SQLSTATES = {"25006", "53100"}
SQLITE_CANNOT_WRITE = ("readonly database", "database or disk is full", "disk I/O error")

# A request body that does not parse as JSON (400 `bad_request`).
INVALID_JSON = lazy_gettext("The body is not valid JSON.")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


def wants_json() -> bool:
    """Tell whether this request is answered in JSON."""
    return request.path.startswith("/api") or request.path in {"/healthz", "/readyz"}


def error_response(
    status: int,
    code: str,
    message: str,
    errors: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Render the one error shape for this request."""
    if wants_json():
        body: dict[str, Any] = {"error": code, "message": message}
        if errors:
            body["errors"] = errors
        response = jsonify(body)
    else:
        response = Response(
            render_template("error.html", status=status, message=message, errors=errors or {})
        )
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = str(HTTP_MESSAGES.get(status, exc.description or ""))
    errors = None
    # flask-smorest and webargs put field messages on the exception.
    data = getattr(exc, "data", None) or {}
    if isinstance(data, dict) and "messages" in data:
        errors = _flatten_locations(data["messages"])
    headers = {k: v for k, v in exc.get_headers() if k.lower() not in {"content-type"}}
    return error_response(status, CODES.get(status, "error"), message, errors, headers)


def _flatten_locations(messages: dict[str, Any]) -> dict[str, Any]:
    # webargs nests by location ("json", "query"); callers care about field names.
    flat: dict[str, Any] = {}
    for value in messages.values():
        if isinstance(value, dict):
            flat.update(value)
    return flat or messages


def _domain_error(exc: DomainError) -> Response:
    errors = translate_messages(dict(exc.errors)) if exc.errors else None
    return error_response(status_of(exc), exc.code, say(exc.message), errors)


def _integrity_error(exc: IntegrityError) -> Response:
    # Use-cases turn the constraint violations they expect into domain errors; one that
    # slips through is still the caller's conflict, never a raw database message.
    log.warning("integrity error reached the handler", extra={"error": type(exc.orig).__name__})
    return error_response(409, "conflict", str(HTTP_MESSAGES[409]))


# Seconds a client is asked to wait after a 503: a database restart or fail-over takes
# about that long, and clients that all retry at once would only lengthen it.
RETRY_AFTER_SECONDS = 10


def cannot_write(exc: DBAPIError) -> bool:
    """Tell whether the database refused a write because it is read-only or full."""
    cause = exc.orig
    if getattr(cause, "sqlstate", None) in CANNOT_WRITE_SQLSTATES:
        return True
    return isinstance(cause, sqlite3.OperationalError) and any(
        words in str(cause) for words in SQLITE_CANNOT_WRITE
    )


def _database_down(exc: DBAPIError | PoolTimeout) -> Response:
    cause = getattr(exc, "orig", None) or exc
    unable = isinstance(exc, DBAPIError) and cannot_write(exc)
    what = "database cannot write" if unable else "database unavailable"
    log.error(what, extra={"error": type(cause).__name__})
    return error_response(
        503,
        "unavailable",
        str(CANNOT_WRITE if unable else HTTP_MESSAGES[503]),
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def _database_error(exc: DBAPIError) -> Response:
    # Some of these are not OperationalErrors: a read-only standby's refusal is an
    # InternalError, and a connection that broke mid-request can surface as psycopg's
    # InterfaceError, which SQLAlchemy marks invalidated.
    if isinstance(exc, OperationalError) or exc.connection_invalidated or cannot_write(exc):
        return _database_down(exc)
    return _unexpected(exc)


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    log.exception("unhandled error")
    return error_response(500, "internal_error", str(HTTP_MESSAGES[500]))


def url_length() -> int:
    """Return the length of this request's target (path and query) as the client sent it."""
    sent = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if sent:
        return len(sent)
    query = request.query_string
    return len(request.path.encode()) + (len(query) + 1 if query else 0)


def _refuse_long_urls() -> Response | None:
    # Before anything reads the query: a server's own plain 414 page (gunicorn's HTML)
    # never reaches an API client, which gets the one error shape instead.
    if url_length() > MAX_URL_LENGTH:
        return error_response(414, CODES[414], str(HTTP_MESSAGES[414]))
    return None


def init_errors(app: Flask) -> None:
    """Register the handlers that give every error the one shape."""
    app.before_request(_refuse_long_urls)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(IntegrityError, _integrity_error)
    app.register_error_handler(DBAPIError, _database_error)
    # No connection free in the pool within its timeout: the database is the bottleneck.
    app.register_error_handler(PoolTimeout, _database_down)
    app.register_error_handler(Exception, _unexpected)
