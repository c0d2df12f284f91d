"""Pages for job seekers (the `web` audience): a blueprint nothing but the factory imports.

Server-rendered HTML that works without JavaScript on a small phone, in Kyrgyz,
Russian, Uzbek and English, over the same use-cases the API uses.
"""

from __future__ import annotations

from flask import Blueprint, current_app, request
from sqlalchemy.exc import SQLAlchemyError

bp = Blueprint("web", __name__)


@bp.before_request
def _check_csrf() -> None:
    # Every form of these pages carries Flask-WTF's token; a request that can change
    # something (POST, and PUT, PATCH or DELETE should a page ever take one) without it
    # is refused.
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        current_app.extensions["csrf"].protect()


@bp.app_template_filter("som")
def _som(amount: int) -> str:
    # 27 000, with a space that never breaks the number across lines.
    return f"{amount:,}".replace(",", "\u00a0")


@bp.app_context_processor
def _signed_in_seeker() -> dict[str, object]:
    # Every page's menu says whether someone is signed in (error pages included).
    try:
        return {"seeker": signed_in()}
    except SQLAlchemyError:  # the database is down: the error page still renders
        return {"seeker": None}


# The views register themselves on `bp`.
from service.web import account, courses, me, pages  # noqa: E402, F401
from service.web.signin import signed_in  # noqa: E402
