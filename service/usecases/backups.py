"""Back up a live database into one file, and restore such a file into an empty database.

SQLite: the online backup API of the `sqlite3` module copies one consistent snapshot while
other connections (gunicorn workers) keep writing. PostgreSQL: `pg_dump` in its custom
format (one snapshot, taken when it starts) and `pg_restore` in one transaction, both
found on PATH. The file says which it is: SQLite's header or pg_dump's "PGDMP".
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404  # pg_dump and pg_restore run from a list, never a shell
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or a restore that cannot be done; the message says why, for an operator."""


@dataclass(frozen=True)
class BackupSummary:
    """What a backup wrote."""

    backend: str
    path: Path
    size: int


@dataclass(frozen=True)
class RestoreSummary:
    """What a restore left in the target database."""

    backend: str
    tables: int
    revision: str | None


def backup_database(*, engine: Engine, target: Path) -> BackupSummary:
    """Write a consistent copy of the database behind `engine` to `target` (a new file)."""
    if target.exists():
        raise BackupError(f"{target} exists already; name a new file")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    backend = engine.url.get_backend_name()
    # Written beside the target and renamed at the end: a failed backup leaves no file
    # that looks like a good one.
    fd, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    partial = Path(partial_name)
    try:
        if backend == "sqlite":
            _sqlite_backup(_sqlite_path(engine.url), partial)
        elif backend == "postgresql":
            _pg_run("pg_dump", ["--format=custom", f"--file={partial}"], engine.url)
        else:
            raise BackupError(f"cannot back up a {backend} database")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupSummary(backend=backend, path=target, size=target.stat().st_size)


def restore_database(*, engine: Engine, source: Path) -> RestoreSummary:
    """Load the backup `source` into the empty database behind `engine`."""
    backend = engine.url.get_backend_name()
    kind = _backup_kind(source)
    if kind != backend:
        raise BackupError(f"{source} is a {kind} backup; the target database is {backend}")
    tables = inspect(engine).get_table_names()
    if tables:
        # Never over a database that holds something: restore into a new one, check it,
        # then point DATABASE_URL at it.
        raise BackupError(
            f"the target database is not empty ({len(tables)} tables); restore into a new one"
        )
    if backend == "sqlite":
        _sqlite_restore(source, _sqlite_path(engine.url))
    else:
        _pg_run(
            "pg_restore",
            [
                f"--dbname={engine.url.database}",
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                str(source),
            ],
            engine.url,
        )
    engine.dispose()  # connections opened before the restore saw an empty schema
    with engine.connect() as connection:
        names = inspect(connection).get_table_names()
        revision = None
        if "alembic_version" in names:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return RestoreSummary(backend=backend, tables=len(names), revision=revision)


def _backup_kind(source: Path) -> str:
    try:
        with source.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(f"cannot read {source}: {exc.strerror}") from None
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    if head.startswith(PG_DUMP_HEADER):
        return "postgresql"
    raise BackupError(f"{source} is neither a SQLite database nor a pg_dump custom archive")


def _sqlite_path(url: URL) -> str:
    if url.database in (None, "", ":memory:"):
        raise BackupError("an in-memory SQLite database has nothing to back up or restore")
    return str(url.database)


def _sqlite_backup(path: str, target: Path) -> None:
    if not Path(path).is_file():
        raise BackupError(f"the database file {path} does not exist")
    # mode=rw: a wrong path must not create an empty database to back up.
    source = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    copy = sqlite3.connect(target)
    with closing(source), closing(copy):
        # All pages in one step, under one read transaction: one snapshot, and WAL lets
        # the writers go on meanwhile (copying in small steps would start over at each
        # write and might never finish on a busy database).
        source.backup(copy, pages=-1)
        # One self-contained file, whatever journal the live database uses.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check_sqlite(copy, target)


def _sqlite_restore(source: Path, path: str) -> None:
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    with closing(backup):
        _check_sqlite(backup, source)
        target = sqlite3.connect(path)
        with closing(target):
            backup.backup(target, pages=-1)
            target.execute("PRAGMA journal_mode=WAL")


def _check_sqlite(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a copy that SQLite finds damaged or whose rows break a foreign key."""
    integrity = connection.execute("PRAGMA integrity_check").fetchall()
    if integrity != [("ok",)]:
        raise BackupError(f"{path} is damaged: {integrity[0][0]}")
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise BackupError(f"{path} has {len(broken)} rows that break a foreign key")


def _pg_run(program: str, arguments: list[str], url: URL) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} was not found on PATH: install PostgreSQL's client programs "
            "(Debian: postgresql-client) of the server's major version or newer"
        )
    # Connection details go in the environment, where `ps` does not show the password.
    env = {**os.environ, "PGDATABASE": str(url.database or "")}
    for name, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGSSLMODE", url.query.get("sslmode")),
    ):
        if value is not None:
            env[name] = str(value)
    done = subprocess.run(  # nosec B603  # a fixed program from PATH and arguments in a list
        [executable, "--no-password", *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()
        raise BackupError(f"{program} failed: {reason[-1] if reason else done.returncode}")
