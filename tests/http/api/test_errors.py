"""One error shape everywhere: 400, 401, 404, 405, 413, 415, 422, in the caller's language."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.http.api.conftest import Caller, vacancy_body


def _shape(response: object) -> dict[str, object]:
    body = response.get_json()  # type: ignore[attr-defined]
    assert set(body) <= {"error", "message", "errors"} and {"error", "message"} <= set(body)
    return body  # type: ignore[no-any-return]


def test_unknown_field_is_named(employer: Caller) -> None:
    response = employer.post("/api/v1/vacancies", json=vacancy_body(salary="lots"))
    assert response.status_code == 422
    assert list(_shape(response)["errors"]) == ["salary"]  # type: ignore[arg-type]


def test_non_json_body_is_415(employer: Caller) -> None:
    response = employer.post("/api/v1/vacancies", data="title=x", content_type="text/plain")
    assert response.status_code == 415
    assert _shape(response)["error"] == "unsupported_media_type"
    form = employer.post("/api/v1/vacancies", data={"title": "x"})
    assert form.status_code == 415


def test_too_large_body_is_413(app: Flask, employer: Caller) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 2048
    response = employer.post("/api/v1/vacancies", json=vacancy_body(description="я" * 5000))
    assert response.status_code == 413
    assert _shape(response)["error"] == "too_large"


def test_malformed_json_is_400(employer: Caller) -> None:
    response = employer.post("/api/v1/vacancies", data="{", content_type="application/json")
    assert response.status_code == 400
    _shape(response)


def test_unknown_route_and_method(employer: Caller, client: FlaskClient) -> None:
    assert _shape(client.get("/api/v1/nothing-here"))["error"] == "not_found"
    response = employer.open("PUT", "/api/v1/vacancies")
    assert response.status_code == 405 and _shape(response)["error"] == "method_not_allowed"


def test_body_must_be_an_object(employer: Caller) -> None:
    response = employer.post("/api/v1/vacancies", json=["title"])
    assert response.status_code == 422
    _shape(response)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Some fields are not valid."), ("ru", None), ("ky", None)],
)
def test_messages_follow_the_callers_language(employer: Caller, lang: str, expected: str) -> None:
    response = employer.post(
        "/api/v1/vacancies", json={"title": "x"}, headers={"Accept-Language": lang}
    )
    body = _shape(response)
    if expected:
        assert body["message"] == expected
        assert body["errors"]["region"] == ["This field is required."]  # type: ignore[index]
    else:
        assert isinstance(body["message"], str) and body["message"]


def test_json_is_compressed_when_asked_and_reads_the_same(client: FlaskClient) -> None:
    import gzip
    import json

    plain = client.get("/api/v1/openapi.json")
    packed = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(packed.data) < len(plain.data) / 3
    assert json.loads(gzip.decompress(packed.data)) == plain.get_json()
