"""Employer registration, the one-time key, rotation and revocation."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from models import ApiKey
from models.base import utcnow
from service import create_app
from service.platform.db import get_db
from service.platform.security.secrets import digest_secret
from tests.http.api.conftest import Caller, employer_body, register
from tests.support import TEST_CONFIG


def test_registration_returns_a_key_that_is_stored_hashed(client: FlaskClient, db: Session) -> None:
    response = client.post("/api/v1/employers", json=employer_body())
    assert response.status_code == 201
    body = response.get_json()
    assert body["api_key"].startswith("jk_emp_")
    stored = db.get(ApiKey, body["key"]["id"])
    assert stored is not None and stored.secret_hash == digest_secret(body["api_key"])
    assert body["api_key"] not in str(stored.__dict__)
    me = client.get("/api/v1/employers/me", headers={"Authorization": f"Bearer {body['api_key']}"})
    assert me.get_json()["inn"] == body["employer"]["inn"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("inn", "123"),
        ("inn", "0000000000000a"),
        ("inn", "30000000000000"),
        ("inn", "13213199912345"),  # an individual's INN with no 31/13/1999 date
        ("phone", "call me"),
        ("email", "not-an-email"),
        ("size", "huge"),
        ("region", "almaty"),
        ("name", ""),
    ],
)
def test_registration_validation(client: FlaskClient, field: str, value: str) -> None:
    response = client.post("/api/v1/employers", json=employer_body(**{field: value}))
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_an_individuals_inn_with_a_real_birth_date_is_accepted(client: FlaskClient) -> None:
    response = client.post("/api/v1/employers", json=employer_body(inn="21505199000017"))
    assert response.status_code == 201


def test_duplicate_inn_is_a_conflict(client: FlaskClient) -> None:
    body = employer_body()
    assert client.post("/api/v1/employers", json=body).status_code == 201
    again = client.post("/api/v1/employers", json={**body, "email": "x@example.invalid"})
    assert again.status_code == 409


def test_rotate_then_revoke(employer: Caller) -> None:
    new = employer.post("/api/v1/employers/me/keys")
    assert new.status_code == 201
    new_key = new.get_json()["api_key"]
    old_id = employer.get("/api/v1/employers/me/keys").get_json()["items"][-1]["id"]
    old_key, employer.key = employer.key, new_key
    assert employer.delete(f"/api/v1/employers/me/keys/{old_id}").status_code == 204
    keys = employer.get("/api/v1/employers/me/keys").get_json()["items"]
    assert [k["revoked_at"] is not None for k in keys] == [False, True]
    assert "api_key" not in keys[0]
    employer.key = old_key
    revoked = employer.get("/api/v1/vacancies")
    assert revoked.status_code == 401


def test_last_active_key_cannot_be_revoked(employer: Caller) -> None:
    key_id = employer.get("/api/v1/employers/me/keys").get_json()["items"][0]["id"]
    response = employer.delete(f"/api/v1/employers/me/keys/{key_id}")
    assert response.status_code == 409


def test_last_used_at_is_written_at_most_once_a_minute(employer: Caller, db: Session) -> None:
    employer.get("/api/v1/employers/me")
    key = db.query(ApiKey).filter(ApiKey.employer_id == employer.id).one()
    first = key.last_used_at
    assert first is not None
    employer.get("/api/v1/employers/me")
    db.expire_all()
    assert db.get(ApiKey, key.id).last_used_at == first  # type: ignore[union-attr]
    key = db.get(ApiKey, key.id)
    assert key is not None
    key.last_used_at = utcnow() - timedelta(minutes=2)
    db.commit()
    employer.get("/api/v1/employers/me")
    db.expire_all()
    assert db.get(ApiKey, key.id).last_used_at > first  # type: ignore[union-attr,operator]


def test_two_concurrent_revocations_of_the_last_two_keys_leave_one(
    committed_database_url: str,
) -> None:
    app = create_app({**TEST_CONFIG, "DATABASE_URL": committed_database_url})
    employer = register(app.test_client())
    other = employer.post("/api/v1/employers/me/keys", json={}).get_json()
    (first_id,) = [
        k["id"]
        for k in employer.get("/api/v1/employers/me/keys").get_json()["items"]
        if k["id"] != other["id"]
    ]
    # Each revocation authenticates with the key the other one revokes.
    races = [(first_id, other["api_key"]), (other["id"], employer.key)]
    engine = get_db(app).engine
    racing = threading.local()

    def linger_after_reading_keys(_c: Any, _k: Any, statement: str, *_: Any) -> None:
        # Widen the window between reading the keys and revoking one, where a check
        # that is not locked lets both revocations through.
        reads_keys = statement.lstrip().upper().startswith("SELECT") and "api_keys" in statement
        if reads_keys and getattr(racing, "on", False):
            time.sleep(0.3)

    event.listen(engine, "after_cursor_execute", linger_after_reading_keys)
    start = threading.Barrier(len(races))
    answers: dict[int, int] = {}

    def revoke(key_id: int, secret: str) -> None:
        racing.on = True
        client = app.test_client()
        start.wait(timeout=10)
        answers[key_id] = client.delete(
            f"/api/v1/employers/me/keys/{key_id}", headers={"Authorization": f"Bearer {secret}"}
        ).status_code

    threads = [threading.Thread(target=revoke, args=race) for race in races]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    event.remove(engine, "after_cursor_execute", linger_after_reading_keys)
    assert sorted(answers.values()) == [204, 409], answers
    with get_db(app).sessions() as session:
        active = session.scalar(
            select(func.count())
            .select_from(ApiKey)
            .where(ApiKey.employer_id == employer.id, ApiKey.revoked_at.is_(None))
        )
    assert active == 1
    engine.dispose()
