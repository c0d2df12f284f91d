"""Phone numbers: read them as people write them, keep them in E.164 (`+996555123456`)."""

from __future__ import annotations

import phonenumbers

from service.usecases.errors import InvalidInput, invalid
from service.usecases.messages import msg

# Numbers written without a country code are Kyrgyz ones ("0555 123 456").
DEFAULT_REGION = "KG"


def to_e164(raw: str, *, field: str = "phone") -> str:
    """Return the number in E.164, or refuse it with a message naming `field`."""
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise _refusal(field) from None
    if not phonenumbers.is_valid_number(number):
        raise _refusal(field)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _refusal(field: str) -> InvalidInput:
    return invalid(field, msg("Enter a phone number such as 0555 123 456 or +996 555 123 456."))
