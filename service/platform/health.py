"""Liveness and readiness probes."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service.platform.db import get_db
from service.platform.migrate import current_revision, head_revision

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Answer while the process is alive, whatever the database does."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Answer 200 only when the database is reachable and its schema is current."""
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
    return jsonify(status="ok", database="reachable", migrations="current", revision=head)
