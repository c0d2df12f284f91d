"""Idempotency-Key: a retried POST gets the first answer; a reused key with another body
is refused; keys belong to one API key."""

from __future__ import annotations

from tests.http.api.conftest import Caller, vacancy_body


def test_retry_returns_the_first_answer(employer: Caller) -> None:
    headers = {"Idempotency-Key": "7b1e-retry"}
    first = employer.post("/api/v1/vacancies", json=vacancy_body(), headers=headers)
    second = employer.post("/api/v1/vacancies", json=vacancy_body(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(employer.get("/api/v1/vacancies").get_json()["items"]) == 1


def test_same_key_other_body_is_refused(employer: Caller) -> None:
    headers = {"Idempotency-Key": "k1"}
    employer.post("/api/v1/vacancies", json=vacancy_body(), headers=headers)
    response = employer.post("/api/v1/vacancies", json=vacancy_body(title="Повар"), headers=headers)
    assert response.status_code == 422
    assert "Idempotency-Key" in response.get_json()["errors"]


def test_keys_are_per_api_key(employer: Caller, other_employer: Caller) -> None:
    headers = {"Idempotency-Key": "shared"}
    mine = employer.post("/api/v1/vacancies", json=vacancy_body(), headers=headers)
    theirs = other_employer.post("/api/v1/vacancies", json=vacancy_body(), headers=headers)
    assert mine.status_code == theirs.status_code == 201
    assert mine.get_json()["id"] != theirs.get_json()["id"]


def test_errors_are_not_stored(employer: Caller) -> None:
    headers = {"Idempotency-Key": "fix-and-retry"}
    bad = employer.post("/api/v1/vacancies", json={"title": "x"}, headers=headers)
    assert bad.status_code == 422
    # The refused request changed nothing, so the same key still works once it is right.
    good = employer.post("/api/v1/vacancies", json={"title": "x"} | vacancy_body(), headers=headers)
    assert good.status_code == 201


def test_delete_retry_gets_204_again(employer: Caller) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    headers = {"Idempotency-Key": "del-1"}
    assert employer.delete(f"/api/v1/vacancies/{vacancy['id']}", headers=headers).status_code == 204
    assert employer.delete(f"/api/v1/vacancies/{vacancy['id']}", headers=headers).status_code == 204


def test_overlong_key_is_refused(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies", json=vacancy_body(), headers={"Idempotency-Key": "k" * 300}
    )
    assert response.status_code == 422 and "Idempotency-Key" in response.get_json()["errors"]
