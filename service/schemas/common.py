"""Building blocks every API schema shares: strict base, safe text, the error shape."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from service.usecases.messages import Message, msg


def refusal(message: Message) -> ValidationError:
    """Refuse a value with a message marker, which the edge says in the caller's language."""
    # In a list, as marshmallow's own messages are: a field's errors are always a list
    # (`{"inn": ["..."]}`), and validators combined with others can extend it.
    return ValidationError([message])


# PostgreSQL stores 32-bit integers; anything larger is a client error, not a crash.
MAX_INT = 2_147_483_647


class StrictSchema(Schema):
    """A request schema that names every field it does not know."""

    class Meta:
        unknown = RAISE


class Text(fields.String):
    """A string stripped of surrounding spaces that never holds a NUL character.

    PostgreSQL refuses NUL in text columns; refusing it here turns that into a 422.
    """

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise refusal(msg("Text must not contain NUL characters."))
        # The most characters a text may have count as sent, as the OpenAPI document's
        # maxLength says; the least (a required text) count once it is trimmed.
        for validator in self.validators:
            if isinstance(validator, TextLength):
                validator.check_most(text)
        return text.strip()


class StrictBoolean(fields.Boolean):
    """A JSON true or false, and nothing that merely looks like one ("yes", 1, "true")."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class StrictInteger(fields.Integer):
    """A JSON integer, and nothing that merely looks like one ("20000", 20000.0, true).

    For JSON bodies; query strings are text, so their numbers stay `fields.Integer`.
    """

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid", input=value)
        result: int = super()._deserialize(value, attr, data, **kwargs)
        return result


class StrictNumber(fields.Float):
    """A JSON number, integer or not, and never a string or a boolean."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid", input=value)
        result: float = super()._deserialize(value, attr, data, **kwargs)
        return result


class TextLength(validate.Length):
    """A text's length, said in characters: "Enter at most 20000 characters".

    marshmallow's own message ("Length must be between 0 and 20000.") serves texts and
    lists alike; the OpenAPI document still shows minLength and maxLength from it.
    """

    def __call__(self, value: Any) -> Any:
        if self.min and len(value) < self.min:
            raise refusal(msg("This field must not be empty."))
        self.check_most(value)
        return value

    def check_most(self, value: str) -> None:
        """Refuse a text longer than the maximum."""
        if self.max is not None and len(value) > self.max:
            raise refusal(msg("Enter at most %(max)d characters.", max=self.max))


class ItemCount(validate.Length):
    """A list's length, said in items: "Give at most 50 items"."""

    def __call__(self, value: Any) -> Any:
        if self.max is not None and len(value) > self.max:
            raise refusal(msg("Give at most %(max)d items.", max=self.max))
        return super().__call__(value)


def text(max_length: int, *, required: bool = False, **kwargs: Any) -> Text:
    """Return a text field of at most `max_length` characters (at least one if required)."""
    return Text(
        required=required,
        validate=TextLength(min=1 if required else 0, max=max_length),
        **kwargs,
    )


def text_list(item_length: int, max_items: int, **kwargs: Any) -> fields.List:
    """Return a list of short non-empty texts such as skills."""
    return fields.List(
        Text(validate=TextLength(min=1, max=item_length)),
        validate=ItemCount(max=max_items),
        **kwargs,
    )


class ErrorSchema(Schema):
    """The one error shape of the API."""

    error = fields.String(
        required=True, metadata={"description": "Machine-readable code, e.g. `invalid`."}
    )
    message = fields.String(required=True, metadata={"description": "Translated explanation."})
    errors = fields.Dict(
        keys=fields.String(),
        metadata={"description": "Messages by field name (validation errors only)."},
    )


class CursorArgs(Schema):
    """Cursor pagination: pass `next_cursor` of one page as `cursor` to get the next."""

    cursor = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "Opaque cursor from a previous page's `next_cursor`."},
    )
    limit = fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=100),
        metadata={"description": "Items per page (1-100)."},
    )


def enum(enum_cls: Any, **kwargs: Any) -> fields.Enum:
    """Return an enum field that reads and writes the members' values (`bishkek`)."""
    return fields.Enum(enum_cls, by_value=True, **kwargs)


class LimitArgs(Schema):
    limit = fields.Integer(
        load_default=10,
        validate=validate.Range(min=1, max=100),
        metadata={"description": "How many to return (1-100)."},
    )
