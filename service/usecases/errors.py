"""The refusals a use-case raises: plain exceptions carrying a translatable message.

The platform's handlers map each kind to an HTTP status and render the message and the
field messages in the caller's language; nothing here knows about HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from service.usecases.messages import Message, msg

FieldErrors = Mapping[str, Sequence[Message]]


class DomainError(Exception):
    """A request the domain refuses: a stable `code`, a message and per-field messages."""

    code = "bad_request"
    message: Message = msg("The request could not be processed.")

    def __init__(self, message: Message | None = None, errors: FieldErrors | None = None) -> None:
        super().__init__(self.code)
        if message is not None:
            self.message = message
        self.errors = errors


class NotFound(DomainError):
    """The thing does not exist, or is not the caller's to see."""

    code = "not_found"
    message = msg("Not found.")


class Conflict(DomainError):
    """The request conflicts with the current state of a record."""

    code = "conflict"
    message = msg("This conflicts with the current state of the record.")


class Gone(DomainError):
    """The record existed and was deleted since."""

    code = "gone"
    message = msg("This record was deleted.")


class InvalidInput(DomainError):
    """Some fields are not valid; `errors` names each."""

    code = "invalid"
    message = msg("Some fields are not valid.")


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    code = "forbidden"
    message = msg("You are not allowed to do this.")


class Unauthorized(DomainError):
    """The caller is not known: no valid credential."""

    code = "unauthorized"
    message = msg("Send a valid API key: Authorization: Bearer <key>.")


class Suspended(Forbidden):
    """The caller's account is suspended or deactivated."""

    code = "suspended"
    message = msg("This account is suspended. Please contact the programme team.")


class TooManyAttempts(DomainError):
    """The caller must wait before trying again (until `retry_after`, when known)."""

    code = "too_many_requests"
    message = msg("Too many requests. Please wait and try again.")

    def __init__(self, message: Message | None = None, *, retry_after: datetime | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def invalid(field_name: str, message: Message) -> InvalidInput:
    """Refuse one field with one message."""
    return InvalidInput(errors={field_name: [message]})
