"""Vacancy schemas: create (or upsert by external_id), partial update, answers."""

from __future__ import annotations

from typing import Any

from marshmallow import INCLUDE, Schema, fields, validate

from models.enums import EmploymentType, Region, VacancyStatus
from service.schemas.common import (
    MAX_INT,
    CursorArgs,
    StrictBoolean,
    StrictInteger,
    StrictSchema,
    Text,
    enum,
    text,
    text_list,
)

_SALARY: dict[str, Any] = {"validate": validate.Range(min=0, max=MAX_INT), "allow_none": True}


class VacancyFields(StrictSchema):
    """Every field a client may set; `VacancyIn` makes the essential ones required."""

    title = text(200, required=True)
    description = text(20000)
    skills = text_list(100, 50)
    region = enum(Region, required=True)
    locality = text(100, allow_none=True)
    salary_min = StrictInteger(metadata={"description": "Monthly, in KGS."}, **_SALARY)
    salary_max = StrictInteger(metadata={"description": "Monthly, in KGS."}, **_SALARY)
    employment_type = enum(EmploymentType, required=True)
    remote = StrictBoolean()
    positions = StrictInteger(validate=validate.Range(min=1, max=10000))
    languages = fields.List(
        Text(validate=validate.Regexp(r"^[A-Za-z]{2,3}$")),
        validate=validate.Length(max=10),
        metadata={"description": "ISO 639 codes of any language (ky, ru, uz, tg, dng, ...)."},
    )
    external_id = text(
        100,
        allow_none=True,
        metadata={"description": "Your own id: posting it again updates that vacancy."},
    )
    valid_through = fields.Date(
        allow_none=True, metadata={"description": "Last day; the vacancy closes after it."}
    )
    status = enum(VacancyStatus)
    # Rules across fields (salary order, dates) belong to the use-case, which checks the
    # vacancy as it will be after a change: one source for every caller.


class VacancyIn(VacancyFields):
    """A new vacancy, or a repeated post of one with the same external_id."""


class VacancyPatch(VacancyFields):
    """A partial update: only the fields sent change."""

    title = text(200)
    region = enum(Region)
    employment_type = enum(EmploymentType)


class VacancyListArgs(CursorArgs):
    status = enum(VacancyStatus)
    region = enum(Region)


class VacancyOut(Schema):
    id = fields.Integer(required=True)
    employer_id = fields.Integer(required=True)
    external_id = fields.String(allow_none=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    skills = fields.List(fields.String(), required=True)
    region = enum(Region, required=True)
    locality = fields.String(allow_none=True)
    salary_min = fields.Integer(allow_none=True)
    salary_max = fields.Integer(allow_none=True)
    employment_type = enum(EmploymentType, required=True)
    remote = fields.Boolean(required=True)
    positions = fields.Integer(required=True)
    languages = fields.List(fields.String(), required=True)
    valid_through = fields.Date(allow_none=True)
    status = enum(VacancyStatus, required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    closed_at = fields.DateTime(allow_none=True)


class VacancyPageOut(Schema):
    items = fields.List(fields.Nested(VacancyOut), required=True)
    next_cursor = fields.String(
        allow_none=True, required=True, metadata={"description": "Null on the last page."}
    )


class ImportItemOut(Schema):
    index = fields.Integer(required=True, metadata={"description": "Position in the request."})
    status = fields.String(
        required=True,
        validate=validate.OneOf(["created", "updated", "invalid"]),
        metadata={"description": "`created`, `updated` or `invalid`."},
    )
    vacancy = fields.Nested(VacancyOut, allow_none=True)
    errors = fields.Dict(
        keys=fields.String(), metadata={"description": "JSON-LD property → messages."}
    )


class ImportOut(Schema):
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    invalid = fields.Integer(required=True)
    items = fields.List(fields.Nested(ImportItemOut), required=True)


class JobPostingDoc(Schema):
    """A schema.org JobPosting as the import reads it (documentation only).

    Only `@type` decides whether the request is taken: each other property is read as
    publishers write it and checked per posting, whose answer then says `invalid` and why.
    So their values are documented, not typed, and unknown properties are allowed
    (JSON-LD vocabularies are open).
    """

    class Meta:
        unknown = INCLUDE

    context = fields.Raw(data_key="@context", metadata={"example": "https://schema.org"})
    type = fields.String(
        data_key="@type",
        required=True,
        validate=validate.OneOf(["JobPosting"]),
        metadata={"description": 'JobPosting (a list of types holding "JobPosting" is read too).'},
    )
    identifier = fields.Raw(metadata={"description": "Text or PropertyValue → external_id."})
    title = fields.Raw(metadata={"description": "Text, required for the posting to be created."})
    description = fields.Raw(metadata={"description": "Text; HTML allowed, tags are removed."})
    skills = fields.Raw(metadata={"description": "Text (comma-separated) or list of texts."})
    employmentType = fields.Raw(
        metadata={"description": "FULL_TIME, PART_TIME, TEMPORARY, INTERN, … or a list."}
    )
    jobLocation = fields.Raw(metadata={"description": "Place with address.addressRegion."})
    jobLocationType = fields.Raw(metadata={"description": "TELECOMMUTE means remote."})
    baseSalary = fields.Raw(metadata={"description": "MonetaryAmount in KGS per month."})
    totalJobOpenings = fields.Raw(metadata={"description": "Integer → positions."})
    validThrough = fields.Raw(metadata={"description": "Date or date-time."})


class CandidateOut(Schema):
    """A ranked seeker; gender, age, disability and COVID status are never shown."""

    seeker_id = fields.Integer(required=True, attribute="seeker.id")
    score = fields.Float(required=True)
    explanation = fields.List(fields.String(), required=True)
    reasons = fields.List(fields.Dict(), required=True, attribute="reason_data")
    contact_visible = fields.Boolean(
        required=True,
        metadata={"description": "True when the seeker applied here or agreed to be contacted."},
    )
    full_name = fields.String(allow_none=True, required=True)
    phone = fields.String(allow_none=True, required=True)
    email = fields.String(allow_none=True, required=True)
    desired_position = fields.String(allow_none=True)
    skills = fields.List(fields.String(), required=True)
    experience = fields.String(allow_none=True)
    education_level = fields.String(allow_none=True)
    languages = fields.List(fields.String(), required=True)
    employment_types = fields.List(fields.String(), required=True)
    salary_expectation = fields.Integer(allow_none=True)
    region = enum(Region, required=True)
    locality = fields.String(allow_none=True)
    match_id = fields.Integer(allow_none=True, required=True)
    match_status = fields.String(allow_none=True, required=True)


class CandidatesOut(Schema):
    items = fields.List(fields.Nested(CandidateOut), required=True)
    missing = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Vacancy fields to fill before candidates can be ranked."},
    )
    message = fields.String(allow_none=True)
