"""Inputs a review found giving 500s, partial writes or stored secrets."""

from __future__ import annotations

import base64

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from models import IdempotentResponse, Vacancy
from service.platform.db import get_db
from tests.http.api.conftest import Caller, employer_body, vacancy_body


def test_a_lone_surrogate_is_a_400_not_a_500(employer: Caller, client: FlaskClient) -> None:
    raw = '{"title": "\\ud800x"}'
    response = employer.post("/api/v1/vacancies", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"
    body = employer_body()
    text = (
        '{"name": "\\udc80"'
        + "".join(f', "{k}": "{v}"' for k, v in body.items() if k != "name")
        + "}"
    )
    response = client.post("/api/v1/employers", data=text, content_type="application/json")
    assert response.status_code == 400


def test_a_cursor_beyond_any_id_is_a_422(employer: Caller) -> None:
    cursor = base64.urlsafe_b64encode(b"v1:" + b"9" * 25).decode().rstrip("=")
    response = employer.get(f"/api/v1/vacancies?cursor={cursor}")
    assert response.status_code == 422
    assert "cursor" in response.get_json()["errors"]


def test_an_infinite_salary_in_json_ld_is_an_invalid_item(app: Flask, employer: Caller) -> None:
    posting = {
        "@type": "JobPosting",
        "title": "Швея",
        "description": "Пошив",
        "employmentType": "FULL_TIME",
        "jobLocation": {"@type": "Place", "address": {"addressRegion": "Бишкек"}},
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "KGS",
            "value": {"@type": "QuantitativeValue", "value": "1e999", "unitText": "MONTH"},
        },
    }
    response = employer.post("/api/v1/vacancies/import", json=[posting])
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["invalid"] == 1


def test_a_new_key_is_never_stored_in_plain_text_for_replays(app: Flask, employer: Caller) -> None:
    headers = {"Idempotency-Key": "rotate-1"}
    first = employer.post("/api/v1/employers/me/keys", json={}, headers=headers)
    assert first.status_code == 201
    secret = first.get_json()["api_key"]
    with get_db(app).sessions() as session:
        bodies = session.scalars(select(IdempotentResponse.body)).all()
    assert bodies and all(secret not in str(body) for body in bodies)
    again = employer.post("/api/v1/employers/me/keys", json={}, headers=headers)
    assert again.status_code == 409
    assert "api_key" not in again.get_json()


def test_posting_a_vacancy_still_works_after_the_fixes(app: Flask, employer: Caller) -> None:
    assert employer.post("/api/v1/vacancies", json=vacancy_body()).status_code == 201
    with get_db(app).sessions() as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 1
