"""Liveness, readiness and the one error shape."""

from __future__ import annotations

import io
import json
import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import IntegrityError

from service import create_app
from tests.support import TEST_CONFIG


def test_healthz_answers_while_alive(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_is_ready_on_a_migrated_database(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["migrations"] == "current"


def test_readyz_reports_missing_migrations() -> None:
    app = create_app({**TEST_CONFIG, "DATABASE_URL": "sqlite://"})  # never migrated
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["migrations"] == "behind"


def test_readyz_reports_an_unreachable_database() -> None:
    app = create_app(
        {**TEST_CONFIG, "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    )
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"
    assert "127.0.0.1" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Not found."),
        ("ru", "Не найдено."),
        ("ky", "Табылган жок."),
    ],
)
def test_unknown_api_path_is_json_in_the_callers_language(
    client: FlaskClient, lang: str, text: str
) -> None:
    response = client.get("/api/v1/nothing-here", headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert response.json == {"error": "not_found", "message": text}


def test_unknown_page_is_html(client: FlaskClient) -> None:
    response = client.get("/nothing-here?lang=ky")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert 'lang="ky"' in response.get_data(as_text=True)


def test_unexpected_errors_leak_no_details(app: Flask) -> None:
    @app.get("/api/v1/boom")
    def boom() -> str:
        raise RuntimeError("secret internals /etc/passwd")

    @app.get("/api/v1/clash")
    def clash() -> str:
        raise IntegrityError("INSERT INTO seekers", {"phone": "+996555"}, Exception("dup"))

    client = app.test_client()
    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json["error"] == "internal_error"
    assert "secret" not in response.get_data(as_text=True)
    response = client.get("/api/v1/clash")
    assert response.status_code == 409
    assert "+996555" not in response.get_data(as_text=True)
    assert "INSERT" not in response.get_data(as_text=True)


def test_logs_are_json_with_a_request_id_and_no_query_strings(client: FlaskClient) -> None:
    # The lines the service's own handler writes (configure_logging), read back and parsed.
    (handler,) = [h for h in logging.getLogger().handlers if getattr(h, "_jumush", False)]
    assert isinstance(handler, logging.StreamHandler)
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        response = client.get("/healthz?phone=+996555123456", headers={"X-Request-Id": "abc-123"})
        logging.getLogger("service.test").warning("an event outside any request")
    finally:
        handler.setStream(previous)
    assert response.headers["X-Request-Id"] == "abc-123"
    lines = written.getvalue().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all(isinstance(record, dict) for record in records) and len(records) == len(lines)
    assert all({"time", "level", "logger", "message", "request_id"} <= set(r) for r in records)
    (request_line,) = [r for r in records if r["logger"] == "jumush.request"]
    assert request_line["message"] == "request" and request_line["level"] == "INFO"
    assert request_line["route"] == "/healthz" and request_line["status"] == 200
    assert request_line["request_id"] == "abc-123" and request_line["method"] == "GET"
    assert records[-1]["request_id"] == "-" and records[-1]["level"] == "WARNING"
    assert "996555" not in written.getvalue()


def test_a_hostile_request_id_is_replaced(client: FlaskClient) -> None:
    hostile = '{"user": "Aigul", "phone": "+996555123456"}'
    response = client.get("/healthz", headers={"X-Request-Id": hostile})
    assert "Aigul" not in response.headers["X-Request-Id"]
    assert len(response.headers["X-Request-Id"]) == 32


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ky", "COVID-19 себебинен"),
        ("ru", "из-за COVID-19"),
        ("en", "because of COVID-19"),
    ],
)
def test_home_page_speaks_three_languages(client: FlaskClient, lang: str, text: str) -> None:
    response = client.get(f"/?lang={lang}")
    assert response.status_code == 200
    assert text in response.get_data(as_text=True)
