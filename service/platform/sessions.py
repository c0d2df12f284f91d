"""Server-side sessions (Flask-Session) and CSRF protection (Flask-WTF) for the pages.

The cookie holds only a random session id; the session lives on the server, so signing
out deletes it and a copied cookie is worth nothing afterwards. Every page form carries
a CSRF token; the API, which authenticates with bearer keys, is exempt.

Sessions kept in Redis fall back to the instance's session files while Redis does not
answer (`SessionsWithFallback`), as the rate limits fall back to memory: a person can
still register and sign in, never a 500.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path

from cachelib.file import FileSystemCache
from flask import Flask, Request, Response, current_app
from flask.sessions import SessionInterface, SessionMixin
from flask_babel import lazy_gettext as _l
from flask_session import Session
from flask_session.base import ServerSideSession, ServerSideSessionInterface
from flask_session.cachelib import CacheLibSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from redis.exceptions import RedisError

from service.platform.errors import error_response

log = logging.getLogger("jumush.sessions")

# How long sessions stay in files after Redis failed to answer, before Redis is tried again.
REDIS_RETRY_SECONDS = 30.0
# Where a session was opened, so it is saved (or given a new id) in the same store.
_STORE = "_jumush_store"

EXPIRED_FORM = _l(
    "This form has expired or was sent from another page. Go back, reload the page and "
    "send it again."
)


def init_sessions(app: Flask) -> CSRFProtect:
    """Store sessions in files under instance/sessions, or in Redis when configured."""
    uri = str(app.config["SESSION_STORAGE_URI"])
    redis_sessions = uri.startswith(("redis://", "rediss://"))
    # The files: the sessions' store, or Redis's stand-in while it does not answer.
    if redis_sessions:
        folder = Path(app.config["SESSION_FALLBACK_FOLDER"] or Path(app.instance_path) / "sessions")
    else:
        folder = Path(uri or Path(app.instance_path) / "sessions")
    folder.mkdir(parents=True, exist_ok=True)
    files = FileSystemCache(str(folder), threshold=0, mode=0o600)
    if redis_sessions:
        import redis

        app.config["SESSION_TYPE"] = "redis"
        # A Redis that hangs instead of refusing would hold each page for as long as the
        # operating system waits: give up after a second and use the files.
        app.config["SESSION_REDIS"] = redis.Redis.from_url(
            uri, socket_connect_timeout=1, socket_timeout=1
        )
    else:
        app.config["SESSION_TYPE"] = "cachelib"
        app.config["SESSION_CACHELIB"] = files
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
    if redis_sessions:
        app.session_interface = SessionsWithFallback(
            app.session_interface,
            CacheLibSessionInterface(
                app, client=files, key_prefix=app.config["SESSION_KEY_PREFIX"], permanent=True
            ),
        )
    csrf = CSRFProtect(app)
    app.register_error_handler(CSRFError, _expired_form)
    return csrf


class SessionsWithFallback(SessionInterface):
    """Sessions in Redis; while Redis does not answer, in the instance's session files.

    A session is saved, and given a new id, in the store it was opened from; one Redis
    cannot save is saved in the files. After a failure Redis is left alone for
    REDIS_RETRY_SECONDS, so that a Redis that hangs costs one request its timeout, not
    every request. A session kept in the files is not in Redis once it is back: that
    person signs in again, and the copy in the files is deleted when its cookie comes
    back. Signing out ends the session in both stores, and by the database when Redis
    cannot confirm it (`end_session`).
    """

    def __init__(
        self, primary: ServerSideSessionInterface, fallback: CacheLibSessionInterface
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.redis_down_until = 0.0

    def _redis_failed(self, exc: RedisError) -> None:
        if time.monotonic() >= self.redis_down_until:
            log.warning(
                "session storage unreachable, keeping sessions in files",
                extra={"error": type(exc).__name__, "retry_seconds": REDIS_RETRY_SECONDS},
            )
        self.redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS

    def _store(self, session: SessionMixin) -> ServerSideSessionInterface:
        store: ServerSideSessionInterface = getattr(session, _STORE, self.fallback)
        return store

    def open_session(self, app: Flask, request: Request) -> ServerSideSession:
        if time.monotonic() >= self.redis_down_until:
            try:
                session = self.primary.open_session(app, request)
            except RedisError as exc:
                self._redis_failed(exc)
            else:
                setattr(session, _STORE, self.primary)
                cookie = request.cookies.get(app.config["SESSION_COOKIE_NAME"])
                if cookie and cookie != session.sid:
                    # Not in Redis: a copy kept in the files during an outage is deleted,
                    # so that no later outage brings it back.
                    self.fallback.cache.delete(self.fallback.key_prefix + cookie)
                return session
        session = self.fallback.open_session(app, request)
        setattr(session, _STORE, self.fallback)
        return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if self._store(session) is self.primary:
            try:
                self.primary.save_session(app, session, response)
                return
            except RedisError as exc:
                self._redis_failed(exc)
                setattr(session, _STORE, self.fallback)
        self.fallback.save_session(app, session, response)

    def regenerate(self, session: ServerSideSession) -> None:
        """Give `session` a new id in its store (Flask-Session's interface)."""
        if self._store(session) is self.primary:
            try:
                self.primary.regenerate(session)
                return
            except RedisError as exc:
                self._redis_failed(exc)
                setattr(session, _STORE, self.fallback)
        self.fallback.regenerate(session)

    def end(self, session: ServerSideSession) -> bool:
        """Delete `session` from both stores now; False unless Redis confirmed it."""
        self.fallback.cache.delete(self.fallback.key_prefix + session.sid)
        if time.monotonic() < self.redis_down_until:
            return False
        try:
            self.primary.client.delete(self.primary.key_prefix + session.sid)
        except RedisError as exc:
            self._redis_failed(exc)
            return False
        return True


def end_session() -> bool:
    """Sign out: forget the current session in every store it may be kept in, now.

    Return False when that cannot be confirmed (the sessions' Redis did not answer, so a
    copy may live on there): the caller then ends the person's sessions by the database,
    which every request on every machine checks.
    """
    from flask import session

    interface = current_app.session_interface
    ended = True
    if isinstance(interface, SessionsWithFallback) and session:
        ended = interface.end(session)
    session.clear()
    return ended


def _expired_form(_exc: CSRFError) -> Response:
    return error_response(400, "csrf_failed", str(EXPIRED_FORM))


def start_fresh_session() -> None:
    """Give the session a new id and nothing of before (at each sign-in step), so an id
    fixed before is useless."""
    from flask import session

    # Flask-Session regenerates only a session that holds something.
    session["regenerating"] = True
    current_app.session_interface.regenerate(session)  # type: ignore[attr-defined]
    session.clear()
