"""A process killed (SIGKILL) in the middle of a write leaves no half-written record.

A child process serves one request with the real application on a database whose commits
are real (a SQLite file, or a PostgreSQL schema). Just before the use-case commits, a
listener flushes everything the request wrote, reports the rows it can see inside its
own transaction, and waits. The test kills the process there, as the kernel or gunicorn's
master kills a worker, and checks that none of those rows is stored and that the database
takes the next write. What this proves: each of these writes is one transaction, and a
writer that dies before COMMIT leaves nothing (PostgreSQL drops the connection's
transaction; SQLite ignores WAL frames without a commit record and the kernel releases
the dead process's locks). It does not prove anything about a process killed after
COMMIT and before its answer: that write is stored and unanswered, which is what the
Idempotency-Key header is for.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import Engine

from models import AuditEvent, Change, Seeker, Vacancy
from service import create_app
from tests.http.api.conftest import make_user, register
from tests.support import ON_POSTGRES, TEST_CONFIG

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, os, sys, time
    from sqlalchemy import event, func, select
    from sqlalchemy.orm import Session
    from models import AuditEvent, Change, Seeker, Vacancy
    from service import create_app
    from tests.support import TEST_CONFIG

    kind, key, body = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    written = {"seeker": Seeker, "vacancy": Vacancy}[kind]
    app = create_app({**TEST_CONFIG, "DATABASE_URL": os.environ["KILLED_WRITER_DATABASE"]})

    @event.listens_for(Session, "before_commit")
    def wait_to_be_killed(session):
        records = [*session.new, *session.identity_map.values()]
        record = next((o for o in records if isinstance(o, written)), None)
        if record is None:
            return  # another commit (an API key's use being noted)
        session.flush()
        seen = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Seeker, Vacancy, AuditEvent, Change)
        }
        print(json.dumps({"id": record.id, "seen": seen}), flush=True)
        time.sleep(600)

    path = {"seeker": "/api/v1/seekers", "vacancy": "/api/v1/vacancies"}[kind]
    app.test_client().post(path, json=body, headers={"Authorization": "Bearer " + key})
    print("the request ended: the test expected to kill it before", flush=True)
    """
)


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            model.__tablename__: int(
                connection.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in (Seeker, Vacancy, AuditEvent, Change)
        }


def _serve_until_killed(url: str, kind: str, key: str, body: dict[str, Any]) -> dict[str, Any]:
    """Run the child until it waits inside its transaction; kill it; return its report."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind, key, json.dumps(body)],
        cwd=ROOT,
        env={**os.environ, "KILLED_WRITER_DATABASE": url, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    lines: list[str] = []
    # A bound on a child that never reaches its commit, so that a failure cannot hang.
    reading = threading.Thread(target=lambda: lines.append(child.stdout.readline()))  # type: ignore[union-attr]
    reading.start()
    reading.join(timeout=300)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert lines and lines[0].startswith("{"), f"the child did not stop in its commit: {lines}"
    report: dict[str, Any] = json.loads(lines[0])
    return report


@pytest.mark.parametrize("kind", ["seeker", "vacancy"])
def test_a_writer_killed_before_its_commit_leaves_no_row_and_the_next_write_succeeds(
    committed_database_url: str, kind: str
) -> None:
    app = create_app({**TEST_CONFIG, "DATABASE_URL": committed_database_url})
    client = app.test_client()
    employer = register(client)
    partner = make_user(app, client, "partner")
    engine = create_engine(
        committed_database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    )
    before = _counts(engine)
    if kind == "seeker":
        key = partner.key
        body = {
            "full_name": "Айгүл Асанова",
            "phone": "+996 700 111 222",
            "gender": "female",
            "birth_year": 1990,
            "region": "bishkek",
            "desired_position": "швея",
            "consent": True,
        }
        # A registration writes its seeker, an audit event and a change for the index.
        grows = {"seekers": 1, "audit_events": 1, "changes": 1}
    else:
        key = employer.key
        body = {"title": "Швея", "region": "bishkek", "employment_type": "full_time"}
        grows = {"vacancies": 1, "changes": 1}
    assert key is not None

    report = _serve_until_killed(committed_database_url, kind, key, body)

    # Inside its transaction the child saw every row of the write...
    assert report["seen"] == {name: before[name] + grows.get(name, 0) for name in before}
    # ...and none of them outlived it.
    assert _counts(engine) == before
    model = Seeker if kind == "seeker" else Vacancy
    with engine.connect() as connection:
        assert connection.scalar(select(model).where(model.id == report["id"])) is None
        if not ON_POSTGRES:
            assert connection.scalar(text("PRAGMA integrity_check")) == "ok"
    # The dead writer holds no lock: the same write goes through now.
    caller = partner if kind == "seeker" else employer
    path = "/api/v1/seekers" if kind == "seeker" else "/api/v1/vacancies"
    assert caller.post(path, json=body).status_code == 201
    assert _counts(engine) == {name: before[name] + grows.get(name, 0) for name in before}
    engine.dispose()
