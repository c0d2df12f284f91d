"""Match creation, status changes and the match with its history."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from models.enums import ActorKind, MatchStatus
from service.schemas.common import MAX_INT, StrictInteger, StrictSchema, enum, text

_ID: dict[str, Any] = {"required": True, "validate": validate.Range(min=1, max=MAX_INT)}


class MatchIn(StrictSchema):
    vacancy_id = StrictInteger(**_ID)
    seeker_id = StrictInteger(**_ID)
    note = text(500, allow_none=True)


class MatchPatch(StrictSchema):
    status = enum(MatchStatus, required=True)
    note = text(500, allow_none=True)


class MatchEventOut(Schema):
    from_status = enum(MatchStatus, allow_none=True)
    to_status = enum(MatchStatus, required=True)
    actor_kind = enum(ActorKind, required=True)
    actor_id = fields.Integer(allow_none=True)
    at = fields.DateTime(required=True)
    note = fields.String(allow_none=True)


class MatchOut(Schema):
    id = fields.Integer(required=True)
    vacancy_id = fields.Integer(required=True)
    seeker_id = fields.Integer(required=True)
    status = enum(MatchStatus, required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    events = fields.List(fields.Nested(MatchEventOut), required=True)
