"""Courses recommended to a seeker, as the API shows them."""

from __future__ import annotations

from marshmallow import Schema, fields


class CourseRecommendationOut(Schema):
    course_id = fields.Integer(required=True)
    title = fields.String(required=True, attribute="course.title")
    provider = fields.String(required=True, attribute="course.provider")
    language = fields.String(required=True, attribute="course.language")
    url = fields.String(allow_none=True, attribute="course.url")
    skills = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "The course's skills that the seeker lacks for the vacancies."},
    )
    vacancies = fields.List(
        fields.Integer(),
        required=True,
        attribute="vacancy_ids",
        metadata={
            "description": "Open vacancies near the seeker's profile that the course brings "
            "closer: first those it would open on its own, then those where it closes part "
            "of the gap, each in the order the seeker's recommendations rank them."
        },
    )
    vacancy_count = fields.Integer(required=True)
    score = fields.Float(
        required=True,
        metadata={
            "description": "The courses' order: the nearness of those vacancies, each weighted "
            "by the square of the share of its gap the course closes."
        },
    )
    explanation = fields.String(
        required=True,
        attribute="sentence",
        metadata={
            "description": "Which vacancies it would open (or bring closer) and how many, in "
            "the seeker's language."
        },
    )


class CourseRecommendationsOut(Schema):
    items = fields.List(
        fields.Nested(CourseRecommendationOut), required=True, attribute="ranked.items"
    )
    fits_well = fields.Boolean(
        required=True,
        metadata={
            "description": "The seeker already fits their best vacancies: no course is pushed."
        },
    )
    missing = fields.List(
        fields.String(),
        required=True,
        attribute="ranked.missing",
        metadata={"description": "Profile fields to fill before anything can be ranked."},
    )
    message = fields.String(
        allow_none=True,
        attribute="ranked.message",
        metadata={"description": "What to add, when `missing` is not empty."},
    )
