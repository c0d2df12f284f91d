"""Enrolments over HTTP: seekers and other people take seats, complete or drop out; a
completed course's skills reach the seeker's profile and recommendations; bad input,
full and closed courses and illegal moves get the one error shape."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from tests.http.api.conftest import Caller, add_seeker, make_user, register, vacancy_body
from tests.http.api.test_courses import add


def person(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "full_name": "Айбек Токтогулов",
        "phone": "0555 123 456",
        "gender": "male",
        "birth_year": 2006,
        "region": "chuy",
    }
    body.update(fields)
    return body


def enrol(caller: Caller, course_id: int, **fields: Any) -> Any:
    return caller.post("/api/v1/enrolments", json={"course_id": course_id, **fields})


def test_a_seeker_is_enrolled_once(staff: Caller, db: Session) -> None:
    course = add(staff)
    seeker = add_seeker(db, full_name="Гүлнара Асанова")
    first = enrol(staff, course["id"], seeker_id=seeker.id)
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert (body["seeker_id"], body["full_name"], body["status"]) == (
        seeker.id,
        "Гүлнара Асанова",
        "enrolled",
    )
    assert body["course_title"] == course["title"] and body["completed_at"] is None
    again = staff.post(
        "/api/v1/enrolments",
        json={"course_id": course["id"], "seeker_id": seeker.id},
        headers={"Accept-Language": "en"},
    )
    assert again.status_code == 409
    assert again.get_json()["error"] == "already_enrolled"
    # A whole sentence in the caller's language: no status word left in English.
    assert again.get_json()["message"] == (
        f"This seeker is already enrolled in this course (enrolment {body['id']})."
    )
    russian = staff.post(
        "/api/v1/enrolments",
        json={"course_id": course["id"], "seeker_id": seeker.id},
        headers={"Accept-Language": "ru"},
    )
    assert russian.get_json()["message"] == (
        f"Этот соискатель уже записан на этот курс (запись {body['id']})."
    )
    assert f"enrolment {body['id']}" in again.get_json()["message"]
    assert staff.get(f"/api/v1/courses/{course['id']}").get_json()["seats_taken"] == 1


def test_a_person_who_is_not_a_seeker_gives_every_detail(staff: Caller) -> None:
    course = add(staff)
    enrolled = enrol(staff, course["id"], **person())
    assert enrolled.status_code == 201
    body = enrolled.get_json()
    assert body["seeker_id"] is None and body["phone"] == "+996555123456"
    assert (body["gender"], body["birth_year"], body["region"]) == ("male", 2006, "chuy")
    missing = enrol(staff, course["id"], full_name="Айбек")
    assert missing.status_code == 422
    assert set(missing.get_json()["errors"]) == {"phone", "gender", "birth_year", "region"}
    same_phone = enrol(staff, course["id"], **person(phone="+996 555 12-34-56"))
    assert same_phone.status_code == 409 and set(same_phone.get_json()["errors"]) == {"phone"}
    both = enrol(staff, course["id"], seeker_id=1, **person(phone="0700 100 200"))
    assert both.status_code == 422


def test_wrong_types_are_refused_by_field(staff: Caller) -> None:
    course = add(staff)
    for fields, field in (
        ({"course_id": str(course["id"]), **person()}, "course_id"),
        ({"course_id": course["id"], **person(birth_year="2006")}, "birth_year"),
        ({"course_id": course["id"], **person(birth_year=1800)}, "birth_year"),
        ({"course_id": course["id"], **person(gender="f")}, "gender"),
        ({"course_id": course["id"], **person(region="Чуй")}, "region"),
        ({"course_id": course["id"], **person(phone="call me")}, "phone"),
        ({"course_id": course["id"], "seeker_id": True}, "seeker_id"),
        ({"course_id": course["id"], "seeker_id": 0}, "seeker_id"),
        ({"course_id": course["id"], "note": "x", **person()}, "note"),
    ):
        response = staff.post("/api/v1/enrolments", json=fields)
        assert response.status_code == 422, (fields, response.get_json())
        assert list(response.get_json()["errors"]) == [field], response.get_json()
    assert staff.get(f"/api/v1/courses/{course['id']}").get_json()["seats_taken"] == 0


def test_unknown_course_and_seeker_are_404(staff: Caller) -> None:
    course = add(staff)
    unknown_course = enrol(staff, 987654, **person())
    assert unknown_course.status_code == 404
    assert list(unknown_course.get_json()["errors"]) == ["course_id"]
    unknown_seeker = enrol(staff, course["id"], seeker_id=987654)
    assert unknown_seeker.status_code == 404
    assert list(unknown_seeker.get_json()["errors"]) == ["seeker_id"]
    assert staff.get("/api/v1/enrolments/987654").status_code == 404
    assert staff.patch("/api/v1/enrolments/987654", json={"status": "dropped"}).status_code == 404
    assert staff.get("/api/v1/enrolments?course_id=987654").status_code == 404


def test_a_full_course_says_so_in_the_callers_language(staff: Caller) -> None:
    course = add(staff, seats=1)
    assert enrol(staff, course["id"], **person()).status_code == 201
    for lang, says in (
        ("en", "The course is full: every seat is taken."),
        ("ru", "Курс заполнен: все места заняты."),
        ("ky", "Курс толук: бардык орундар ээленген."),
    ):
        full = staff.post(
            "/api/v1/enrolments",
            json={"course_id": course["id"], **person(phone="0700 123 456")},
            headers={"Accept-Language": lang},
        )
        assert full.status_code == 409
        assert full.get_json() == {"error": "course_full", "message": says}
    course_now = staff.get(f"/api/v1/courses/{course['id']}").get_json()
    assert (course_now["seats_taken"], course_now["seats_left"]) == (1, 0)


def test_a_closed_course_takes_no_one(staff: Caller) -> None:
    course = add(staff)
    staff.patch(f"/api/v1/courses/{course['id']}", json={"status": "closed"})
    closed = enrol(staff, course["id"], **person())
    assert closed.status_code == 409 and closed.get_json()["error"] == "course_closed"
    ended = add(staff, starts_on="2020-01-01", ends_on="2020-02-01")
    assert enrol(staff, ended["id"], **person()).get_json()["error"] == "course_closed"


def test_completion_adds_skills_and_lifts_the_vacancies_that_ask_for_them(
    app: Flask, client: Any, staff: Caller, db: Session
) -> None:
    employer = register(client)
    asked = ["аргонная сварка", "резка металла"]
    wanted = {
        employer.post(
            "/api/v1/vacancies",
            json=vacancy_body(
                title=title,
                description="Сварка металлоконструкций на заводе",
                skills=asked,
                external_id=title,
            ),
        ).get_json()["id"]
        for title in ("Сварщик-аргонщик", "Сварщик на завод", "Сварщик-монтажник")
    }
    employer.post(
        "/api/v1/vacancies", json=vacancy_body(title="Повар", skills=["выпечка"], external_id="c")
    )
    seeker = add_seeker(
        db, desired_position="разнорабочий", skills=["погрузка"], registered_by_user_id=staff.id
    )
    course = add(staff, title="Аргонная сварка", skills=[*asked, "ПОГРУЗКА"])

    def scores() -> list[float]:
        items = staff.get(f"/api/v1/seekers/{seeker.id}/recommendations?limit=10").get_json()
        return [i["score"] for i in items["items"] if i["vacancy_id"] in wanted]

    before = scores()
    enrolment = enrol(staff, course["id"], seeker_id=seeker.id).get_json()
    done = staff.patch(
        f"/api/v1/enrolments/{enrolment['id']}", json={"status": "completed", "add_skills": True}
    )
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["skills_added"] is True and done.get_json()["completed_at"]
    profile = staff.get(f"/api/v1/seekers/{seeker.id}").get_json()
    assert profile["skills"] == ["погрузка", *asked]
    after = scores()
    assert len(after) == 3 and (not before or min(after) > max(before)), (before, after)


def test_a_completed_language_course_adds_its_language_to_those_the_seeker_speaks(
    staff: Caller, db: Session
) -> None:
    # Vacancies ask for languages by code; the course's skills name one in words.
    seeker = add_seeker(
        db, languages=["ky"], skills=["бөлмө тазалоо"], registered_by_user_id=staff.id
    )
    course = add(staff, title="English for hotel staff", skills=["Англис тили", "guest relations"])
    enrolment = enrol(staff, course["id"], seeker_id=seeker.id).get_json()
    done = staff.patch(
        f"/api/v1/enrolments/{enrolment['id']}", json={"status": "completed", "add_skills": True}
    )
    assert done.status_code == 200, done.get_json()
    profile = staff.get(f"/api/v1/seekers/{seeker.id}").get_json()
    assert profile["languages"] == ["ky", "en"]
    assert profile["skills"] == ["бөлмө тазалоо", "Англис тили", "guest relations"]


def test_illegal_moves_and_bad_patches_are_refused(
    staff: Caller, partner: Caller, db: Session
) -> None:
    course = add(staff)
    seeker = add_seeker(db, registered_by_user_id=partner.id)
    enrolment = enrol(partner, course["id"], seeker_id=seeker.id).get_json()
    path = f"/api/v1/enrolments/{enrolment['id']}"
    assert partner.patch(path, json={"status": "completed"}).status_code == 403
    for body in ({}, {"add_skills": "yes"}, {"add_skills": 1}, {"status": "finished"}):
        assert staff.patch(path, json=body).status_code == 422, body
    too_early = staff.patch(path, json={"add_skills": True}, headers={"Accept-Language": "en"})
    assert too_early.status_code == 409 and "completed" in too_early.get_json()["message"]
    assert staff.patch(path, json={"status": "completed"}).status_code == 200
    final = staff.patch(path, json={"status": "dropped"}, headers={"Accept-Language": "ru"})
    assert final.status_code == 409
    assert final.get_json()["error"] == "conflict" and final.get_json()["message"]
    # The seat of a completed course stays taken.
    assert staff.get(f"/api/v1/courses/{course['id']}").get_json()["seats_taken"] == 1


def test_dropping_out_frees_the_seat_and_enrolling_again_takes_it(staff: Caller) -> None:
    course = add(staff, seats=1)
    first = enrol(staff, course["id"], **person()).get_json()
    dropped = staff.patch(f"/api/v1/enrolments/{first['id']}", json={"status": "dropped"})
    assert dropped.get_json()["status"] == "dropped"
    assert staff.get(f"/api/v1/courses/{course['id']}").get_json()["seats_left"] == 1
    again = enrol(staff, course["id"], **person())
    assert again.status_code == 201 and again.get_json()["id"] == first["id"]
    assert staff.get(f"/api/v1/courses/{course['id']}").get_json()["seats_left"] == 0


def test_listing_shows_each_caller_only_its_people(
    app: Flask, client: Any, staff: Caller, partner: Caller, db: Session
) -> None:
    course = add(staff)
    other_partner = make_user(app, client, "partner")
    own = add_seeker(db, registered_by_user_id=partner.id)
    a = enrol(partner, course["id"], seeker_id=own.id).get_json()["id"]
    b = enrol(partner, course["id"], **person()).get_json()["id"]
    c = enrol(other_partner, course["id"], **person(phone="0700 555 666")).get_json()["id"]

    def ids(caller: Caller, query: str = "") -> list[int]:
        response = caller.get(f"/api/v1/enrolments?course_id={course['id']}{query}")
        assert response.status_code == 200, response.get_json()
        return [e["id"] for e in response.get_json()["items"]]

    assert ids(staff) == [a, b, c]
    assert ids(partner) == [a, b]
    assert ids(other_partner) == [c]
    assert ids(staff, f"&seeker_id={own.id}") == [a]
    assert ids(staff, "&status=completed") == []
    assert partner.get(f"/api/v1/enrolments/{c}").status_code == 404
    assert partner.patch(f"/api/v1/enrolments/{c}", json={"status": "dropped"}).status_code == 404
    page = staff.get(f"/api/v1/enrolments?course_id={course['id']}&limit=2").get_json()
    assert len(page["items"]) == 2 and page["next_cursor"]


def test_employers_viewers_and_strangers_are_kept_out(
    staff: Caller, employer: Caller, viewer: Caller, anonymous: Caller
) -> None:
    course = add(staff)
    enrolment = enrol(staff, course["id"], **person()).get_json()
    for caller, status in ((employer, 403), (viewer, 403), (anonymous, 401)):
        assert enrol(caller, course["id"], **person(phone="0700 000 999")).status_code == status
        assert caller.get("/api/v1/enrolments").status_code == status
        assert caller.get(f"/api/v1/enrolments/{enrolment['id']}").status_code == status
        assert (
            caller.patch(
                f"/api/v1/enrolments/{enrolment['id']}", json={"status": "dropped"}
            ).status_code
            == status
        )


def test_a_retried_enrolment_with_its_key_takes_one_seat(staff: Caller) -> None:
    course = add(staff)
    headers = {"Idempotency-Key": "enrol-1"}
    body = {"course_id": course["id"], **person()}
    first = staff.post("/api/v1/enrolments", json=body, headers=headers)
    again = staff.post("/api/v1/enrolments", json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert staff.get(f"/api/v1/courses/{course['id']}").get_json()["seats_taken"] == 1
