"""Courses recommended to a seeker from the skills their near-miss vacancies ask for."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from models import Course, Enrolment
from models.enums import CourseStatus, EnrolmentStatus
from service.platform.db import get_db
from tests.http.api.conftest import Caller, add_seeker, make_user, vacancy_body

SEAMSTRESS_JOBS = [
    vacancy_body(
        title="Швея-мотористка",
        description="Пошив одежды в цехе",
        skills=["швейная машина", "оверлок"],
    ),
    vacancy_body(
        title="Тигүүчү керек",
        description="Тигүү цехине тигүүчү керек",
        skills=["тигүү машинасы", "оверлок"],
    ),
    vacancy_body(
        title="Seamstress",
        description="Garment factory, sewing line",
        skills=["sewing machine", "overlock"],
    ),
]


def add_course(db: Session, **fields: Any) -> Course:
    values: dict[str, Any] = {
        "title": "Оверлок: курс для швей",
        "provider": "Учебный центр «Кесип»",
        "description": "Работа на оверлоке: заправка, швы, уход за машиной.",
        "skills": ["оверлок"],
        "language": "ru",
        "seats": 20,
    }
    values.update(fields)
    course = Course(**values)
    db.add(course)
    db.commit()
    return course


def post_jobs(employer: Caller, bodies: list[dict[str, Any]]) -> list[int]:
    ids = []
    for body in bodies:
        response = employer.post("/api/v1/vacancies", json=body)
        assert response.status_code == 201, response.get_json()
        ids.append(response.get_json()["id"])
    return ids


def courses_for(caller: Caller, seeker_id: int, **query: Any) -> Any:
    response = caller.get(f"/api/v1/seekers/{seeker_id}/courses", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_skill_several_near_vacancies_ask_for_brings_its_course(
    employer: Caller, staff: Caller, db: Session
) -> None:
    jobs = post_jobs(employer, SEAMSTRESS_JOBS)
    post_jobs(employer, [vacancy_body(title="Водитель категории C", skills=["категория C"])])
    overlock = add_course(db)
    driving = add_course(
        db, title="Айдоочулук: C категориясы", skills=["C категориясы"], language="ky"
    )
    seeker = add_seeker(
        db, desired_position="швея", skills=["тигүү машинасы"], preferred_language="ky"
    )
    body = courses_for(staff, seeker.id)
    assert body["fits_well"] is False and body["missing"] == []
    assert [item["course_id"] for item in body["items"]] == [overlock.id]
    item = body["items"][0]
    assert driving.id not in [i["course_id"] for i in body["items"]]
    assert set(item["vacancies"]) == set(jobs) and item["vacancy_count"] == 3
    assert item["skills"] == ["оверлок"]
    assert (item["title"], item["provider"]) == (overlock.title, overlock.provider)
    # In the seeker's language (Kyrgyz), naming the vacancies and their number.
    assert "3" in item["explanation"] and "«Швея-мотористка»" in item["explanation"]
    assert "вакансия" in item["explanation"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", "вакансии"), ("en", "vacancies"), ("uz", "вакансия"), ("ky", "жол ачат")],
)
def test_the_sentence_is_in_the_seekers_language(
    lang: str, words: str, employer: Caller, staff: Caller, db: Session
) -> None:
    post_jobs(employer, SEAMSTRESS_JOBS[:2])
    add_course(db)
    seeker = add_seeker(
        db, desired_position="швея", skills=["швейная машина"], preferred_language=lang
    )
    (item,) = courses_for(staff, seeker.id)["items"]
    assert item["vacancy_count"] == 2
    assert words in item["explanation"] and "2" in item["explanation"]


def test_a_course_that_closes_only_part_of_the_gaps_says_it_brings_them_closer(
    employer: Caller, staff: Caller, db: Session
) -> None:
    jobs = post_jobs(employer, SEAMSTRESS_JOBS)
    overlock = add_course(db)
    # Lacking both the machine and the overlock: the course opens no vacancy on its own.
    seeker = add_seeker(db, desired_position="швея", skills=["пошив"], preferred_language="en")
    (item,) = courses_for(staff, seeker.id)["items"]
    assert item["course_id"] == overlock.id and set(item["vacancies"]) == set(jobs)
    assert item["explanation"].startswith(
        "The course's skills (оверлок) would bring you closer to 3 vacancies:"
    )


def test_the_sentence_names_each_title_once_and_counts_every_vacancy(
    employer: Caller, staff: Caller, db: Session
) -> None:
    more = [
        vacancy_body(
            title=title,
            description=f"Пошив одежды в цехе №{n}",
            skills=["швейная машина", "оверлок"],
            external_id=f"more-{n}",
        )
        for n, title in enumerate(["Швея-мотористка", "Швея-мотористка", "Швея в цех"])
    ]
    post_jobs(employer, [*SEAMSTRESS_JOBS, *more])
    add_course(db)
    seeker = add_seeker(
        db, desired_position="швея", skills=["швейная машина"], preferred_language="en"
    )
    (item,) = courses_for(staff, seeker.id)["items"]
    sentence = item["explanation"]
    assert item["vacancy_count"] == 6 and "6 vacancies" in sentence, sentence
    assert sentence.count("«Швея-мотористка»") == 1, sentence
    # Three of the four titles are named, then an ellipsis that ends the sentence.
    assert sentence.count("«") == 3 and sentence.endswith(" …"), sentence


def test_a_seeker_who_fits_their_best_vacancies_gets_no_course(
    employer: Caller, staff: Caller, db: Session
) -> None:
    post_jobs(employer, SEAMSTRESS_JOBS)
    add_course(db)
    seeker = add_seeker(db, desired_position="швея", skills=["швейная машина", "оверлок"])
    body = courses_for(staff, seeker.id)
    assert body == {"items": [], "fits_well": True, "missing": [], "message": None}


def test_only_open_courses_with_seats_that_the_seeker_has_not_taken(
    employer: Caller, staff: Caller, db: Session
) -> None:
    post_jobs(employer, SEAMSTRESS_JOBS)
    yesterday = date.today() - timedelta(days=1)
    closed = add_course(db, status=CourseStatus.CLOSED)
    full = add_course(db, seats=2, seats_taken=2)
    ended = add_course(db, starts_on=yesterday - timedelta(days=30), ends_on=yesterday)
    enrolled = add_course(db)
    completed = add_course(db)
    dropped = add_course(db)
    unlimited = add_course(db, seats=None)
    seeker = add_seeker(db, desired_position="швея", skills=["тигүү машинасы"])
    for course, status in (
        (enrolled, EnrolmentStatus.ENROLLED),
        (completed, EnrolmentStatus.COMPLETED),
        (dropped, EnrolmentStatus.DROPPED),
    ):
        db.add(Enrolment(course_id=course.id, seeker_id=seeker.id, status=status))
    db.commit()
    offered = {item["course_id"] for item in courses_for(staff, seeker.id)["items"]}
    assert offered == {dropped.id, unlimited.id}
    assert not offered & {closed.id, full.id, ended.id, enrolled.id, completed.id}


def test_limit_bounds_the_list_and_is_checked(employer: Caller, staff: Caller, db: Session) -> None:
    post_jobs(employer, SEAMSTRESS_JOBS)
    for _ in range(3):
        add_course(db)
    seeker = add_seeker(db, desired_position="швея", skills=["тигүү машинасы"])
    assert len(courses_for(staff, seeker.id, limit=2)["items"]) == 2
    response = staff.get(f"/api/v1/seekers/{seeker.id}/courses?limit=0")
    assert response.status_code == 422 and "limit" in response.get_json()["errors"]


def test_an_empty_profile_gets_a_message_instead(partner: Caller, db: Session) -> None:
    seeker = add_seeker(
        db, desired_position=None, skills=[], experience=None, registered_by_user_id=partner.id
    )
    body = courses_for(partner, seeker.id)
    assert body["items"] == [] and body["missing"] and body["message"]


def test_who_may_ask(
    app: Flask,
    client: FlaskClient,
    employer: Caller,
    viewer: Caller,
    anonymous: Caller,
    admin: Caller,
    db: Session,
) -> None:
    from service.usecases.accounts import update_user

    mine, other = make_user(app, client, "partner"), make_user(app, client, "partner")
    osh_staff = make_user(app, client, "staff")
    with get_db(app).sessions() as session:
        update_user(
            session=session,
            user_id=osh_staff.id,
            role="staff",
            regions=["osh"],
            active=True,
            actor_id=osh_staff.id,
        )
    seeker = add_seeker(db, region="bishkek", registered_by_user_id=mine.id)
    url = f"/api/v1/seekers/{seeker.id}/courses"
    assert mine.get(url).status_code == 200
    assert admin.get(url).status_code == 200
    # Another partner's seeker, or one outside a staff member's regions, does not exist.
    assert other.get(url).status_code == 404
    assert osh_staff.get(url).status_code == 404
    assert employer.get(url).status_code == 403
    assert viewer.get(url).status_code == 403
    assert anonymous.get(url).status_code == 401
    assert admin.get("/api/v1/seekers/999999/courses").status_code == 404


def test_the_endpoint_is_described_in_openapi(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/seekers/{seeker_id}/courses"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    name = schema["$ref"].rsplit("/", 1)[-1]
    item = spec["components"]["schemas"][name]["properties"]["items"]["items"]["$ref"]
    fields = spec["components"]["schemas"][item.rsplit("/", 1)[-1]]["properties"]
    assert {"course_id", "title", "provider", "skills", "vacancies", "vacancy_count"} <= set(fields)
    assert "explanation" in fields
