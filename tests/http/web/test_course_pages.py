"""The seeker's courses on the pages: the courses that would open more vacancies, with
the sentence saying which; enrolling with one button (a full, closed or already taken
course says so and writes nothing); leaving; the section beside the recommendations."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import AuditEvent, Course, Enrolment
from models.enums import CourseStatus, EnrolmentStatus
from tests.http.api.conftest import Caller, vacancy_body
from tests.http.web.conftest import Visitor, registration

# Three seamstress vacancies, in Russian, Kyrgyz and English, that all ask for the
# overlock; the seeker of `registration()` has the sewing machine but no overlock.
OVERLOCK_JOBS = [
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
        "url": "https://kesip.example.kg/overlock",
        "duration_hours": 24,
        "cost": 0,
        "seats": 20,
    }
    values.update(fields)
    course = Course(**values)
    db.add(course)
    db.commit()
    return course


def post_jobs(employer: Caller, bodies: list[dict[str, Any]] = OVERLOCK_JOBS) -> list[int]:
    ids = []
    for body in bodies:
        answer = employer.post("/api/v1/vacancies", json=body)
        assert answer.status_code == 201, answer.get_json()
        ids.append(answer.get_json()["id"])
    return ids


def enrolments(db: Session, course: Course) -> list[Enrolment]:
    db.expire_all()
    return list(db.scalars(select(Enrolment).where(Enrolment.course_id == course.id)))


def seats_taken(db: Session, course: Course) -> int:
    db.expire_all()
    return int(db.scalar(select(Course.seats_taken).where(Course.id == course.id)) or 0)


def card(page: str, course: Course) -> str:
    """Return the HTML of the course's card on the page (the first one with its id)."""
    pattern = rf'<li class="card" id="course-{course.id}">(.*?)\n  </li>'
    found = re.search(pattern, page, re.S)
    assert found, f"no card of course {course.id}"
    return found.group(1)


@pytest.fixture
def seeker(visitor: Visitor) -> Visitor:
    """A seamstress with the sewing machine and no overlock, signed in, pages in Russian."""
    visitor.get("/?lang=ru")
    assert visitor.send("/register", registration()).status_code == 302
    return visitor


def test_the_page_recommends_the_course_that_opens_vacancies_and_lists_the_others(
    seeker: Visitor, employer: Caller, db: Session
) -> None:
    jobs = post_jobs(employer)
    overlock = add_course(db)
    english = add_course(
        db, title="English for Tourism", skills=["English", "bookings"], language="en", cost=3500
    )
    answer = seeker.get("/me/courses")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'href="/me/courses"' in page  # in the menu
    recommended = page.split('id="for-you"')[1].split('id="open-courses"')[0]
    item = card(recommended, overlock)
    # The sentence, in the page's language, names the vacancies it would open and counts them.
    assert "3" in item and "вакансии" in item and "«Швея-мотористка»" in item
    for job in jobs:
        assert f'href="/vacancies/{job}"' in item
    assert f'name="course_id" value="{overlock.id}"' in item
    assert "бесплатно" in item and "24 часа" in item and "20 мест" in item
    others = page.split('id="open-courses"')[1]
    assert "English for Tourism" in card(others, english) and "3\u00a0500" in others
    assert f'id="course-{overlock.id}"' not in others  # not offered twice
    assert 'id="my-courses"' not in page  # no enrolment yet: no such section


def test_a_seeker_enrols_with_one_button_and_finds_the_course_under_my_courses(
    seeker: Visitor, db: Session
) -> None:
    course = add_course(db)
    answer = seeker.send("/me/courses", {"course_id": str(course.id)})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/me/courses?done=enrolled")
    [enrolment] = enrolments(db, course)
    assert enrolment.status is EnrolmentStatus.ENROLLED and enrolment.seeker_id is not None
    assert seats_taken(db, course) == 1
    audited = db.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "enrolment.created", AuditEvent.entity_id == enrolment.id
        )
    )
    assert audited is not None and audited.actor_id == enrolment.seeker_id
    page = seeker.get("/me/courses?done=enrolled").get_data(as_text=True)
    mine = page.split('id="my-courses"')[1].split('id="for-you"')[0]
    assert "Вы записаны" in page and course.title in mine
    assert 'href="https://kesip.example.kg/overlock"' in mine
    # The course is not offered again: it says the seeker holds a place.
    assert f'name="course_id" value="{course.id}"' not in page


def test_a_full_course_says_so_and_takes_no_one(seeker: Visitor, db: Session) -> None:
    full = add_course(db, seats=1, seats_taken=1)
    page = seeker.get("/me/courses").get_data(as_text=True)
    assert "На этом курсе не осталось мест." in card(page, full)
    assert f'name="course_id" value="{full.id}"' not in page
    # A button of a page read before the last seat went: the answer says so.
    answer = seeker.send("/me/courses", {"course_id": str(full.id)})
    assert answer.status_code == 409
    alert = seeker.last.split('role="alert"')[1].split("</div>")[0]
    assert "Курс заполнен" in alert and full.title in alert  # which course, and why
    assert enrolments(db, full) == [] and seats_taken(db, full) == 1


def test_a_closed_course_is_refused(seeker: Visitor, db: Session) -> None:
    closed = add_course(db, status=CourseStatus.CLOSED)
    assert f'id="course-{closed.id}"' not in seeker.get("/me/courses").get_data(as_text=True)
    answer = seeker.send("/me/courses", {"course_id": str(closed.id)})
    assert answer.status_code == 409
    assert "закрыт" in seeker.last
    assert enrolments(db, closed) == []


def test_enrolling_twice_says_the_seeker_is_enrolled_already(seeker: Visitor, db: Session) -> None:
    course = add_course(db)
    assert seeker.send("/me/courses", {"course_id": str(course.id)}).status_code == 302
    again = seeker.send("/me/courses", {"course_id": str(course.id)}, form="/me/applications")
    assert again.status_code == 409
    assert "Вы уже записаны на этот курс." in seeker.last
    assert len(enrolments(db, course)) == 1 and seats_taken(db, course) == 1


def test_a_form_without_its_csrf_token_is_refused_and_writes_nothing(
    seeker: Visitor, db: Session
) -> None:
    course = add_course(db)
    answer = seeker.client.post("/me/courses", data={"course_id": str(course.id)})
    assert answer.status_code == 400
    assert enrolments(db, course) == []


def test_a_course_number_that_is_no_number_changes_nothing(seeker: Visitor, db: Session) -> None:
    course = add_course(db)
    for value in ("abc", "0", "-1", "99999999999", ""):
        answer = seeker.send("/me/courses", {"course_id": value})
        assert answer.status_code == 302, value
    missing = seeker.send("/me/courses", {"course_id": "999999"})
    assert missing.status_code == 404 and 'role="alert"' in seeker.last
    assert enrolments(db, course) == []


def test_leaving_a_course_gives_the_seat_back(seeker: Visitor, db: Session) -> None:
    course = add_course(db, seats=1)
    seeker.send("/me/courses", {"course_id": str(course.id)})
    [enrolment] = enrolments(db, course)
    answer = seeker.send(f"/me/courses/{enrolment.id}/leave", {}, form="/me/courses")
    assert answer.status_code == 302
    [left] = enrolments(db, course)
    assert left.status is EnrolmentStatus.DROPPED and seats_taken(db, course) == 0
    page = seeker.get("/me/courses?done=left").get_data(as_text=True)
    assert "Вы покинули курс" in page
    # The seat is free again: the seeker may come back.
    assert f'name="course_id" value="{course.id}"' in page


def test_a_seeker_cannot_leave_someone_elses_enrolment(
    seeker: Visitor, app: Any, db: Session
) -> None:
    course = add_course(db)
    other = Visitor(app.test_client())
    other.send("/register", registration(phone="0555 987 654", full_name="Бүбүсара Ажыбаева"))
    other.send("/me/courses", {"course_id": str(course.id)})
    [theirs] = enrolments(db, course)
    answer = seeker.send(f"/me/courses/{theirs.id}/leave", {}, form="/me/courses")
    assert answer.status_code == 404
    assert enrolments(db, course)[0].status is EnrolmentStatus.ENROLLED


def test_the_language_filter_keeps_the_courses_taught_in_it(seeker: Visitor, db: Session) -> None:
    russian = add_course(db, title="Кассир: работа с наличными", skills=["касса"])
    kyrgyz = add_course(db, title="Компьютердик сабаттуулук", skills=["компьютер"], language="ky")
    page = seeker.get("/me/courses?language=ky").get_data(as_text=True)
    others = page.split('id="open-courses"')[1]
    assert kyrgyz.title in others and russian.title not in others
    assert '<option value="ky" lang="ky" selected>' in others
    everything = seeker.get("/me/courses?language=xx").get_data(as_text=True)
    assert kyrgyz.title in everything and russian.title in everything


def test_the_recommendations_page_shows_the_courses_that_would_open_more_vacancies(
    seeker: Visitor, employer: Caller, db: Session
) -> None:
    post_jobs(employer)
    course = add_course(db)
    page = seeker.get("/me/recommendations").get_data(as_text=True)
    section = page.split('id="courses-title"')[1]
    assert "Курсы, которые откроют больше вакансий" in page
    assert course.title in section and "«Швея-мотористка»" in section
    assert f'href="/me/courses#course-{course.id}"' in section
    assert 'href="/me/courses"' in section


def test_a_seeker_who_already_fits_gets_no_course_pushed(
    visitor: Visitor, employer: Caller, db: Session
) -> None:
    post_jobs(employer)
    course = add_course(db)
    visitor.send("/register?lang=en", registration(skills="швейная машина\nоверлок"))
    recommendations = visitor.get("/me/recommendations").get_data(as_text=True)
    assert 'id="courses-title"' not in recommendations
    page = visitor.get("/me/courses").get_data(as_text=True)
    assert "Your skills already fit your best vacancies" in page
    # The course is still there to take, among the others.
    assert f'name="course_id" value="{course.id}"' in page.split('id="open-courses"')[1]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("ky", "Көбүрөөк вакансияларга жол ачкан курстар"),
        ("uz", "Кўпроқ вакансияларга йўл очадиган курслар"),
        ("en", "Courses that would open more vacancies"),
    ],
)
def test_the_page_reads_in_every_seeker_language(
    lang: str, heading: str, seeker: Visitor, employer: Caller, db: Session
) -> None:
    post_jobs(employer)
    add_course(db)
    page = seeker.get(f"/me/courses?lang={lang}").get_data(as_text=True)
    assert heading in page
    assert len(page.encode()) < 100 * 1024


def test_the_page_needs_a_signed_in_seeker(visitor: Visitor, db: Session) -> None:
    answer = visitor.get("/me/courses")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    course = add_course(db)
    token = visitor.token("/login")
    posted = visitor.client.post("/me/courses", data={"csrf_token": token, "course_id": course.id})
    assert posted.status_code == 302 and "/login" in posted.headers["Location"]
    assert db.scalar(select(func.count()).select_from(Enrolment)) == 0
