"""Callers of the API: two employers, the programme's users, and helpers to build data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from models import ApiKey, Seeker, User
from service.platform.db import get_db
from service.platform.security.secrets import issue_secret

_inn = count(1)


def employer_body(**fields: Any) -> dict[str, Any]:
    """Return a valid registration body with a fresh INN (an organisation's, so 0…)."""
    n = next(_inn)
    body = {
        "name": f"Ала-Тоо Тигүү {n}",
        "inn": f"0{n:013d}",
        "contact_person": "Айгүл Осмонова",
        "phone": "+996 555 123 456",
        "email": f"hr{n}@example.invalid",
        "region": "bishkek",
        "sector": "garment",
        "size": "small",
    }
    body.update(fields)
    return body


def vacancy_body(**fields: Any) -> dict[str, Any]:
    """Return a valid vacancy body."""
    body = {
        "title": "Швея",
        "description": "Шить одежду на фабрике.",
        "skills": ["шитьё", "оверлок"],
        "region": "bishkek",
        "salary_min": 20000,
        "salary_max": 30000,
        "employment_type": "full_time",
        "valid_through": (date.today() + timedelta(days=30)).isoformat(),
    }
    body.update(fields)
    return body


def seeker_body(**fields: Any) -> dict[str, Any]:
    """Return a valid seeker registration body."""
    body = {
        "full_name": "Гүлнара Асанова",
        "phone": "+996 700 111 222",
        "email": "gulnara@example.invalid",
        "gender": "female",
        "birth_year": 1995,
        "region": "bishkek",
        "desired_position": "швея",
        "skills": ["шитьё"],
        "consent": True,
    }
    body.update(fields)
    return body


@dataclass
class Caller:
    """A client that sends one caller's bearer key on every request."""

    client: FlaskClient
    key: str | None
    id: int | None = None

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """Return the Authorization header (if any) plus `extra`."""
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        headers.update(extra or {})
        return headers

    def open(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request as this caller."""
        kwargs["headers"] = self.headers(kwargs.get("headers"))
        return self.client.open(path, method=method, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.open("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.open("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Any:
        return self.open("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.open("DELETE", path, **kwargs)


def register(client: FlaskClient, **fields: Any) -> Caller:
    """Register an employer through the API and return it as a caller."""
    response = client.post("/api/v1/employers", json=employer_body(**fields))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    return Caller(client, body["api_key"], body["employer"]["id"])


@pytest.fixture
def employer(client: FlaskClient) -> Caller:
    return register(client)


@pytest.fixture
def other_employer(client: FlaskClient) -> Caller:
    return register(client)


def make_user(app: Flask, client: FlaskClient, role: str) -> Caller:
    """Store a programme user with `role` and a token, as `jumush create-user` does.

    The password is left out: Argon2 hashing is deliberately slow and the API never
    reads it (tests/web/test_cli.py covers create-user itself).
    """
    with get_db(app).sessions() as session:
        user = User(email=f"{role}{next(_inn)}@example.invalid", role=role)
        session.add(user)
        session.flush()
        token = issue_secret("usr")
        session.add(ApiKey(user_id=user.id, prefix=token.prefix, secret_hash=token.digest))
        session.commit()
        return Caller(client, token.plaintext, user.id)


@pytest.fixture
def partner(app: Flask, client: FlaskClient) -> Caller:
    return make_user(app, client, "partner")


@pytest.fixture
def staff(app: Flask, client: FlaskClient) -> Caller:
    return make_user(app, client, "staff")


@pytest.fixture
def admin(app: Flask, client: FlaskClient) -> Caller:
    return make_user(app, client, "admin")


@pytest.fixture
def viewer(app: Flask, client: FlaskClient) -> Caller:
    return make_user(app, client, "viewer")


@pytest.fixture
def anonymous(client: FlaskClient) -> Caller:
    return Caller(client, None)


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """A session on the app's database for arranging and checking rows.

    No app context is pushed: requests must each get their own, as in production.
    """
    with get_db(app).sessions() as session:
        yield session


def add_seeker(db: Session, **fields: Any) -> Seeker:
    """Store a registered, visible seeker directly."""
    values: dict[str, Any] = {
        "full_name": "Бакыт Жумабаев",
        "phone": "+996555000111",
        "email": "bakyt@example.invalid",
        "gender": "male",
        "birth_year": 1990,
        "region": "bishkek",
        "consent": True,
        "desired_position": "швея",
        "skills": ["шитьё"],
    }
    values.update(fields)
    seeker = Seeker(**values)
    db.add(seeker)
    db.commit()
    return seeker
