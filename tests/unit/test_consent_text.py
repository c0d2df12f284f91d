"""The consent text and its version move together: a changed text needs a new version."""

from __future__ import annotations

import hashlib
from pathlib import Path

from service.usecases.seeker_accounts import CONSENT_VERSION

CONSENT_TEXT = Path(__file__).resolve().parents[2] / "service/templates/web/_consent.html"
# Each version of the text, by the SHA-256 of its template. Changing the template fails
# this test: give the text a new CONSENT_VERSION and add its digest here (the versions
# already given stay, since seekers hold them).
DIGESTS = {
    "2026-12-02": "b03fd1332275546db0fa4e33657e3af9f3e9ecae6e83aa29a02901cb18f7152a",
}


def test_the_consent_text_is_the_one_its_version_names() -> None:
    digest = hashlib.sha256(CONSENT_TEXT.read_bytes()).hexdigest()
    assert DIGESTS.get(CONSENT_VERSION) == digest, (
        "the consent text changed: give it a new CONSENT_VERSION and add its digest here"
    )
