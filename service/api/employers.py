"""Employers: registration with a one-time key, profile, key rotation, suspension by staff."""

from __future__ import annotations

from typing import Any

from models.enums import EmployerStatus
from service.api import Blueprint
from service.api.auth import (
    ADMIN,
    EMPLOYER,
    STAFF,
    current_employer,
    current_principal,
    require,
)
from service.api.idempotent import HEADER_DOC, idempotent
from service.platform.db import get_session
from service.schemas.employers import (
    ApiKeyListOut,
    EmployerIn,
    EmployerOut,
    EmployerStatusIn,
    NewApiKeyOut,
    RegisteredEmployerOut,
)
from service.usecases import casework
from service.usecases import employers as use_cases
from service.usecases.clock import utcnow

blp = Blueprint(
    "employers", __name__, url_prefix="/api/v1/employers", description="Employers and API keys."
)


@blp.route("", methods=["POST"])
@blp.doc(security=[], summary="Register an employer and receive its first API key")
@blp.errors(409, 413, 415, 422, 429)
@blp.arguments(EmployerIn)
@blp.response(201, RegisteredEmployerOut)
def register(fields: dict[str, Any]) -> dict[str, Any]:
    """Register an employer; the API key in the answer is shown this once only.

    Rate-limited per address by RATELIMIT_REGISTRATION (service/ratelimit.py).
    """
    employer, new_key = use_cases.register_employer(session=get_session(), fields=fields)
    return {"employer": employer, "api_key": new_key.secret, "key": new_key.key}


@blp.route("/me", methods=["GET"])
@require(EMPLOYER)
@blp.doc(summary="Your employer profile")
@blp.errors(401, 403, 429)
@blp.response(200, EmployerOut)
def me() -> Any:
    """Return the calling employer's profile."""
    return current_principal().employer


@blp.route("/me/keys", methods=["GET"])
@require(EMPLOYER)
@blp.doc(summary="List your API keys")
@blp.errors(401, 403, 429)
@blp.response(200, ApiKeyListOut)
def list_keys() -> dict[str, Any]:
    """List the employer's keys, revoked ones included (secrets are never shown again)."""
    employer = current_employer()
    return {"items": use_cases.list_employer_keys(session=get_session(), employer=employer)}


@blp.route("/me/keys", methods=["POST"])
@require(EMPLOYER)
@idempotent
@blp.doc(summary="Create another API key (to rotate keys)", parameters=[HEADER_DOC])
@blp.errors(401, 403, 409, 422, 429)
@blp.response(201, NewApiKeyOut)
def create_key() -> dict[str, Any]:
    """Issue a new key; switch your clients to it, then revoke the old one."""
    employer = current_employer()
    new_key = use_cases.issue_employer_key(session=get_session(), employer=employer)
    return {**_key_fields(new_key.key), "api_key": new_key.secret}


def _key_fields(key: Any) -> dict[str, Any]:
    return {
        name: getattr(key, name)
        for name in ("id", "prefix", "created_at", "last_used_at", "revoked_at")
    }


@blp.route("/me/keys/<int(min=1, max=2147483647):key_id>", methods=["DELETE"])
@require(EMPLOYER)
@idempotent
@blp.doc(summary="Revoke one of your API keys", parameters=[HEADER_DOC])
@blp.errors(401, 403, 404, 409, 422, 429)
@blp.response(204)
def revoke_key(key_id: int) -> None:
    """Revoke a key at once; the last active key cannot be revoked."""
    use_cases.revoke_employer_key(
        session=get_session(), employer=current_employer(), key_id=key_id, now=utcnow()
    )


@blp.route("/<int(min=1, max=2147483647):employer_id>", methods=["PATCH"])
@require(STAFF, ADMIN)
@idempotent
@blp.doc(summary="Suspend or reactivate an employer (staff)", parameters=[HEADER_DOC])
@blp.errors(401, 403, 404, 409, 413, 415, 422, 429)
@blp.arguments(EmployerStatusIn)
@blp.response(200, EmployerOut)
def set_status(fields: dict[str, Any], employer_id: int) -> Any:
    """Suspend an employer (its keys then answer 403) or make it active again.

    As on the staff pages: staff limited to regions find only their regions' employers.
    """
    user = current_principal().user
    assert user is not None  # @require lets programme users only
    return casework.suspend_employer(
        session=get_session(),
        user=user,
        employer_id=employer_id,
        suspended=fields["status"] is EmployerStatus.SUSPENDED,
    )
