"""Vacancies of the calling employer: post (upsert by external_id), list, read, change,
delete, import JSON-LD. Another employer's vacancy is never found."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import current_app, request
from flask_babel import get_locale
from sqlalchemy.orm import Session

from service.api import Blueprint
from service.api.auth import EMPLOYER, current_employer, require
from service.api.idempotent import HEADER_DOC, idempotent
from service.i18n.messages import translate_messages
from service.i18n.reasons import explain
from service.platform.db import get_session
from service.platform.matcher import get_matcher
from service.schemas.common import LimitArgs
from service.schemas.vacancies import (
    CandidatesOut,
    ImportOut,
    JobPostingDoc,
    VacancyIn,
    VacancyListArgs,
    VacancyOut,
    VacancyPageOut,
    VacancyPatch,
)
from service.usecases import clock, jobposting
from service.usecases import vacancies as use_cases

blp = Blueprint(
    "vacancies", __name__, url_prefix="/api/v1/vacancies", description="Your vacancies."
)


def _answered_ids(body: Any) -> list[int]:
    """Return the vacancy ids a stored answer gives: its own, or each imported item's."""
    if not isinstance(body, dict):
        return []
    if isinstance(body.get("items"), list):
        return [
            item["vacancy"]["id"]
            for item in body["items"]
            if isinstance(item, dict) and isinstance(item.get("vacancy"), dict)
        ]
    return [body["id"]] if isinstance(body.get("id"), int) else []


def _still_there(session: Session, body: Any) -> None:
    use_cases.check_still_there(
        session=session, employer=current_employer(), ids=_answered_ids(body)
    )


@blp.route("", methods=["POST"])
@require(EMPLOYER)
@idempotent(still_there=_still_there)
@blp.doc(
    summary="Post a vacancy (or update the one with the same external_id)",
    parameters=[HEADER_DOC],
)
@blp.errors(401, 403, 409, 410, 413, 415, 422, 429)
@blp.arguments(VacancyIn)
@blp.response(201, VacancyOut, description="Created.")
@blp.alt_response(200, schema=VacancyOut, description="Updated (same external_id).", success=True)
def post(fields: dict[str, Any]) -> Any:
    """Create a vacancy; with a known external_id, update that vacancy instead (200)."""
    vacancy, created = use_cases.post_vacancy(
        session=get_session(), employer=current_employer(), fields=fields, today=clock.today()
    )
    return vacancy, 201 if created else 200


@blp.route("", methods=["GET"])
@require(EMPLOYER)
@blp.doc(summary="List your vacancies, oldest first, a page at a time")
@blp.errors(401, 403, 422, 429)
@blp.arguments(VacancyListArgs, location="query")
@blp.response(200, VacancyPageOut)
def list_(args: dict[str, Any]) -> Any:
    """List the employer's vacancies; pass `next_cursor` back as `cursor` for more."""
    return use_cases.list_vacancies(
        session=get_session(), employer=current_employer(), today=clock.today(), **args
    )


@blp.route("/import", methods=["POST"])
@require(EMPLOYER)
@idempotent(still_there=_still_there)
@blp.doc(
    summary="Import schema.org JobPosting JSON-LD (one or a list)",
    description=(
        "One JobPosting, a list of them, or a JSON-LD document with an `@graph` (its nodes "
        "that are not JobPostings are skipped). A body holding anything but JobPostings is "
        "refused whole (422); each JobPosting is then answered on its own: `created`, "
        "`updated` (same `identifier`), or `invalid` with the reasons under the JSON-LD "
        "property names."
    ),
    parameters=[HEADER_DOC],
    requestBody={
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/JobPosting"},
                        {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/JobPosting"},
                            "minItems": 1,
                            "maxItems": jobposting.MAX_ITEMS,
                        },
                    ]
                }
            }
        },
    },
)
@blp.errors(400, 401, 403, 409, 410, 413, 415, 422, 429)
@blp.response(200, ImportOut)
def import_(**_: Any) -> dict[str, Any]:
    """Map each JobPosting to a vacancy and answer per item: created, updated or invalid."""
    results = jobposting.import_jobpostings(
        session=get_session(),
        employer=current_employer(),
        payload=request.get_json(),
        today=clock.today(),
    )
    counts = {status: sum(r.status == status for r in results) for status in _STATUSES}
    # Field messages from the vacancy schema are marshmallow's English ones.
    results = [replace(r, errors=translate_messages(r.errors)) if r.errors else r for r in results]
    return {**counts, "items": results}


_STATUSES = ("created", "updated", "invalid")


@blp.route("/<int(min=1, max=2147483647):vacancy_id>", methods=["GET"])
@require(EMPLOYER)
@blp.doc(summary="Read one of your vacancies")
@blp.errors(401, 403, 404, 429)
@blp.response(200, VacancyOut)
def get(vacancy_id: int) -> Any:
    """Return one of the employer's vacancies."""
    return use_cases.get_vacancy(
        session=get_session(),
        employer=current_employer(),
        vacancy_id=vacancy_id,
        today=clock.today(),
    )


@blp.route("/<int(min=1, max=2147483647):vacancy_id>", methods=["PATCH"])
@require(EMPLOYER)
@idempotent(still_there=_still_there)
@blp.doc(summary="Change or close one of your vacancies", parameters=[HEADER_DOC])
@blp.errors(401, 403, 404, 409, 410, 413, 415, 422, 429)
@blp.arguments(VacancyPatch)
@blp.response(200, VacancyOut)
def patch(fields: dict[str, Any], vacancy_id: int) -> Any:
    """Change the fields sent; `{"status": "closed"}` closes the vacancy."""
    return use_cases.update_vacancy(
        session=get_session(),
        employer=current_employer(),
        vacancy_id=vacancy_id,
        fields=fields,
        today=clock.today(),
    )


@blp.route("/<int(min=1, max=2147483647):vacancy_id>", methods=["DELETE"])
@require(EMPLOYER)
@idempotent
@blp.doc(summary="Delete a vacancy nobody acted on", parameters=[HEADER_DOC])
@blp.errors(401, 403, 404, 409, 422, 429)
@blp.response(204)
def delete(vacancy_id: int) -> None:
    """Delete the vacancy; one with matches is kept (409): close it instead."""
    use_cases.delete_vacancy(
        session=get_session(),
        employer=current_employer(),
        vacancy_id=vacancy_id,
        today=clock.today(),
    )


@blp.route("/<int(min=1, max=2147483647):vacancy_id>/candidates", methods=["GET"])
@require(EMPLOYER)
@blp.doc(
    summary="Ranked candidates for one of your vacancies",
    description=(
        "Seekers who agreed to be visible, best first, with the reasons in the request's "
        "language. Name, phone and email are shown only for seekers who applied to this "
        "vacancy or agreed to be contacted. A vacancy too empty to rank answers 200 with "
        "no items, `missing` naming what to add and a `message`."
    ),
)
@blp.errors(401, 403, 404, 422, 429)
@blp.arguments(LimitArgs, location="query")
@blp.response(200, CandidatesOut)
def candidates(args: dict[str, Any], vacancy_id: int) -> Any:
    """Rank the seekers who fit the vacancy."""
    ranked = use_cases.rank_candidates(
        session=get_session(),
        matcher=get_matcher(current_app),
        employer=current_employer(),
        vacancy_id=vacancy_id,
        limit=args["limit"],
        lang=str(get_locale()),
        today=clock.today(),
    )
    return explain(ranked)


def register_docs(api: Any) -> None:
    """Add the JobPosting schema the import endpoint's documentation refers to."""
    api.spec.components.schema("JobPosting", schema=JobPostingDoc)
