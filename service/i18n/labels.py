"""Names of the closed vocabularies in the user's language."""

from __future__ import annotations

from functools import cache

from babel import Locale
from flask_babel import LazyString, get_locale
from flask_babel import lazy_gettext as _l

REGIONS: dict[str, LazyString] = {
    "bishkek": _l("Bishkek"),
    "osh_city": _l("Osh city"),
    "chuy": _l("Chuy region"),
    "osh": _l("Osh region"),
    "jalal_abad": _l("Jalal-Abad region"),
    "batken": _l("Batken region"),
    "talas": _l("Talas region"),
    "naryn": _l("Naryn region"),
    "issyk_kul": _l("Issyk-Kul region"),
}

EMPLOYMENT_TYPES: dict[str, LazyString] = {
    "full_time": _l("full time"),
    "part_time": _l("part time"),
    "shift": _l("shift work"),
    "seasonal": _l("seasonal"),
    "temporary": _l("temporary"),
    "internship": _l("internship"),
}

# Where a seeker is willing to work (models.enums.WorkArea).
WORK_AREAS: dict[str, LazyString] = {
    "own_region": _l("Only in my region"),
    "neighbouring": _l("In my region and the neighbouring regions"),
    "anywhere": _l("Anywhere in Kyrgyzstan"),
}

LANGUAGES: dict[str, LazyString] = {
    "ky": _l("Kyrgyz"),
    "ru": _l("Russian"),
    "en": _l("English"),
    "uz": _l("Uzbek"),
    # Not named by CLDR, so Babel cannot name it.
    "dng": _l("Dungan"),
}

GENDERS: dict[str, LazyString] = {
    "female": _l("Woman"),
    "male": _l("Man"),
    "other": _l("Other"),
    "undisclosed": _l("I prefer not to say"),
}

EDUCATION_LEVELS: dict[str, LazyString] = {
    "none": _l("No formal education"),
    "secondary": _l("School (secondary)"),
    "vocational": _l("Vocational school or college"),
    "incomplete_higher": _l("University, not finished"),
    "higher": _l("University degree"),
}

# Each match status in plain words, as the seeker follows an application.
MATCH_STATUSES: dict[str, LazyString] = {
    "suggested": _l("Suggested to you"),
    "applied": _l("You applied"),
    "contacted": _l("The employer contacted you"),
    "interview": _l("Invited to an interview"),
    "hired": _l("You were hired"),
    "rejected": _l("Not selected this time"),
    "withdrawn": _l("You withdrew"),
    "obsolete": _l("Closed: you were hired elsewhere"),
}


def language_name(code: str) -> str:
    """Name a spoken language (any ISO 639 code) in the page's language."""
    if code in LANGUAGES:
        return str(LANGUAGES[code])
    name = _cldr_names(str(get_locale())).get(code) or _cldr_names("en").get(code) or code
    return name[:1].upper() + name[1:]


@cache
def _cldr_names(locale: str) -> dict[str, str]:
    # Parsing a locale costs about 0.3 ms; a form names some 190 languages.
    return {str(code): str(name) for code, name in Locale.parse(locale).languages.items()}


# What an empty profile must add before it can be ranked.
PROFILE_FIELDS: dict[str, LazyString] = {
    "desired_position": _l("the job you are looking for"),
    "skills": _l("your skills"),
    "experience": _l("your experience"),
    "title": _l("the job title"),
}
