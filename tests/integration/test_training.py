"""Courses and enrolments through their use-cases, on a real database and no Flask.

Seats are counted by one conditional UPDATE: the last seat goes to exactly one of many
people asking at once (on SQLite and PostgreSQL, each with its own connection).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import AuditEvent, Change, Course, Enrolment, Seeker, User
from models.enums import (
    CourseStatus,
    EnrolmentStatus,
    EntityKind,
    Gender,
    Language,
    Region,
    UserRole,
)
from service.platform.db import make_engine
from service.usecases import courses, enrolments
from service.usecases.enrolments import AlreadyEnrolled, CourseClosed, CourseFull
from service.usecases.errors import Conflict, Forbidden, InvalidInput, NotFound
from service.usecases.indexing import LiveIndex
from service.usecases.recommendations import recommend_vacancies
from service.usecases.seeker_accounts import export_data
from tests.support import make_employer, make_seeker, make_vacancy

TODAY = date(2026, 12, 2)


def make_user(session: Session, role: str, regions: list[str] | None = None) -> User:
    user = User(
        email=f"{role}{_next()}@example.invalid", role=UserRole(role), regions=regions or []
    )
    session.add(user)
    session.flush()
    return user


_numbers = iter(range(10**6))


def _next() -> int:
    return next(_numbers)


def course_fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Швейное дело",
        "provider": "Учебный центр",
        "language": Language.RU,
        "skills": ["оверлок", "раскрой"],
        "seats": 10,
        "cost": 0,
    }
    fields.update(changes)
    return fields


def person(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "full_name": "Айбек Токтогулов",
        "phone": "0555 123 456",
        "gender": Gender.MALE,
        "birth_year": 2006,
        "region": Region.CHUY,
    }
    fields.update(changes)
    return fields


def audit_actions(session: Session, kind: str) -> list[str]:
    return list(
        session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_kind == kind).order_by(AuditEvent.id)
        )
    )


@pytest.fixture
def staff(session: Session) -> User:
    user = make_user(session, "staff")
    session.commit()
    return user


def new_course(session: Session, user: User, **changes: Any) -> Course:
    return courses.create_course(session=session, user=user, fields=course_fields(**changes))


# --- courses ------------------------------------------------------------------------------


def test_a_course_is_stored_with_its_skills_once_and_audited(session: Session, staff: User) -> None:
    course = new_course(session, staff, skills=[" Оверлок", "оверлок ", "раскрой", "РАСКРОЙ"])
    stored = session.get(Course, course.id)
    assert stored is not None
    assert stored.skills == ["Оверлок", "раскрой"]
    assert (stored.status, stored.seats_taken, stored.created_by_user_id) == (
        CourseStatus.OPEN,
        0,
        staff.id,
    )
    assert courses.is_free(stored) and courses.seats_left(stored) == 10
    assert audit_actions(session, "course") == ["course.created"]


def test_a_course_missing_or_breaking_rules_is_refused_whole(session: Session, staff: User) -> None:
    bad = {
        "title": "",
        "provider": "  ",
        "language": None,
        "url": "ftp://example.invalid/course",
        "duration_hours": 0,
        "cost": -1,
        "starts_on": date(2027, 3, 1),
        "ends_on": date(2027, 2, 1),
        "seats": -5,
    }
    with pytest.raises(InvalidInput) as refused:
        courses.create_course(session=session, user=staff, fields=bad)
    assert set(refused.value.errors or {}) == set(bad) - {"starts_on"}  # said on ends_on
    assert session.scalar(select(func.count()).select_from(Course)) == 0


def test_update_changes_only_the_fields_given(session: Session, staff: User) -> None:
    course = new_course(session, staff, description="Основы", url="https://example.invalid/a")
    changed = courses.update_course(
        session=session, user=staff, course_id=course.id, fields={"seats": 20, "cost": 1500.5}
    )
    assert (changed.seats, changed.cost) == (20, 1500.5)
    assert (changed.title, changed.description, changed.url) == (
        "Швейное дело",
        "Основы",
        "https://example.invalid/a",
    )
    assert not courses.is_free(changed)
    # Dates are checked as the course will be after the change.
    courses.update_course(
        session=session, user=staff, course_id=course.id, fields={"ends_on": date(2027, 5, 1)}
    )
    with pytest.raises(InvalidInput) as refused:
        courses.update_course(
            session=session, user=staff, course_id=course.id, fields={"starts_on": date(2027, 6, 1)}
        )
    assert set(refused.value.errors or {}) == {"ends_on"}
    session.expire_all()
    assert session.get(Course, course.id).starts_on is None  # type: ignore[union-attr]


def test_seats_cannot_go_below_those_taken(session: Session, staff: User) -> None:
    course = new_course(session, staff, seats=3)
    for phone in ("0555 100 001", "0555 100 002"):
        enrolments.enrol(session=session, course_id=course.id, user=staff, **person(phone=phone))
    with pytest.raises(InvalidInput) as refused:
        courses.update_course(session=session, user=staff, course_id=course.id, fields={"seats": 1})
    assert "2 seats are already taken" in str(refused.value.errors["seats"][0])  # type: ignore[index]
    changed = courses.update_course(
        session=session, user=staff, course_id=course.id, fields={"seats": 2}
    )
    assert courses.seats_left(changed) == 0


def test_a_partner_changes_only_the_courses_it_added(session: Session, staff: User) -> None:
    partner = make_user(session, "partner")
    viewer = make_user(session, "viewer")
    theirs = new_course(session, partner)
    staffs = new_course(session, staff)
    courses.update_course(session=session, user=partner, course_id=theirs.id, fields={"seats": 5})
    with pytest.raises(Forbidden):
        courses.update_course(
            session=session, user=partner, course_id=staffs.id, fields={"seats": 5}
        )
    courses.update_course(session=session, user=staff, course_id=theirs.id, fields={"seats": 6})
    for action in (
        lambda: new_course(session, viewer),
        lambda: courses.close_course(session=session, user=viewer, course_id=theirs.id),
    ):
        with pytest.raises(Forbidden):
            action()


def test_closing_stops_enrolments_and_reopening_resumes_them(session: Session, staff: User) -> None:
    course = new_course(session, staff)
    seeker = make_seeker(session)
    session.commit()
    courses.close_course(session=session, user=staff, course_id=course.id)
    with pytest.raises(CourseClosed):
        enrolments.enrol(session=session, course_id=course.id, seeker_id=seeker.id, user=staff)
    courses.reopen_course(session=session, user=staff, course_id=course.id)
    enrolments.enrol(session=session, course_id=course.id, seeker_id=seeker.id, user=staff)
    assert audit_actions(session, "course") == [
        "course.created",
        "course.updated",
        "course.closed",
        "course.updated",
        "course.reopened",
    ]


def test_an_ended_course_takes_no_one(session: Session, staff: User) -> None:
    course = new_course(
        session, staff, starts_on=TODAY - timedelta(days=60), ends_on=TODAY - timedelta(days=1)
    )
    with pytest.raises(CourseClosed) as refused:
        enrolments.enrol(session=session, course_id=course.id, user=staff, today=TODAY, **person())
    assert "ended" in str(refused.value.message)
    assert not courses.is_open(course, TODAY)


def test_list_filters_open_language_and_words_and_pages_through_all(
    session: Session, staff: User
) -> None:
    sewing = new_course(session, staff)
    driving = new_course(
        session, staff, title="Айдоочулук", language=Language.KY, skills=["C категориясы"]
    )
    closed = new_course(session, staff, title="Ашпозчулук", language=Language.KY, skills=[])
    courses.close_course(session=session, user=staff, course_id=closed.id)
    ended = new_course(
        session, staff, title="English", language=Language.EN, skills=[], ends_on=TODAY
    )

    def ids(**filters: Any) -> list[int]:
        page = courses.list_courses(session=session, limit=50, today=TODAY, **filters)
        return [c.id for c in page.items]

    assert ids() == [sewing.id, driving.id, closed.id, ended.id]
    assert ids(open_only=True) == [sewing.id, driving.id, ended.id]  # ends today: still open
    tomorrow = courses.list_courses(
        session=session, limit=50, open_only=True, today=TODAY + timedelta(days=1)
    )
    assert [c.id for c in tomorrow.items] == [sewing.id, driving.id]
    assert ids(language=Language.KY) == [driving.id, closed.id]
    # Any case, and words from the skills as well as the title.
    assert ids(text="ОВЕРЛОК") == [sewing.id]
    assert ids(text="c категориясы айдоочулук") == [driving.id]
    assert ids(text="оверлок айдоочулук") == []
    seen, cursor = [], None
    while True:
        page = courses.list_courses(session=session, limit=3, cursor=cursor, text="")
        seen += [c.id for c in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == [sewing.id, driving.id, closed.id, ended.id]


def test_an_unknown_course_is_not_found(session: Session, staff: User) -> None:
    with pytest.raises(NotFound):
        courses.get_course(session=session, course_id=999)
    with pytest.raises(NotFound):
        courses.update_course(session=session, user=staff, course_id=999, fields={"seats": 1})
    with pytest.raises(NotFound):
        enrolments.enrol(session=session, course_id=999, user=staff, **person())


# --- enrolments ---------------------------------------------------------------------------


def test_enrolling_a_seeker_takes_a_seat_once(session: Session, staff: User) -> None:
    course = new_course(session, staff, seats=2)
    seeker = make_seeker(session, full_name="Гүлнара")
    session.commit()
    enrolled = enrolments.enrol(
        session=session, course_id=course.id, seeker_id=seeker.id, user=staff
    )
    assert (enrolled.status, enrolled.seeker_id, enrolled.full_name) == (
        EnrolmentStatus.ENROLLED,
        seeker.id,
        "Гүлнара",
    )
    assert enrolled.course_title == "Швейное дело"
    with pytest.raises(AlreadyEnrolled) as again:
        enrolments.enrol(session=session, course_id=course.id, seeker_id=seeker.id, user=staff)
    assert f"enrolment {enrolled.id}" in str(again.value.message)
    assert session.get(Course, course.id).seats_taken == 1  # type: ignore[union-attr]
    assert audit_actions(session, "enrolment") == ["enrolment.created"]


def test_a_full_course_says_so_and_keeps_its_count(session: Session, staff: User) -> None:
    course = new_course(session, staff, seats=1)
    enrolments.enrol(session=session, course_id=course.id, user=staff, **person())
    with pytest.raises(CourseFull):
        enrolments.enrol(
            session=session, course_id=course.id, user=staff, **person(phone="0700 111 222")
        )
    session.expire_all()
    assert session.get(Course, course.id).seats_taken == 1  # type: ignore[union-attr]
    assert session.scalar(select(func.count()).select_from(Enrolment)) == 1


def test_a_course_with_no_limit_takes_everyone(session: Session, staff: User) -> None:
    course = new_course(session, staff, seats=None)
    for n in range(5):
        enrolments.enrol(
            session=session, course_id=course.id, user=staff, **person(phone=f"0555 200 00{n}")
        )
    session.expire_all()
    stored = session.get(Course, course.id)
    assert stored is not None and stored.seats_taken == 5 and courses.seats_left(stored) is None


def test_a_person_who_is_not_a_seeker_needs_every_detail(session: Session, staff: User) -> None:
    course = new_course(session, staff)
    with pytest.raises(InvalidInput) as refused:
        enrolments.enrol(session=session, course_id=course.id, user=staff, full_name="Айбек")
    assert set(refused.value.errors or {}) == {"phone", "gender", "birth_year", "region"}
    with pytest.raises(InvalidInput) as refused:
        enrolments.enrol(
            session=session,
            course_id=course.id,
            user=staff,
            **person(phone="12", gender="robot", birth_year=1800, region="mars"),
        )
    assert set(refused.value.errors or {}) == {"phone", "gender", "birth_year", "region"}
    with pytest.raises(InvalidInput):
        enrolments.enrol(session=session, course_id=course.id, user=staff, seeker_id=1, **person())
    assert session.scalar(select(func.count()).select_from(Enrolment)) == 0
    assert session.get(Course, course.id).seats_taken == 0  # type: ignore[union-attr]


def test_a_person_is_known_by_their_phone_in_any_spelling(session: Session, staff: User) -> None:
    course = new_course(session, staff)
    enrolled = enrolments.enrol(
        session=session, course_id=course.id, user=staff, **person(gender="female")
    )
    assert enrolled.phone == "+996555123456" and enrolled.gender is Gender.FEMALE
    with pytest.raises(AlreadyEnrolled) as again:
        enrolments.enrol(
            session=session, course_id=course.id, user=staff, **person(phone="+996 (555) 12-34-56")
        )
    assert set(again.value.errors or {}) == {"phone"}
    # The same person on another course is fine: they count once in the figures.
    other = new_course(session, staff, title="1С")
    enrolments.enrol(session=session, course_id=other.id, user=staff, **person())


def test_a_registered_seekers_phone_is_enrolled_as_the_seeker(
    session: Session, staff: User
) -> None:
    course = new_course(session, staff)
    seeker = make_seeker(session, phone="+996555123456")
    session.commit()
    with pytest.raises(Conflict) as refused:
        enrolments.enrol(session=session, course_id=course.id, user=staff, **person())
    assert f"seeker {seeker.id}" in str(refused.value.message)


def test_dropping_gives_the_seat_back_and_the_person_may_come_back(
    session: Session, staff: User
) -> None:
    course = new_course(session, staff, seats=1)
    seeker = make_seeker(session)
    session.commit()
    first = enrolments.enrol(session=session, course_id=course.id, seeker_id=seeker.id, user=staff)
    dropped = enrolments.set_enrolment_status(
        session=session, enrolment_id=first.id, status=EnrolmentStatus.DROPPED, user=staff
    )
    assert dropped.status is EnrolmentStatus.DROPPED
    assert courses.seats_left(dropped.course) == 1
    # Someone else takes the freed seat; the one who dropped out finds the course full.
    other = enrolments.enrol(session=session, course_id=course.id, user=staff, **person())
    with pytest.raises(CourseFull):
        enrolments.enrol(session=session, course_id=course.id, seeker_id=seeker.id, user=staff)
    enrolments.set_enrolment_status(
        session=session, enrolment_id=other.id, status=EnrolmentStatus.DROPPED, user=staff
    )
    again = enrolments.enrol(session=session, course_id=course.id, seeker_id=seeker.id, user=staff)
    assert again.id == first.id and again.status is EnrolmentStatus.ENROLLED
    # The other person comes back through a status change, and finds no seat.
    with pytest.raises(CourseFull):
        enrolments.set_enrolment_status(
            session=session, enrolment_id=other.id, status=EnrolmentStatus.ENROLLED, user=staff
        )
    session.expire_all()
    assert session.get(Course, course.id).seats_taken == 1  # type: ignore[union-attr]
    assert session.get(Enrolment, other.id).status is EnrolmentStatus.DROPPED  # type: ignore[union-attr]


def test_completion_is_final_and_illegal_moves_say_why(session: Session, staff: User) -> None:
    course = new_course(session, staff)
    done = enrolments.enrol(session=session, course_id=course.id, user=staff, **person())
    completed = enrolments.set_enrolment_status(
        session=session, enrolment_id=done.id, status=EnrolmentStatus.COMPLETED, user=staff
    )
    assert completed.completed_at is not None
    for wanted in (EnrolmentStatus.DROPPED, EnrolmentStatus.ENROLLED):
        with pytest.raises(Conflict) as refused:
            enrolments.set_enrolment_status(
                session=session, enrolment_id=done.id, status=wanted, user=staff
            )
        assert "completed" in str(refused.value.message)
    # Asking for the status it has changes nothing.
    same = enrolments.set_enrolment_status(
        session=session, enrolment_id=done.id, status=EnrolmentStatus.COMPLETED, user=staff
    )
    assert same.completed_at == completed.completed_at
    gone = enrolments.enrol(
        session=session, course_id=course.id, user=staff, **person(phone="0700 000 001")
    )
    enrolments.set_enrolment_status(
        session=session, enrolment_id=gone.id, status=EnrolmentStatus.DROPPED, user=staff
    )
    with pytest.raises(Conflict) as refused:
        enrolments.set_enrolment_status(
            session=session, enrolment_id=gone.id, status=EnrolmentStatus.COMPLETED, user=staff
        )
    assert "enrol the person again first" in str(refused.value.message)
    # A completed course keeps its seat taken; the dropped one gave it back.
    assert session.get(Course, course.id).seats_taken == 1  # type: ignore[union-attr]
    assert audit_actions(session, "enrolment") == [
        "enrolment.created",
        "enrolment.completed",
        "enrolment.created",
        "enrolment.dropped",
    ]


def test_partners_and_seekers_drop_out_but_only_staff_record_completion(
    session: Session, staff: User
) -> None:
    partner = make_user(session, "partner")
    course = new_course(session, staff)
    seeker = make_seeker(session, registered_by_user_id=partner.id)
    session.commit()
    by_partner = enrolments.enrol(
        session=session, course_id=course.id, seeker_id=seeker.id, user=partner
    )
    with pytest.raises(Forbidden):
        enrolments.set_enrolment_status(
            session=session,
            enrolment_id=by_partner.id,
            status=EnrolmentStatus.COMPLETED,
            user=partner,
        )
    with pytest.raises(Forbidden):
        enrolments.set_enrolment_status(
            session=session,
            enrolment_id=by_partner.id,
            status=EnrolmentStatus.COMPLETED,
            seeker_id=seeker.id,
        )
    enrolments.set_enrolment_status(
        session=session,
        enrolment_id=by_partner.id,
        status=EnrolmentStatus.DROPPED,
        seeker_id=seeker.id,
    )
    back = enrolments.set_enrolment_status(
        session=session,
        enrolment_id=by_partner.id,
        status=EnrolmentStatus.ENROLLED,
        user=partner,
    )
    assert back.status is EnrolmentStatus.ENROLLED


def test_a_seeker_enrols_themselves_and_sees_only_their_own(session: Session, staff: User) -> None:
    course = new_course(session, staff)
    me, other = make_seeker(session), make_seeker(session)
    session.commit()
    mine = enrolments.enrol(session=session, course_id=course.id, seeker_id=me.id)
    theirs = enrolments.enrol(session=session, course_id=course.id, seeker_id=other.id)
    assert mine.enrolled_by_user_id is None
    assert [e.id for e in enrolments.seeker_enrolments(session=session, seeker_id=me.id)] == [
        mine.id
    ]
    enrolments.get_enrolment(session=session, enrolment_id=mine.id, seeker_id=me.id)
    with pytest.raises(NotFound):
        enrolments.get_enrolment(session=session, enrolment_id=theirs.id, seeker_id=me.id)
    with pytest.raises(NotFound):
        enrolments.set_enrolment_status(
            session=session,
            enrolment_id=theirs.id,
            status=EnrolmentStatus.DROPPED,
            seeker_id=me.id,
        )
    with pytest.raises(Forbidden):  # neither a user nor a seeker
        enrolments.enrol(session=session, course_id=course.id, **person())
    actors = session.execute(
        select(AuditEvent.actor_kind, AuditEvent.actor_id).where(
            AuditEvent.entity_kind == "enrolment"
        )
    ).all()
    assert [(kind.value, actor) for kind, actor in actors] == [
        ("seeker", me.id),
        ("seeker", other.id),
    ]


def test_partners_and_regional_staff_reach_only_their_people(session: Session, staff: User) -> None:
    partner = make_user(session, "partner")
    other_partner = make_user(session, "partner")
    talas_staff = make_user(session, "staff", regions=["talas"])
    course = new_course(session, staff)
    own = make_seeker(session, registered_by_user_id=partner.id, region="talas")
    foreign = make_seeker(session, registered_by_user_id=other_partner.id)
    session.commit()
    with pytest.raises(NotFound):
        enrolments.enrol(session=session, course_id=course.id, seeker_id=foreign.id, user=partner)
    a = enrolments.enrol(session=session, course_id=course.id, seeker_id=own.id, user=partner)
    b = enrolments.enrol(session=session, course_id=course.id, user=partner, **person())
    c = enrolments.enrol(
        session=session,
        course_id=course.id,
        user=other_partner,
        **person(phone="0700 222 333", region=Region.TALAS),
    )
    d = enrolments.enrol(session=session, course_id=course.id, seeker_id=foreign.id, user=staff)

    def visible(user: User) -> list[int]:
        page = enrolments.list_enrolments(session=session, user=user, limit=50, course_id=course.id)
        return [e.id for e in page.items]

    assert visible(staff) == [a.id, b.id, c.id, d.id]
    assert visible(partner) == [a.id, b.id]
    assert visible(other_partner) == [c.id, d.id]  # d: its seeker, enrolled by staff
    assert visible(talas_staff) == [a.id, c.id]
    with pytest.raises(NotFound):
        enrolments.get_enrolment(session=session, enrolment_id=c.id, user=partner)
    with pytest.raises(NotFound):
        enrolments.set_enrolment_status(
            session=session, enrolment_id=b.id, status=EnrolmentStatus.DROPPED, user=talas_staff
        )
    with pytest.raises(InvalidInput) as refused:
        enrolments.enrol(
            session=session,
            course_id=course.id,
            user=talas_staff,
            **person(phone="0700 333 444", region=Region.OSH),
        )
    assert set(refused.value.errors or {}) == {"region"}
    with pytest.raises(Forbidden):
        enrolments.list_enrolments(session=session, user=make_user(session, "viewer"), limit=5)


def test_completing_with_skills_adds_them_once_and_recommendations_follow(
    session: Session, staff: User, matcher: LiveIndex
) -> None:
    employer = make_employer(session)
    welding = [
        make_vacancy(
            session,
            employer,
            title=title,
            description="Сварка металлоконструкций на производстве",
            skills=["аргонная сварка", "резка металла"],
        )
        for title in ("Сварщик аргонщик", "Сварщик на завод", "Сварщик-монтажник")
    ]
    make_vacancy(session, employer, title="Повар", skills=["выпечка"], description="Кафе")
    seeker = make_seeker(
        session, desired_position="разнорабочий", skills=["Погрузка", "электросварка"]
    )
    course = new_course(
        session,
        staff,
        title="Аргонная сварка",
        skills=["аргонная  сварка", "резка металла", "ПОГРУЗКА"],
    )
    wanted = {v.id for v in welding}

    def welding_scores() -> list[float]:
        ranked = recommend_vacancies(
            session=session, matcher=matcher, seeker=seeker, limit=10
        ).items
        return [item.score for item in ranked if item.id in wanted]

    before = welding_scores()
    enrolled = enrolments.enrol(
        session=session, course_id=course.id, seeker_id=seeker.id, user=staff
    )
    with pytest.raises(Conflict):  # not completed yet
        enrolments.set_enrolment_status(
            session=session, enrolment_id=enrolled.id, add_skills=True, user=staff
        )
    changes = session.scalar(
        select(func.count()).where(Change.kind == EntityKind.SEEKER, Change.entity_id == seeker.id)
    )
    done = enrolments.set_enrolment_status(
        session=session,
        enrolment_id=enrolled.id,
        status=EnrolmentStatus.COMPLETED,
        add_skills=True,
        user=staff,
    )
    assert done.skills_added and done.status is EnrolmentStatus.COMPLETED
    session.expire_all()
    stored = session.get(Seeker, seeker.id)
    assert stored is not None
    assert stored.skills == ["Погрузка", "электросварка", "аргонная сварка", "резка металла"]
    # The seeker's change went through the change counter, as every profile edit does.
    assert (
        session.scalar(
            select(func.count()).where(
                Change.kind == EntityKind.SEEKER, Change.entity_id == seeker.id
            )
        )
        == (changes or 0) + 1
    )
    after = welding_scores()
    assert len(after) == 3 and (not before or min(after) > max(before)), (before, after)
    # Asking again adds nothing twice.
    enrolments.set_enrolment_status(
        session=session, enrolment_id=enrolled.id, add_skills=True, user=staff
    )
    session.expire_all()
    assert session.get(Seeker, seeker.id).skills == stored.skills  # type: ignore[union-attr]
    assert audit_actions(session, "enrolment")[-2:] == [
        "enrolment.completed",
        "enrolment.skills_added",
    ]


def test_skills_go_only_to_a_seekers_profile(session: Session, staff: User) -> None:
    course = new_course(session, staff)
    other = enrolments.enrol(session=session, course_id=course.id, user=staff, **person())
    enrolments.set_enrolment_status(
        session=session, enrolment_id=other.id, status=EnrolmentStatus.COMPLETED, user=staff
    )
    with pytest.raises(InvalidInput) as refused:
        enrolments.set_enrolment_status(
            session=session, enrolment_id=other.id, add_skills=True, user=staff
        )
    assert set(refused.value.errors or {}) == {"add_skills"}


def test_a_seekers_data_download_holds_their_enrolments(session: Session, staff: User) -> None:
    course = new_course(session, staff, title="Аргонная сварка")
    seeker = make_seeker(session)
    session.commit()
    enrolled = enrolments.enrol(
        session=session, course_id=course.id, seeker_id=seeker.id, user=staff
    )
    enrolments.set_enrolment_status(
        session=session, enrolment_id=enrolled.id, status=EnrolmentStatus.COMPLETED, user=staff
    )
    [entry] = export_data(session=session, seeker=seeker)["enrolments"]
    assert entry["id"] == enrolled.id and entry["course_title"] == "Аргонная сварка"
    assert entry["status"] == "completed" and entry["completed_at"]


def test_merge_skills_ignores_case_spacing_and_punctuation() -> None:
    assert enrolments.merge_skills(
        ["Excel", "1С"], ["excel", " 1С ", "первичная  документация", "Первичная документация."]
    ) == ["Excel", "1С", "первичная документация"]


# --- the last seat, asked for at once ------------------------------------------------------

N_PEOPLE = 8


def _at_once(url: str, seats: int, taken: int, phones: list[str]) -> tuple[list[str], int, int]:
    """Enrol one person per phone at the same moment, each on its own connection, on a
    course with `seats` seats of which `taken` are taken; return the outcomes, the seats
    counted taken and the enrolments holding a seat afterwards."""
    engine = make_engine(url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as session:
        user = make_user(session, "staff")
        course = new_course(session, user, seats=seats)
        for n in range(taken):
            enrolments.enrol(
                session=session, course_id=course.id, user=user, **person(phone=f"0555 300 {n:03d}")
            )
        course_id, user_id = course.id, user.id

    barrier = threading.Barrier(len(phones))
    outcomes: list[str] = []
    lock = threading.Lock()

    def take(phone: str) -> None:
        with sessions() as session:
            staff = session.get(User, user_id)
            assert staff is not None
            barrier.wait()
            try:
                enrolments.enrol(
                    session=session, course_id=course_id, user=staff, **person(phone=phone)
                )
                outcome = "enrolled"
            except CourseFull:
                outcome = "full"
            except AlreadyEnrolled:
                outcome = "already"
            except Exception as error:  # any other answer fails the test below
                outcome = repr(error)
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=take, args=(phone,)) for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with sessions() as session:
        course = session.get(Course, course_id)
        assert course is not None
        held = session.scalar(
            select(func.count())
            .select_from(Enrolment)
            .where(Enrolment.course_id == course_id, Enrolment.status != EnrolmentStatus.DROPPED)
        )
        counted = course.seats_taken
    engine.dispose()
    return sorted(outcomes), counted, held or 0


def test_the_last_seat_goes_to_exactly_one_of_many_at_once(committed_database_url: str) -> None:
    phones = [f"0700 400 {n:03d}" for n in range(N_PEOPLE)]
    outcomes, taken, held = _at_once(committed_database_url, 3, 2, phones)
    assert outcomes == ["enrolled"] + ["full"] * (N_PEOPLE - 1)
    assert taken == held == 3


def test_one_person_enrolled_twice_at_once_holds_one_seat(committed_database_url: str) -> None:
    outcomes, taken, held = _at_once(committed_database_url, 50, 0, ["0700 500 600"] * 4)
    assert outcomes == ["already"] * 3 + ["enrolled"]
    assert taken == held == 1  # the seats the others took were given back with their refusal
