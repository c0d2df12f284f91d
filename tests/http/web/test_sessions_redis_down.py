"""Sessions kept in Redis, and Redis gone or hanging: the pages keep their sessions in
files meanwhile, with a warning, and go back to Redis once it answers; never a 500."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from cachelib.file import FileSystemCache
from flask import Flask
from sqlalchemy import func, select

from models import Seeker
from service import create_app
from service.platform.db import get_db
from service.platform.migrate import upgrade
from service.platform.sessions import SessionsWithFallback
from tests.http.web.conftest import PASSWORD, Visitor, registration
from tests.support import TEST_CONFIG

REDIS_URL = "redis://127.0.0.1:6379/0"
COOKIE = "jumush_session"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _app(tmp_path: Path, redis_url: str) -> Flask:
    app = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'jumush.db'}",
            "SESSION_STORAGE_URI": redis_url,
            "SESSION_FALLBACK_FOLDER": str(tmp_path / "sessions"),
        }
    )
    upgrade(get_db(app).engine)
    return app


@pytest.fixture
def app_without_its_redis(tmp_path: Path) -> Iterator[Flask]:
    app = _app(tmp_path, f"redis://127.0.0.1:{_closed_port()}")
    yield app
    get_db(app).engine.dispose()


def _seekers(app: Flask) -> int:
    with get_db(app).sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Seeker)) or 0)


def _session_files(tmp_path: Path) -> list[Path]:
    return [path for path in (tmp_path / "sessions").iterdir() if path.is_file()]


def test_with_its_redis_refusing_a_seeker_registers_and_stays_signed_in(
    app_without_its_redis: Flask, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    visitor = Visitor(app_without_its_redis.test_client())
    with caplog.at_level(logging.WARNING, logger="jumush.sessions"):
        visitor.get("/?lang=ky")
        answer = visitor.send("/register", registration())
        page = visitor.get("/me/recommendations")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/me/recommendations")
    assert page.status_code == 200  # still signed in: the session lives in the files
    assert _seekers(app_without_its_redis) == 1
    assert _session_files(tmp_path)
    warnings = [r for r in caplog.records if "session storage unreachable" in r.getMessage()]
    assert len(warnings) == 1  # once for the outage, not once a request


def test_a_redis_that_hangs_costs_one_request_its_timeout_not_every_request(
    tmp_path: Path,
) -> None:
    # A server that takes connections and never answers.
    silent = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(silent.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    app = _app(tmp_path, f"redis://127.0.0.1:{silent.getsockname()[1]}")
    visitor = Visitor(app.test_client())
    statuses: list[int] = []
    connections: list[int] = []

    def visit() -> None:
        statuses.append(visitor.get("/register").status_code)
        connections.append(len(accepted))
        statuses.extend(visitor.get(path).status_code for path in ("/register", "/login", "/"))
        connections.append(len(accepted))

    asking = threading.Thread(target=visit, daemon=True)
    asking.start()
    # A liveness bound, not a speed measure: without timeouts a page never ends at all.
    asking.join(timeout=60)
    silent.close()
    for connection in accepted:
        connection.close()
    get_db(app).engine.dispose()
    assert statuses == [200, 200, 200, 200]
    first, later = connections
    assert first >= 1  # the first page did try Redis ...
    assert later == first  # ... and the next ones, within the pause, did not


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def test_sessions_go_back_to_redis_once_it_answers_again(tmp_path: Path) -> None:
    if not _redis_up():
        # CI starts Redis (.ci/run), so there a missing server is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    app = _app(tmp_path, REDIS_URL)
    interface = app.session_interface
    assert isinstance(interface, SessionsWithFallback)
    store = redis.Redis.from_url(REDIS_URL)
    working = interface.primary.client  # type: ignore[attr-defined]
    client = app.test_client()
    visitor = Visitor(client)

    # Redis gone: the registration's session is kept in the files.
    interface.primary.client = redis.Redis(  # type: ignore[attr-defined]
        port=_closed_port(), socket_connect_timeout=1, socket_timeout=1
    )
    assert visitor.send("/register", registration()).status_code == 302
    during = client.get_cookie(COOKIE)
    assert during is not None
    files = FileSystemCache(str(tmp_path / "sessions"))
    assert not store.exists(f"jumush:{during.value}")
    assert files.has(f"jumush:{during.value}")

    # Redis back, and the pause over: a sign-in's session is kept in Redis again.
    interface.primary.client = working  # type: ignore[attr-defined]
    interface.redis_down_until = 0.0
    signed = visitor.send("/login", {"phone": "0555123456", "password": PASSWORD})
    assert signed.status_code == 302
    after = client.get_cookie(COOKIE)
    assert after is not None and after.value != during.value
    assert store.exists(f"jumush:{after.value}")
    # The outage's session is ended in the files too: no later outage revives it.
    assert not files.has(f"jumush:{during.value}")
    assert visitor.get("/me/recommendations").status_code == 200
    store.delete(f"jumush:{after.value}")
    get_db(app).engine.dispose()
