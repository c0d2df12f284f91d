"""The dashboard's figures as the API answers them."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from models.enums import Region
from service.usecases.messages import msg

PERIOD_ORDER = msg("The last day comes before the first.")
# The programme's figures begin long after this and a period cannot reach further.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
OUT_OF_RANGE = msg("Choose a day between 2000 and 2100.")


def _within_range(day: date) -> None:
    if not EARLIEST <= day <= LATEST:
        # A validator's messages are a list (marshmallow extends its errors with them).
        raise ValidationError([OUT_OF_RANGE])


_SHARE: dict[str, Any] = {
    "allow_none": True,
    "required": True,
    "metadata": {"description": "0-1; null if 0/0."},
}


def _of_trained(description: str) -> dict[str, Any]:
    return {**_SHARE, "metadata": {"description": f"{description} 0-1; null if none."}}


class FiguresOut(Schema):
    registered = fields.Integer(
        required=True, metadata={"description": "Consented, not withdrawn."}
    )
    matched = fields.Integer(required=True, metadata={"description": "Registered, ≥ 1 hire."})
    match_rate = fields.Float(**_SHARE)
    trained = fields.Integer(
        required=True,
        metadata={
            "description": "People with an enrolment enrolled or completed, each once "
            "however many courses (a seeker by their record, anyone else by their phone)."
        },
    )
    completed = fields.Integer(
        required=True,
        metadata={"description": "People trained with at least one completed enrolment."},
    )
    women_share = fields.Float(**_SHARE)
    youth_share = fields.Float(**_SHARE)
    youth_un_share = fields.Float(**_SHARE)
    trained_women_share = fields.Float(**_of_trained("Women among the people trained."))
    trained_youth_share = fields.Float(
        **_of_trained("Youth (the law's band, 14-35 by default) among the people trained.")
    )
    trained_youth_un_share = fields.Float(
        **_of_trained("Youth (the UN's band, 15-24 by default) among the people trained.")
    )
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
    msme_supported = fields.Integer(
        required=True, metadata={"description": "Micro, small, medium employers with ≥ 1 hire."}
    )
    msme_reached = fields.Integer(
        required=True,
        metadata={"description": "Micro, small, medium employers with ≥ 1 vacancy."},
    )
    funnel = fields.Nested(FunnelOut, required=True)
    furthest_stage = fields.Nested(
        FunnelOut,
        required=True,
        metadata={"description": "Seekers whose furthest stage so far is each one."},
    )
    breakdown = fields.Nested(BreakdownOut, required=True)


class StatsArgs(Schema):
    """The dashboard's filters: a region and a period (inclusive), each optional."""

    region = fields.String(
        validate=validate.OneOf([r.value for r in Region]),
        metadata={"description": "Only this region (oblast)."},
    )
    since = fields.Date(
        data_key="from",
        validate=_within_range,
        metadata={"description": "First day (YYYY-MM-DD, 2000-2100) people joined."},
    )
    until = fields.Date(
        data_key="to",
        validate=_within_range,
        metadata={"description": "Last day (YYYY-MM-DD, 2000-2100) people joined."},
    )

    @validates_schema
    def _period_in_order(self, data: dict[str, Any], **_kwargs: Any) -> None:
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise ValidationError({"to": [PERIOD_ORDER]})
