"""The seeker's courses: their enrolments, the courses that would open more vacancies for
them, the other open courses, and enrolling or leaving with one button."""

from __future__ import annotations

from dataclasses import replace

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from models import Course, Seeker
from models.enums import EnrolmentStatus, Language
from service.forms import whole_number
from service.i18n import NATIVE_NAMES, page_language
from service.i18n.course_reasons import explain_courses
from service.i18n.labels import LANGUAGES
from service.i18n.messages import say
from service.platform.db import get_session
from service.platform.errors import status_of
from service.platform.matcher import get_matcher
from service.usecases import clock
from service.usecases.course_recommendations import CourseAdvice, recommend_courses
from service.usecases.courses import list_courses
from service.usecases.enrolments import enrol, seeker_enrolments, set_enrolment_status
from service.usecases.errors import DomainError
from service.web import bp
from service.web.signin import me, seeker_required

# Courses recommended on /me/courses, and the few shown beside the vacancies.
RECOMMENDED = 5
ON_RECOMMENDATIONS = 3
OTHER_COURSES = 20
# Each enrolment's status as the seeker reads it.
ENROLMENT_STATUSES: dict[str, LazyString] = {
    "enrolled": _l("You are enrolled"),
    "completed": _l("You completed the course"),
    "dropped": _l("You left the course"),
}
# What the seeker is told after a refusal, by the refusal's code (others: its message).
REFUSALS: dict[str, LazyString] = {
    "already_enrolled": _l("You are already enrolled in this course."),
    "course_full": _l("This course is full: every seat is taken. Choose another course."),
}
DONE: dict[str, LazyString] = {
    "enrolled": _l("You are enrolled. The course and its online address are below."),
    "left": _l("You left the course. Your seat is free for someone else."),
}


def course_advice(seeker: Seeker, limit: int) -> CourseAdvice:
    """Recommend courses to the seeker, each said in the page's language."""
    advice = recommend_courses(
        session=get_session(),
        matcher=get_matcher(current_app),
        seeker_id=seeker.id,
        limit=limit,
        today=clock.today(),
    )
    # On the pages, the sentences speak the page's language (the API: the seeker's own).
    return explain_courses(replace(advice, ranked=replace(advice.ranked, lang=page_language())))


def _language_filter() -> str:
    asked = request.args.get("language", "")
    return asked if asked in {code.value for code in Language} else ""


def _page(
    problem: str = "", status: int = 200, done: str = "", about: Course | None = None
) -> ResponseReturnValue:
    seeker = me()
    db = get_session()
    enrolments = seeker_enrolments(session=db, seeker_id=seeker.id)
    advice = course_advice(seeker, RECOMMENDED)
    language = _language_filter()
    others = list_courses(
        session=db,
        limit=OTHER_COURSES,
        cursor=request.args.get("cursor") or None,
        open_only=True,
        language=Language(language) if language else None,
        today=clock.today(),
    )
    recommended = {item.course.id for item in advice.ranked.items}
    # A course the seeker holds a place on says so instead of offering the button again.
    holding = {
        e.course.id: e.status.value
        for e in enrolments
        if e.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)
    }
    return (
        render_template(
            "web/courses.html",
            seeker=seeker,
            enrolments=enrolments,
            advice=advice,
            others=[c for c in others.items if c.id not in recommended],
            next_cursor=others.next_cursor,
            holding=holding,
            language=language,
            languages=[(code.value, NATIVE_NAMES[code.value]) for code in Language],
            language_names=LANGUAGES,
            first_page=bool(request.args.get("cursor")),
            statuses=ENROLMENT_STATUSES,
            problem=problem,
            problem_course=about,
            done=str(DONE.get(done, "")),
            today=clock.today(),
        ),
        status,
    )


def _refused(exc: DomainError, course_id: int | None = None) -> ResponseReturnValue:
    text = REFUSALS.get(exc.code)
    about = get_session().get(Course, course_id) if course_id else None
    return _page(str(text) if text else say(exc.message), status_of(exc), about=about)


@bp.get("/me/courses")
@seeker_required
def courses() -> ResponseReturnValue:
    """The seeker's courses, the ones that would open more vacancies, and the others."""
    return _page(done=request.args.get("done", ""))


@bp.post("/me/courses")
@seeker_required
def enrol_in() -> ResponseReturnValue:
    """Take a seat on an open course."""
    course_id = whole_number(request.form.get("course_id", ""), digits=9)
    if course_id is None or course_id < 1:
        return redirect(url_for("web.courses"))
    try:
        enrol(session=get_session(), course_id=course_id, seeker_id=me().id, today=clock.today())
    except DomainError as exc:
        # The refusal names the course it is about (a page may list many).
        return _refused(exc, course_id)
    return redirect(url_for("web.courses", done="enrolled"))


@bp.post("/me/courses/<int(min=1, max=2147483647):enrolment_id>/leave")
@seeker_required
def leave(enrolment_id: int) -> ResponseReturnValue:
    """Leave a course the seeker is enrolled in; the seat goes back."""
    try:
        set_enrolment_status(
            session=get_session(),
            enrolment_id=enrolment_id,
            status=EnrolmentStatus.DROPPED,
            seeker_id=me().id,
            today=clock.today(),
        )
    except DomainError as exc:
        return _refused(exc)
    return redirect(url_for("web.courses", done="left"))
