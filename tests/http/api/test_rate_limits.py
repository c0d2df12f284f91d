"""Rate limits per API key and per address, in memory and in Redis: 429 with Retry-After."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from flask import Flask

from service import create_app
from service.platform.db import get_db
from service.platform.migrate import upgrade
from tests.http.api.conftest import Caller, register
from tests.support import TEST_CONFIG

REDIS_URL = "redis://127.0.0.1:6379"


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["memory://", REDIS_URL])
def limited_app(request: pytest.FixtureRequest) -> Iterator[Flask]:
    """An app on its own SQLite database with a limit of 3 requests a minute."""
    if request.param.startswith("redis") and not _redis_up():
        # CI starts Redis (.ci/run), so there a missing server is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    app = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": "sqlite://",
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_DEFAULT": "3 per minute",
            "RATELIMIT_REGISTRATION": "2 per hour",
            "RATELIMIT_STORAGE_URI": request.param,
            # A fresh namespace so runs never share counters in Redis.
            "RATELIMIT_KEY_PREFIX": f"jumush-test-{uuid.uuid4().hex}",
        }
    )
    upgrade(get_db(app).engine)
    yield app
    get_db(app).engine.dispose()


def test_limit_is_per_key(limited_app: Flask) -> None:
    client = limited_app.test_client()
    first = register(client)
    second = register(client, region="osh")
    statuses = [first.get("/api/v1/vacancies").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = first.get("/api/v1/vacancies")
    assert refused.get_json()["error"] == "too_many_requests"
    assert set(refused.get_json()) <= {"error", "message", "errors"}
    assert int(refused.headers["Retry-After"]) > 0
    # Another key has its own allowance.
    assert second.get("/api/v1/vacancies").status_code == 200


def test_limit_is_per_address_without_a_key(limited_app: Flask) -> None:
    client = limited_app.test_client()
    statuses = [
        client.get("/api/v1/vacancies", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code
        for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    other = client.get("/api/v1/vacancies", environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 401


def test_registration_has_its_own_stricter_limit(limited_app: Flask) -> None:
    client = limited_app.test_client()
    register(client)
    register(client)
    from tests.http.api.conftest import employer_body

    refused = client.post("/api/v1/employers", json=employer_body())
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_health_probes_are_never_limited(limited_app: Flask) -> None:
    client = limited_app.test_client()
    assert {client.get("/healthz").status_code for _ in range(6)} == {200}


def test_limits_are_off_in_the_other_tests(employer: Caller) -> None:
    assert {employer.get("/api/v1/vacancies").status_code for _ in range(10)} == {200}
