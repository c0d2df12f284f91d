"""The process's matcher: built once from the settings, kept on the Flask application.

Under gunicorn (`service/platform/gunicorn_conf.py`) it is made ready before a worker
takes traffic by `warm_matcher`: the encoder's models loaded and run, the index loaded
from the database. Elsewhere (tests, commands) it is built on first use.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from matching.encoders import DEFAULT_ENCODER, load_encoder
from matching.occupations import OccupationVocabulary
from matching.ranker import Matcher
from matching.skills import SkillVocabulary
from matching.types import SeekerProfile, VacancyDoc
from models import Employer, User
from models.enums import Language, UserRole
from service.platform.db import get_db
from service.platform.security.keys import resolve_api_key
from service.usecases.indexing import LiveIndex, visible_seeker_ids

log = logging.getLogger("jumush.matcher")

MATCHER = "jumush.matcher"
READINESS = "jumush.matcher_readiness"

# What the warm-up encodes and ranks: each path a request takes (one query text, a
# vacancy's text and title in one batch, a seeker's views), in Russian, Kyrgyz and
# English, for several trades: in a forked worker, ranking them copies most of the shared
# pages a request writes to (1,500 instead of 1,900 page faults in each of the first 20
# requests at 100,000 vacancies) before a visitor waits for it.
PROBE_SEEKERS = tuple(
    SeekerProfile(id="warm-up", desired_position=title, skills=skills, region="bishkek")
    for title, skills in (
        ("швея", ("пошив", "оверлок")),
        ("водитель такси", ("категория B",)),
        ("ашпозчу", ("нан бышыруу",)),
        ("продавец-кассир", ("касса", "1С")),
        ("курулушчу", ("кладка",)),
        ("software developer", ("python", "sql")),
    )
)
PROBE_VACANCY = VacancyDoc(
    id="warm-up", title="Швея-мотористка", description="Пошив одежды", skills=("пошив",)
)

_warming = threading.Lock()


@dataclass
class Readiness:
    """Whether this process's matcher is ready, and where and when it got so."""

    # Serving under gunicorn: /readyz answers 503 until this process is warm.
    required: bool = False
    # Requests this process has begun (a forked worker starts from the master's 0).
    requests: int = 0
    # The process that loaded model and index (the master when preloaded) ...
    loaded_by: int | None = None
    # ... and the one that last ran the warm-up: a forked worker must run it itself.
    warm_pid: int | None = None
    requests_before_warm: int | None = None
    load_seconds: float | None = None
    warm_seconds: float | None = None
    # torch's thread count, kept while the master works on one thread (see warm_matcher).
    torch_threads: int | None = None
    error: str | None = None

    @property
    def warm(self) -> bool:
        """Return whether the warm-up ran in this very process."""
        return self.warm_pid == os.getpid()


def build_matcher(config: Mapping[str, Any]) -> LiveIndex:
    """Build this process's matcher from the settings (the model loads on first use)."""
    encoder = load_encoder(config.get("ENCODER") or DEFAULT_ENCODER)
    return LiveIndex(
        Matcher(
            encoder, vocabulary=OccupationVocabulary.default(), skills=SkillVocabulary.default()
        )
    )


def get_matcher(app: Flask) -> LiveIndex:
    """Return the process-wide matcher of `app`, building it on first use."""
    live: LiveIndex | None = app.extensions.get(MATCHER)
    if live is None:
        live = app.extensions.setdefault(MATCHER, build_matcher(app.config))
    return live


def readiness(app: Flask) -> Readiness:
    """Return the readiness record of `app`'s matcher in this process."""
    state: Readiness = app.extensions.setdefault(READINESS, Readiness())
    return state


def warm_matcher(app: Flask, *, before_fork: bool = False) -> Readiness:
    """Load model and index if not yet loaded, run every encoding path once, catch up.

    `before_fork`: this is the gunicorn master, whose workers will share what it loads.
    A process that has run an OpenMP team (torch on several threads) and then forks
    leaves its children hanging in their first parallel torch call, so the master runs
    torch on one thread and each worker restores the count (tests/http/test_serving.py).
    """
    state = readiness(app)
    state.required = True
    with _warming:
        started = time.monotonic()
        try:
            live: LiveIndex | None = app.extensions.get(MATCHER)
            loading = live is None
            if live is None:
                live = build_matcher(app.config)
            # One text on one thread, the query path: loads every model of the encoder.
            live.encoder.encode([PROBE_SEEKERS[0].desired_position])
            _set_torch_threads(state, single=before_fork)
            # Several texts in one batch, the path a new vacancy's text and title take.
            live.matcher.encode_vacancies([PROBE_VACANCY])
            with get_db(app).sessions() as session:
                live.sync(session)
            for probe in PROBE_SEEKERS:
                live.rank_vacancies(probe, 10)
            _warm_request_path(app, live)
            # Course recommendations read skills with their own vocabulary (~0.4 s to build).
            SkillVocabulary.default()
        except Exception as exc:
            state.error = type(exc).__name__
            raise
        finally:
            if before_fork:
                # The master's connections must not be shared with its children.
                get_db(app).engine.dispose()
        app.extensions.setdefault(MATCHER, live)
        seconds = round(time.monotonic() - started, 3)
        if loading:
            state.loaded_by, state.load_seconds = os.getpid(), seconds
        state.warm_pid, state.warm_seconds = os.getpid(), seconds
        state.requests_before_warm, state.error = state.requests, None
    log.info(
        "matcher warm",
        extra={"pid": os.getpid(), "seconds": seconds, "loaded": loading, "fork": before_fork},
    )
    return state


def _warm_request_path(app: Flask, live: LiveIndex) -> None:
    """Run, without writing anything, what a recommendation request runs around the
    ranking: its database statements (SQLAlchemy compiles each on first use, and some
    differ by the caller's role), the reasons said in every language (Babel reads a
    catalogue on first use) and the response schema. In the master the workers then
    share all of it; in a worker it copies the pages the first visitor would otherwise
    wait for (tests/http/api/test_warm_request_path.py, scripts/bench_warm.py)."""
    from service.i18n.reasons import explain
    from service.schemas.seekers import RecommendationsOut
    from service.usecases import clock
    from service.usecases.errors import NotFound
    from service.usecases.seekers import recommend_for_seeker

    with app.test_request_context(), get_db(app).sessions() as session:
        # What every API request authenticates with: the key lookup (no key is "warm-up")
        # and its owner's (no row has id 0).
        no_key = "warm-up"  # looked up to be not found, never a credential
        resolve_api_key(session=session, secret=no_key, now=clock.utcnow())
        session.get(User, 0)
        session.get(Employer, 0)
        seeker_id = _probe_seeker_id(session)
        if seeker_id is None:
            return
        # Transient callers, never added to the session: the reach query of each role.
        for user in (None, *(User(id=0, role=role, regions=[]) for role in UserRole)):
            try:
                ranked = recommend_for_seeker(
                    session=session,
                    matcher=live,
                    seeker_id=seeker_id,
                    limit=10,
                    today=clock.today(),
                    user=user,
                )
            except NotFound:
                continue
            for language in Language:
                RecommendationsOut().dump(explain(replace(ranked, lang=str(language))))


def _probe_seeker_id(session: Session) -> int | None:
    """Return the seeker the warm-up asks about: the first one shown to employers, whom
    every caller role may see, so that the successful path runs (a 404 would warm only
    the error path)."""
    first = visible_seeker_ids(session, limit=1)
    return first[0] if first else None


def warm_one_request(app: Flask) -> None:
    """Send one recommendation request through the whole WSGI stack.

    For a gunicorn worker that `warm_matcher` made ready, just before it accepts. What
    `_warm_request_path` runs is not all a request runs: routing (werkzeug compiles its
    URL map on the first match), the before/after hooks, the rate limiter (its storage
    connects on first use), argument parsing, the JSON response and its compression.
    Without this a forked worker's first request copied some 250 shared pages at 3,000
    vacancies that its next ones did not (benchmarks/RESULTS.md). The seeker is
    `_probe_seeker_id`'s. The caller is a transient staff user, set where
    `peek_principal` keeps the resolved caller, so no API key is looked up or touched.
    Nothing is stored but a hit on the rate limit of key id 0, which no key has, and
    /readyz does not count the request. Never run in the gunicorn master: a limiter thread
    or connection made there would be forked.
    """
    from service.platform.security.caller import PRINCIPAL_ENVIRON_KEY
    from service.platform.security.keys import Principal

    with get_db(app).sessions() as session:
        seeker_id = _probe_seeker_id(session)
    if seeker_id is None:
        return
    caller = Principal(api_key_id=0, user=User(id=0, role=UserRole.STAFF, regions=[], active=True))
    state = readiness(app)
    counted = state.requests
    try:
        response = app.test_client().get(
            f"/api/v1/seekers/{seeker_id}/recommendations?limit=10",
            headers={"X-Request-Id": "warm-up", "Accept-Encoding": "gzip"},
            environ_overrides={PRINCIPAL_ENVIRON_KEY: caller},
        )
    finally:
        state.requests = counted
    if response.status_code != 200:
        log.warning("warm-up request answered %d", response.status_code)


def _set_torch_threads(state: Readiness, *, single: bool) -> None:
    """Run torch on one thread before a fork; give a forked child its threads back."""
    torch = sys.modules.get("torch")
    if torch is None:  # an encoder without torch (the packaged USE, the tests' fake)
        return
    if single:
        state.torch_threads = state.torch_threads or torch.get_num_threads()
        torch.set_num_threads(1)
    elif state.torch_threads:
        torch.set_num_threads(state.torch_threads)


def matcher_status(app: Flask) -> dict[str, Any]:
    """Describe this process's matcher for /readyz (never loads anything)."""
    state = readiness(app)
    live: LiveIndex | None = app.extensions.get(MATCHER)
    return {
        "warm": state.warm,
        "required": state.required,
        "pid": os.getpid(),
        "loaded_by": state.loaded_by,
        "encoder": live.encoder.name if live is not None else None,
        "position": live.position if live is not None else None,
        "requests_before_warm": state.requests_before_warm,
        "load_seconds": state.load_seconds,
        "warm_seconds": state.warm_seconds,
        "error": state.error,
    }
