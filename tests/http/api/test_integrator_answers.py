"""What a new integrator is told: numbers and flags must be JSON numbers and booleans,
an unknown region is echoed with the accepted ones, malformed JSON has a listed code,
and a too long text says its limit in characters."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.http.api.conftest import Caller, add_seeker, seeker_body, vacancy_body

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("salary_min", "20000", "Enter a whole number."),
        ("salary_max", 30000.5, "Enter a whole number."),
        ("positions", "2", "Enter a whole number."),
        ("positions", True, "Enter a whole number."),
        ("remote", "yes", "Enter true or false."),
        ("remote", 1, "Enter true or false."),
        ("remote", "true", "Enter true or false."),
    ],
)
def test_a_vacancy_number_or_flag_written_as_text_is_refused(
    employer: Caller, field: str, value: Any, message: str
) -> None:
    response = employer.post("/api/v1/vacancies", json=vacancy_body(**{field: value}), headers=EN)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["errors"] == {field: [message]}
    assert employer.get("/api/v1/vacancies").get_json()["items"] == []


def test_a_vacancy_change_with_a_number_as_text_is_refused(employer: Caller) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()
    response = employer.patch(
        f"/api/v1/vacancies/{vacancy['id']}", json={"salary_max": "40000"}, headers=EN
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"salary_max": ["Enter a whole number."]}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_year", "1995", "Enter a whole number."),
        ("salary_expectation", "20000", "Enter a whole number."),
        ("consent", "yes", "Enter true or false."),
        ("consent", 1, "Enter true or false."),
        ("contactable", "true", "Enter true or false."),
        ("lost_job_due_to_covid", "no", "Enter true or false."),
    ],
)
def test_a_seeker_number_or_flag_written_as_text_is_refused(
    partner: Caller, field: str, value: Any, message: str
) -> None:
    response = partner.post("/api/v1/seekers", json=seeker_body(**{field: value}), headers=EN)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["errors"] == {field: [message]}


def test_a_match_with_ids_written_as_text_is_refused(
    employer: Caller, partner: Caller, db: Session
) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    seeker = add_seeker(db, registered_by_user_id=partner.id)
    response = partner.post(
        "/api/v1/matches",
        json={"vacancy_id": str(vacancy), "seeker_id": str(seeker.id)},
        headers=EN,
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "vacancy_id": ["Enter a whole number."],
        "seeker_id": ["Enter a whole number."],
    }
    right = partner.post("/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id})
    assert right.status_code == 201


def _posting(region: str) -> dict[str, Any]:
    return {
        "@type": "JobPosting",
        "title": "Швея",
        "employmentType": "FULL_TIME",
        "jobLocation": {"@type": "Place", "address": {"addressRegion": region}},
    }


def test_an_unknown_region_is_echoed_with_the_accepted_ones(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies/import", json=[_posting("Алматинская область")], headers=EN
    )
    assert response.status_code == 200, response.get_json()
    (message,) = response.get_json()["items"][0]["errors"]["jobLocation.address.addressRegion"]
    assert message.startswith("Алматинская область is not a region we know.")
    assert "bishkek, osh_city, chuy, osh, jalal_abad, batken, talas, naryn, issyk_kul" in message
    ru = employer.post("/api/v1/vacancies/import", json=[_posting("Алматинская")])
    (said,) = ru.get_json()["items"][0]["errors"]["jobLocation.address.addressRegion"]
    assert "Алматинская" in said and "issyk_kul" in said and "region we know" not in said


def test_a_missing_region_is_asked_for(employer: Caller) -> None:
    posting = _posting("") | {"jobLocation": {"@type": "Place"}}
    response = employer.post("/api/v1/vacancies/import", json=[posting], headers=EN)
    (message,) = response.get_json()["items"][0]["errors"]["jobLocation.address.addressRegion"]
    assert message.startswith("Give the region (oblast)")


@pytest.mark.parametrize(
    ("written", "region"),
    [
        ("Бишкекская", "bishkek"),
        ("Бишкекская область", "bishkek"),
        ("Чуйская область", "chuy"),
        ("Чүй облусу", "chuy"),
        ("Токмок", "chuy"),
        ("Каракол", "issyk_kul"),
        ("Ошская обл.", "osh"),
        ("г. Ош", "osh_city"),
    ],
)
def test_common_spellings_of_a_region_are_read(employer: Caller, written: str, region: str) -> None:
    response = employer.post("/api/v1/vacancies/import", json=[_posting(written)])
    item = response.get_json()["items"][0]
    assert item["status"] == "created", item
    assert item["vacancy"]["region"] == region


def test_a_text_naming_two_regions_is_not_guessed(employer: Caller) -> None:
    response = employer.post("/api/v1/vacancies/import", json=[_posting("Бишкек или Чуй")])
    assert response.get_json()["items"][0]["status"] == "invalid"


def test_a_too_long_description_says_its_limit_in_characters(employer: Caller) -> None:
    body = vacancy_body(description="я" * 20001)
    response = employer.post("/api/v1/vacancies", json=body, headers=EN)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"description": ["Enter at most 20000 characters."]}
    said = {
        lang: employer.post(
            "/api/v1/vacancies", json=body, headers={"Accept-Language": lang}
        ).get_json()["errors"]["description"][0]
        for lang in ("ru", "ky")
    }
    assert all("20000" in text and "characters" not in text for text in said.values()), said
    assert said["ru"] != said["ky"]
    longest = employer.post("/api/v1/vacancies", json=vacancy_body(description="я" * 20000))
    assert longest.status_code == 201
    # Counted as sent, as the OpenAPI document's maxLength says, not after trimming.
    padded = employer.post("/api/v1/vacancies", json=vacancy_body(description="я" * 20000 + "\n"))
    assert padded.status_code == 422


def test_lists_and_empty_texts_say_what_is_wrong(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies",
        json=vacancy_body(title="   ", skills=[f"s{n}" for n in range(51)]),
        headers=EN,
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "title": ["This field must not be empty."],
        "skills": ["Give at most 50 items."],
    }


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/vacancies"),
        ("POST", "/api/v1/vacancies/import"),
        ("POST", "/api/v1/employers/me/keys"),  # reads no body, yet must not act on a broken one
        ("PATCH", "/api/v1/vacancies/1"),
    ],
)
def test_malformed_json_is_a_listed_bad_request(employer: Caller, method: str, path: str) -> None:
    keys_before = employer.get("/api/v1/employers/me/keys").get_json()["items"]
    response = employer.open(
        method, path, data='{"title": "Швея",', content_type="application/json", headers=EN
    )
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad_request", "message": "The body is not valid JSON."}
    assert employer.get("/api/v1/employers/me/keys").get_json()["items"] == keys_before
    ru = employer.open(method, path, data="{", content_type="application/ld+json")
    assert ru.get_json()["message"] == "Тело запроса не является корректным JSON."


def test_every_error_code_is_in_the_readmes_table_of_answers() -> None:
    from pathlib import Path

    from service.platform.errors import CODES
    from service.usecases import errors, idempotency

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("**Rules every endpoint follows.**") :]
    table = table[: table.index("\n\n", table.index("| --- |"))]
    domain = {
        kind.code
        for module in (errors, idempotency)
        for kind in vars(module).values()
        if isinstance(kind, type) and issubclass(kind, errors.DomainError)
    }
    for code in set(CODES.values()) | domain:
        assert f"`{code}`" in table, code
