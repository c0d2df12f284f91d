"""`jumush backup` of a live database while another thread keeps writing, and `jumush
restore` of that file into a new, empty database: every row committed before the backup
began is there, nothing half-written is, foreign keys hold and the schema is at head.

SQLite: files in tmp_path. PostgreSQL: a database of its own beside DATABASE_URL's
(`<name>_backup_live`) restored into another (`<name>_restore`), both dropped afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from models import Employer, Vacancy
from service import create_app
from service.platform.db import database_url, make_engine
from service.platform.migrate import head_revision, upgrade
from tests.support import DATABASE_URL, ON_POSTGRES, TEST_CONFIG, CommandRunner, make_employer

SEEDED = 400


def _server_url(name: str) -> str:
    """DATABASE_URL's server with another database name."""
    url = make_url(database_url({"DATABASE_URL": DATABASE_URL}, ""))
    return url.set(database=name).render_as_string(hide_password=False)


def _admin() -> Engine:
    return create_engine(_server_url("postgres"), isolation_level="AUTOCOMMIT")


def _recreate(name: str) -> None:
    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def _drop(name: str) -> None:
    admin = _admin()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def new_database(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Make an empty database (a SQLite file, or a PostgreSQL database) and return its URL."""
    made: list[str] = []
    base = (
        make_url(database_url({"DATABASE_URL": DATABASE_URL}, "")).database if ON_POSTGRES else ""
    )

    def make(role: str) -> str:
        if not ON_POSTGRES:
            return f"sqlite:///{tmp_path / f'{role}.db'}"
        name = f"{base}_{role}"
        _recreate(name)
        made.append(name)
        return _server_url(name)

    yield make
    for name in made:
        _drop(name)


def _runner(url: str, tmp_path: Path) -> CommandRunner:
    config = {**TEST_CONFIG, "DATABASE_URL": url, "SESSION_STORAGE_URI": str(tmp_path / "s")}
    return CommandRunner(create_app(config))


def _add_employer_with_vacancy(session: Session, description: str) -> str:
    """Add one employer and its vacancy (not committed yet); return the employer's INN."""
    employer = make_employer(session)
    session.add(
        Vacancy(
            employer_id=employer.id,
            title="Швея",
            region="bishkek",
            employment_type="full_time",
            skills=["пошив"],
            description=description,
        )
    )
    return str(employer.inn)


class Writer(threading.Thread):
    """Keep committing employers with a vacancy each until told to stop."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.committed: list[str] = []
        self.started_writing = threading.Event()
        self.stop = threading.Event()
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            with Session(self.engine) as session:
                while not self.stop.is_set():
                    inn = _add_employer_with_vacancy(session, "Пошив " * 50)
                    session.commit()  # the employer and its vacancy, in one transaction
                    self.committed.append(inn)
                    if len(self.committed) >= 20:
                        self.started_writing.set()
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.failure = exc
            self.started_writing.set()


def test_a_live_database_backed_up_under_writes_restores_every_committed_row(
    new_database: Callable[[str], str], tmp_path: Path
) -> None:
    live_url = new_database("backup_live")
    engine = make_engine(database_url({"DATABASE_URL": live_url}, ""))
    upgrade(engine)
    with Session(engine) as session:
        seeded = {_add_employer_with_vacancy(session, "Тигүү " * 200) for _ in range(SEEDED)}
        session.commit()

    runner = _runner(live_url, tmp_path)
    backup = tmp_path / "jumush.backup"
    writer = Writer(engine)
    writer.start()
    assert writer.started_writing.wait(timeout=60), "the writer never committed"
    try:
        committed_before = list(writer.committed)  # each of these has committed
        result = runner.invoke("backup", str(backup))
        committed_by_end_of_backup = len(writer.committed)
    finally:
        writer.stop.set()
        writer.join(timeout=60)
    assert writer.failure is None, writer.failure
    assert result.exit_code == 0, result.output
    assert "backed up the" in result.output and backup.stat().st_size > 0
    assert backup.stat().st_mode & 0o077 == 0  # personal data: its owner's alone
    all_committed = set(writer.committed)

    restored_url = new_database("restore")
    restored = _runner(restored_url, tmp_path).invoke("restore", str(backup))
    assert restored.exit_code == 0, restored.output
    assert f"schema at revision {head_revision()} (the newest)" in restored.output

    target = make_engine(database_url({"DATABASE_URL": restored_url}, ""))
    with Session(target) as session:
        inns = set(session.scalars(select(Employer.inn)))
        vacancies = session.scalar(select(func.count()).select_from(Vacancy))
        orphans = session.scalar(
            select(func.count())
            .select_from(Vacancy)
            .outerjoin(Employer, Employer.id == Vacancy.employer_id)
            .where(Employer.id.is_(None))
        )
    target.dispose()
    engine.dispose()
    restored_writes = len(inns) - SEEDED
    print(
        f"\nbackup {backup.stat().st_size:,} bytes; writer commits: {len(committed_before)} "
        f"before the backup began, {committed_by_end_of_backup - len(committed_before)} while "
        f"it ran, {len(all_committed)} in all; restored {restored_writes} of them"
    )
    # Every row committed before the backup began, and each restored row was committed:
    # one snapshot, with no transaction in part (each employer came with its vacancy).
    assert seeded | set(committed_before) <= inns <= seeded | all_committed
    assert vacancies == len(inns) and orphans == 0


def test_restore_refuses_a_database_that_holds_anything(
    new_database: Callable[[str], str], tmp_path: Path
) -> None:
    live_url = new_database("backup_live")
    engine = make_engine(database_url({"DATABASE_URL": live_url}, ""))
    upgrade(engine)
    with Session(engine) as session:
        _add_employer_with_vacancy(session, "")
        session.commit()
    backup = tmp_path / "one.backup"
    assert _runner(live_url, tmp_path).invoke("backup", str(backup)).exit_code == 0
    refused = _runner(live_url, tmp_path).invoke("restore", str(backup))
    assert refused.exit_code == 1
    assert "the target database is not empty" in refused.output
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Employer)) == 1
    engine.dispose()


def test_backup_never_overwrites_a_file_and_restore_reads_only_backups(
    new_database: Callable[[str], str], tmp_path: Path
) -> None:
    live_url = new_database("backup_live")
    upgrade(make_engine(database_url({"DATABASE_URL": live_url}, "")))
    existing = tmp_path / "kept.txt"
    existing.write_text("not to be lost", encoding="utf-8")
    refused = _runner(live_url, tmp_path).invoke("backup", str(existing))
    assert refused.exit_code == 1 and "exists already" in refused.output
    assert existing.read_text(encoding="utf-8") == "not to be lost"
    nowhere = _runner(live_url, tmp_path).invoke(
        "backup", str(tmp_path / "no" / "such" / "dir.backup")
    )
    assert nowhere.exit_code == 1 and "does not exist" in nowhere.output
    assert list(tmp_path.glob(".*")) == []  # no partial file left behind

    empty_url = new_database("restore")
    wrong = _runner(empty_url, tmp_path).invoke("restore", str(existing))
    assert wrong.exit_code == 1
    assert "neither a SQLite database nor a pg_dump custom archive" in wrong.output
