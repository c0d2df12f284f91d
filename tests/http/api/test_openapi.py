"""The OpenAPI document: valid, complete, with errors and the bearer scheme described;
interactive docs served from the install."""

from __future__ import annotations

from flask.testing import FlaskClient
from openapi_spec_validator import validate


def test_openapi_is_valid_and_describes_security_and_errors(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["paths"]["/api/v1/employers"]["post"]["security"] == []
    error = spec["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"error", "message", "errors"}
    vacancy_post = spec["paths"]["/api/v1/vacancies"]["post"]
    assert {"201", "200", "401", "403", "415", "422", "429", "default"} <= set(
        vacancy_post["responses"]
    )
    assert any(p["name"] == "Idempotency-Key" for p in vacancy_post["parameters"])


def test_docs_page_uses_no_cdn(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in html
    assert "//cdn" not in html and "unpkg" not in html and "jsdelivr" not in html
    script = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.get_data()) > 100_000
    assert client.get("/api/v1/docs/assets/../../../etc/passwd").status_code == 404
