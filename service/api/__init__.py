"""The REST API for employers and partners under /api/v1, documented by OpenAPI 3.

flask-smorest validates with the same marshmallow schemas it documents; errors keep the
service's one shape (service/errors.py) instead of flask-smorest's own.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, NoReturn, TypeVar

import flask_smorest
import swagger_ui_bundle
from flask import Blueprint as FlaskBlueprint
from flask import Flask, Response, request, send_from_directory
from flask.typing import ResponseReturnValue
from flask_babel import LazyString, lazy_gettext
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import BadRequest

from service.i18n.messages import translate_messages
from service.platform.errors import CODES, HTTP_MESSAGES, INVALID_JSON, error_response
from service.schemas.common import ErrorSchema

PREFIX = "/api/v1"
# Arrays and objects inside each other: a vacancy needs 2, a JSON-LD @graph of postings
# with their places about 6.
MAX_JSON_DEPTH = 32
TOO_DEEP = lazy_gettext(
    "The body is nested too deeply: at most %(max)d levels of arrays and objects.",
    max=MAX_JSON_DEPTH,
)
DOCS_ASSETS = f"{PREFIX}/docs/assets/"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
F = TypeVar("F", bound=Callable[..., Any])


class JumushParser(FlaskParser):
    """webargs' parser, with field messages in the caller's language."""

    def handle_error(
        self,
        error: ValidationError,
        req: Any,
        schema: Schema,
        *,
        error_status_code: int | None,
        error_headers: Any,
    ) -> NoReturn:
        error.messages = translate_messages(error.messages)
        super().handle_error(
            error, req, schema, error_status_code=error_status_code, error_headers=error_headers
        )


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint that parses with `JumushParser`."""

    ARGUMENTS_PARSER = JumushParser()

    def errors(self, *codes: int) -> Callable[[F], F]:
        """Document the error answers an operation can give (all in the one error shape)."""

        def decorator(view: F) -> F:
            for code in sorted(codes, reverse=True):
                view = self.alt_response(code, response=HTTPStatus(code).name)(view)
            return view

        return decorator


class Api(flask_smorest.Api):
    """flask-smorest's Api, documenting and keeping the service's one error shape."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        # service.platform.errors already answers every HTTPException in the one shape.
        pass


API_DESCRIPTION = """\
Jumush connects people in Kyrgyzstan who lost work to COVID-19 with employers.

Employers register with `POST /api/v1/employers` and receive an API key once; every
other call sends it as `Authorization: Bearer <key>`. Partner organisations and staff
use the token printed by `jumush create-user`.

Errors always have the shape `{"error": code, "message": text, "errors": {field: [text]}}`;
messages follow `Accept-Language` (`ky`, `ru`, `uz`, `en`) or `?lang=`.
"""


def _configure(app: Flask) -> None:
    defaults: dict[str, Any] = {
        "API_TITLE": "Jumush API",
        "API_VERSION": "1.0",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": PREFIX,
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        # Served from the installed swagger-ui-bundle package: no CDN.
        "OPENAPI_SWAGGER_UI_URL": DOCS_ASSETS,
        "API_SPEC_OPTIONS": {
            "info": {"description": API_DESCRIPTION},
            "security": [{"bearerAuth": []}],
            "components": {
                "securitySchemes": {
                    "bearerAuth": {
                        "type": "http",
                        "scheme": "bearer",
                        "description": "An employer's API key or a programme user's token.",
                    }
                }
            },
        },
    }
    for name, value in defaults.items():
        app.config.setdefault(name, value)


def _require_json() -> Response | None:
    # A body the API cannot read is refused before any view parses it.
    if not request.path.startswith(PREFIX) or request.method not in WRITE_METHODS:
        return None
    has_body = bool(request.content_length) or "chunked" in request.headers.get(
        "Transfer-Encoding", ""
    )
    if not has_body:
        return None
    if not request.is_json:
        return error_response(415, CODES[415], str(HTTP_MESSAGES[415]))
    # Refused here for every write, also those that read no body (POST .../keys), so a
    # broken body is never acted on; the code is the README's listed `bad_request`.
    try:
        body = request.get_json()
    except BadRequest:
        return error_response(400, CODES[400], str(INVALID_JSON))
    except RecursionError:
        # Python's JSON reader gives up on about a thousand nested levels with a
        # RecursionError, not a ValueError, which Flask would let through as a 500.
        return error_response(400, CODES[400], str(TOO_DEEP))
    problem = _unstorable(body)
    if problem is not None:
        return error_response(400, CODES[400], str(problem))
    return None


def _unstorable(body: Any) -> LazyString | None:
    """Say what in a parsed body no view should be given: more levels than MAX_JSON_DEPTH
    (every reader of it, marshmallow's and the JSON-LD import's, recurses), or a string
    escaping a lone UTF-16 surrogate ("\ud800"), which no database can store."""
    # A loop, not recursion: the body may be nested deeper than Python's stack allows.
    stack: list[tuple[Any, int]] = [(body, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return HTTP_MESSAGES[400]
        elif isinstance(value, dict | list):
            if depth >= MAX_JSON_DEPTH:
                return TOO_DEEP
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return None


def _challenge(response: Response) -> Response:
    if response.status_code == 401 and request.path.startswith(PREFIX):
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="jumush"')
    return response


docs_assets = FlaskBlueprint("api_docs_assets", __name__)


@docs_assets.get(f"{DOCS_ASSETS}<path:filename>")
def docs_asset(filename: str) -> ResponseReturnValue:
    """Serve Swagger UI's scripts and styles from the installed package."""
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)


def init_api(app: Flask) -> Api:
    """Register the API blueprints, the OpenAPI document, its docs page and rate limits."""
    from service.api import courses, employers, enrolments, matches, seekers, stats, vacancies
    from service.platform.ratelimit import init_rate_limits

    _configure(app)
    # Cyrillic as UTF-8, not \uXXXX escapes: a third of the bytes on slow mobile links.
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    api = Api(app)
    app.before_request(_require_json)
    app.after_request(_challenge)
    app.register_blueprint(docs_assets)
    vacancies.register_docs(api)
    for module in (employers, vacancies, matches, seekers, stats, courses, enrolments):
        api.register_blueprint(module.blp)
    init_rate_limits(app)
    app.extensions["jumush.api"] = api
    return api
