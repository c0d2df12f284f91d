"""Courses and enrolments: create, partial update, list arguments, answers.

Numbers and flags are JSON numbers and booleans, never strings that look like them;
rules across fields (dates in order, seats not below those taken, a seeker or a
person's details) belong to the use-cases, which check the record as it will be.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_app_context
from marshmallow import Schema, fields, validate, validates, validates_schema

from models.enums import CourseStatus, EnrolmentStatus, Gender, Language, Region
from service.schemas.common import (
    MAX_INT,
    CursorArgs,
    StrictBoolean,
    StrictInteger,
    StrictNumber,
    StrictSchema,
    Text,
    enum,
    refusal,
    text,
    text_list,
)
from service.schemas.employers import PHONE
from service.usecases import clock
from service.usecases.courses import (
    MAX_COST,
    MAX_HOURS,
    MAX_SEATS,
    NOT_A_WEB_ADDRESS,
    is_free,
    is_open,
    is_web_address,
    seats_left,
)
from service.usecases.messages import msg

OLDEST_AGE = 100


_ID: dict[str, Any] = {"validate": validate.Range(min=1, max=MAX_INT)}


class CourseFields(StrictSchema):
    """Every field a client may set; `CourseIn` makes the essential ones required."""

    title = text(200, required=True)
    provider = text(200, required=True, metadata={"description": "Who teaches it."})
    description = text(20000, allow_none=True)
    skills = text_list(
        100,
        50,
        metadata={"description": "Skills taught, written as vacancies ask for them."},
    )
    language = enum(
        Language, required=True, metadata={"description": "Language the course is taught in."}
    )
    url = Text(
        allow_none=True,
        validate=validate.Length(max=500),
        metadata={"description": "Where to take it online (http or https)."},
    )
    duration_hours = StrictInteger(allow_none=True, validate=validate.Range(min=1, max=MAX_HOURS))
    cost = StrictNumber(
        allow_none=True,
        validate=validate.Range(min=0, max=MAX_COST),
        metadata={"description": "In KGS; 0 or null means free."},
    )
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(
        allow_none=True,
        metadata={"description": "Not before starts_on; the course takes no one after it."},
    )
    seats = StrictInteger(
        allow_none=True,
        validate=validate.Range(min=0, max=MAX_SEATS),
        metadata={"description": "Places on the course; null means no limit."},
    )
    status = enum(
        CourseStatus,
        metadata={"description": "`closed` stops enrolments (default `open`)."},
    )

    @validates("url")
    def _url(self, value: str | None, **_: Any) -> None:
        if value and not is_web_address(value):
            raise refusal(NOT_A_WEB_ADDRESS)


class CourseIn(CourseFields):
    """A new course."""


class CoursePatch(CourseFields):
    """A partial update: only the fields sent change (`status` closes or reopens)."""

    title = text(200)
    provider = text(200)
    language = enum(Language)


class CourseListArgs(CursorArgs):
    open = fields.Boolean(
        attribute="open_only",
        load_default=False,
        metadata={"description": "Only courses taking enrolments today."},
    )
    language = enum(Language)
    q = text(200, attribute="text", metadata={"description": "Words in title, skills, …"})


class CourseOut(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    provider = fields.String(required=True)
    description = fields.String(required=True)
    skills = fields.List(fields.String(), required=True)
    language = enum(Language, required=True)
    url = fields.String(allow_none=True)
    duration_hours = fields.Integer(allow_none=True)
    cost = fields.Float(allow_none=True)
    free = fields.Function(is_free, required=True, metadata={"type": "boolean"})
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    seats = fields.Integer(allow_none=True)
    seats_taken = fields.Integer(required=True)
    seats_left = fields.Function(
        seats_left,
        required=True,
        allow_none=True,
        metadata={"type": "integer", "description": "Null when there is no limit."},
    )
    status = enum(CourseStatus, required=True)
    open = fields.Function(
        lambda course: is_open(course, clock.today()),
        required=True,
        metadata={"type": "boolean", "description": "Takes enrolments today (seats aside)."},
    )
    created_at = fields.DateTime(required=True)


class CoursePageOut(Schema):
    items = fields.List(fields.Nested(CourseOut), required=True)
    next_cursor = fields.String(
        allow_none=True, required=True, metadata={"description": "Null on the last page."}
    )


class EnrolmentIn(StrictSchema):
    """A seeker by id, or a person who is not a seeker with all of their details."""

    course_id = StrictInteger(required=True, **_ID)
    seeker_id = StrictInteger(
        metadata={"description": "A registered seeker; leave out to enrol someone else."}, **_ID
    )
    full_name = text(200, metadata={"description": "Someone who is not a seeker."})
    phone = Text(
        validate=[validate.Length(max=32), validate.Regexp(PHONE)],
        metadata={"description": "Someone who is not a seeker; once per course."},
    )
    gender = enum(Gender, metadata={"description": "Someone who is not a seeker."})
    birth_year = StrictInteger(
        validate=validate.Range(min=1900, max=2100),
        metadata={"description": "Someone who is not a seeker: 14 to 100 years ago."},
    )
    region = enum(Region, metadata={"description": "Someone who is not a seeker."})

    @validates("birth_year")
    def _birth_year(self, value: int, **_: Any) -> None:
        youngest = 14
        if has_app_context():
            youngest = int(current_app.config["YOUTH_AGE_MIN"])
        this_year = clock.today().year
        if not this_year - OLDEST_AGE <= value <= this_year - youngest:
            raise refusal(
                msg(
                    "Enter a birth year between %(first)d and %(last)d.",
                    first=this_year - OLDEST_AGE,
                    last=this_year - youngest,
                )
            )


class EnrolmentPatch(StrictSchema):
    status = enum(
        EnrolmentStatus,
        metadata={"description": "`completed` (staff), `dropped`, or `enrolled` again."},
    )
    add_skills = StrictBoolean(
        metadata={
            "description": "With the seeker's agreement: add the completed course's "
            "skills to their profile."
        }
    )

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise refusal(msg("Send a status, add_skills, or both."))


class EnrolmentListArgs(CursorArgs):
    course_id = fields.Integer(**_ID)
    seeker_id = fields.Integer(**_ID)
    status = enum(EnrolmentStatus)


class EnrolmentOut(Schema):
    """An enrolment; the person's details are the seeker's own when there is a seeker."""

    id = fields.Integer(required=True)
    course_id = fields.Integer(required=True)
    course_title = fields.String(required=True)
    seeker_id = fields.Integer(allow_none=True, required=True)
    full_name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    gender = enum(Gender, allow_none=True)
    birth_year = fields.Integer(allow_none=True)
    region = enum(Region, allow_none=True)
    status = enum(EnrolmentStatus, required=True)
    enrolled_at = fields.DateTime(required=True)
    completed_at = fields.DateTime(allow_none=True)
    skills_added = fields.Boolean(required=True)


class EnrolmentPageOut(Schema):
    items = fields.List(fields.Nested(EnrolmentOut), required=True)
    next_cursor = fields.String(
        allow_none=True, required=True, metadata={"description": "Null on the last page."}
    )
