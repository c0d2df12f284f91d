"""The course catalogue, for staff, admins and partner organisations: add, list, read and
change courses (a partner changes the courses it added)."""

from __future__ import annotations

from typing import Any

from service.api import Blueprint
from service.api.auth import ADMIN, PARTNER, STAFF, current_principal, require
from service.api.idempotent import HEADER_DOC, idempotent
from service.platform.db import get_session
from service.schemas.courses import CourseIn, CourseListArgs, CourseOut, CoursePageOut, CoursePatch
from service.usecases import clock
from service.usecases import courses as use_cases

blp = Blueprint(
    "courses",
    __name__,
    url_prefix="/api/v1/courses",
    description="Training courses (partners, staff).",
)


def _user() -> Any:
    return current_principal().user


@blp.route("", methods=["POST"])
@require(PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(summary="Add a course to the catalogue", parameters=[HEADER_DOC])
@blp.errors(401, 403, 413, 415, 422, 429)
@blp.arguments(CourseIn)
@blp.response(201, CourseOut)
def create(fields: dict[str, Any]) -> Any:
    """Add a course; it takes enrolments while open, seats are left and it has not ended."""
    return use_cases.create_course(session=get_session(), user=_user(), fields=fields)


@blp.route("", methods=["GET"])
@require(PARTNER, STAFF, ADMIN)
@blp.doc(summary="List courses, oldest first, a page at a time")
@blp.errors(401, 403, 422, 429)
@blp.arguments(CourseListArgs, location="query")
@blp.response(200, CoursePageOut)
def list_(args: dict[str, Any]) -> Any:
    """List courses; `open=true` keeps those taking enrolments, `q` searches the words."""
    return use_cases.list_courses(session=get_session(), today=clock.today(), **args)


@blp.route("/<int(min=1, max=2147483647):course_id>", methods=["GET"])
@require(PARTNER, STAFF, ADMIN)
@blp.doc(summary="Read a course")
@blp.errors(401, 403, 404, 429)
@blp.response(200, CourseOut)
def get(course_id: int) -> Any:
    """Return a course with its seats taken and left."""
    return use_cases.get_course(session=get_session(), course_id=course_id)


@blp.route("/<int(min=1, max=2147483647):course_id>", methods=["PATCH"])
@require(PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(summary="Change, close or reopen a course", parameters=[HEADER_DOC])
@blp.errors(401, 403, 404, 409, 413, 415, 422, 429)
@blp.arguments(CoursePatch)
@blp.response(200, CourseOut)
def patch(fields: dict[str, Any], course_id: int) -> Any:
    """Change the fields sent; `{"status": "closed"}` stops enrolments, `open` resumes them."""
    return use_cases.update_course(
        session=get_session(), user=_user(), course_id=course_id, fields=fields
    )
