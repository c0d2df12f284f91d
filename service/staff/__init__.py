"""Pages for programme staff, partners and admins (the `staff` audience, under /staff).

The targets dashboard with its breakdowns, charts and exports; partners' casework;
user management and the audit trail. Server-rendered, in Kyrgyz, Russian and English,
over the same use-cases and the same `compute_stats` as the API.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from service.platform.errors import error_response

bp: Blueprint = Blueprint("staff", __name__, url_prefix="/staff")

# Programme users' roles in words.
ROLES: dict[str, LazyString] = {
    "admin": _l("Administrator"),
    "staff": _l("Programme staff"),
    "partner": _l("Partner organisation"),
    "viewer": _l("Viewer (figures only)"),
}
# Statuses as staff speak of them (the seekers' pages say "you applied").
STATUS_NAMES: dict[str, LazyString] = {
    "suggested": _l("Suggested"),
    "applied": _l("Applied"),
    "contacted": _l("Contacted"),
    "interview": _l("Interview"),
    "hired": _l("Hired"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
    "obsolete": _l("Closed: hired elsewhere"),
}
SIZE_NAMES: dict[str, LazyString] = {
    "micro": _l("Micro"),
    "small": _l("Small"),
    "medium": _l("Medium"),
    "large": _l("Large"),
}


@bp.before_request
def _check_request() -> Response | None:
    # Every form of these pages carries Flask-WTF's token; a request that can change
    # something (POST, and PUT, PATCH or DELETE should a page ever take one) without it
    # is refused.
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        current_app.extensions["csrf"].protect()
    # No text with a NUL in it goes on: PostgreSQL cannot store or even compare one.
    for values in (request.args, request.form):
        if any("\x00" in key + value for key, value in values.items(multi=True)):
            return error_response(400, "bad_request", _("Text must not contain NUL characters."))
    return None


@bp.after_request
def _private(response: Response) -> Response:
    # Personal data and figures stay out of shared caches and the browser's history.
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.app_context_processor
def _staff_user() -> dict[str, object]:
    if request.blueprint != "staff":
        return {}
    try:
        user = signed_in_user()
    except SQLAlchemyError:  # the database is down: the error page still renders
        user = None
    return {"staff_user": user, "roles": ROLES}


# The views register themselves on `bp`.
from service.staff import admin, casework, courses, dashboard, signin  # noqa: E402, F401
from service.staff.signin import signed_in_user  # noqa: E402
