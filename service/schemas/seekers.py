"""Seeker registration by partners and staff, and the seeker as the API shows it."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_app_context
from marshmallow import Schema, fields, validate, validates

from models.enums import EducationLevel, EmploymentType, Gender, Language, Region, WorkArea
from service.schemas.common import (
    MAX_INT,
    StrictBoolean,
    StrictInteger,
    StrictSchema,
    Text,
    enum,
    refusal,
    text,
    text_list,
)
from service.schemas.employers import PHONE
from service.schemas.vacancies import VacancyOut
from service.usecases import clock
from service.usecases.messages import msg

OLDEST_AGE = 100


class SeekerIn(StrictSchema):
    """The registration's fields; the use-case refuses it without consent."""

    full_name = text(200, required=True)
    phone = Text(required=True, validate=[validate.Length(max=32), validate.Regexp(PHONE)])
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    gender = enum(Gender, required=True)
    birth_year = StrictInteger(
        required=True,
        validate=validate.Range(min=1900, max=2100),
        metadata={"description": "Between 100 and YOUTH_AGE_MIN (14) years ago."},
    )
    region = enum(Region, required=True)
    locality = text(100, allow_none=True)
    desired_position = text(200, allow_none=True)
    skills = text_list(100, 50)
    experience = text(5000, allow_none=True)
    education_level = enum(EducationLevel, allow_none=True)
    languages = fields.List(
        Text(validate=validate.Regexp(r"^[A-Za-z]{2,3}$")),
        validate=validate.Length(max=10),
        metadata={"description": "ISO 639 codes of any language (ky, ru, uz, tg, dng, ...)."},
    )
    employment_types = fields.List(enum(EmploymentType), validate=validate.Length(max=6))
    salary_expectation = StrictInteger(
        allow_none=True,
        validate=validate.Range(min=0, max=MAX_INT),
        metadata={"description": "Monthly, in KGS."},
    )
    work_area = enum(
        WorkArea,
        allow_none=True,
        metadata={
            "description": "Where the seeker is willing to work: only their own region, "
            "their region and the neighbouring ones, or anywhere in Kyrgyzstan; null when "
            "not said."
        },
    )
    seasonal_work = StrictBoolean(
        metadata={
            "description": "Also accepts seasonal work away from home, such as a summer "
            "at Issyk-Kul (default false)."
        }
    )
    lost_job_due_to_covid = StrictBoolean()
    previous_sector = text(100, allow_none=True)
    disability = StrictBoolean()
    consent = StrictBoolean(
        required=True, metadata={"description": "Must be true: the seeker agreed to be stored."}
    )
    preferred_language = enum(Language)
    visible_to_employers = StrictBoolean(
        metadata={"description": "Shown among employers' candidates (default true)."}
    )
    contactable = StrictBoolean(
        metadata={"description": "Employers may see name, phone and email (default false)."}
    )

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


class SeekerOut(Schema):
    id = fields.Integer(required=True)
    full_name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    gender = enum(Gender, required=True)
    birth_year = fields.Integer(allow_none=True)
    region = enum(Region, required=True)
    locality = fields.String(allow_none=True)
    desired_position = fields.String(allow_none=True)
    skills = fields.List(fields.String(), required=True)
    experience = fields.String(allow_none=True)
    education_level = enum(EducationLevel, allow_none=True)
    languages = fields.List(fields.String(), required=True)
    employment_types = fields.List(fields.String(), required=True)
    salary_expectation = fields.Integer(allow_none=True)
    work_area = enum(WorkArea, allow_none=True)
    seasonal_work = fields.Boolean(required=True)
    lost_job_due_to_covid = fields.Boolean(required=True)
    previous_sector = fields.String(allow_none=True)
    disability = fields.Boolean(required=True)
    consent = fields.Boolean(required=True)
    preferred_language = enum(Language, required=True)
    visible_to_employers = fields.Boolean(required=True)
    contactable = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)


class SeekerCreatedOut(SeekerOut):
    activation_code = fields.String(
        required=True,
        metadata={
            "description": "Shown once: the seeker claims the account with it at /activate "
            "within 7 days (it sets the password and nothing else)."
        },
    )


class ActivationCodeOut(Schema):
    activation_code = fields.String(required=True, metadata={"description": "Shown once."})
    expires_at = fields.DateTime(required=True)


class RecommendationOut(Schema):
    vacancy_id = fields.Integer(required=True)
    score = fields.Float(required=True)
    explanation = fields.List(fields.String(), required=True)
    reasons = fields.List(fields.Dict(), required=True, attribute="reason_data")
    vacancy = fields.Nested(VacancyOut, required=True)


class RecommendationsOut(Schema):
    items = fields.List(fields.Nested(RecommendationOut), required=True)
    missing = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Profile fields to fill before anything can be ranked."},
    )
    message = fields.String(
        allow_none=True, metadata={"description": "What to add, when `missing` is not empty."}
    )
