"""Server-side sessions (Flask-Session) and CSRF protection (Flask-WTF) for the pages.

The cookie holds only a random session id; the session lives on the server, so signing
out deletes it and a copied cookie is worth nothing afterwards. Every page form carries
a CSRF token; the API, which authenticates with bearer keys, is exempt.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cachelib.file import FileSystemCache
from flask import Flask, Response
from flask_babel import lazy_gettext as _l
from flask_session import Session
from flask_wtf.csrf import CSRFError, CSRFProtect

from service.platform.errors import error_response

EXPIRED_FORM = _l(
    "This form has expired or was sent from another page. Go back, reload the page and "
    "send it again."
)


def init_sessions(app: Flask) -> CSRFProtect:
    """Store sessions in files under instance/sessions, or in Redis when configured."""
    uri = str(app.config["SESSION_STORAGE_URI"])
    if uri.startswith(("redis://", "rediss://")):
        import redis

        app.config["SESSION_TYPE"] = "redis"
        app.config["SESSION_REDIS"] = redis.Redis.from_url(uri)
    else:
        folder = Path(uri or Path(app.instance_path) / "sessions")
        folder.mkdir(parents=True, exist_ok=True)
        app.config["SESSION_TYPE"] = "cachelib"
        app.config["SESSION_CACHELIB"] = FileSystemCache(str(folder), threshold=0, mode=0o600)
    lifetime = timedelta(hours=int(app.config["SESSION_LIFETIME_HOURS"]))
    app.config.update(
        SESSION_PERMANENT=True,
        PERMANENT_SESSION_LIFETIME=lifetime,
        SESSION_KEY_PREFIX="jumush:",
        SESSION_COOKIE_NAME="jumush_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.config["ENV"] == "production",
        WTF_CSRF_TIME_LIMIT=int(app.config["CSRF_TIME_LIMIT_HOURS"]) * 3600,
        WTF_CSRF_SSL_STRICT=app.config["ENV"] == "production",
        # Pages check their tokens (service.web); the API authenticates with bearer keys.
        WTF_CSRF_CHECK_DEFAULT=False,
    )
    Session(app)
    csrf = CSRFProtect(app)
    app.register_error_handler(CSRFError, _expired_form)
    return csrf


def _expired_form(_exc: CSRFError) -> Response:
    return error_response(400, "csrf_failed", str(EXPIRED_FORM))


def start_fresh_session() -> None:
    """Give the session a new id and nothing of before (at each sign-in step), so an id
    fixed before is useless."""
    from flask import current_app, session

    # Flask-Session regenerates only a session that holds something.
    session["regenerating"] = True
    current_app.session_interface.regenerate(session)  # type: ignore[attr-defined]
    session.clear()
