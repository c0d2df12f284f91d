"""Liveness and readiness probes."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service.platform.db import get_db
from service.platform.matcher import matcher_status, readiness, warm_matcher
from service.platform.migrate import current_revision, head_revision

log = logging.getLogger("jumush.health")

bp = Blueprint("health", __name__)


@bp.before_app_request
def _count_request() -> None:
    # So that /readyz can show the matcher was warm before this process's first request.
    readiness(current_app).requests += 1


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Answer while the process is alive, whatever the database does."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Answer 200 when the database is reachable and current and (gunicorn) the matcher warm."""
    engine = get_db(current_app).engine
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        revision = current_revision(engine)
    except SQLAlchemyError as exc:
        return jsonify(status="unavailable", database="unreachable", detail=type(exc).__name__), 503
    head = head_revision()
    if revision != head:
        return jsonify(
            status="unavailable",
            database="reachable",
            migrations="behind",
            current=revision,
            head=head,
        ), 503
    state = readiness(current_app)
    if state.required and not state.warm:
        # The warm-up before the first request failed (a database away for a moment):
        # try again here rather than stay unready or let a request pay for it.
        try:
            warm_matcher(current_app)
        except Exception:
            log.exception("matcher warm-up failed")
    matcher = matcher_status(current_app)
    if state.required and not state.warm:
        return jsonify(
            status="unavailable", database="reachable", migrations="current", matcher=matcher
        ), 503
    return jsonify(
        status="ok", database="reachable", migrations="current", revision=head, matcher=matcher
    )
