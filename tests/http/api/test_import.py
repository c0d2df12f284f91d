"""Import of schema.org JobPosting JSON-LD: one or many, answered per item."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from models.enums import Region
from service.usecases.jobposting import region_from_text, strip_html
from tests.http.api.conftest import Caller

NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()


def posting(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "HR", "value": "job-1"},
        "title": "Швея-мотористка",
        "description": "<p>Шить <b>детскую</b> одежду.</p><ul><li>Опыт от 1 года</li></ul>",
        "skills": "шитьё, оверлок; раскрой",
        "employmentType": ["FULL_TIME", "CONTRACTOR"],
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Кант",
                "addressRegion": "Чуйская область",
                "addressCountry": "KG",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "KGS",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 18000,
                "maxValue": 25000,
                "unitText": "MONTH",
            },
        },
        "totalJobOpenings": 3,
        "validThrough": NEXT_MONTH + "T23:59:00+06:00",
        "hiringOrganization": {"@type": "Organization", "name": "ignored"},
    }
    body.update(fields)
    return body


def test_one_posting_is_mapped(employer: Caller) -> None:
    response = employer.post("/api/v1/vacancies/import", json=posting())
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["created"], body["updated"], body["invalid"]) == (1, 0, 0)
    vacancy = body["items"][0]["vacancy"]
    assert vacancy["external_id"] == "job-1"
    assert vacancy["region"] == "chuy" and vacancy["locality"] == "Кант"
    assert vacancy["skills"] == ["шитьё", "оверлок", "раскрой"]
    assert vacancy["employment_type"] == "full_time"
    assert (vacancy["salary_min"], vacancy["salary_max"], vacancy["positions"]) == (18000, 25000, 3)
    assert vacancy["valid_through"] == NEXT_MONTH
    assert vacancy["description"] == "Шить детскую одежду.\nОпыт от 1 года"


def test_many_postings_answer_per_item(employer: Caller) -> None:
    employer.post("/api/v1/vacancies/import", json=posting())
    response = employer.post(
        "/api/v1/vacancies/import",
        json=[
            posting(title="Швея (обновлено)"),  # same identifier: an update
            posting(identifier="job-2", jobLocationType="TELECOMMUTE"),
            posting(identifier="job-3", employmentType="VOLUNTEER", title=""),
            posting(identifier="job-4", baseSalary={"currency": "USD", "value": 500}),
        ],
    )
    body = response.get_json()
    assert [item["status"] for item in body["items"]] == [
        "updated",
        "created",
        "invalid",
        "invalid",
    ]
    assert (body["created"], body["updated"], body["invalid"]) == (1, 1, 2)
    assert body["items"][0]["vacancy"]["title"] == "Швея (обновлено)"
    assert body["items"][1]["vacancy"]["remote"] is True
    assert set(body["items"][2]["errors"]) == {"employmentType", "title"}
    assert set(body["items"][3]["errors"]) == {"baseSalary.currency"}


NOTHING = "Nothing to import: no item is a schema.org JobPosting."


@pytest.mark.parametrize(
    "payload",
    [
        {"@type": "Organization", "name": "Ала-Тоо"},
        {"title": "Швея", "employmentType": "FULL_TIME"},
        [{"@type": "Organization"}, {"@type": "WebSite"}],
        [1, "two", None],
        5,
        "text",
        {"@context": "https://schema.org", "@graph": [{"@type": "Organization"}]},
    ],
)
def test_a_body_with_no_jobposting_is_422(employer: Caller, payload: Any) -> None:
    response = employer.post(
        "/api/v1/vacancies/import", json=payload, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert body["error"] == "invalid" and body["message"] == NOTHING
    assert set(body["errors"]) <= {"@type", "@graph"} and body["errors"]
    assert employer.get("/api/v1/vacancies").get_json()["items"] == []


def test_a_list_with_items_that_are_not_postings_is_refused_whole(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies/import",
        json=[posting(), {"@type": "Organization"}, posting(identifier="job-2"), 7],
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    (message,) = response.get_json()["errors"]["@type"]
    assert message.endswith("these items are not: 1, 3.")
    assert employer.get("/api/v1/vacancies").get_json()["items"] == []


def test_an_at_graph_skips_the_nodes_that_are_not_postings(employer: Caller) -> None:
    document = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "Organization", "name": "Ала-Тоо"}, posting()],
    }
    response = employer.post("/api/v1/vacancies/import", json=document)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["created"], body["invalid"]) == (1, 0)
    assert body["items"][0]["index"] == 1  # its place in @graph


def test_a_salary_of_hundreds_of_digits_is_an_invalid_item(employer: Caller) -> None:
    huge = posting(baseSalary={"currency": "KGS", "value": 10**400})
    response = employer.post("/api/v1/vacancies/import", json=huge)
    assert response.status_code == 200
    assert response.get_json()["invalid"] == 1


def test_graph_form_and_unknown_region(employer: Caller) -> None:
    bad_place = posting(jobLocation={"address": {"addressRegion": "Москва"}})
    response = employer.post(
        "/api/v1/vacancies/import", json={"@context": "https://schema.org", "@graph": [bad_place]}
    )
    item = response.get_json()["items"][0]
    assert item["status"] == "invalid"
    assert "jobLocation.address.addressRegion" in item["errors"]


@pytest.mark.parametrize("payload", [[], [posting()] * 101])
def test_nothing_or_too_much_is_422(employer: Caller, payload: Any) -> None:
    response = employer.post("/api/v1/vacancies/import", json=payload)
    assert response.status_code == 422
    assert "_" in response.get_json()["errors"]


def test_invalid_json_is_400(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies/import", data="{not json", content_type="application/ld+json"
    )
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"


@pytest.mark.parametrize(
    ("text", "is_locality", "region"),
    [
        ("Bishkek", False, Region.BISHKEK),
        ("г. Бишкек", True, Region.BISHKEK),
        ("Osh", False, Region.OSH),
        ("Osh city", False, Region.OSH_CITY),
        ("Ош", True, Region.OSH_CITY),
        ("Жалал-Абадская область", False, Region.JALAL_ABAD),
        ("Issyk-Kul Region", False, Region.ISSYK_KUL),
        ("Ысык-Көл облусу", False, Region.ISSYK_KUL),
        ("issyk_kul", False, Region.ISSYK_KUL),
        ("Moscow", False, None),
    ],
)
def test_region_names(text: str, is_locality: bool, region: Region | None) -> None:
    assert region_from_text(text, is_locality=is_locality) is region


def test_strip_html() -> None:
    assert strip_html("<p>a &amp; b</p><br/>c") == "a & b\nc"


def test_a_bad_field_is_reported_once_in_the_callers_language(employer: Caller) -> None:
    response = employer.post(
        "/api/v1/vacancies/import",
        json=posting(employmentType="VOLUNTEER", title=""),
        headers={"Accept-Language": "ru"},
    )
    assert response.status_code == 200, response.get_json()
    errors = response.get_json()["items"][0]["errors"]
    assert len(errors["employmentType"]) == 1  # the mapping's message, not a second one
    text = " ".join(m for messages in errors.values() for m in messages)
    assert "Missing data" not in text and "required" not in text
