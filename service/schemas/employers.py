"""Employer registration, profile and API key schemas."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import Schema, fields, validate, validates

from models.enums import EmployerSize, EmployerStatus, Region
from service.schemas.common import StrictSchema, Text, enum, refusal, text
from service.usecases.messages import msg

# International or local Kyrgyz numbers: digits, spaces, dashes, brackets, leading plus.
PHONE = r"^\+?[0-9][0-9 ()-]{5,30}$"


def check_inn(value: str) -> None:
    """Refuse anything but a plausible 14-digit Kyrgyz taxpayer number (INN).

    Organisations' INNs start with 0; individuals' start with 1 or 2 followed by the
    birth date as DDMMYYYY, which is checked too. There is no public check digit.
    """
    if not re.fullmatch(r"[0-9]{14}", value):
        raise refusal(msg("The tax id (INN) must be exactly 14 digits."))
    if value[0] not in "012":
        raise refusal(msg("The tax id (INN) must start with 0, 1 or 2."))
    if value[0] in "12":
        try:
            date(int(value[5:9]), int(value[3:5]), int(value[1:3]))
        except ValueError:
            raise refusal(msg("This tax id (INN) does not contain a valid birth date.")) from None


class EmployerIn(StrictSchema):
    name = text(200, required=True)
    inn = Text(
        required=True,
        validate=validate.Regexp(r"^[0-2][0-9]{13}$"),
        metadata={"description": "14-digit taxpayer number (INN)."},
    )
    contact_person = text(200, required=True)
    phone = Text(required=True, validate=[validate.Length(max=32), validate.Regexp(PHONE)])
    email = fields.Email(required=True, validate=validate.Length(max=254))
    region = enum(Region, required=True)
    sector = text(100, allow_none=True)
    size = enum(EmployerSize, required=True)

    @validates("inn")
    def _inn(self, value: str, **_: Any) -> None:
        check_inn(value)


class EmployerOut(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    inn = fields.String(required=True)
    contact_person = fields.String(required=True)
    phone = fields.String(required=True)
    email = fields.String(required=True)
    region = enum(Region, required=True)
    sector = fields.String(allow_none=True)
    size = enum(EmployerSize, required=True)
    status = enum(EmployerStatus, required=True)
    created_at = fields.DateTime(required=True)


class EmployerStatusIn(StrictSchema):
    status = enum(EmployerStatus, required=True)


class ApiKeyOut(Schema):
    id = fields.Integer(required=True)
    prefix = fields.String(
        required=True, metadata={"description": "First characters, to tell keys apart."}
    )
    created_at = fields.DateTime(required=True)
    last_used_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


class NewApiKeyOut(ApiKeyOut):
    api_key = fields.String(
        required=True, metadata={"description": "The secret itself: shown this once only."}
    )


class ApiKeyListOut(Schema):
    items = fields.List(fields.Nested(ApiKeyOut), required=True)


class RegisteredEmployerOut(Schema):
    employer = fields.Nested(EmployerOut, required=True)
    api_key = fields.String(
        required=True, metadata={"description": "Bearer key: shown this once only."}
    )
    key = fields.Nested(ApiKeyOut, required=True)
