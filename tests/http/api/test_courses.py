"""The course catalogue over HTTP: add, list, read, change, close; strict input; who may."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.http.api.conftest import Caller


def course_body(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Швейное дело: работа на промышленной машине",
        "provider": "Учебный центр «Кесип»",
        "description": "Настройка машины, прямые швы, оверлок.",
        "skills": ["швейная машина", "оверлок"],
        "language": "ru",
        "url": "https://example.invalid/courses/sewing",
        "duration_hours": 120,
        "cost": 0,
        "starts_on": "2027-02-01",
        "ends_on": "2027-04-30",
        "seats": 25,
    }
    body.update(fields)
    return body


def add(caller: Caller, **fields: Any) -> dict[str, Any]:
    response = caller.post("/api/v1/courses", json=course_body(**fields))
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_staff_add_a_course_and_read_it_back(staff: Caller) -> None:
    created = add(staff, cost=4500, skills=["Оверлок", "оверлок ", "раскрой"])
    assert created["skills"] == ["Оверлок", "раскрой"]
    assert (created["status"], created["seats_taken"], created["seats_left"]) == ("open", 0, 25)
    assert created["free"] is False and created["cost"] == 4500
    read = staff.get(f"/api/v1/courses/{created['id']}")
    assert read.status_code == 200 and read.get_json() == created


def test_a_course_without_limits_or_cost_is_free_and_has_no_seat_count(partner: Caller) -> None:
    created = add(partner, seats=None, cost=None, url=None, starts_on=None, ends_on=None)
    assert created["free"] is True and created["seats_left"] is None and created["open"] is True


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("seats", "25"),
        ("seats", 2.5),
        ("seats", True),
        ("seats", -1),
        ("duration_hours", "120"),
        ("duration_hours", 0),
        ("cost", "0"),
        ("cost", False),
        ("cost", -10),
        ("title", 5),
        ("title", ""),
        ("language", "fr"),
        ("language", None),
        ("skills", "оверлок"),
        ("url", "ftp://example.invalid/x"),
        ("url", "курсы"),
        ("starts_on", "01.02.2027"),
        ("status", "paused"),
        ("colour", "red"),
    ],
)
def test_wrong_types_and_values_are_refused_by_field(staff: Caller, field: str, value: Any) -> None:
    response = staff.post("/api/v1/courses", json=course_body(**{field: value}))
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert body["error"] == "invalid" and list(body["errors"]) == [field]
    assert isinstance(body["errors"][field], list)
    assert staff.get("/api/v1/courses").get_json()["items"] == []


def test_dates_out_of_order_are_refused_in_the_callers_language(staff: Caller) -> None:
    response = staff.post(
        "/api/v1/courses",
        json=course_body(starts_on="2027-05-01", ends_on="2027-04-30"),
        headers={"Accept-Language": "ru"},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "ends_on": ["Курс не может закончиться раньше, чем начнётся."]
    }


def test_required_fields_are_named(staff: Caller) -> None:
    response = staff.post("/api/v1/courses", json={"skills": ["Excel"]})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"title", "provider", "language"}


def test_patch_changes_only_what_is_sent_and_closes(staff: Caller) -> None:
    created = add(staff)
    changed = staff.patch(f"/api/v1/courses/{created['id']}", json={"seats": 30, "cost": 1200.5})
    assert changed.status_code == 200
    body = changed.get_json()
    assert (body["seats"], body["cost"], body["title"]) == (30, 1200.5, created["title"])
    closed = staff.patch(f"/api/v1/courses/{created['id']}", json={"status": "closed"})
    assert closed.get_json()["status"] == "closed" and closed.get_json()["open"] is False
    assert staff.patch(f"/api/v1/courses/{created['id']}", json={"status": "open"}).get_json()[
        "open"
    ]
    refused = staff.patch(f"/api/v1/courses/{created['id']}", json={"title": None})
    assert refused.status_code == 422 and list(refused.get_json()["errors"]) == ["title"]
    dates = staff.patch(f"/api/v1/courses/{created['id']}", json={"starts_on": "2027-06-01"})
    assert dates.status_code == 422 and list(dates.get_json()["errors"]) == ["ends_on"]


def test_an_unknown_course_is_404(staff: Caller) -> None:
    for response in (
        staff.get("/api/v1/courses/987654"),
        staff.patch("/api/v1/courses/987654", json={"seats": 3}),
    ):
        assert response.status_code == 404
        assert response.get_json()["error"] == "not_found"


def test_list_filters_and_pages(staff: Caller) -> None:
    sewing = add(staff)
    driving = add(
        staff,
        title="Айдоочулук: C категориясы",
        language="ky",
        skills=["C категориясы", "жол эрежелери"],
    )
    closed = add(staff, title="Excel и 1С", skills=["Excel", "1С"])
    staff.patch(f"/api/v1/courses/{closed['id']}", json={"status": "closed"})

    def ids(query: str) -> list[int]:
        response = staff.get(f"/api/v1/courses{query}")
        assert response.status_code == 200, response.get_json()
        return [c["id"] for c in response.get_json()["items"]]

    assert ids("") == [sewing["id"], driving["id"], closed["id"]]
    assert ids("?open=true") == [sewing["id"], driving["id"]]
    assert ids("?language=ky") == [driving["id"]]
    assert ids("?q=EXCEL") == [closed["id"]]
    assert ids("?q=жол+эрежелери&open=true") == [driving["id"]]
    first = staff.get("/api/v1/courses?limit=2").get_json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = staff.get(f"/api/v1/courses?limit=2&cursor={first['next_cursor']}").get_json()
    assert [c["id"] for c in rest["items"]] == [closed["id"]] and rest["next_cursor"] is None
    for bad in ("?limit=0", "?cursor=nonsense", "?language=fr", "?open=maybe"):
        assert staff.get(f"/api/v1/courses{bad}").status_code == 422, bad


def test_a_partner_changes_only_its_own_courses(partner: Caller, staff: Caller) -> None:
    own = add(partner)
    other = add(staff)
    assert partner.patch(f"/api/v1/courses/{own['id']}", json={"seats": 5}).status_code == 200
    refused = partner.patch(
        f"/api/v1/courses/{other['id']}", json={"seats": 5}, headers={"Accept-Language": "ky"}
    )
    assert refused.status_code == 403
    assert refused.get_json()["message"] == "Өнөктөш өзү кошкон курстарды гана өзгөртө алат."
    assert partner.get(f"/api/v1/courses/{other['id']}").status_code == 200


def test_employers_viewers_and_strangers_are_kept_out(
    staff: Caller, employer: Caller, viewer: Caller, anonymous: Caller
) -> None:
    created = add(staff)
    for caller, status in ((employer, 403), (viewer, 403), (anonymous, 401)):
        assert caller.get("/api/v1/courses").status_code == status
        assert caller.get(f"/api/v1/courses/{created['id']}").status_code == status
        assert caller.post("/api/v1/courses", json=course_body()).status_code == status
        assert (
            caller.patch(f"/api/v1/courses/{created['id']}", json={"seats": 1}).status_code
            == status
        )


def test_a_retried_post_with_its_key_adds_one_course(staff: Caller) -> None:
    headers = {"Idempotency-Key": "course-1"}
    first = staff.post("/api/v1/courses", json=course_body(), headers=headers)
    again = staff.post("/api/v1/courses", json=course_body(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.get_json()["id"] == first.get_json()["id"]
    assert len(staff.get("/api/v1/courses").get_json()["items"]) == 1


def test_the_openapi_document_describes_courses_and_enrolments(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    for path, methods in {
        "/api/v1/courses": {"get", "post"},
        "/api/v1/courses/{course_id}": {"get", "patch"},
        "/api/v1/enrolments": {"get", "post"},
        "/api/v1/enrolments/{enrolment_id}": {"get", "patch"},
    }.items():
        assert methods <= set(paths[path]), path
    for path, method in (
        ("/api/v1/courses", "post"),
        ("/api/v1/courses/{course_id}", "patch"),
        ("/api/v1/enrolments", "post"),
        ("/api/v1/enrolments/{enrolment_id}", "patch"),
    ):
        operation = paths[path][method]
        assert any(p["name"] == "Idempotency-Key" for p in operation["parameters"])
        assert {"401", "403", "422"} <= set(operation["responses"])
    assert "409" in paths["/api/v1/enrolments"]["post"]["responses"]
    schemas = spec["components"]["schemas"]
    course = schemas["CourseOut"]["properties"]
    assert course["seats"]["type"] == "integer" and course["free"]["type"] == "boolean"
    assert schemas["EnrolmentPatch"]["properties"]["add_skills"]["type"] == "boolean"
    assert schemas["EnrolmentIn"]["properties"]["birth_year"]["type"] == "integer"
    assert set(schemas["EnrolmentOut"]["properties"]) >= {"course_id", "seeker_id", "status"}
