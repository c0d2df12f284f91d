"""The warm-up a gunicorn worker runs before its first connection covers the request path
around a ranking, not only the matcher: the first visitor of a fresh worker should not
wait for what every later one finds ready (scripts/bench_warm.py measures the time)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from models import Base
from service.platform import gunicorn_conf
from service.platform.db import get_db
from service.platform.matcher import readiness, warm_matcher
from tests.http.api.conftest import Caller, add_seeker, vacancy_body


def _compiled(engine: Engine) -> dict[Any, str]:
    """Return the SQL statements the engine has compiled and cached so far."""
    cache = engine._compiled_cache
    assert cache is not None  # the service keeps SQLAlchemy's statement cache on
    return {key: str(compiled) for key, compiled in list(cache.items())}


def _rows(db: Session) -> dict[str, int]:
    """Return the row count of every table but the vectors: catching up stores those of
    items it encodes, as any first ranking does."""
    tables = [t for t in Base.metadata.sorted_tables if t.name != "embeddings"]
    return {t.name: db.scalar(select(func.count()).select_from(t)) or 0 for t in tables}


def test_a_warm_process_compiles_no_new_query_for_its_first_recommendation_request(
    app: Flask, employer: Caller, staff: Caller, db: Session
) -> None:
    employer.post("/api/v1/vacancies", json=vacancy_body())
    seeker = add_seeker(db, desired_position="швея", skills=["пошив"], preferred_language="ky")
    db.commit()
    engine = get_db(app).engine
    # What the requests so far compiled is forgotten, as in a worker just started.
    engine.clear_compiled_cache()
    before = _rows(db)

    warm_matcher(app)
    assert _rows(db) == before  # the warm-up writes nothing

    warmed = _compiled(engine)
    response = staff.get(f"/api/v1/seekers/{seeker.id}/recommendations")
    assert response.status_code == 200 and response.get_json()["items"]
    new = [sql for key, sql in _compiled(engine).items() if key not in warmed]
    # Writes a request makes once in a while (a key's last use, an audit line) may be
    # new; every query it reads with was compiled by the warm-up.
    assert not [sql for sql in new if sql.lstrip().upper().startswith("SELECT")], new


@dataclass
class _Worker:
    """What gunicorn's post_worker_init hook reads of a worker."""

    wsgi: Flask
    timeout: int = 30
    pid: int = field(default_factory=os.getpid)
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("test.worker"))

    def notify(self) -> None:
        """Tell the master the worker is alive (nobody listens here)."""


ROUTE = "/api/v1/seekers/<int(min=1, max=2147483647):seeker_id>/recommendations"


def _answered(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str, int]]:
    """Return (method, route, status) of every request the application logged."""
    return [
        (r.method, r.route, r.status)  # type: ignore[attr-defined]
        for r in caplog.records
        if r.name == "jumush.request"
    ]


def _no_key_lookups(*_: Any, **__: Any) -> None:
    raise AssertionError("the warm-up request looked an API key up")


def test_a_worker_sends_one_request_through_the_whole_stack_before_it_accepts_with_no_key(
    app: Flask,
    employer: Caller,
    db: Session,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Routing, the hooks, the limiter and the JSON response are lazy too: after its
    # warm-up a worker answers one recommendation request itself, as a transient caller.
    employer.post("/api/v1/vacancies", json=vacancy_body())
    add_seeker(db, desired_position="швея", skills=["пошив"], preferred_language="ky")
    db.commit()
    before = _rows(db)
    requests_before = readiness(app).requests
    monkeypatch.setattr("service.platform.security.caller.resolve_api_key", _no_key_lookups)

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="jumush.request"):
        gunicorn_conf.post_worker_init(_Worker(app))

    # 200: the successful path ran, and no key was looked up (that would be a 500).
    assert _answered(caplog) == [("GET", ROUTE, 200)]
    state = readiness(app)
    assert state.warm
    # Not one of the requests /readyz reports, and nothing stored (audit lines included).
    assert state.requests == requests_before
    assert state.requests_before_warm == requests_before
    assert _rows(db) == before


def test_a_worker_whose_warm_up_failed_sends_no_request(
    app: Flask, db: Session, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a registered matcher the request would load one itself, unwatched.
    add_seeker(db, desired_position="швея", skills=["пошив"], preferred_language="ky")
    db.commit()

    def database_away(*_: Any, **__: Any) -> None:
        raise RuntimeError("database away")

    monkeypatch.setattr("service.platform.matcher.warm_matcher", database_away)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="jumush.request"):
        gunicorn_conf.post_worker_init(_Worker(app))

    assert _answered(caplog) == []
    assert not readiness(app).warm
