"""Sessions kept in Redis, and Redis gone, hanging or refusing writes: the pages keep
their sessions in files meanwhile, with a warning, and go back to Redis once it answers;
a sign-out Redis cannot confirm ends the person's sessions by the database; never a 500."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from cachelib.file import FileSystemCache
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from models import Seeker
from service import create_app
from service.platform.db import get_db
from service.platform.migrate import upgrade
from service.platform.sessions import SessionsWithFallback
from tests.http.staff.conftest import StaffBrowser, add_user
from tests.http.web.conftest import PASSWORD, Visitor, registration
from tests.support import TEST_CONFIG

REDIS_URL = "redis://127.0.0.1:6379/0"
COOKIE = "jumush_session"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _app(tmp_path: Path, redis_url: str, *, files: Path | None = None) -> Flask:
    app = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'jumush.db'}",
            "SESSION_STORAGE_URI": redis_url,
            "SESSION_FALLBACK_FOLDER": str(files or tmp_path / "sessions"),
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


class _WritesRefused(redis.Redis):
    """A Redis that reads but cannot write (full memory, a replica after a fail-over)."""

    def set(self, *args: Any, **kwargs: Any) -> Any:
        raise redis.ConnectionError("writes refused")

    def delete(self, *args: Any) -> Any:
        raise redis.ConnectionError("writes refused")


class Outage:
    """The app's session Redis, taken away and given back, with the real one to look in."""

    def __init__(self, app: Flask, tmp_path: Path) -> None:
        interface = app.session_interface
        assert isinstance(interface, SessionsWithFallback)
        self.interface = interface
        self.working = interface.primary.client  # type: ignore[attr-defined]
        self.redis = redis.Redis.from_url(REDIS_URL)
        self.files = FileSystemCache(str(tmp_path / "sessions"))

    def gone(self) -> None:
        self.interface.primary.client = redis.Redis.from_url(  # type: ignore[attr-defined]
            f"redis://127.0.0.1:{_closed_port()}", socket_connect_timeout=1, socket_timeout=1
        )

    def writes_refused(self) -> None:
        self.interface.primary.client = _WritesRefused.from_url(  # type: ignore[attr-defined]
            REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        self.interface.redis_down_until = 0.0

    def back(self) -> None:
        """Redis answers again, and the pause after the last failure is over."""
        self.interface.primary.client = self.working  # type: ignore[attr-defined]
        self.interface.redis_down_until = 0.0

    def in_redis(self, sid: str) -> bool:
        return bool(self.redis.exists(f"jumush:{sid}"))

    def in_files(self, sid: str) -> bool:
        return bool(self.files.has(f"jumush:{sid}"))


@pytest.fixture
def outage(tmp_path: Path) -> Iterator[tuple[Flask, Outage]]:
    """An app whose sessions live in the real Redis (127.0.0.1:6379)."""
    if not _redis_up():
        # CI starts Redis (.ci/run), so there a missing server is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    app = _app(tmp_path, REDIS_URL)
    yield app, Outage(app, tmp_path)
    get_db(app).engine.dispose()


def _sid(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return cookie.value


def _signed_in(app: Flask, sid: str) -> bool:
    """Tell whether a browser holding only this session id sees its own pages."""
    browser = app.test_client()
    browser.set_cookie(COOKIE, sid)
    return bool(browser.get("/me/recommendations").status_code == 200)


def test_sessions_go_back_to_redis_once_it_answers_again(outage: tuple[Flask, Outage]) -> None:
    app, redis_ = outage
    client = app.test_client()
    visitor = Visitor(client)

    # Redis gone: the registration's session is kept in the files.
    redis_.gone()
    assert visitor.send("/register", registration()).status_code == 302
    during = _sid(client)
    assert redis_.in_files(during) and not redis_.in_redis(during)

    # Redis back: that session's copy in the files goes once its cookie comes back, and
    # a sign-in is kept in Redis.
    redis_.back()
    signed = visitor.send("/login", {"phone": "0555123456", "password": PASSWORD})
    assert signed.status_code == 302
    after = _sid(client)
    assert after != during
    assert redis_.in_redis(after) and not redis_.in_files(after)
    assert not redis_.in_files(during)
    assert visitor.get("/me/recommendations").status_code == 200


def test_a_sign_out_redis_cannot_confirm_ends_the_session_on_every_machine(
    outage: tuple[Flask, Outage], tmp_path: Path
) -> None:
    app, redis_ = outage
    client = app.test_client()
    visitor = Visitor(client)
    assert visitor.send("/register", registration()).status_code == 302
    copied = _sid(client)
    # A second machine: the same database and Redis, files of its own.
    other = _app(tmp_path, REDIS_URL, files=tmp_path / "other machine")
    assert _signed_in(other, copied)

    # Redis reads but refuses writes: pages work, the session saved in the files; the
    # sign-out cannot delete the copy in Redis, so it ends the seeker's sessions.
    redis_.writes_refused()
    assert visitor.get("/me/recommendations").status_code == 200
    assert redis_.in_files(copied)
    assert visitor.send("/logout", {}, form="/me").status_code == 302
    assert visitor.get("/me/recommendations").status_code == 302
    assert redis_.in_redis(copied)  # the copy is still there ...
    assert not _signed_in(other, copied)  # ... and opens nothing, on either machine
    assert not _signed_in(app, copied)
    assert not redis_.in_files(copied)

    redis_.back()
    assert not _signed_in(app, copied) and not _signed_in(other, copied)
    get_db(other).engine.dispose()


def test_a_staff_sign_out_redis_cannot_confirm_ends_the_users_sessions(
    outage: tuple[Flask, Outage],
) -> None:
    app, redis_ = outage
    user_id = add_user(app, "staff", email="office@example.kg")
    person = StaffBrowser(app.test_client(), email="office@example.kg", user_id=user_id)
    person.sign_in()
    copied = _sid(person.client)
    assert person.get("/staff").status_code == 200

    redis_.writes_refused()
    assert person.sign_out().status_code == 302
    redis_.back()
    browser = app.test_client()
    browser.set_cookie(COOKIE, copied)
    assert redis_.in_redis(copied)
    assert browser.get("/staff").status_code == 302  # sent to sign in


def test_a_sign_in_whose_new_id_redis_cannot_take_still_signs_the_person_in(
    outage: tuple[Flask, Outage],
) -> None:
    app, redis_ = outage
    client = app.test_client()
    visitor = Visitor(client)
    assert visitor.send("/register", registration()).status_code == 302
    visitor.send("/logout", {}, form="/me")
    form = visitor.token("/login")  # the form's token is kept in Redis

    # Redis refuses writes while the sign-in gives the session its new id.
    redis_.writes_refused()
    body = {"csrf_token": form, "phone": "0555123456", "password": PASSWORD}
    assert client.post("/login", data=body).status_code == 302
    signed = _sid(client)
    assert redis_.in_files(signed) and not redis_.in_redis(signed)
    assert visitor.get("/me/recommendations").status_code == 200


def test_a_sign_out_once_redis_is_back_also_deletes_the_outages_copy_in_the_files(
    outage: tuple[Flask, Outage],
) -> None:
    app, redis_ = outage
    client = app.test_client()
    visitor = Visitor(client)
    assert visitor.send("/register", registration()).status_code == 302
    copied = _sid(client)
    redis_.writes_refused()
    assert visitor.get("/me/recommendations").status_code == 200
    assert redis_.in_files(copied)  # a copy saved while Redis refused the write

    redis_.back()
    assert visitor.send("/logout", {}, form="/me").status_code == 302
    assert not redis_.in_redis(copied)
    # Gone from the files too: a later outage cannot open it.
    assert not redis_.in_files(copied)
    redis_.gone()
    assert not _signed_in(app, copied)
