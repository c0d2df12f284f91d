"""A browser-like test client for the seekers' pages: it keeps cookies and sends the
CSRF token of the page it last read, as a form in a browser does."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.http.api.conftest import Caller, make_user, register, vacancy_body

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "тоо жана суу 2024"


class Visitor:
    """One person's browser: reads pages and sends their forms."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.last = ""

    def get(self, path: str, **kwargs: Any) -> Any:
        response = self.client.get(path, **kwargs)
        self.last = response.get_data(as_text=True)
        return response

    def token(self, path: str) -> str:
        found = TOKEN.search(self.get(path).get_data(as_text=True))
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def send(self, path: str, data: dict[str, Any], *, form: str | None = None, **kw: Any) -> Any:
        """Open the page that holds the form (`form`, default `path`), then post it."""
        body = {"csrf_token": self.token(form or path), **data}
        response = self.client.post(path, data=body, **kw)
        self.last = response.get_data(as_text=True)
        return response


def registration(**fields: Any) -> dict[str, Any]:
    """The answers of a complete registration, in Kyrgyz."""
    data: dict[str, Any] = {
        "full_name": "Айгүл Асанова",
        "phone": "0555 123 456",
        "password": PASSWORD,
        "gender": "female",
        "birth_year": "1988",
        "region": "bishkek",
        "desired_position": "тигүүчү",
        "skills": "тигүү машинасы\nпошив",
        "experience": "Беш жыл тигүү цехинде иштедим",
        "languages": ["ky", "ru"],
        "lost_job_due_to_covid": "yes",
        "disability": "no",
        "visible_to_employers": "yes",
        "consent": "yes",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def chosen_area(page: str) -> list[str]:
    """Return the work areas checked on a page (at most one)."""
    return re.findall(r'name="work_area" value="([a-z_]+)" checked', page)


def seasonal_checked(page: str) -> bool:
    """Tell whether the page's seasonal work box is ticked."""
    found = re.search(r'<input type="checkbox" id="f-seasonal_work"[^>]*>', page)
    assert found, "no seasonal work checkbox on the page"
    return " checked" in found.group(0)


@pytest.fixture
def visitor(client: FlaskClient) -> Visitor:
    return Visitor(client)


@pytest.fixture
def db(session: Session) -> Session:
    """The app's database, for arranging and checking rows (tests/conftest.py's session)."""
    return session


@pytest.fixture
def employer(client: FlaskClient) -> Caller:
    return register(client)


@pytest.fixture
def partner(app: Flask, client: FlaskClient) -> Caller:
    return make_user(app, client, "partner")


@pytest.fixture
def sewing_vacancy(employer: Caller) -> dict[str, Any]:
    answer = employer.post(
        "/api/v1/vacancies",
        json=vacancy_body(
            title="Швея-мотористка",
            description="Пошив одежды на швейной машине, цех в Бишкеке",
            skills=["швейная машина", "пошив"],
            region="bishkek",
        ),
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()  # type: ignore[no-any-return]


@pytest.fixture
def staff(app: Flask, client: FlaskClient) -> Caller:
    return make_user(app, client, "staff")
