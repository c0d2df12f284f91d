"""Names of the closed vocabularies in the user's language."""

from __future__ import annotations

from flask_babel import LazyString
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

LANGUAGES: dict[str, LazyString] = {
    "ky": _l("Kyrgyz"),
    "ru": _l("Russian"),
    "en": _l("English"),
}

# What an empty profile must add before it can be ranked.
PROFILE_FIELDS: dict[str, LazyString] = {
    "desired_position": _l("the job you are looking for"),
    "skills": _l("your skills"),
    "experience": _l("your experience"),
    "title": _l("the job title"),
}
