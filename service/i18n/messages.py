"""Messages in the caller's language: use-cases' markers, and marshmallow's and webargs'
English field messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask_babel import gettext, lazy_gettext

from service.usecases.messages import Message

# Fixed messages, with their translatable equivalents.
FIXED: dict[str, Any] = {
    "Missing data for required field.": lazy_gettext("This field is required."),
    "Field may not be null.": lazy_gettext("This field may not be empty (null)."),
    "Unknown field.": lazy_gettext("This field is not known. Check its spelling."),
    "Invalid input type.": lazy_gettext("Send a JSON object."),
    "Invalid type.": lazy_gettext("This value has the wrong type."),
    "Invalid value.": lazy_gettext("This value is not valid."),
    "Not a valid string.": lazy_gettext("Enter text."),
    "Not a valid integer.": lazy_gettext("Enter a whole number."),
    "Not a valid number.": lazy_gettext("Enter a number."),
    "Number too large.": lazy_gettext("This number is too large."),
    "Not a valid boolean.": lazy_gettext("Enter true or false."),
    "Not a valid date.": lazy_gettext("Enter a date as YYYY-MM-DD."),
    "Not a valid list.": lazy_gettext("Send a list."),
    "Not a valid mapping type.": lazy_gettext("Send a JSON object."),
    "Not a valid email address.": lazy_gettext("Enter a valid email address."),
    "Not a valid utf-8 string.": lazy_gettext("Enter text."),
    "Invalid JSON body.": lazy_gettext("The body is not valid JSON."),
    "String does not match expected pattern.": lazy_gettext(
        "This value does not have the expected format."
    ),
}

# Messages with numbers or choices in them.
PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"^Length must be between (\d+) and (\d+)\.$"),
        lambda m: gettext(
            "Enter between %(min)s and %(max)s characters or items.", min=m[1], max=m[2]
        ),
    ),
    (
        re.compile(r"^Shorter than minimum length (\d+)\.$"),
        lambda m: gettext("Enter at least %(min)s characters or items.", min=m[1]),
    ),
    (
        re.compile(r"^Longer than maximum length (\d+)\.$"),
        lambda m: gettext("Enter at most %(max)s characters or items.", max=m[1]),
    ),
    (
        re.compile(
            r"^Must be greater than or equal to (-?\d+) and less than or equal to (-?\d+)\.$"
        ),
        lambda m: gettext("Enter a number from %(min)s to %(max)s.", min=m[1], max=m[2]),
    ),
    (
        re.compile(r"^Must be greater than or equal to (-?\d+)\.$"),
        lambda m: gettext("Enter a number of at least %(min)s.", min=m[1]),
    ),
    (
        re.compile(r"^Must be one of: (.*)\.$"),
        lambda m: gettext("Choose one of: %(choices)s.", choices=m[1]),
    ),
]


def say(message: Message | Any) -> str:
    """Say a use-case's message marker (or a lazy string) in the current locale."""
    if isinstance(message, Message):
        return gettext(message.text, **message.params)
    return str(message)


def translate_messages(messages: Any) -> Any:
    """Return the nested error messages with every marker and known English message
    translated."""
    if isinstance(messages, Message):
        return say(messages)
    if isinstance(messages, dict):
        return {key: translate_messages(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [translate_messages(value) for value in messages]
    if isinstance(messages, str):
        if messages in FIXED:
            return str(FIXED[messages])
        for pattern, render in PATTERNS:
            found = pattern.match(messages)
            if found:
                return render(found)
    return messages
