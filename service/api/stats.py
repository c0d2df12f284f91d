"""The programme's figures, as on the staff dashboard."""

from __future__ import annotations

from typing import Any

from flask import current_app

from service.api import Blueprint
from service.api.auth import ADMIN, PARTNER, STAFF, VIEWER, require
from service.platform.db import get_session
from service.schemas.stats import StatsOut
from service.usecases import clock
from service.usecases import stats as use_cases

blp = Blueprint("stats", __name__, url_prefix="/api/v1/stats", description="Programme figures.")


@blp.route("", methods=["GET"])
@require(PARTNER, STAFF, ADMIN, VIEWER)
@blp.doc(summary="The dashboard's figures with their breakdowns")
@blp.errors(401, 403, 429)
@blp.response(200, StatsOut)
def get() -> dict[str, Any]:
    """Return registered, matched, match_rate, trained, women_share, youth_share and more."""
    return use_cases.compute_stats(
        session=get_session(),
        year=clock.today().year,
        youth_min=current_app.config["YOUTH_AGE_MIN"],
        youth_max=current_app.config["YOUTH_AGE_MAX"],
    ).as_dict()
