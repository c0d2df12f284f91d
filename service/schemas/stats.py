"""The dashboard's figures as the API answers them."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

_SHARE: dict[str, Any] = {
    "allow_none": True,
    "required": True,
    "metadata": {"description": "0-1; null if 0/0."},
}


class FiguresOut(Schema):
    registered = fields.Integer(
        required=True, metadata={"description": "Consented, not withdrawn."}
    )
    matched = fields.Integer(required=True, metadata={"description": "Registered, ≥ 1 hire."})
    match_rate = fields.Float(**_SHARE)
    trained = fields.Integer(required=True, metadata={"description": "Enrolled or completed."})
    completed = fields.Integer(required=True)
    women_share = fields.Float(**_SHARE)
    youth_share = fields.Float(**_SHARE)
    found_work_elsewhere = fields.Integer(
        required=True,
        metadata={
            "description": "Registered seekers who say they found work elsewhere "
            "(apart from `matched`, which counts hires through Jumush)."
        },
    )


class FunnelOut(Schema):
    applied = fields.Integer(required=True)
    contacted = fields.Integer(required=True)
    interview = fields.Integer(required=True)
    hired = fields.Integer(required=True)


class BreakdownOut(Schema):
    gender = fields.Dict(keys=fields.String(), values=fields.Nested(FiguresOut), required=True)
    age_band = fields.Dict(keys=fields.String(), values=fields.Nested(FiguresOut), required=True)
    region = fields.Dict(keys=fields.String(), values=fields.Nested(FiguresOut), required=True)
    covid = fields.Dict(keys=fields.String(), values=fields.Nested(FiguresOut), required=True)
    disability = fields.Dict(keys=fields.String(), values=fields.Nested(FiguresOut), required=True)


class StatsOut(FiguresOut):
    funnel = fields.Nested(FunnelOut, required=True)
    breakdown = fields.Nested(BreakdownOut, required=True)
