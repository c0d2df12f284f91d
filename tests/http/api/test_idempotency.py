"""Idempotency-Key: a retried POST gets the first answer; a reused key with another body
is refused; keys belong to one API key."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from models import ApiKey, IdempotentResponse, Vacancy
from service import create_app
from service.platform.db import get_db
from service.usecases import vacancies
from service.usecases.clock import utcnow
from service.usecases.idempotency import CLAIM_EXPIRES_AFTER, IN_PROGRESS, request_fingerprint
from tests.http.api.conftest import Caller, register, vacancy_body
from tests.support import TEST_CONFIG


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


def test_a_replay_after_the_vacancy_was_deleted_says_it_is_gone(employer: Caller) -> None:
    headers = {"Idempotency-Key": "post-then-deleted", "Accept-Language": "en"}
    first = employer.post("/api/v1/vacancies", json=vacancy_body(), headers=headers)
    assert first.status_code == 201
    vacancy = first.get_json()["id"]
    assert employer.delete(f"/api/v1/vacancies/{vacancy}").status_code == 204
    again = employer.post("/api/v1/vacancies", json=vacancy_body(), headers=headers)
    assert again.status_code == 410
    body = again.get_json()
    assert body["error"] == "gone" and f"({vacancy})" in body["message"]
    assert "new Idempotency-Key" in body["message"]
    assert employer.get("/api/v1/vacancies").get_json()["items"] == []  # not made again


def test_a_change_replayed_after_a_deletion_says_it_is_gone(employer: Caller) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    headers = {"Idempotency-Key": "close-then-deleted"}
    closed = employer.patch(
        f"/api/v1/vacancies/{vacancy}", json={"status": "closed"}, headers=headers
    )
    assert closed.status_code == 200
    assert employer.delete(f"/api/v1/vacancies/{vacancy}").status_code == 204
    again = employer.patch(
        f"/api/v1/vacancies/{vacancy}", json={"status": "closed"}, headers=headers
    )
    assert again.status_code == 410 and again.get_json()["error"] == "gone"


def test_an_import_replayed_after_a_deletion_says_it_is_gone(employer: Caller) -> None:
    posting = {
        "@type": "JobPosting",
        "title": "Швея",
        "employmentType": "FULL_TIME",
        "jobLocation": {"address": {"addressRegion": "Чуйская область"}},
    }
    headers = {"Idempotency-Key": "import-then-deleted"}
    first = employer.post("/api/v1/vacancies/import", json=[posting], headers=headers)
    vacancy = first.get_json()["items"][0]["vacancy"]["id"]
    replay = employer.post("/api/v1/vacancies/import", json=[posting], headers=headers)
    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert employer.delete(f"/api/v1/vacancies/{vacancy}").status_code == 204
    gone = employer.post("/api/v1/vacancies/import", json=[posting], headers=headers)
    assert gone.status_code == 410


def test_a_key_whose_first_request_still_runs_answers_in_progress(
    app: Flask, employer: Caller
) -> None:
    raw = _claim(app, employer, "running", age=timedelta(seconds=5))
    response = employer.post(
        "/api/v1/vacancies",
        data=raw,
        content_type="application/json",
        headers={"Idempotency-Key": "running"},
    )
    assert response.status_code == 409
    assert response.get_json()["error"] == "in_progress"
    assert employer.get("/api/v1/vacancies").get_json()["items"] == []


def test_a_claim_left_by_a_dead_request_is_taken_over(app: Flask, employer: Caller) -> None:
    raw = _claim(app, employer, "orphan", age=CLAIM_EXPIRES_AFTER + timedelta(seconds=1))
    send = {
        "data": raw,
        "content_type": "application/json",
        "headers": {"Idempotency-Key": "orphan"},
    }
    response = employer.post("/api/v1/vacancies", **send)
    assert response.status_code == 201
    replay = employer.post("/api/v1/vacancies", **send)
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.get_json()["id"] == response.get_json()["id"]


def _claim(app: Flask, caller: Caller, key: str, *, age: timedelta) -> bytes:
    """Store the claim a first request with `key` leaves while it runs; return its body."""
    raw = json.dumps(vacancy_body()).encode()
    fingerprint = request_fingerprint("POST", "/api/v1/vacancies", raw)
    with get_db(app).sessions() as session:
        api_key = session.scalars(select(ApiKey).where(ApiKey.employer_id == caller.id)).one()
        session.add(
            IdempotentResponse(
                api_key_id=api_key.id,
                key=key,
                method="POST",
                path="/api/v1/vacancies",
                request_hash=fingerprint,
                status_code=IN_PROGRESS,
                body=None,
                created_at=utcnow() - age,
            )
        )
        session.commit()
    return raw


def test_two_concurrent_first_requests_with_one_key_act_once(
    committed_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app({**TEST_CONFIG, "DATABASE_URL": committed_database_url})
    employer = register(app.test_client())
    inside, second_done = threading.Event(), threading.Event()
    real_post = vacancies.post_vacancy

    def post_slowly(**kwargs: object) -> object:
        # The first request to get here waits until the other one has been answered.
        if not inside.is_set():
            inside.set()
            second_done.wait(timeout=10)
        return real_post(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vacancies, "post_vacancy", post_slowly)
    answers: dict[str, object] = {}

    def send(name: str) -> None:
        caller = Caller(app.test_client(), employer.key)
        answers[name] = caller.post(
            "/api/v1/vacancies", json=vacancy_body(), headers={"Idempotency-Key": "twins"}
        )

    first = threading.Thread(target=send, args=("first",))
    first.start()
    assert inside.wait(timeout=10)
    send("second")
    second_done.set()
    first.join(timeout=30)
    statuses = {name: answer.status_code for name, answer in answers.items()}  # type: ignore[attr-defined]
    assert statuses == {"first": 201, "second": 409}, statuses
    assert answers["second"].get_json()["error"] == "in_progress"  # type: ignore[attr-defined]
    with get_db(app).sessions() as session:
        assert session.scalar(select(func.count()).select_from(Vacancy)) == 1
    retry = employer.post(
        "/api/v1/vacancies", json=vacancy_body(), headers={"Idempotency-Key": "twins"}
    )
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.get_json() == answers["first"].get_json()  # type: ignore[attr-defined]
    get_db(app).engine.dispose()
