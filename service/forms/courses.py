"""The course form of the staff pages and the form that enrols someone who is not a
seeker: read what was typed into the data the API's schemas check, and back."""

from __future__ import annotations

import re
from typing import Any

from werkzeug.datastructures import MultiDict

from models import Course
from service.forms import skills_from_text, whole_number

COURSE_TEXT = ("title", "provider", "description", "url")
COURSE_WHOLE = ("duration_hours", "seats")
COURSE_DATES = ("starts_on", "ends_on")
COURSE_FIELDS = (*COURSE_TEXT, "skills", "language", *COURSE_WHOLE, "cost", *COURSE_DATES)
PERSON_FIELDS = ("full_name", "phone", "gender", "birth_year", "region")
# A cost as people type it: 1500, 1 500, 1500.50 or 1500,50 (som, at most two decimals).
_COST = re.compile(r"^\d{1,8}([.,]\d{1,2})?$")


def read_cost(text: str) -> float | int | str | None:
    """Read a cost typed in som; text that is no amount is returned as typed, for the
    schema to refuse ("Enter a number")."""
    text = (text or "").strip()
    compact = text.replace(" ", "").replace("\u00a0", "")
    if not compact:
        return None
    if not _COST.match(compact):
        return text
    amount = float(compact.replace(",", "."))
    return int(amount) if amount.is_integer() else amount


def course_answers(
    form: MultiDict[str, str], *, every_field: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read the course form: (data for the schema, answers to show again).

    A new course leaves out what was not given; a change (`every_field`) sends every
    field, an empty one as null so that clearing a field clears it.
    """
    shown = {name: form.get(name, "") for name in COURSE_FIELDS}
    data: dict[str, Any] = {}
    for name in (*COURSE_TEXT, *COURSE_DATES):
        value = shown[name].strip()
        if value:
            data[name] = value
        elif every_field:
            # An empty title or provider is sent as typed: the use-case says it is required.
            data[name] = "" if name in ("title", "provider") else None
    if shown["language"].strip():
        data["language"] = shown["language"].strip()
    for name in COURSE_WHOLE:
        value = shown[name].strip()
        if value:
            # "-2" is a number out of range (the schema says which), not "no number".
            number = whole_number(value.removeprefix("-"))
            if number is None:
                data[name] = value
            else:
                data[name] = -number if value.startswith("-") else number
        elif every_field:
            data[name] = None
    cost = read_cost(shown["cost"])
    if cost is not None or every_field:
        data["cost"] = cost
    skills = skills_from_text(shown["skills"])
    if skills or every_field:
        data["skills"] = skills
    return data, shown


def course_values(course: Course) -> dict[str, Any]:
    """The course form filled with what is stored, as `course_answers` reads it back."""
    cost = course.cost
    if cost is not None and float(cost).is_integer():
        cost = int(cost)
    return {
        "title": course.title,
        "provider": course.provider,
        "description": course.description or "",
        "url": course.url or "",
        "language": str(course.language),
        "skills": "\n".join(course.skills or []),
        "duration_hours": "" if course.duration_hours is None else str(course.duration_hours),
        "seats": "" if course.seats is None else str(course.seats),
        "cost": "" if cost is None else str(cost),
        "starts_on": course.starts_on.isoformat() if course.starts_on else "",
        "ends_on": course.ends_on.isoformat() if course.ends_on else "",
    }


def person_answers(form: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read the details of a person who is not a seeker: (data, answers to show again)."""
    shown = {name: form.get(name, "").strip() for name in PERSON_FIELDS}
    data: dict[str, Any] = {name: value for name, value in shown.items() if value}
    if "birth_year" in data:
        year = whole_number(data["birth_year"], digits=4)
        data["birth_year"] = year if year is not None else data["birth_year"]
    return data, shown
