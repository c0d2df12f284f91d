"""Vacancies: validation, external_id upsert, pagination, filters, closing, expiry."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Change, Vacancy
from models.enums import EntityKind, VacancyStatus
from tests.http.api.conftest import Caller, add_seeker, vacancy_body
from tests.support import CommandRunner


def test_post_returns_the_vacancy_with_defaults(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies", json={"title": "  Повар ", "region": "osh", "employment_type": "shift"}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["title"] == "Повар"
    assert body["positions"] == 1 and body["remote"] is False and body["skills"] == []
    assert body["status"] == "open" and body["employer_id"] == employer.id


def test_external_id_makes_a_repeated_post_an_update(
    employer: Caller, other_employer: Caller
) -> None:
    first = employer.post("/api/v1/vacancies", json=vacancy_body(external_id="hr-17"))
    again = employer.post(
        "/api/v1/vacancies", json=vacancy_body(external_id="hr-17", title="Швея-мотористка")
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert again.get_json()["title"] == "Швея-мотористка"
    assert len(employer.get("/api/v1/vacancies").get_json()["items"]) == 1
    # external_id is unique per employer: another employer's same id is its own vacancy.
    theirs = other_employer.post("/api/v1/vacancies", json=vacancy_body(external_id="hr-17"))
    assert theirs.status_code == 201 and theirs.get_json()["id"] != first.get_json()["id"]


def test_patch_to_an_external_id_already_used_is_a_conflict(employer: Caller) -> None:
    employer.post("/api/v1/vacancies", json=vacancy_body(external_id="a"))
    second = employer.post("/api/v1/vacancies", json=vacancy_body(external_id="b")).get_json()
    response = employer.patch(f"/api/v1/vacancies/{second['id']}", json={"external_id": "a"})
    assert response.status_code == 409
    assert response.get_json()["error"] == "conflict"


def test_validation_names_every_bad_field(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies",
        json={
            "title": "",
            "region": "moscow",
            "employment_type": "full_time",
            "salary_min": -5,
            "positions": 0,
            "colour": "red",
        },
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "invalid"
    assert set(body["errors"]) == {"title", "region", "salary_min", "positions", "colour"}


def test_missing_required_fields_are_named(employer: Caller) -> None:
    response = employer.post("/api/v1/vacancies", json={})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"title", "region", "employment_type"}


def test_salary_range_is_checked_on_post_and_on_patch(employer: Caller) -> None:
    bad = employer.post("/api/v1/vacancies", json=vacancy_body(salary_min=50000, salary_max=1))
    assert bad.status_code == 422 and "salary_max" in bad.get_json()["errors"]
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    patched = employer.patch(f"/api/v1/vacancies/{vacancy['id']}", json={"salary_min": 99999})
    assert patched.status_code == 422 and "salary_max" in patched.get_json()["errors"]
    assert employer.get(f"/api/v1/vacancies/{vacancy['id']}").get_json()["salary_min"] == 20000


def test_nul_characters_and_huge_numbers_are_refused_not_crashed(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies", json=vacancy_body(title="a\x00b", salary_max=10**12)
    )
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"title", "salary_max"}


def test_close_and_reopen(employer: Caller) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    closed = employer.patch(f"/api/v1/vacancies/{vacancy['id']}", json={"status": "closed"})
    assert closed.get_json()["status"] == "closed" and closed.get_json()["closed_at"]
    reopened = employer.patch(f"/api/v1/vacancies/{vacancy['id']}", json={"status": "open"})
    assert reopened.get_json()["status"] == "open" and reopened.get_json()["closed_at"] is None


def test_delete_only_without_matches(employer: Caller, db: Session) -> None:
    free = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    assert employer.delete(f"/api/v1/vacancies/{free['id']}").status_code == 204
    assert employer.get(f"/api/v1/vacancies/{free['id']}").status_code == 404
    used = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    seeker = add_seeker(db)
    employer.post("/api/v1/matches", json={"vacancy_id": used["id"], "seeker_id": seeker.id})
    refused = employer.delete(f"/api/v1/vacancies/{used['id']}")
    assert refused.status_code == 409
    assert employer.get(f"/api/v1/vacancies/{used['id']}").status_code == 200


def test_cursor_pagination_walks_every_vacancy_once(employer: Caller) -> None:
    ids = [
        employer.post("/api/v1/vacancies", json=vacancy_body(title=f"V{i}")).get_json()["id"]
        for i in range(7)
    ]
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = employer.get("/api/v1/vacancies", query_string=query).get_json()
        seen += [v["id"] for v in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids and pages == 3


def test_bad_cursor_and_limit_are_named(employer: Caller) -> None:
    response = employer.get("/api/v1/vacancies", query_string={"cursor": "garbage!"})
    assert response.status_code == 422 and "cursor" in response.get_json()["errors"]
    response = employer.get("/api/v1/vacancies", query_string={"limit": 1000})
    assert response.status_code == 422 and "limit" in response.get_json()["errors"]


def test_filters_by_status_and_region(employer: Caller) -> None:
    osh = employer.post("/api/v1/vacancies", json=vacancy_body(region="osh")).get_json()
    chuy = employer.post("/api/v1/vacancies", json=vacancy_body(region="chuy")).get_json()
    employer.patch(f"/api/v1/vacancies/{chuy['id']}", json={"status": "closed"})

    def ids(**query: str) -> list[int]:
        page = employer.get("/api/v1/vacancies", query_string=query).get_json()
        return [v["id"] for v in page["items"]]

    assert ids(region="osh") == [osh["id"]]
    assert ids(status="closed") == [chuy["id"]]
    assert ids(status="open", region="chuy") == []


def test_expired_vacancies_close_by_themselves(employer: Caller, db: Session) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    row = db.get(Vacancy, vacancy["id"])
    assert row is not None
    row.valid_through = date.today() - timedelta(days=1)
    db.commit()
    before = db.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
    listed = employer.get("/api/v1/vacancies").get_json()["items"]
    assert listed[0]["status"] == "closed" and listed[0]["closed_at"]
    # The bulk close tells the matcher's other processes.
    after = db.scalars(
        select(Change).where(Change.id > before, Change.kind == EntityKind.VACANCY)
    ).all()
    assert [c.entity_id for c in after] == [vacancy["id"]]


def test_an_expired_vacancy_cannot_be_posted(employer: Caller) -> None:
    past = (date.today() - timedelta(days=1)).isoformat()
    response = employer.post("/api/v1/vacancies", json=vacancy_body(valid_through=past))
    assert response.status_code == 422 and "valid_through" in response.get_json()["errors"]


def test_an_expired_vacancy_cannot_be_reopened(employer: Caller, db: Session) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    path = f"/api/v1/vacancies/{vacancy['id']}"
    row = db.get(Vacancy, vacancy["id"])
    assert row is not None
    row.valid_through = date.today() - timedelta(days=1)  # its last day has passed
    db.commit()
    assert employer.get(path).get_json()["status"] == "closed"
    reopen = employer.patch(path, json={"status": "open"}, headers={"Accept-Language": "en"})
    assert reopen.status_code == 422
    assert reopen.get_json()["errors"] == {
        "valid_through": ["An open vacancy must be valid through today or later."]
    }
    assert employer.get(path).get_json()["status"] == "closed"
    # Its text can still be edited; reopened it can be, with a new last day.
    edited = employer.patch(path, json={"title": "Швея (архив)"})
    assert edited.status_code == 200 and edited.get_json()["status"] == "closed"
    next_month = (date.today() + timedelta(days=30)).isoformat()
    extended = employer.patch(path, json={"status": "open", "valid_through": next_month})
    assert extended.status_code == 200 and extended.get_json()["status"] == "open"


def test_close_expired_command(
    app: Flask, runner: CommandRunner, db: Session, employer: Caller
) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    row = db.get(Vacancy, vacancy["id"])
    assert row is not None
    row.valid_through = date.today() - timedelta(days=3)
    db.commit()
    result = runner.invoke("close-expired")
    assert result.exit_code == 0, result.output
    assert "closed 1 expired vacancies" in result.output
    db.expire_all()
    assert db.get(Vacancy, vacancy["id"]).status is VacancyStatus.CLOSED  # type: ignore[union-attr]
