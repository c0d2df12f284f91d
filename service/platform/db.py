"""Database engines set up for real use, and one session per request."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

log = logging.getLogger(__name__)


def database_url(config: dict[str, Any], instance_path: str) -> str:
    """Return the configured URL, or the embedded SQLite file under instance/."""
    if config["DATABASE_URL"]:
        url: str = config["DATABASE_URL"]
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
        if url.startswith(("postgres://", "postgresql://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'jumush.db'}"


def make_engine(url: str, *, echo: bool = False, busy_timeout_ms: int = 5000) -> Engine:
    """Create an engine: pre-ping on servers; WAL, busy timeout and foreign keys on SQLite."""
    # hide_parameters: a database error's message would name the values it was given
    # (names, phones) and reach the logs with its traceback; only SQL echo, a development
    # aid, shows them.
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        # JIT compilation pays off for hour-long analytics, not for the dashboard's
        # sub-second GROUP BYs, where compiling cost up to 45 ms a statement
        # (benchmarks/dashboard.md): it is off for this service's connections, beside
        # any options the URL already gives (a search_path, say).
        given = parsed.query.get("options") or ()
        options = [given] if isinstance(given, str) else list(given)
        return create_engine(
            parsed.difference_update_query(["options"]),
            echo=echo,
            hide_parameters=not echo,
            pool_pre_ping=True,
            future=True,
            connect_args={"options": " ".join([*options, "-c jit=off"])},
        )
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url, echo=echo, hide_parameters=not echo, pool_pre_ping=True, future=True
        )
    in_memory = parsed.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": not echo}
    if in_memory:
        # One shared connection, or every checkout would see an empty database.
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if not in_memory:
            # Readers do not block the writer: several gunicorn workers share the file.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # SQLite's own lower() knows only ASCII: staff search names in Cyrillic.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)

    return engine


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


class Database:
    """The engine and session factory of one application."""

    def __init__(self, url: str, *, echo: bool = False, busy_timeout_ms: int = 5000) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo, busy_timeout_ms=busy_timeout_ms)
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    def init_app(self, app: Flask) -> None:
        """Register the per-request session and its teardown."""
        app.extensions["jumush.db"] = self
        app.teardown_appcontext(_close_session)


def get_db(app: Flask) -> Database:
    """Return the application's database."""
    db: Database = app.extensions["jumush.db"]
    return db


def get_session() -> Session:
    """Return this request's session, opening it on first use."""
    from flask import current_app

    if "db_session" not in g:
        g.db_session = get_db(current_app).sessions()
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.close()
    except SQLAlchemyError as exc:
        # The connection broke after the answer was made (the database went away): the
        # answer stands, the server drops the transaction with the connection, and the pool
        # discards it. Raised here, it would replace the answer with the server's bare 500.
        log.warning(
            "database connection lost at the end of a request", extra={"error": type(exc).__name__}
        )
