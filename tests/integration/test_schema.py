"""Migrations produce exactly the models' schema, and the database enforces integrity."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

import models
from service.platform.migrate import alembic_config, current_revision, head_revision, upgrade
from tests.support import DATABASE_URL, ON_POSTGRES


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


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database with no schema yet, to migrate step by step (SQLite file or own schema)."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / 'steps.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(admin.url).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_work_area_migration_keeps_existing_seekers_and_goes_back(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO seekers (gender, region, skills, languages, employment_types, "
                "lost_job_due_to_covid, disability, consent, visible_to_employers, contactable, "
                "preferred_language, created_at, updated_at, failed_logins, session_version) "
                "VALUES ('female', 'naryn', '[]', '[]', '[]', false, false, true, true, false, "
                "'ky', :now, :now, 0, 0)"
            ),
            {"now": datetime(2026, 11, 1, tzinfo=UTC)},
        )
    upgrade(engine, "0004")
    with engine.connect() as connection:
        # A seeker from before has said nothing: no area, no seasonal work.
        row = connection.execute(text("SELECT work_area, seasonal_work FROM seekers")).one()
        assert (row.work_area, bool(row.seasonal_work)) == (None, False)
    checks = {c["name"] for c in inspect(engine).get_check_constraints("seekers")}
    assert "ck_seekers_work_area" in checks
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE seekers SET work_area = 'abroad'"))
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE seekers SET work_area = 'neighbouring', seasonal_work = true")
        )
    _downgrade(engine, "0003")
    columns = {c["name"] for c in inspect(engine).get_columns("seekers")}
    assert not {"work_area", "seasonal_work"} & columns
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_match_signals_migration_keeps_existing_matches_and_goes_back(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    upgrade(engine, "0004")
    now = {"now": datetime(2026, 11, 1, tzinfo=UTC)}
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO employers (id, name, inn, contact_person, phone, email, region, "
                "size, status, created_at) VALUES (1, 'E', '01234567890123', 'C', "
                "'+996555000000', 'e@example.invalid', 'bishkek', 'small', 'active', :now)"
            ),
            now,
        )
        connection.execute(
            text(
                "INSERT INTO vacancies (id, employer_id, title, description, skills, region, "
                "employment_type, remote, positions, languages, status, created_at, "
                "updated_at) VALUES (1, 1, 'Швея', '', '[]', 'bishkek', 'full_time', false, 1, "
                "'[]', 'open', :now, :now)"
            ),
            now,
        )
        connection.execute(
            text(
                "INSERT INTO seekers (id, gender, region, skills, languages, employment_types, "
                "lost_job_due_to_covid, disability, consent, visible_to_employers, contactable, "
                "preferred_language, created_at, updated_at, failed_logins, session_version) "
                "VALUES (1, 'female', 'naryn', '[]', '[]', '[]', false, false, true, true, "
                "false, 'ky', :now, :now, 0, 0)"
            ),
            now,
        )
        connection.execute(
            text(
                "INSERT INTO matches (id, seeker_id, vacancy_id, status, created_at, updated_at) "
                "VALUES (1, 1, 1, 'hired', :now, :now)"
            ),
            now,
        )
    upgrade(engine, "0005")
    with engine.connect() as connection:
        # A match from before was never scored for the record: null, not JSON null.
        row = connection.execute(
            text("SELECT status FROM matches WHERE signals IS NULL AND signals_model IS NULL")
        ).one()
        assert row.status == "hired"
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE matches SET signals = :signals, signals_model = 'abc123def456', "
                "signals_encoder = 'hashing-256'"
            ),
            {"signals": '{"semantic": 0.5}'},
        )
    _downgrade(engine, "0004")
    columns = {c["name"] for c in inspect(engine).get_columns("matches")}
    assert not {"signals", "signals_model", "signals_encoder"} & columns
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM matches")).scalar_one() == "hired"
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_retention_migration_takes_last_change_as_last_activity_and_goes_back(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    upgrade(engine, "0007")
    changed = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO seekers (gender, region, skills, languages, employment_types, "
                "lost_job_due_to_covid, disability, consent, visible_to_employers, contactable, "
                "preferred_language, created_at, updated_at, failed_logins, session_version, "
                "seasonal_work) VALUES ('male', 'talas', '[]', '[]', '[]', true, false, true, "
                "true, false, 'ru', :created, :changed, 0, 0, false)"
            ),
            {"created": datetime(2026, 11, 1, tzinfo=UTC), "changed": changed},
        )
    upgrade(engine, "0008")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT last_active_at, retention_notice_at FROM seekers")
        ).one()
    # SQLite hands the stored text back; read it as the model's column type does.
    last_active = models.base.UTCDateTime().process_result_value(
        row.last_active_at
        if isinstance(row.last_active_at, datetime)
        else datetime.fromisoformat(row.last_active_at),
        engine.dialect,
    )
    assert (last_active, row.retention_notice_at) == (changed, None)
    indexes = {index["name"] for index in inspect(engine).get_indexes("seekers")}
    assert "ix_seekers_last_active_at" in indexes
    _downgrade(engine, "0007")
    columns = {c["name"] for c in inspect(engine).get_columns("seekers")}
    assert not {"last_active_at", "retention_notice_at"} & columns
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()
