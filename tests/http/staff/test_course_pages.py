"""Courses on the staff pages: the catalogue, adding and changing a course (a wrong form
is shown again with its fields marked and nothing stored), closing and reopening;
enrolling a seeker or someone who is not a seeker; recording completion (with the
course's skills added when the seeker agreed) or dropping out; who may do what."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import AuditEvent, Course, Enrolment, Seeker
from models.enums import CourseStatus, EnrolmentStatus
from tests.http.api.conftest import add_seeker, register, vacancy_body
from tests.http.staff.conftest import StaffBrowser

Make = Callable[..., StaffBrowser]
NEXT_YEAR = date.today().year + 1


def course_form(**fields: Any) -> dict[str, Any]:
    """The answers of a complete course form."""
    data: dict[str, Any] = {
        "title": "Оверлок: курс для швей",
        "provider": "Учебный центр «Кесип»",
        "language": "ru",
        "skills": "оверлок\nзаправка оверлока, уход за машиной",
        "description": "Работа на оверлоке: заправка, швы, уход за машиной.",
        "url": "https://kesip.example.kg/overlock",
        "duration_hours": "24",
        "cost": "1 500",
        "starts_on": f"{NEXT_YEAR}-02-01",
        "ends_on": f"{NEXT_YEAR}-03-01",
        "seats": "20",
    }
    data.update(fields)
    return data


def add_course(db: Session, **fields: Any) -> Course:
    values: dict[str, Any] = {
        "title": "Оверлок: курс для швей",
        "provider": "Учебный центр «Кесип»",
        "skills": ["оверлок"],
        "language": "ru",
        "seats": 20,
    }
    values.update(fields)
    course = Course(**values)
    db.add(course)
    db.commit()
    return course


def courses(db: Session) -> list[Course]:
    db.expire_all()
    return list(db.scalars(select(Course).order_by(Course.id)))


def enrolments(db: Session, course: Course) -> list[Enrolment]:
    db.expire_all()
    return list(
        db.scalars(select(Enrolment).where(Enrolment.course_id == course.id).order_by(Enrolment.id))
    )


def person(**fields: Any) -> dict[str, Any]:
    """The enrolment form of a person who is not a seeker."""
    data: dict[str, Any] = {
        "who": "person",
        "full_name": "Нурзат Токтогулова",
        "phone": "0700 55 44 33",
        "gender": "female",
        "birth_year": "2006",
        "region": "naryn",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def skills_of(db: Session, seeker: Seeker) -> list[str]:
    db.expire_all()
    return list(db.scalar(select(Seeker.skills).where(Seeker.id == seeker.id)) or [])


def actions(db: Session, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_staff_add_a_course_with_the_form_and_find_it_in_the_list(
    signed_in: Make, db: Session
) -> None:
    staff = signed_in("staff")
    assert staff.get("/staff/courses/new?lang=en").status_code == 200
    answer = staff.send("/staff/courses/new", course_form())
    assert answer.status_code == 302, staff.last
    [course] = courses(db)
    assert answer.headers["Location"].endswith(f"/staff/courses/{course.id}?done=created")
    assert course.skills == ["оверлок", "заправка оверлока", "уход за машиной"]
    assert (course.cost, course.duration_hours, course.seats) == (1500, 24, 20)
    assert course.starts_on == date(NEXT_YEAR, 2, 1) and course.ends_on == date(NEXT_YEAR, 3, 1)
    assert course.url == "https://kesip.example.kg/overlock" and course.language.value == "ru"
    assert [e.actor_id for e in actions(db, "course.created")] == [staff.user_id]
    page = staff.get(f"/staff/courses/{course.id}?done=created").get_data(as_text=True)
    assert "The course is added to the catalogue." in page and "1\u00a0500" in page
    listed = staff.get("/staff/courses").get_data(as_text=True)
    assert 'href="/staff/courses"' in listed  # in the menu
    assert course.title in listed and "0 / 20" in listed


def test_a_wrong_course_form_marks_every_field_keeps_the_answers_and_stores_nothing(
    signed_in: Make, db: Session
) -> None:
    staff = signed_in("staff")
    answer = staff.send(
        "/staff/courses/new?lang=en",
        course_form(
            title="",
            language="",
            url="kesip.kg/overlock",
            duration_hours="сорок",
            cost="много",
            seats="-3",
            starts_on="01.02.2027",
        ),
        form="/staff/courses/new",
    )
    assert answer.status_code == 422
    for field in ("title", "language", "url", "duration_hours", "cost", "seats", "starts_on"):
        assert f'href="#f-{field}"' in staff.last, field
        assert re.search(rf'<div class="field has-error">\s*<label for="f-{field}"', staff.last)
    assert 'value="сорок"' in staff.last and "заправка оверлока" in staff.last
    assert courses(db) == []


def test_dates_out_of_order_are_refused_by_the_use_case_with_the_field_marked(
    signed_in: Make, db: Session
) -> None:
    staff = signed_in("staff")
    answer = staff.send(
        "/staff/courses/new?lang=en",
        course_form(starts_on=f"{NEXT_YEAR}-03-01", ends_on=f"{NEXT_YEAR}-02-01"),
        form="/staff/courses/new",
    )
    assert answer.status_code == 422
    assert 'href="#f-ends_on"' in staff.last
    assert "The course cannot end before it starts." in staff.last
    assert courses(db) == []


def test_changing_a_course_saves_and_an_emptied_field_is_cleared(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db, cost=900, url="https://old.example.kg", duration_hours=10)
    staff = signed_in("staff")
    form = staff.get(f"/staff/courses/{course.id}/edit?lang=en").get_data(as_text=True)
    assert 'value="900"' in form and 'value="https://old.example.kg"' in form
    answer = staff.send(
        f"/staff/courses/{course.id}/edit",
        course_form(title="Оверлок жана тигүү", language="ky", url="", cost="0", seats=""),
    )
    assert answer.status_code == 302
    [saved] = courses(db)
    assert (saved.title, saved.language.value, saved.url) == ("Оверлок жана тигүү", "ky", None)
    assert saved.cost == 0 and saved.seats is None and saved.duration_hours == 24
    assert [e.actor_id for e in actions(db, "course.updated")] == [staff.user_id]


def test_seats_below_those_taken_are_refused_and_the_course_stays_as_it_was(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db, seats=10, seats_taken=4)
    staff = signed_in("staff")
    answer = staff.send(
        f"/staff/courses/{course.id}/edit?lang=en",
        course_form(seats="3"),
        form=f"/staff/courses/{course.id}/edit",
    )
    assert answer.status_code == 422
    assert 'href="#f-seats"' in staff.last and "4 seats are already taken" in staff.last
    assert 'value="3"' in staff.last  # what was typed, shown again
    [kept] = courses(db)
    assert kept.seats == 10 and kept.title == "Оверлок: курс для швей"


def test_closing_and_reopening_a_course(signed_in: Make, db: Session) -> None:
    course = add_course(db)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    answer = staff.send(f"{url}/status", {"status": "closed"}, form=url)
    assert answer.status_code == 302 and courses(db)[0].status is CourseStatus.CLOSED
    page = staff.get(f"{url}?done=closed&lang=en").get_data(as_text=True)
    assert "Reopen for enrolments" in page and "Closed" in page
    staff.send(f"{url}/status", {"status": "open"}, form=url)
    assert courses(db)[0].status is CourseStatus.OPEN
    assert len(actions(db, "course.closed")) == 1 and len(actions(db, "course.reopened")) == 1


def test_the_list_filters_open_courses_language_and_words(signed_in: Make, db: Session) -> None:
    add_course(db, title="Оверлок: курс для швей")
    add_course(db, title="Основы предпринимательства", skills=["бизнес-план"], status="closed")
    add_course(db, title="Компьютердик сабаттуулук", skills=["компьютер"], language="ky")
    ended = date.today() - timedelta(days=1)
    add_course(
        db, title="Ширетүү", language="ky", starts_on=ended - timedelta(days=9), ends_on=ended
    )
    staff = signed_in("staff")

    def titles(query: str) -> set[str]:
        page = staff.get(f"/staff/courses?{query}").get_data(as_text=True)
        return set(re.findall(r'<td><a href="/staff/courses/\d+">([^<]+)</a><br>', page))

    everything = {
        "Оверлок: курс для швей",
        "Основы предпринимательства",
        "Компьютердик сабаттуулук",
        "Ширетүү",
    }
    assert titles("") == everything
    assert titles("show=open") == {"Оверлок: курс для швей", "Компьютердик сабаттуулук"}
    assert titles("language=ky") == {"Компьютердик сабаттуулук", "Ширетүү"}
    assert titles("q=бизнес") == {"Основы предпринимательства"}
    page = staff.get("/staff/courses?lang=en").get_data(as_text=True)
    assert "Ended" in page and "Closed" in page


def test_a_partner_changes_only_the_courses_it_added(signed_in: Make, db: Session) -> None:
    partner, other = signed_in("partner"), signed_in("partner")
    assert partner.send("/staff/courses/new", course_form()).status_code == 302
    [course] = courses(db)
    url = f"/staff/courses/{course.id}"
    assert "/edit" in partner.get(url).get_data(as_text=True)
    page = other.get(url).get_data(as_text=True)
    assert f"{url}/edit" not in page and f"{url}/status" not in page
    assert other.get(f"{url}/edit").status_code == 403
    assert other.send(f"{url}/status", {"status": "closed"}, form=url).status_code == 403
    assert courses(db)[0].status is CourseStatus.OPEN


def test_a_viewer_sees_no_course_pages(signed_in: Make, browser: Make, db: Session) -> None:
    course = add_course(db)
    viewer = browser("viewer")
    viewer.send("/staff/login", {"email": viewer.email, "password": "жумуш берүүчү 2026"})
    dashboard = viewer.get("/staff").get_data(as_text=True)
    assert 'href="/staff/courses"' not in dashboard
    for path in ("/staff/courses", f"/staff/courses/{course.id}", "/staff/courses/new"):
        assert viewer.get(path).status_code == 403, path


def test_staff_enrol_a_seeker_by_number(signed_in: Make, db: Session) -> None:
    course = add_course(db)
    seeker = add_seeker(db, full_name="Айбек Осмонов")
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    answer = staff.send(
        f"{url}/enrolments", {"who": "seeker", "seeker_id": str(seeker.id)}, form=url
    )
    assert answer.status_code == 302
    [enrolment] = enrolments(db, course)
    assert enrolment.seeker_id == seeker.id and enrolment.enrolled_by_user_id == staff.user_id
    page = staff.get(f"{url}?lang=en").get_data(as_text=True)
    assert f'href="/staff/seekers/{seeker.id}">Айбек Осмонов</a>' in page
    assert "1 / 20" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This field is required."),
        ("abc", "Enter a whole number."),
        ("999999", "No registered seeker"),
    ],
)
def test_a_wrong_seeker_number_is_marked_and_nothing_is_written(
    typed: str, message: str, signed_in: Make, db: Session
) -> None:
    course = add_course(db)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    answer = staff.send(
        f"{url}/enrolments?lang=en", {"who": "seeker", "seeker_id": typed}, form=url
    )
    assert answer.status_code in (404, 422)
    assert 'href="#f-seeker_id"' in staff.last and message in staff.last
    assert enrolments(db, course) == []


def test_staff_enrol_a_person_who_is_not_a_seeker(signed_in: Make, db: Session) -> None:
    course = add_course(db)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    assert staff.send(f"{url}/enrolments", person(), form=url).status_code == 302
    [enrolment] = enrolments(db, course)
    assert enrolment.seeker_id is None and enrolment.phone == "+996700554433"
    assert (enrolment.gender.value, enrolment.birth_year, enrolment.region.value) == (
        "female",
        2006,
        "naryn",
    )
    page = staff.get(f"{url}?lang=en").get_data(as_text=True)
    assert "Нурзат Токтогулова" in page and "not a seeker" in page and "Naryn region" in page


def test_a_wrong_person_form_marks_every_field_and_writes_nothing(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    answer = staff.send(
        f"{url}/enrolments?lang=en",
        person(gender=None, region="", phone="12", birth_year="эки миң"),
        form=url,
    )
    assert answer.status_code == 422
    for field in ("gender", "region", "phone", "birth_year"):
        assert f'href="#f-{field}"' in staff.last, field
    # The phone is said as the seekers' forms say it, with an example.
    assert "Enter a phone number such as 0555 123 456" in staff.last
    assert 'value="Нурзат Токтогулова"' in staff.last and 'value="эки миң"' in staff.last
    assert enrolments(db, course) == []


def test_a_seekers_phone_is_enrolled_as_the_seeker_not_as_someone_else(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db)
    seeker = add_seeker(db, phone="+996700554433")
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    answer = staff.send(f"{url}/enrolments?lang=en", person(), form=url)
    assert answer.status_code == 409
    assert 'href="#f-phone"' in staff.last and f"registered seeker {seeker.id}" in staff.last
    assert enrolments(db, course) == []


def test_a_full_course_says_so_and_takes_no_one(signed_in: Make, db: Session) -> None:
    course = add_course(db, seats=1, seats_taken=1)
    seeker = add_seeker(db)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    answer = staff.send(
        f"{url}/enrolments?lang=en", {"who": "seeker", "seeker_id": str(seeker.id)}, form=url
    )
    assert answer.status_code == 409
    assert "The course is full" in staff.last and 'href="#f-seeker_id"' in staff.last
    assert "Open, full" in staff.last
    assert enrolments(db, course) == []


def test_completing_with_the_seekers_agreement_adds_the_courses_skills(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db, skills=["оверлок", "раскрой"])
    seeker = add_seeker(db, skills=["швейная машина"])
    db.add(Enrolment(course_id=course.id, seeker_id=seeker.id, status=EnrolmentStatus.ENROLLED))
    db.commit()
    [enrolment] = enrolments(db, course)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    page = staff.get(f"{url}?lang=en").get_data(as_text=True)
    assert "the seeker agreed" in page and "Mark completed" in page
    answer = staff.send(
        f"{url}/enrolments/{enrolment.id}", {"status": "completed", "add_skills": "yes"}, form=url
    )
    assert answer.status_code == 302 and "done=skills" in answer.headers["Location"]
    [done] = enrolments(db, course)
    assert done.status is EnrolmentStatus.COMPLETED and done.skills_added and done.completed_at
    assert skills_of(db, seeker) == ["швейная машина", "оверлок", "раскрой"]
    assert len(actions(db, "enrolment.completed")) == 1
    assert len(actions(db, "enrolment.skills_added")) == 1


def test_completing_without_the_agreement_leaves_the_profile_until_skills_are_added(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db, skills=["оверлок"])
    seeker = add_seeker(db, skills=["швейная машина"])
    db.add(Enrolment(course_id=course.id, seeker_id=seeker.id, status=EnrolmentStatus.ENROLLED))
    db.commit()
    [enrolment] = enrolments(db, course)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    staff.send(f"{url}/enrolments/{enrolment.id}", {"status": "completed"}, form=url)
    assert skills_of(db, seeker) == ["швейная машина"]
    page = staff.get(f"{url}?lang=en").get_data(as_text=True)
    assert "Add the skills to the profile (the seeker agreed)" in page
    staff.send(f"{url}/enrolments/{enrolment.id}", {"add_skills": "yes"}, form=url)
    assert skills_of(db, seeker) == ["швейная машина", "оверлок"]


def test_dropping_out_gives_the_seat_back_and_the_person_may_come_back(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db, seats=1)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    staff.send(f"{url}/enrolments", person(), form=url)
    [enrolment] = enrolments(db, course)
    staff.send(f"{url}/enrolments/{enrolment.id}", {"status": "dropped"}, form=url)
    db.expire_all()
    assert enrolments(db, course)[0].status is EnrolmentStatus.DROPPED
    assert courses(db)[0].seats_taken == 0
    assert "Enrol again" in staff.get(f"{url}?lang=en").get_data(as_text=True)
    staff.send(f"{url}/enrolments/{enrolment.id}", {"status": "enrolled"}, form=url)
    assert enrolments(db, course)[0].status is EnrolmentStatus.ENROLLED
    assert courses(db)[0].seats_taken == 1


def test_an_illegal_or_unknown_move_is_refused_on_the_page(signed_in: Make, db: Session) -> None:
    course = add_course(db)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    staff.send(f"{url}/enrolments", person(), form=url)
    [enrolment] = enrolments(db, course)
    unknown = staff.send(
        f"{url}/enrolments/{enrolment.id}?lang=en", {"status": "graduated"}, form=url
    )
    assert unknown.status_code == 422 and "Choose what happened" in staff.last
    staff.send(f"{url}/enrolments/{enrolment.id}", {"status": "completed"}, form=url)
    again = staff.send(f"{url}/enrolments/{enrolment.id}?lang=en", {"status": "dropped"}, form=url)
    assert again.status_code == 409 and "its status cannot change any more" in staff.last
    # Skills go to a seeker's profile only: this person is not a seeker.
    skills = staff.send(f"{url}/enrolments/{enrolment.id}?lang=en", {"add_skills": "yes"}, form=url)
    assert skills.status_code == 422 and "Only a registered seeker" in staff.last
    assert enrolments(db, course)[0].status is EnrolmentStatus.COMPLETED


def test_an_enrolment_of_another_course_is_not_found_under_this_one(
    signed_in: Make, db: Session
) -> None:
    first, second = add_course(db), add_course(db, title="Раскрой")
    staff = signed_in("staff")
    staff.send(f"/staff/courses/{first.id}/enrolments", person(), form=f"/staff/courses/{first.id}")
    [enrolment] = enrolments(db, first)
    url = f"/staff/courses/{second.id}"
    answer = staff.send(f"{url}/enrolments/{enrolment.id}", {"status": "dropped"}, form=url)
    assert answer.status_code == 404
    assert enrolments(db, first)[0].status is EnrolmentStatus.ENROLLED


def test_a_partner_records_dropping_out_but_not_completion(signed_in: Make, db: Session) -> None:
    course = add_course(db)
    partner = signed_in("partner")
    url = f"/staff/courses/{course.id}"
    partner.send(f"{url}/enrolments", person(), form=url)
    [enrolment] = enrolments(db, course)
    page = partner.get(f"{url}?lang=en").get_data(as_text=True)
    assert "Mark dropped out" in page and "Mark completed" not in page
    answer = partner.send(
        f"{url}/enrolments/{enrolment.id}?lang=en", {"status": "completed"}, form=url
    )
    assert answer.status_code == 403 and "Your role cannot set this status." in partner.last
    assert enrolments(db, course)[0].status is EnrolmentStatus.ENROLLED


def test_staff_of_one_region_enrol_and_see_only_the_people_of_their_region(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db)
    bishkek = add_seeker(db, full_name="Бишкектик Издөөчү", region="bishkek")
    db.add(Enrolment(course_id=course.id, seeker_id=bishkek.id, status=EnrolmentStatus.ENROLLED))
    db.commit()
    osh = signed_in("staff", regions=["osh"])
    url = f"/staff/courses/{course.id}"
    page = osh.get(f"{url}?lang=en").get_data(as_text=True)
    assert "Бишкектик Издөөчү" not in page
    assert '<option value="osh">' in page and '<option value="naryn">' not in page
    refused = osh.send(f"{url}/enrolments?lang=en", person(region="naryn"), form=url)
    assert refused.status_code == 422 and 'href="#f-region"' in osh.last
    other = osh.send(
        f"{url}/enrolments?lang=en", {"who": "seeker", "seeker_id": str(bishkek.id)}, form=url
    )
    assert other.status_code == 404 and 'href="#f-seeker_id"' in osh.last
    assert osh.send(f"{url}/enrolments", person(region="osh"), form=url).status_code == 302
    assert len(enrolments(db, course)) == 2


def test_a_form_without_its_csrf_token_is_refused_and_writes_nothing(
    signed_in: Make, db: Session
) -> None:
    course = add_course(db)
    staff = signed_in("staff")
    url = f"/staff/courses/{course.id}"
    assert staff.client.post(f"{url}/enrolments", data=person()).status_code == 400
    assert staff.client.post("/staff/courses/new", data=course_form()).status_code == 400
    assert staff.client.post(f"{url}/status", data={"status": "closed"}).status_code == 400
    assert enrolments(db, course) == [] and len(courses(db)) == 1
    assert courses(db)[0].status is CourseStatus.OPEN


def test_the_seekers_casework_page_recommends_a_course_and_enrols_with_one_button(
    client: FlaskClient, signed_in: Make, db: Session
) -> None:
    employer = register(client)
    for title, skills in (
        ("Швея-мотористка", ["швейная машина", "оверлок"]),
        ("Тигүүчү керек", ["тигүү машинасы", "оверлок"]),
    ):
        body = vacancy_body(title=title, description="Пошив одежды в цехе", skills=skills)
        assert employer.post("/api/v1/vacancies", json=body).status_code == 201
    course = add_course(db)
    other = add_course(db, title="Кассир", skills=["касса"])
    seeker = add_seeker(db, desired_position="швея", skills=["швейная машина"])
    staff = signed_in("staff")
    url = f"/staff/seekers/{seeker.id}"
    page = staff.get(f"{url}?lang=ru").get_data(as_text=True)
    section = page.split('id="courses"')[1]
    assert "Не записан ни на один курс." in section
    assert course.title in section and "«Швея-мотористка»" in section
    assert f'<option value="{other.id}">' in section
    answer = staff.send(f"{url}/enrolments", {"course_id": str(course.id)}, form=url)
    assert answer.status_code == 302
    [enrolment] = enrolments(db, course)
    assert enrolment.seeker_id == seeker.id
    page = staff.get(f"{url}?done=enrolled&lang=en").get_data(as_text=True)
    assert "The seeker is enrolled in the course." in page
    assert f'href="/staff/courses/{course.id}"' in page.split('id="courses-caption"')[1]
    assert f'<option value="{course.id}">' not in page  # no second place offered
    wrong = staff.send(f"{url}/enrolments?lang=en", {"course_id": "abc"}, form=url)
    assert wrong.status_code == 422 and 'href="#f-course_id"' in staff.last
    twice = staff.send(f"{url}/enrolments?lang=en", {"course_id": str(course.id)}, form=url)
    assert twice.status_code == 409 and "already enrolled" in staff.last
    assert db.scalar(select(func.count()).select_from(Enrolment)) == 1


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ky", "Курс кошуу"), ("ru", "Добавить курс"), ("en", "Add a course")],
)
def test_the_course_pages_read_in_the_staff_languages(
    lang: str, words: str, signed_in: Make, db: Session
) -> None:
    course = add_course(db)
    staff = signed_in("staff")
    for path in ("/staff/courses", "/staff/courses/new", f"/staff/courses/{course.id}"):
        answer = staff.get(f"{path}?lang={lang}")
        assert answer.status_code == 200 and f'<html lang="{lang}">' in staff.last, path
        assert len(answer.get_data()) < 100 * 1024
    assert words in staff.get(f"/staff/courses?lang={lang}").get_data(as_text=True)
