"""The wording of why a course is recommended, to the seeker, in their language."""

from __future__ import annotations

from dataclasses import replace

from flask_babel import force_locale, gettext, ngettext

from service.i18n import babel_locale
from service.i18n.labels import PROFILE_FIELDS
from service.usecases.course_recommendations import CourseAdvice, CourseRecommendation

# Vacancies named in the sentence; more are counted, not named.
NAMED_VACANCIES = 3


def explain_courses(advice: CourseAdvice) -> CourseAdvice:
    """Say for every course which vacancies it would open, and how many, in the seeker's
    language (or what a too-empty profile must add)."""
    ranked = advice.ranked
    with force_locale(babel_locale(ranked.lang)):
        if ranked.missing:
            fields = ", ".join(str(PROFILE_FIELDS.get(f, f)) for f in ranked.missing)
            message = gettext(
                "Add %(fields)s to your profile to get recommendations.", fields=fields
            )
            return replace(advice, ranked=replace(ranked, message=message))
        items = [replace(item, explanation=(say_course(item),)) for item in ranked.items]
    return replace(advice, ranked=replace(ranked, items=items))


def say_course(item: CourseRecommendation) -> str:
    """Say, in the current locale, the skills a course gives and the vacancies they open
    (or, when some of them ask for more than this course, bring closer)."""
    # Each title once (one employer's three "Cleaner" vacancies are one name).
    distinct = list(dict.fromkeys(f"«{vacancy.title}»" for vacancy in item.vacancies))
    titles = ", ".join(distinct[:NAMED_VACANCIES])
    if len(distinct) > NAMED_VACANCIES:
        titles += " …"
    values = {"skills": ", ".join(item.skills), "titles": titles}
    return _sentence(item, values).replace("….", "…")


def _sentence(item: CourseRecommendation, values: dict[str, str]) -> str:
    if item.opens_all:
        return ngettext(
            "The course's skills (%(skills)s) would open %(num)d vacancy for you: %(titles)s.",
            "The course's skills (%(skills)s) would open %(num)d vacancies for you: %(titles)s.",
            item.vacancy_count,
            **values,
        )
    return ngettext(
        "The course's skills (%(skills)s) would bring you closer to %(num)d vacancy: %(titles)s.",
        "The course's skills (%(skills)s) would bring you closer to %(num)d vacancies: %(titles)s.",
        item.vacancy_count,
        **values,
    )
