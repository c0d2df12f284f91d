"""Matches: an employer contacting a candidate, a partner applying for a seeker, and the
outcomes that follow. An employer sees only the matches of its own vacancies."""

from __future__ import annotations

from typing import Any

from flask import current_app

from service.api import Blueprint
from service.api.auth import ADMIN, EMPLOYER, PARTNER, STAFF, current_principal, require
from service.api.idempotent import HEADER_DOC, idempotent
from service.platform.db import get_session
from service.platform.matcher import get_matcher
from service.schemas.matches import MatchIn, MatchOut, MatchPatch
from service.usecases import matches as use_cases

blp = Blueprint(
    "matches", __name__, url_prefix="/api/v1/matches", description="Seeker-vacancy matches."
)


@blp.route("", methods=["POST"])
@require(EMPLOYER, PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(
    summary="Contact a candidate (employer) or apply for a seeker (partner, staff)",
    parameters=[HEADER_DOC],
)
@blp.errors(401, 403, 404, 409, 413, 415, 422, 429)
@blp.arguments(MatchIn)
@blp.response(201, MatchOut)
def create(fields: dict[str, Any]) -> Any:
    """Open the match of a seeker and a vacancy: `contacted` for employers, else `applied`."""
    principal = current_principal()
    return use_cases.create_match(
        session=get_session(),
        vacancy_id=fields["vacancy_id"],
        seeker_id=fields["seeker_id"],
        actor_kind=principal.actor_kind,
        actor_id=principal.actor_id,
        employer=principal.employer,
        user=principal.user,
        note=fields.get("note"),
        matcher=get_matcher(current_app),
    )


@blp.route("/<int(min=1, max=2147483647):match_id>", methods=["GET"])
@require(EMPLOYER, PARTNER, STAFF, ADMIN)
@blp.doc(summary="Read a match and its history")
@blp.errors(401, 403, 404, 429)
@blp.response(200, MatchOut)
def get(match_id: int) -> Any:
    """Return a match with every status change, who made it and when."""
    principal = current_principal()
    return use_cases.get_match(
        session=get_session(),
        match_id=match_id,
        employer=principal.employer,
        user=principal.user,
    )


@blp.route("/<int(min=1, max=2147483647):match_id>", methods=["PATCH"])
@require(EMPLOYER, PARTNER, STAFF, ADMIN)
@idempotent
@blp.doc(summary="Move a match to another status", parameters=[HEADER_DOC])
@blp.errors(401, 403, 404, 409, 413, 415, 422, 429)
@blp.arguments(MatchPatch)
@blp.response(200, MatchOut)
def patch(fields: dict[str, Any], match_id: int) -> Any:
    """Record the next step; an illegal move answers 409, hiring obsoletes other matches."""
    principal = current_principal()
    return use_cases.change_match_status(
        session=get_session(),
        match_id=match_id,
        status=fields["status"],
        role=principal.role,
        actor_kind=principal.actor_kind,
        actor_id=principal.actor_id,
        employer=principal.employer,
        user=principal.user,
        note=fields.get("note"),
    )
