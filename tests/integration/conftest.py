"""Use-cases on a real database, with no Flask application and no app context.

Every fixture here builds its own engine and matcher from plain settings, as a command,
a worker or a bot would: a use-case that needed Flask would fail here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from service.platform.db import database_url, make_engine
from service.platform.matcher import build_matcher
from service.platform.migrate import upgrade
from service.usecases.indexing import LiveIndex
from tests.support import TEST_CONFIG


@pytest.fixture
def sessions(migrated_postgres: str | None) -> Iterator[sessionmaker[Session]]:
    """A session factory on a fresh, migrated database (rolled back on PostgreSQL)."""
    if migrated_postgres is None:
        engine = make_engine("sqlite://")
        upgrade(engine)
        yield sessionmaker(engine, expire_on_commit=False)
        engine.dispose()
        return
    engine = make_engine(database_url({"DATABASE_URL": migrated_postgres}, ""))
    connection = engine.connect()
    outer = connection.begin()
    # Use-cases commit; on this connection their commits only release savepoints.
    yield sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    outer.rollback()
    connection.close()
    engine.dispose()


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session on the test database."""
    with sessions() as session:
        yield session


@pytest.fixture
def matcher() -> LiveIndex:
    """A process's matcher as the service builds it, on the test encoder."""
    return build_matcher(TEST_CONFIG)
