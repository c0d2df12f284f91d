"""Fixtures in the style of Flask's tutorial: app, client, runner, a fresh database per test.

The database is chosen by DATABASE_URL: unset means SQLite in memory (a new database for
each test); a PostgreSQL URL means the schema is migrated once and each test runs inside
a transaction that is rolled back afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from service import create_app
from service.platform.db import get_db
from service.platform.migrate import upgrade
from tests.support import DATABASE_URL, ON_POSTGRES, TEST_CONFIG, CommandRunner


def pytest_report_header() -> str:
    return f"database: {'postgresql' if ON_POSTGRES else 'sqlite in memory'}"


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[str | None]:
    """Migrate the PostgreSQL test database once per run (None on SQLite)."""
    if not ON_POSTGRES:
        yield None
        return
    app = create_app({**TEST_CONFIG, "DATABASE_URL": DATABASE_URL})
    engine = get_db(app).engine
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    yield DATABASE_URL
    engine.dispose()


@pytest.fixture
def app(migrated_postgres: str | None, tmp_path: Path) -> Iterator[Flask]:
    """An application on a fresh, migrated database (sessions in a folder of its own)."""
    config = {**TEST_CONFIG, "SESSION_STORAGE_URI": str(tmp_path / "sessions")}
    if migrated_postgres is None:
        app = create_app({**config, "DATABASE_URL": "sqlite://"})
        upgrade(get_db(app).engine)
        yield app
        get_db(app).engine.dispose()
        return
    app = create_app({**config, "DATABASE_URL": migrated_postgres})
    db = get_db(app)
    connection = db.engine.connect()
    outer = connection.begin()
    # Use-cases commit; on this connection their commits only release savepoints.
    db.sessions = sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    yield app
    outer.rollback()
    connection.close()
    db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> CommandRunner:
    return CommandRunner(app)


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A session on the app's database, outside any application context."""
    with get_db(app).sessions() as session:
        yield session


@pytest.fixture
def committed_database_url(tmp_path: Any) -> Iterator[str]:
    """A migrated database whose commits are real, for tests that share it between apps.

    SQLite: a file in tmp_path. PostgreSQL: a schema of its own, dropped afterwards.
    """
    if not ON_POSTGRES:
        url = f"sqlite:///{tmp_path / 'shared.db'}"
        upgrade(create_engine(url))
        yield url
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(admin.url).update_query_dict({"options": f"-csearch_path={schema}"})
    url_text = url.render_as_string(hide_password=False)
    engine = create_engine(url_text)
    upgrade(engine)
    engine.dispose()
    yield url_text
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()
