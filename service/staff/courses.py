"""Courses for staff, partners and admins: the catalogue, adding, changing, closing and
reopening a course, and a course's people: enrol a seeker or someone who is not a
seeker, record that they completed the course (adding its skills to the seeker's
profile when the seeker agrees) or dropped out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from models import Course, User
from models.enums import EnrolmentStatus, Gender, Language, Region, UserRole
from service.forms import FormState, precheck, run, whole_number
from service.forms.courses import PERSON_FIELDS, course_answers, course_values, person_answers
from service.i18n import NATIVE_NAMES, page_language
from service.i18n.course_reasons import explain_courses
from service.i18n.labels import GENDERS, LANGUAGES, REGIONS
from service.platform.db import get_session
from service.platform.matcher import get_matcher
from service.schemas.courses import CourseIn, CoursePatch, EnrolmentIn
from service.staff import bp
from service.staff.signin import staff_required, staff_user
from service.usecases import clock
from service.usecases.course_recommendations import recommend_courses
from service.usecases.courses import (
    REQUIRED_FIELD,
    close_course,
    create_course,
    get_course,
    is_open,
    list_courses,
    may_change,
    reopen_course,
    update_course,
)
from service.usecases.enrolments import (
    ENROLMENT_TARGETS,
    ENROLMENT_TRANSITIONS,
    enrol,
    get_enrolment,
    list_enrolments,
    set_enrolment_status,
)
from service.usecases.errors import DomainError
from service.usecases.phones import to_e164

ADMIN, STAFF, PARTNER = UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER
ID = "int(min=1, max=2147483647)"
COURSES_PAGE = 50
PEOPLE_PAGE = 50

# A course's state as staff speak of it.
COURSE_STATES: dict[str, LazyString] = {
    "open": _l("Open"),
    "full": _l("Open, full"),
    "ended": _l("Ended"),
    "closed": _l("Closed"),
}
ENROLMENT_NAMES: dict[str, LazyString] = {
    "enrolled": _l("Enrolled"),
    "completed": _l("Completed"),
    "dropped": _l("Dropped out"),
}
# The button that moves an enrolment to each status.
MOVES: dict[str, LazyString] = {
    "completed": _l("Mark completed"),
    "dropped": _l("Mark dropped out"),
    "enrolled": _l("Enrol again"),
}
DONE: dict[str, LazyString] = {
    "created": _l("The course is added to the catalogue."),
    "saved": _l("The course is saved."),
    "closed": _l(
        "The course is closed: it takes no new enrolments. The people enrolled keep their places."
    ),
    "reopened": _l("The course takes enrolments again."),
    "enrolled": _l("The person is enrolled."),
    "completed": _l("Marked as completed."),
    "skills": _l("Marked as completed; the course's skills are in the seeker's profile."),
    "skills_added": _l("The course's skills are in the seeker's profile."),
    "dropped": _l("Marked as dropped out; the seat is free again."),
    "reenrolled": _l("The person is enrolled again."),
}
# The labels of the course form, for its fields and its error summary.
COURSE_LABELS: dict[str, LazyString] = {
    "title": _l("Title"),
    "provider": _l("Provider (who teaches it)"),
    "description": _l("Description (optional)"),
    "skills": _l("Skills taught"),
    "language": _l("Language of the course"),
    "url": _l("Online address (optional)"),
    "duration_hours": _l("Length in hours (optional)"),
    "cost": _l("Cost in som"),
    "starts_on": _l("Starts on (optional)"),
    "ends_on": _l("Ends on (optional)"),
    "seats": _l("Seats (optional)"),
}
PERSON_LABELS: dict[str, LazyString] = {
    "full_name": _l("Full name"),
    "phone": _l("Mobile phone number"),
    "gender": _l("Gender"),
    "birth_year": _l("Year of birth"),
    "region": _l("Region where they live"),
}


def course_state(course: Course) -> str:
    """Say whether a course takes enrolments: open, full, ended or closed."""
    if course.status.value == "closed":
        return "closed"
    if not is_open(course, clock.today()):
        return "ended"
    if course.seats is not None and course.seats_taken >= course.seats:
        return "full"
    return "open"


def seeker_training(user: User, seeker_id: int) -> dict[str, Any]:
    """What a seeker's casework page shows of training: their enrolments, the courses
    that would open more vacancies for them, and the open courses to enrol them in."""
    db = get_session()
    enrolled = list_enrolments(session=db, user=user, limit=100, seeker_id=seeker_id).items
    advice = recommend_courses(
        session=db,
        matcher=get_matcher(current_app),
        seeker_id=seeker_id,
        limit=3,
        today=clock.today(),
        user=user,
    )
    advice = explain_courses(replace(advice, ranked=replace(advice.ranked, lang=page_language())))
    holding = {p.course_id for p in enrolled if p.status is not EnrolmentStatus.DROPPED}
    offered = list_courses(session=db, limit=200, open_only=True, today=clock.today()).items
    return {
        "enrolments": enrolled,
        "advice": advice,
        # Open courses with a seat left that the seeker holds no place on.
        "options": [
            (str(c.id), f"{c.title} — {c.provider}")
            for c in offered
            if c.id not in holding and (c.seats is None or c.seats_taken < c.seats)
        ],
        "names": ENROLMENT_NAMES,
    }


def _choices() -> dict[str, Any]:
    return {
        "course_languages": [(code.value, NATIVE_NAMES[code.value]) for code in Language],
        "language_names": LANGUAGES,
        "labels": COURSE_LABELS,
    }


@bp.get("/courses")
@staff_required(ADMIN, STAFF, PARTNER)
def courses() -> ResponseReturnValue:
    """The catalogue, oldest first: all courses or those taking enrolments, by language
    and words."""
    shown = request.args.get("show", "")
    language = request.args.get("language", "")
    words = request.args.get("q", "").strip()[:200]
    page = list_courses(
        session=get_session(),
        limit=COURSES_PAGE,
        cursor=request.args.get("cursor") or None,
        open_only=shown == "open",
        language=Language(language) if language in Language._value2member_map_ else None,
        text=words,
        today=clock.today(),
    )
    return render_template(
        "staff/courses.html",
        page=page,
        filters={"show": shown, "language": language, "q": words},
        states=COURSE_STATES,
        state_of=course_state,
        **_choices(),
    )


@bp.route("/courses/new", methods=["GET", "POST"])
@staff_required(ADMIN, STAFF, PARTNER)
def new_course() -> ResponseReturnValue:
    """Add a course to the catalogue."""
    state = FormState(values={"cost": "0"})
    if request.method == "POST":
        data, state.values = course_answers(request.form, every_field=False)
        created = run(
            state,
            CourseIn(),
            data,
            lambda fields: create_course(session=get_session(), user=staff_user(), fields=fields),
        )
        if created is not None and state.ok:
            return redirect(url_for("staff.course", course_id=created.id, done="created"))
    return (
        render_template("staff/course_form.html", state=state, course=None, **_choices()),
        state.status,
    )


@bp.route(f"/courses/<{ID}:course_id>/edit", methods=["GET", "POST"])
@staff_required(ADMIN, STAFF, PARTNER)
def edit_course(course_id: int) -> ResponseReturnValue:
    """Change a course's fields; a partner changes only the courses it added."""
    db, user = get_session(), staff_user()
    course = get_course(session=db, course_id=course_id)
    if not may_change(user, course):
        abort(403)
    state = FormState(values=course_values(course))
    if request.method == "POST":
        data, state.values = course_answers(request.form, every_field=True)
        saved = run(
            state,
            CoursePatch(),
            data,
            lambda fields: update_course(session=db, user=user, course_id=course_id, fields=fields),
        )
        if saved is not None and state.ok:
            return redirect(url_for("staff.course", course_id=course_id, done="saved"))
        db.rollback()  # the course as stored, for the page's heading
    return (
        render_template("staff/course_form.html", state=state, course=course, **_choices()),
        state.status,
    )


@bp.post(f"/courses/<{ID}:course_id>/status")
@staff_required(ADMIN, STAFF, PARTNER)
def course_status(course_id: int) -> ResponseReturnValue:
    """Close a course to new enrolments, or reopen it."""
    closing = request.form.get("status") == "closed"
    change = close_course if closing else reopen_course
    change(session=get_session(), user=staff_user(), course_id=course_id)
    return redirect(
        url_for("staff.course", course_id=course_id, done="closed" if closing else "reopened")
    )


def _course_page(
    course_id: int,
    *,
    seeker_state: FormState | None = None,
    person_state: FormState | None = None,
    row_state: FormState | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    db, user = get_session(), staff_user()
    course = get_course(session=db, course_id=course_id)
    wanted = request.args.get("status", "")
    people = list_enrolments(
        session=db,
        user=user,
        limit=PEOPLE_PAGE,
        cursor=request.args.get("cursor") or None,
        course_id=course_id,
        status=EnrolmentStatus(wanted) if wanted in EnrolmentStatus._value2member_map_ else None,
    )
    role = user.role
    return (
        render_template(
            "staff/course.html",
            course=course,
            state_name=COURSE_STATES[course_state(course)],
            may_change=may_change(user, course),
            people=people,
            wanted=wanted,
            names=ENROLMENT_NAMES,
            # The buttons each enrolment gets: the moves the table allows and the role may make.
            moves={
                status: sorted(
                    (ENROLMENT_TRANSITIONS[status] & ENROLMENT_TARGETS.get(role, frozenset())),
                    key=list(EnrolmentStatus).index,
                )
                for status in EnrolmentStatus
            },
            may_add_skills=EnrolmentStatus.COMPLETED in ENROLMENT_TARGETS.get(role, frozenset()),
            seeker_state=seeker_state or FormState(),
            person_state=person_state or FormState(),
            row_state=row_state or FormState(),
            done=str(DONE.get(request.args.get("done", ""), "")),
            moves_named=MOVES,
            genders=[(g.value, GENDERS[g.value]) for g in Gender],
            genders_named=GENDERS,
            regions=REGIONS,
            region_choices=[(r.value, REGIONS[r.value]) for r in Region if _reaches(user, r)],
            person_labels=PERSON_LABELS,
            **_choices(),
        ),
        status,
    )


def _reaches(user: User, region: Region) -> bool:
    return not user.regions or region.value in user.regions


@bp.get(f"/courses/<{ID}:course_id>")
@staff_required(ADMIN, STAFF, PARTNER)
def course(course_id: int) -> ResponseReturnValue:
    """A course with its people (those the user may see) and the forms to enrol more."""
    return _course_page(course_id)


@bp.post(f"/courses/<{ID}:course_id>/enrolments")
@staff_required(ADMIN, STAFF, PARTNER)
def enrol_person(course_id: int) -> ResponseReturnValue:
    """Enrol a registered seeker by number, or a person who is not a seeker."""
    db, user = get_session(), staff_user()
    get_course(session=db, course_id=course_id)
    state = FormState()
    data: dict[str, Any] = {"course_id": course_id}
    if request.form.get("who") == "seeker":
        typed = request.form.get("seeker_id", "").strip()
        state.values = {"seeker_id": typed}
        if typed:
            number = whole_number(typed)
            data["seeker_id"] = number if number is not None else typed
        else:
            state.add({"seeker_id": [REQUIRED_FIELD]})
    else:
        person, state.values = person_answers(request.form)
        data.update(person)
        if "phone" in person:
            precheck(state, lambda: to_e164(str(person["phone"])))
        # Every missing detail is named at once, beside whatever else is wrong.
        missing = [name for name in PERSON_FIELDS if name not in person]
        if missing:
            state.add({name: [REQUIRED_FIELD] for name in missing})
    seeker_form = request.form.get("who") == "seeker"
    try:
        fields = EnrolmentIn().load(data)
    except ValidationError as exc:
        # Beside what is missing, so that the form says every problem at once.
        messages = exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages}
        state.add({k: v for k, v in messages.items() if k not in state.errors})
    if state.ok:
        try:
            enrol(session=db, user=user, today=clock.today(), **fields)
        except DomainError as exc:
            # A refusal about the course (full, closed) is said beside the person's field.
            state.refuse(exc, "seeker_id" if seeker_form else "full_name")
        else:
            # The page's top, where the message is (not the form the post came from).
            return redirect(
                url_for("staff.course", course_id=course_id, done="enrolled", _anchor="content")
            )
    db.rollback()
    if seeker_form:
        return _course_page(course_id, seeker_state=state, status=state.status)
    return _course_page(course_id, person_state=state, status=state.status)


@bp.post(f"/courses/<{ID}:course_id>/enrolments/<{ID}:enrolment_id>")
@staff_required(ADMIN, STAFF, PARTNER)
def enrolment_status(course_id: int, enrolment_id: int) -> ResponseReturnValue:
    """Record that a person completed the course (with its skills added to the seeker's
    profile, when the seeker agreed), dropped out, or came back."""
    db, user = get_session(), staff_user()
    person = get_enrolment(session=db, enrolment_id=enrolment_id, user=user)
    if person.course_id != course_id:
        abort(404)
    asked = request.form.get("status", "")
    # The box is ticked for completing; dropping out with it ticked adds nothing.
    add_skills = request.form.get("add_skills") in {"yes", "on"} and asked in ("", "completed")
    state = FormState()
    if asked not in EnrolmentStatus._value2member_map_ and not (asked == "" and add_skills):
        state.add({"status": [_("Choose what happened: completed or dropped out.")]})
        return _course_page(course_id, row_state=state, status=state.status)
    try:
        set_enrolment_status(
            session=db,
            enrolment_id=enrolment_id,
            status=EnrolmentStatus(asked) if asked else None,
            add_skills=add_skills,
            user=user,
            today=clock.today(),
        )
    except DomainError as exc:
        db.rollback()
        state.refuse(exc, "status")
        return _course_page(course_id, row_state=state, status=state.status)
    done = {
        "completed": "skills" if add_skills else "completed",
        "dropped": "dropped",
        "enrolled": "reenrolled",
        "": "skills_added",
    }[asked]
    return redirect(url_for("staff.course", course_id=course_id, done=done, _anchor="content"))
