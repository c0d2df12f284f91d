"""Every user-facing string exists in Kyrgyz, Russian, Uzbek (Cyrillic) and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
# `msg` marks the use-cases' messages (service.usecases.messages), rendered at the edge.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "_l": None,
    "msg": None,
}
METHODS = [("service/**.py", "python"), ("service/templates/**.html", "jinja2")]
# Only programme staff read these (their pages are in Kyrgyz, Russian and English);
# Uzbek is for the seekers' pages, so a string found only here needs no Uzbek.
STAFF_ONLY = (
    "service/staff/",
    "service/templates/staff/",
    "service/usecases/staff_sign_in.py",
    "service/usecases/accounts.py",
    "service/usecases/casework.py",
)


def source_messages(*, seekers_only: bool = False) -> set[str]:
    found = extract_from_dir(
        str(ROOT),
        method_map=METHODS,
        keywords=KEYWORDS,
        options_map={"service/templates/**.html": {}},
    )
    messages = set()
    for file, _line, message, _comments, _context in found:
        if seekers_only and str(file).replace("\\", "/").startswith(STAFF_ONLY):
            continue
        messages.add(message if isinstance(message, str) else message[0])
    return messages


@pytest.mark.parametrize("lang", ["ky", "ru", "uz"])
def test_every_source_string_is_translated(lang: str) -> None:
    path = ROOT / "service" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id
        and m.string
        and not m.fuzzy
        and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    sources = source_messages(seekers_only=lang == "uz")
    assert "Not found." in sources  # the extractor really reads the service
    assert "This vacancy is closed." in sources  # ...and the use-cases' markers
    assert "There is a problem" in sources  # ...and the seekers' page templates
    missing = sorted(sources - translated)
    assert missing == [], f"{len(missing)} strings lack a {lang} translation: {missing[:5]}"


def test_staff_strings_are_left_out_only_for_uzbek() -> None:
    everything, seekers = source_messages(), source_messages(seekers_only=True)
    assert "Programme targets" in everything and "Programme targets" not in seekers
    assert "Sign in" in seekers  # shared with the seekers' pages: Uzbek too
