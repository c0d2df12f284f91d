"""Migrations produce exactly the models' schema, and the database enforces integrity."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import models
from service.platform.migrate import current_revision, head_revision


def test_migrations_match_models(committed_database_url: str) -> None:
    engine = create_engine(committed_database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, models.Base.metadata) == []
    assert current_revision(engine) == head_revision()


def test_migrations_create_every_check_constraint(committed_database_url: str) -> None:
    # Autogenerate does not compare CHECK constraints, so compare their names here.
    inspector = inspect(create_engine(committed_database_url))
    for table in models.Base.metadata.sorted_tables:
        expected = {c.name for c in table.constraints if c.__visit_name__ == "check_constraint"}
        found = {c["name"] for c in inspector.get_check_constraints(table.name)}
        assert expected <= found, table.name
