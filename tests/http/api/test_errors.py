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


def test_a_url_over_the_limit_is_a_414_in_the_error_shape(employer: Caller) -> None:
    from service.platform.errors import MAX_URL_LENGTH

    base = "/api/v1/vacancies?status=open&cursor="
    longest = base + "a" * (MAX_URL_LENGTH - len(base))
    assert employer.get(longest).status_code == 422  # read: the cursor is what is wrong
    response = employer.get(longest + "a", headers={"Accept-Language": "en"})
    assert response.status_code == 414
    assert len(response.headers["X-Request-Id"]) == 32  # logged like any other answer
    assert _shape(response) == {
        "error": "uri_too_long",
        "message": f"The address (URL) is too long: at most {MAX_URL_LENGTH} characters.",
    }
    ru = employer.get(longest + "a", headers={"Accept-Language": "ru"})
    assert "8000" in ru.get_json()["message"] and "too long" not in ru.get_json()["message"]


def test_a_page_url_over_the_limit_is_a_414_page(client: FlaskClient) -> None:
    response = client.get("/vacancies?q=" + "швея" * 3000)
    assert response.status_code == 414
    assert response.mimetype == "text/html"


def test_gunicorn_passes_such_urls_to_the_service() -> None:
    # gunicorn answers a request line over limit_request_line with its own HTML page: its
    # limit must hold the longest request line whose target the service answers itself.
    from gunicorn.config import Config

    from service.platform import gunicorn_conf
    from service.platform.errors import MAX_URL_LENGTH

    assert gunicorn_conf.limit_request_line == 8190  # gunicorn's largest bounded value
    longest_line = len("OPTIONS ") + MAX_URL_LENGTH + len(" HTTP/1.1")
    assert longest_line <= gunicorn_conf.limit_request_line
    config = Config()
    config.set("limit_request_line", gunicorn_conf.limit_request_line)
    assert config.limit_request_line == 8190  # a value gunicorn accepts as given
