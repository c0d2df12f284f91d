"""Sign-in throttling under the production server: gunicorn with its configuration and two
workers, attempts sent two at a time so that both workers answer them (gunicorn's access
log names the worker of each). With Redis as the rate-limit storage the limit per address
holds across the workers; in memory:// each worker counts apart, which is why production
refuses to start without a shared storage. The per-account wait lives in the database and
counts every worker's refusals.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
from sqlalchemy.orm import Session

from models import User
from service.platform.db import database_url, make_engine
from service.usecases.accounts import create_user
from tests.e2e.conftest import free_port
from tests.http.web.conftest import TOKEN

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"
LIMIT = 5
PASSWORD = "жумуш берүүчү 2026"
EMAIL = "viewer@example.kg"


@dataclass
class Served:
    """A running gunicorn and what the test needs to talk to it and read its log."""

    port: int
    access_log: Path
    error_log: Path
    database: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        """Send one request on a connection of its own (each is accepted anew)."""
        request_id = uuid.uuid4().hex
        headers = {"X-Request-Id": request_id}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for value in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            return Answer(response.status, text, request_id)
        finally:
            connection.close()

    def form_token(self, path: str) -> str:
        found = TOKEN.search(self.request("GET", path).text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def worker_of(self, answers: list[Answer]) -> set[str]:
        """Return the pids of the workers that answered (from gunicorn's access log, which
        a worker writes just after it has sent the answer)."""
        wanted = {answer.request_id for answer in answers}
        for _ in range(100):
            logged = dict(
                line.split(" ", 1) for line in self.access_log.read_text().splitlines() if line
            )
            if wanted <= logged.keys():
                return {logged[request_id] for request_id in wanted}
            time.sleep(0.1)
        raise AssertionError("the access log lacks some of the requests")


@dataclass(frozen=True)
class Answer:
    status: int
    text: str
    request_id: str


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def serve(committed_database_url: str, tmp_path: Path) -> Iterator[Callable[[str], Served]]:
    """Start gunicorn (production configuration, 2 workers) with a given rate-limit storage."""
    started: list[subprocess.Popen[bytes]] = []
    prefixes: list[str] = []
    engine = make_engine(database_url({"DATABASE_URL": committed_database_url}, ""))
    with Session(engine) as session:
        create_user(session=session, email=EMAIL, role="viewer", password=PASSWORD)
    engine.dispose()

    def start(storage: str) -> Served:
        prefix = f"jumush-test-{uuid.uuid4().hex}"
        prefixes.append(prefix)
        port = free_port()
        access_log = tmp_path / f"access-{port}.log"
        error_log = tmp_path / f"error-{port}.log"
        env = {
            **os.environ,
            "DATABASE_URL": committed_database_url,
            "JUMUSH_ENCODER": "hashing",
            "JUMUSH_SESSION_STORAGE_URI": str(tmp_path / "sessions"),
            "JUMUSH_RATELIMIT_STORAGE_URI": storage,
            "JUMUSH_RATELIMIT_KEY_PREFIX": prefix,
            # A window opens at its first attempt, so an hour never ends within the test.
            "JUMUSH_RATELIMIT_SIGN_IN": f"{LIMIT} per hour",
            "JUMUSH_LOG_LEVEL": "WARNING",
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "python:service.platform.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                # The worker's pid beside each request's id, for this test only.
                "--access-logfile",
                str(access_log),
                "--access-logformat",
                "%({x-request-id}i)s %(p)s",
                "--error-logfile",
                str(error_log),
                "service:create_app()",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        served = Served(
            port=port,
            access_log=access_log,
            error_log=error_log,
            database=committed_database_url,
        )
        for _ in range(600):
            assert process.poll() is None, "gunicorn stopped while starting"
            try:
                if served.request("GET", "/readyz").status == 200:
                    served.cookies.clear()
                    return served
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("gunicorn did not become ready")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=30)
    if _redis_up():
        store = redis.Redis.from_url(REDIS_URL)
        for prefix in prefixes:
            keys = list(store.scan_iter(match=f"*{prefix}*"))
            if keys:
                store.delete(*keys)


def attempts_in_pairs(served: Served, path: str, forms: list[dict[str, str]]) -> list[Answer]:
    """Send the forms two at a time, so that while one worker checks a password the
    other takes the next attempt."""
    answers: list[Answer] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for start in range(0, len(forms), 2):
            pair = forms[start : start + 2]
            answers += list(pool.map(lambda form: served.request("POST", path, form), pair))
    return answers


def seeker_attempts(served: Served, count: int) -> list[Answer]:
    token = served.form_token("/login")
    forms = [
        {"csrf_token": token, "phone": f"0555 {100000 + n}", "password": "not the password"}
        for n in range(count)
    ]
    return attempts_in_pairs(served, "/login", forms)


def test_the_sign_in_limit_holds_across_gunicorn_workers_with_redis(
    serve: Callable[[str], Served],
) -> None:
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    served = serve(REDIS_URL)
    answers = seeker_attempts(served, LIMIT + 1)
    assert len(served.worker_of(answers)) == 2, "both workers must have answered"
    assert sorted(a.status for a in answers) == [422] * LIMIT + [429]
    later = seeker_attempts(served, 2)
    assert [a.status for a in later] == [429, 429]


def test_in_memory_each_worker_counts_apart(serve: Callable[[str], Served]) -> None:
    # What production refuses to start with: the same attempts all get through.
    served = serve("memory://")
    answers = seeker_attempts(served, LIMIT + 1)
    assert len(served.worker_of(answers)) == 2, "both workers must have answered"
    assert [a.status for a in answers] == [422] * (LIMIT + 1)
    assert "counted in memory by each of the 2 workers apart" in served.error_log.read_text()


def test_an_accounts_wait_counts_wrong_passwords_from_every_worker(
    serve: Callable[[str], Served],
) -> None:
    # memory:// for the limit per address, so that only the account's own count can
    # refuse: it lives in the database, where every worker adds to it.
    served = serve("memory://")
    token = served.form_token("/staff/login")
    wrong = [{"csrf_token": token, "email": EMAIL, "password": f"guess {n}"} for n in range(5)]
    answers = attempts_in_pairs(served, "/staff/login", wrong)
    assert len(served.worker_of(answers)) == 2, "both workers must have answered"
    assert [a.status for a in answers] == [422] * 5
    engine = make_engine(database_url({"DATABASE_URL": served.database}, ""))
    with Session(engine) as session:
        user = session.query(User).filter_by(email=EMAIL).one()
        failures, locked_until = user.failed_logins, user.locked_until
    engine.dispose()
    assert failures == 5, "a worker's refusal was lost"
    assert locked_until is not None and locked_until > datetime.now(UTC)
    right = {"csrf_token": token, "email": EMAIL, "password": PASSWORD}
    again = attempts_in_pairs(served, "/staff/login", [right, right])
    assert [a.status for a in again] == [429, 429]  # even the right password waits
