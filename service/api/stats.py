"""The programme's figures, as on the staff dashboard."""

from __future__ import annotations

from typing import Any

from flask import current_app

from models.enums import Region
from service.api import Blueprint
from service.api.auth import ADMIN, PARTNER, STAFF, VIEWER, current_principal, require
from service.platform.db import get_session
from service.schemas.stats import StatsArgs, StatsOut
from service.usecases import clock
from service.usecases import stats as use_cases
from service.usecases.staff_sign_in import user_regions

blp = Blueprint("stats", __name__, url_prefix="/api/v1/stats", description="Programme figures.")


@blp.route("", methods=["GET"])
@require(PARTNER, STAFF, ADMIN, VIEWER)
@blp.doc(summary="The dashboard's figures with their breakdowns")
@blp.errors(401, 403, 422, 429)
@blp.arguments(StatsArgs, location="query")
@blp.response(200, StatsOut)
def get(args: dict[str, Any]) -> dict[str, Any]:
    """Return registered, matched, match_rate, trained, women_share, youth_share and more.

    `trained` and `completed` count people, each once however many courses, with the
    shares of women and youth among them: `trained_women_share`, `trained_youth_share`
    (the law's band) and `trained_youth_un_share` (the UN's).

    A user limited to some regions gets the figures of those regions only.
    """
    user = current_principal().user
    scope = use_cases.Scope(
        regions=frozenset({Region(args["region"])}) if args.get("region") else None,
        since=args.get("since"),
        until=args.get("until"),
    ).narrowed(user_regions(user) if user else None)
    return use_cases.compute_stats(
        session=get_session(),
        year=clock.today().year,
        youth=use_cases.YouthBands.from_config(current_app.config),
        scope=scope,
    ).as_dict()
