"""The seeker's profile form, shared by the seekers' own pages and the partners' pages
(a partner registers a seeker through the same form as the seeker's own)."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from models import Seeker
from models.enums import EducationLevel, EmploymentType, Gender, Region, WorkArea
from service.forms import FormState, read, skills_from_text, whole_number
from service.i18n.labels import (
    EDUCATION_LEVELS,
    EMPLOYMENT_TYPES,
    GENDERS,
    REGIONS,
    WORK_AREAS,
    language_name,
)
from service.usecases.languages import COMMON, SPOKEN, UNNAMED_BY_CLDR

PROFILE_TEXT = (
    "full_name",
    "phone",
    "email",
    "birth_year",
    "locality",
    "desired_position",
    "experience",
    "salary_expectation",
    "previous_sector",
)
PROFILE_NUMBERS = ("birth_year", "salary_expectation")
PROFILE_CHOICES = ("gender", "region", "education_level", "work_area")
PROFILE_FLAGS = (
    "seasonal_work",
    "lost_job_due_to_covid",
    "disability",
    "visible_to_employers",
    "contactable",
)


def profile_answers(form: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read the profile fields: (data for the schema, answers to show again)."""
    data = read(
        form,
        text=PROFILE_TEXT,
        lists=("employment_types",),
        flags=PROFILE_FLAGS,
        choices=PROFILE_CHOICES,
    )
    # The schema takes JSON numbers only; a typed whole number becomes one, anything else
    # stays text and is refused as "Enter a whole number".
    for name in PROFILE_NUMBERS:
        number = whole_number(data.get(name, ""))
        if number is not None:
            data[name] = number
    data["skills"] = skills_from_text(form.get("skills", ""))
    other = form.get("other_language", "").strip()
    data["languages"] = [*form.getlist("languages"), *([other] if other else [])]
    shown = {**data, "skills": form.get("skills", ""), "other_language": other}
    return data, shown


def profile_state(seeker: Seeker) -> FormState:
    """The profile form filled with what is stored, as `profile_answers` reads it back."""
    values: dict[str, Any] = {
        name: getattr(seeker, name)
        for name in (*PROFILE_TEXT, *PROFILE_FLAGS, "employment_types", "preferred_language")
    }
    for name in PROFILE_CHOICES:
        value = getattr(seeker, name)
        values[name] = None if value is None else str(value)
    values["preferred_language"] = str(seeker.preferred_language)
    values["skills"] = "\n".join(seeker.skills or [])
    values["languages"] = list(seeker.languages or [])
    return FormState(values=values)


def profile_choices(chosen: list[str] | None = None) -> dict[str, Any]:
    """The closed vocabularies of the profile form, named in the page's language.

    Languages already `chosen` beyond the common ones get a checkbox of their own, so
    that saving the form keeps every one of them.
    """
    chosen_others = [c for c in dict.fromkeys(chosen or []) if c in SPOKEN and c not in COMMON]
    # The form offers ISO 639-1 languages (and Dungan); the API takes any ISO 639 code.
    offered = (c for c in SPOKEN if c not in COMMON and (len(c) == 2 or c in UNNAMED_BY_CLDR))
    others = sorted(
        ((code, language_name(code)) for code in offered),
        key=lambda pair: pair[1].casefold(),
    )
    return {
        "genders": [(g.value, GENDERS[g.value]) for g in Gender],
        "regions": [(r.value, REGIONS[r.value]) for r in Region],
        "education_levels": [(e.value, EDUCATION_LEVELS[e.value]) for e in EducationLevel],
        "work_areas": [(w.value, WORK_AREAS[w.value]) for w in WorkArea],
        "employment_types": [(t.value, EMPLOYMENT_TYPES[t.value]) for t in EmploymentType],
        "common_languages": [(code, language_name(code)) for code in (*COMMON, *chosen_others)],
        "other_languages": others,
    }


def chosen_languages(state: FormState) -> list[str]:
    # The checked boxes; the "another language" pick then shows as a box of its own.
    chosen = [str(c) for c in state.values.get("languages") or []]
    other = str(state.values.get("other_language") or "")
    return [c for c in chosen if c != other]
