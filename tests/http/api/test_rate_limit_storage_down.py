"""The rate limits' storage (Redis) gone or hanging: the same limits, counted in each
process's memory, with a warning; never a 500, never every request let through."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from service import create_app
from service.platform.db import get_db
from service.platform.migrate import upgrade
from tests.support import TEST_CONFIG


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def app_without_its_redis(tmp_path: Path) -> Iterator[Flask]:
    """An app whose rate limits are stored in a Redis that does not answer."""
    app = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'jumush.db'}",
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_DEFAULT": "3 per minute",
            "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{_closed_port()}",
        }
    )
    upgrade(get_db(app).engine)
    yield app
    get_db(app).engine.dispose()


def test_without_redis_limits_fall_back_to_this_process_with_a_warning(
    app_without_its_redis: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    client = app_without_its_redis.test_client()
    with caplog.at_level(logging.WARNING):
        statuses = [client.get("/api/v1/openapi.json").status_code for _ in range(4)]
    # Neither a 500 nor open doors: the same limit, counted in this process's memory.
    assert statuses == [200, 200, 200, 429]
    assert any("falling back to in-memory" in record.getMessage() for record in caplog.records)


def test_a_redis_that_hangs_is_given_up_on_and_the_limits_fall_back(tmp_path: Path) -> None:
    # A server that takes connections and never answers: without socket timeouts every
    # request would wait on it for as long as the operating system keeps the socket.
    silent = socket.create_server(("127.0.0.1", 0))
    app = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'jumush.db'}",
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_DEFAULT": "3 per minute",
            "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{silent.getsockname()[1]}",
        }
    )
    upgrade(get_db(app).engine)
    client = app.test_client()
    statuses: list[int] = []
    asking = threading.Thread(
        target=lambda: statuses.extend(
            client.get("/api/v1/openapi.json").status_code for _ in range(4)
        ),
        daemon=True,
    )
    asking.start()
    # A liveness bound, not a speed measure: a hung request never ends at all.
    asking.join(timeout=60)
    silent.close()
    get_db(app).engine.dispose()
    assert statuses == [200, 200, 200, 429]
