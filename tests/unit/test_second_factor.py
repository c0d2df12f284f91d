"""TOTP codes: valid one step either side of now, each step accepted once; secrets sealed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp

from service.platform.security.second_factor import (
    SecretBox,
    accepted_step,
    new_secret,
    provisioning_uri,
)

NOW = datetime(2026, 12, 1, 12, 0, 10, tzinfo=UTC)


def test_a_code_of_now_or_one_step_away_is_accepted_with_its_step() -> None:
    secret = new_secret()
    totp = pyotp.TOTP(secret)
    for offset in (-30, 0, 30):
        moment = NOW + timedelta(seconds=offset)
        assert accepted_step(secret, totp.at(moment), NOW, None) == totp.timecode(moment)


def test_a_code_two_steps_away_is_refused() -> None:
    secret = new_secret()
    code = pyotp.TOTP(secret).at(NOW + timedelta(seconds=90))
    assert accepted_step(secret, code, NOW, None) is None


def test_a_step_already_used_and_every_earlier_one_is_refused() -> None:
    secret = new_secret()
    totp = pyotp.TOTP(secret)
    step = accepted_step(secret, totp.at(NOW), NOW, None)
    assert step is not None
    assert accepted_step(secret, totp.at(NOW), NOW, step) is None
    assert accepted_step(secret, totp.at(NOW - timedelta(seconds=30)), NOW, step) is None
    assert accepted_step(secret, totp.at(NOW + timedelta(seconds=30)), NOW, step) == step + 1


def test_codes_are_read_with_spaces_but_never_with_other_digits() -> None:
    secret = new_secret()
    code = pyotp.TOTP(secret).at(NOW)
    assert accepted_step(secret, f" {code[:3]} {code[3:]} ", NOW, None) is not None
    arabic = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert accepted_step(secret, arabic, NOW, None) is None
    assert accepted_step(secret, "", NOW, None) is None


def test_a_sealed_secret_opens_only_with_the_same_key() -> None:
    box = SecretBox.from_secret_key("one key")
    sealed = box.seal("JBSWY3DPEHPK3PXP")
    assert "JBSWY3DPEHPK3PXP" not in sealed
    assert box.open(sealed) == "JBSWY3DPEHPK3PXP"
    assert SecretBox.from_secret_key("another key").open(sealed) is None
    assert box.open(sealed[:-2] + "xx") is None


def test_the_enrolment_address_names_the_service_and_the_account() -> None:
    uri = provisioning_uri(new_secret(), "aida@example.kg")
    assert uri.startswith("otpauth://totp/Jumush:aida%40example.kg?secret=")
    assert "issuer=Jumush" in uri
