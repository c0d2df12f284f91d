"""Seekers registered by partner organisations and staff."""

from __future__ import annotations

from typing import Any

from flask import current_app

from service.api import Blueprint
from service.api.auth import ADMIN, PARTNER, STAFF, current_principal, require
from service.api.idempotent import HEADER_DOC, idempotent
from service.i18n.course_reasons import explain_courses
from service.i18n.reasons import explain
from service.platform.db import get_session
from service.platform.matcher import get_matcher
from service.schemas.common import LimitArgs
from service.schemas.course_recommendations import CourseRecommendationsOut
from service.schemas.seekers import (
    ActivationCodeOut,
    RecommendationsOut,
    SeekerCreatedOut,
    SeekerIn,
    SeekerOut,
)
from service.usecases import clock
from service.usecases import seekers as use_cases
from service.usecases.course_recommendations import recommend_courses
from service.usecases.seeker_accounts import reissue_activation_code

blp = Blueprint(
    "seekers", __name__, url_prefix="/api/v1/seekers", description="Job seekers (partners, staff)."
)


@blp.route("", methods=["POST"])
@require(PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(summary="Register a seeker who consented", parameters=[HEADER_DOC])
@blp.errors(401, 403, 413, 415, 422, 429)
@blp.arguments(SeekerIn)
@blp.response(201, SeekerCreatedOut)
def create(fields: dict[str, Any]) -> Any:
    """Register a seeker with the same rules as the web form; consent must be true."""
    return use_cases.register_seeker(
        session=get_session(), fields=fields, user_id=current_principal().actor_id
    )


@blp.route("/<int(min=1, max=2147483647):seeker_id>", methods=["GET"])
@require(PARTNER, STAFF, ADMIN)
@blp.doc(summary="Read a seeker")
@blp.errors(401, 403, 404, 429)
@blp.response(200, SeekerOut)
def get(seeker_id: int) -> Any:
    """Return a seeker's profile (the reading is audited)."""
    user = current_principal().user
    assert user is not None  # @require lets programme users only
    return use_cases.read_seeker(session=get_session(), seeker_id=seeker_id, user=user)


@blp.route("/<int(min=1, max=2147483647):seeker_id>/recommendations", methods=["GET"])
@require(PARTNER, STAFF, ADMIN)
@blp.doc(
    summary="Vacancies recommended for a seeker",
    description=(
        "Open vacancies, best first, explained in the seeker's language. A profile too "
        "empty to rank answers 200 with no items, `missing` naming the fields to fill and "
        "a `message` in the seeker's language."
    ),
)
@blp.errors(401, 403, 404, 422, 429)
@blp.arguments(LimitArgs, location="query")
@blp.response(200, RecommendationsOut)
def recommendations(args: dict[str, Any], seeker_id: int) -> Any:
    """Rank open vacancies for the seeker."""
    ranked = use_cases.recommend_for_seeker(
        session=get_session(),
        matcher=get_matcher(current_app),
        seeker_id=seeker_id,
        limit=args["limit"],
        today=clock.today(),
        user=current_principal().user,
    )
    return explain(ranked)


@blp.route("/<int(min=1, max=2147483647):seeker_id>/courses", methods=["GET"])
@require(PARTNER, STAFF, ADMIN)
@blp.doc(
    summary="Courses recommended for a seeker",
    description=(
        "Open courses with seats left that teach what the seeker's near-miss vacancies ask "
        "for and the seeker lacks, best first: each with its skills that close the gap, the "
        "open vacancies it would open (or bring closer, when they ask for more) and a "
        "sentence saying so in the seeker's language. A "
        "seeker who already fits their best vacancies gets no items and `fits_well` true; "
        "a profile too empty to rank gets `missing` and a `message`."
    ),
)
@blp.errors(401, 403, 404, 422, 429)
@blp.arguments(LimitArgs, location="query")
@blp.response(200, CourseRecommendationsOut)
def courses(args: dict[str, Any], seeker_id: int) -> Any:
    """Recommend courses from the seeker's skill gaps."""
    result = recommend_courses(
        session=get_session(),
        matcher=get_matcher(current_app),
        seeker_id=seeker_id,
        limit=args["limit"],
        today=clock.today(),
        user=current_principal().user,
    )
    return explain_courses(result)


@blp.route("/<int(min=1, max=2147483647):seeker_id>/activation-code", methods=["POST"])
@require(PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(
    summary="Give a seeker a new one-time activation code",
    description=(
        "For a lost password or a locked account: the seeker chooses a new password at "
        "/activate with this code within 7 days. The code is shown once; an earlier code "
        "stops working."
    ),
    parameters=[HEADER_DOC],
)
@blp.errors(401, 403, 404, 429)
@blp.response(201, ActivationCodeOut)
def new_activation_code(seeker_id: int) -> Any:
    """Issue a new activation code for the seeker."""
    session = get_session()
    seeker = use_cases.get_seeker(
        session=session, seeker_id=seeker_id, user=current_principal().user
    )
    code = reissue_activation_code(session=session, seeker=seeker, now=clock.utcnow())
    return {"activation_code": code, "expires_at": seeker.activation_expires_at}
