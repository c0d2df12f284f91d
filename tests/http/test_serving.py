"""`jumush serve`: gunicorn with the real configuration, two workers, each warm before its
first request (model run, index loaded), and still catching up after the fork.

Each worker's /readyz names its pid and says where its matcher was loaded, whether it
was warm and how many requests the worker had begun before it was: 0, or a request paid.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.platform.db import get_db
from service.platform.matcher import readiness
from tests.support import TEST_CONFIG, CommandRunner, make_market, make_seeker

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 120.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running `jumush serve` and the data it serves."""

    base: str
    master: int
    token: str
    seeker_id: int
    seamstress_id: int

    def call(
        self, path: str, body: dict[str, Any] | None = None, key: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"} if body is not None else {},
        )
        if key:
            request.add_header("Authorization", f"Bearer {key}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")

    def workers(self) -> list[int]:
        text = Path(f"/proc/{self.master}/task/{self.master}/children").read_text()
        return sorted(int(pid) for pid in text.split())

    def recommendations(self) -> tuple[int, dict[str, Any]]:
        return self.call(f"/api/v1/seekers/{self.seeker_id}/recommendations", key=self.token)

    def from_every_worker(
        self,
        call: Callable[[], tuple[int, dict[str, Any]]] | None = None,
        until: Callable[[dict[str, Any]], bool] = lambda matcher: True,
    ) -> dict[int, dict[str, Any]]:
        """Return each worker's /readyz matcher report once every report meets `until`,
        sending `call` four at a time (to reach both workers) before each round."""
        seen: dict[int, dict[str, Any]] = {}
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=4) as pool:
            while time.monotonic() - started < DEADLINE:
                if call is not None:
                    for status, body in pool.map(lambda _: call(), range(4)):
                        assert status == 200, body
                for status, body in pool.map(lambda _: self.call("/readyz"), range(4)):
                    assert status == 200, body
                    seen[body["matcher"]["pid"]] = body["matcher"]
                workers = self.workers()
                if set(workers) <= set(seen) and all(until(seen[pid]) for pid in workers):
                    return {pid: seen[pid] for pid in workers}
        pytest.fail(f"not every worker answered as expected: {seen}")


@contextlib.contextmanager
def serving(url: str, folder: Path, *, preload: bool, encoder: str = "hashing") -> Iterator[Server]:
    """Serve a few vacancies and one seeker with `jumush serve --workers 2`."""
    app = create_app(
        {**TEST_CONFIG, "DATABASE_URL": url, "SESSION_STORAGE_URI": str(folder / "sessions")}
    )
    with get_db(app).sessions() as session:
        seamstress = make_market(session)["seamstress"].id
        seeker = make_seeker(session, desired_position="швея", skills=["пошив"]).id
        session.commit()
    created = CommandRunner(app).invoke(
        "create-user", "--email", "staff@example.invalid", "--role", "staff",
        input="long enough pw\nlong enough pw\n",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    get_db(app).engine.dispose()

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JUMUSH_ENCODER": encoder,
        "JUMUSH_SESSION_STORAGE_URI": str(folder / "sessions"),
        "JUMUSH_PRELOAD": str(preload).lower(),
        "JUMUSH_LOG_LEVEL": "WARNING",
    }
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # `serve` execs gunicorn: the process started here is gunicorn's master.
    token = created.output.strip().splitlines()[-1]
    served = Server(f"http://127.0.0.1:{port}", process.pid, token, seeker, seamstress)
    try:
        started = time.monotonic()
        while time.monotonic() - started < DEADLINE:
            try:
                if served.call("/readyz")[0] == 200 and len(served.workers()) == 2:
                    break
            except OSError:
                pass
            assert process.poll() is None, "gunicorn stopped"
            time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not become ready")
        yield served
    finally:
        workers = served.workers() if process.poll() is None else []
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            # A hung worker outlives a killed master: leave none of this server's behind.
            for pid in workers:
                with contextlib.suppress(OSError):
                    if f"127.0.0.1:{port}" in Path(f"/proc/{pid}/cmdline").read_text():
                        os.kill(pid, signal.SIGKILL)


@pytest.fixture(
    params=[
        pytest.param((True, "hashing"), id="preload"),
        pytest.param((False, "hashing"), id="per-worker"),
        # torch loaded and run in the master, then forked (see test below).
        pytest.param((True, "minilm"), id="preload-torch", marks=pytest.mark.slow),
    ]
)
def server(
    request: pytest.FixtureRequest, committed_database_url: str, tmp_path: Path
) -> Iterator[Server]:
    preload, encoder = request.param
    with serving(committed_database_url, tmp_path, preload=preload, encoder=encoder) as served:
        yield served


def test_every_worker_is_warm_before_its_first_request_and_catches_up_after_the_fork(
    server: Server, request: pytest.FixtureRequest
) -> None:
    preload, encoder = request.node.callspec.params["server"]
    reports = server.from_every_worker()
    assert len(reports) == 2
    for matcher in reports.values():
        assert matcher["required"] and matcher["warm"], matcher
        # No request this worker served paid for the warm-up: it ran before the first one.
        assert matcher["requests_before_warm"] == 0, matcher
        assert matcher["encoder"] == {"hashing": "hashing-256"}.get(encoder, encoder)
        assert matcher["position"] is not None  # the index was loaded from the database
    loaded_by = {matcher["loaded_by"] for matcher in reports.values()}
    # Preloaded: once, in the master, before the fork; the workers share that copy.
    assert loaded_by == ({server.master} if preload else set(reports))

    # A master that ran torch on several threads leaves its children hanging in their
    # first parallel call (preload-torch): a new vacancy's text and title are encoded in
    # one batch by whichever worker syncs first, as each worker's warm-up does.
    before = server.from_every_worker(server.recommendations)
    status, body = server.recommendations()
    assert status == 200 and body["items"][0]["vacancy_id"] == server.seamstress_id
    status, employer = server.call(
        "/api/v1/employers",
        {
            "name": "Ала-Тоо Тигүү", "inn": "01234567890123", "contact_person": "Айгүл",
            "phone": "+996 555 123 456", "email": "hr@example.invalid", "region": "bishkek",
            "size": "small",
        },
    )  # fmt: skip
    assert status == 201, employer
    status, vacancy = server.call(
        "/api/v1/vacancies",
        {"title": "Швея", "skills": ["пошив"], "region": "bishkek", "employment_type": "full_time"},
        key=employer["api_key"],
    )
    assert status == 201, vacancy

    def recommends_the_new_vacancy() -> tuple[int, dict[str, Any]]:
        status, body = server.recommendations()
        assert vacancy["id"] in [item["vacancy_id"] for item in body["items"]], body
        return status, body

    # Every worker applies the change made after the fork (its position moves on).
    server.from_every_worker(
        recommends_the_new_vacancy,
        until=lambda matcher: matcher["position"] > before[matcher["pid"]]["position"],
    )


def test_readyz_under_the_test_client_neither_waits_for_nor_loads_the_matcher(
    app: Flask, client: FlaskClient
) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json is not None
    assert response.json["matcher"]["required"] is False
    assert "jumush.matcher" not in app.extensions  # the first ranking builds it, as before


def test_readyz_warms_a_worker_whose_warm_up_failed_and_says_when_it_cannot(
    app: Flask, client: FlaskClient
) -> None:
    readiness(app).required = True  # as the gunicorn hooks leave it
    app.config["ENCODER"] = "hashing~c3"  # no centring statistics: the warm-up fails
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json is not None
    assert response.json["matcher"]["error"] == "ValueError"

    app.config["ENCODER"] = "hashing"
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json is not None
    matcher = response.json["matcher"]
    assert matcher["warm"] and matcher["loaded_by"] == os.getpid()
    # Honest about it: two requests came before the matcher was warm.
    assert matcher["requests_before_warm"] == 2
