"""Enrolments in courses, by staff, admins and partner organisations: enrol a seeker or
someone who is not a seeker, list them, record completion or dropping out, and add a
completed course's skills to the seeker's profile."""

from __future__ import annotations

from typing import Any

from service.api import Blueprint
from service.api.auth import ADMIN, PARTNER, STAFF, current_principal, require
from service.api.idempotent import HEADER_DOC, idempotent
from service.platform.db import get_session
from service.schemas.courses import (
    EnrolmentIn,
    EnrolmentListArgs,
    EnrolmentOut,
    EnrolmentPageOut,
    EnrolmentPatch,
)
from service.usecases import clock
from service.usecases import enrolments as use_cases

blp = Blueprint(
    "enrolments",
    __name__,
    url_prefix="/api/v1/enrolments",
    description="Enrolments in courses (partners, staff).",
)


def _user() -> Any:
    return current_principal().user


@blp.route("", methods=["POST"])
@require(PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(
    summary="Enrol a seeker, or someone who is not a seeker, in a course",
    description=(
        "Send `course_id` with either `seeker_id` or, for a person who is not a seeker, "
        "all of `full_name`, `phone`, `gender`, `birth_year` and `region` (they count in "
        "the training figures' breakdowns). A full course answers 409 `course_full`, a "
        "closed or ended one 409 `course_closed`, a person already enrolled 409 "
        "`already_enrolled`; someone who dropped out may enrol again."
    ),
    parameters=[HEADER_DOC],
)
@blp.errors(401, 403, 404, 409, 413, 415, 422, 429)
@blp.arguments(EnrolmentIn)
@blp.response(201, EnrolmentOut)
def create(fields: dict[str, Any]) -> Any:
    """Take a seat on the course for the person."""
    return use_cases.enrol(session=get_session(), user=_user(), today=clock.today(), **fields)


@blp.route("", methods=["GET"])
@require(PARTNER, STAFF, ADMIN)
@blp.doc(summary="List the enrolments you may see, oldest first, a page at a time")
@blp.errors(401, 403, 404, 422, 429)
@blp.arguments(EnrolmentListArgs, location="query")
@blp.response(200, EnrolmentPageOut)
def list_(args: dict[str, Any]) -> Any:
    """List enrolments, of one course or seeker if asked (a partner: its own people)."""
    return use_cases.list_enrolments(session=get_session(), user=_user(), **args)


@blp.route("/<int(min=1, max=2147483647):enrolment_id>", methods=["GET"])
@require(PARTNER, STAFF, ADMIN)
@blp.doc(summary="Read an enrolment")
@blp.errors(401, 403, 404, 429)
@blp.response(200, EnrolmentOut)
def get(enrolment_id: int) -> Any:
    """Return an enrolment with its person and course."""
    return use_cases.get_enrolment(session=get_session(), enrolment_id=enrolment_id, user=_user())


@blp.route("/<int(min=1, max=2147483647):enrolment_id>", methods=["PATCH"])
@require(PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(
    summary="Complete, drop or resume an enrolment; add the course's skills",
    description=(
        "`status`: `completed` (staff and admins), `dropped` (gives the seat back) or "
        "`enrolled` again after dropping out (takes a seat). A completed enrolment is "
        "final; an illegal move answers 409. `add_skills: true`, with the seeker's "
        "agreement, adds the completed course's skills to their profile (once, without "
        "duplicates), and their recommendations change at once."
    ),
    parameters=[HEADER_DOC],
)
@blp.errors(401, 403, 404, 409, 413, 415, 422, 429)
@blp.arguments(EnrolmentPatch)
@blp.response(200, EnrolmentOut)
def patch(fields: dict[str, Any], enrolment_id: int) -> Any:
    """Record the next step of an enrolment."""
    return use_cases.set_enrolment_status(
        session=get_session(),
        enrolment_id=enrolment_id,
        status=fields.get("status"),
        add_skills=fields.get("add_skills", False),
        user=_user(),
        today=clock.today(),
    )
