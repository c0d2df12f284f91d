"""gunicorn's settings and hooks: every worker has its matcher warm before it takes traffic.

Used by `jumush serve`, the Dockerfile and the README's production command alike:

    gunicorn -c python:service.platform.gunicorn_conf 'service:create_app()'

With JUMUSH_PRELOAD true (the default) the master builds the application, loads the
encoder's models and the index and runs them once before it listens, then forks: the
workers share that memory copy-on-write (scripts/bench_warm.py measures it). Each
worker then runs the warm-up again in itself before its first request (its own
database connections and torch threads, and the changes made since the master loaded).
With JUMUSH_PRELOAD false each worker loads everything itself, still before it accepts.
Command-line flags (--bind, --workers) override what is set here.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

import matching  # noqa: F401  (sets the BLAS/OpenMP thread policy before numpy or torch load)
from service.platform.config import load_config

preload_app = bool(load_config()["PRELOAD"])
bind = ["127.0.0.1:8000"]
workers = 2
# gunicorn's largest request line (its default, 4094, answers longer ones with its own
# HTML page): the application itself refuses targets over MAX_URL_LENGTH with a 414 in
# the service's error shape. 0 would mean unlimited; 8190 keeps a bound.
limit_request_line = 8190
# No gunicorn access log: its request lines carry query strings, which may hold personal
# data; the app logs one JSON line per request without them.
accesslog = None


def when_ready(server: Any) -> None:
    """Say so when each worker would count rate limits apart (memory:// storage)."""
    storage = str(load_config()["RATELIMIT_STORAGE_URI"])
    if server.cfg.workers > 1 and storage.startswith("memory://"):
        server.log.warning(
            "rate limits are counted in memory by each of the %d workers apart, so each "
            "limit (sign-in attempts too) lets through %d times as many: set "
            "JUMUSH_RATELIMIT_STORAGE_URI=redis://host:6379",
            server.cfg.workers,
            server.cfg.workers,
        )


def on_starting(server: Any) -> None:
    """Warm the preloaded application in the master, before it listens or forks."""
    if not server.cfg.preload_app:
        return
    from service.platform.matcher import warm_matcher

    app = server.app.wsgi()
    try:
        state = warm_matcher(app, before_fork=True)
    except Exception:
        # Not fatal: each worker tries again before it takes traffic (post_worker_init).
        server.log.exception("matcher warm-up in the master failed")
        return
    # Objects that live as long as the master are left out of every later collection, so
    # that a worker's garbage collector does not write to (and so copy) the pages it shares.
    gc.collect()
    gc.freeze()
    server.log.info("matcher loaded in the master in %.1f s", state.load_seconds or 0.0)


def post_fork(server: Any, worker: Any) -> None:
    """Give a forked worker database connections of its own."""
    if server.cfg.preload_app:
        from service.platform.db import get_db

        # The master disposed of its pool before forking; close=False never touches a
        # connection the master might still hold.
        get_db(server.app.wsgi()).engine.dispose(close=False)


def post_worker_init(worker: Any) -> None:
    """Warm this worker's matcher, then its request path, before its first connection."""
    from service.platform.matcher import warm_matcher, warm_one_request

    # gunicorn kills a worker silent for `timeout` seconds: loading a large index is not
    # being stuck, so keep telling the master this worker is alive.
    done = threading.Event()

    def heartbeat() -> None:
        while not done.wait(max(1.0, worker.timeout / 4)):
            worker.notify()

    beating = threading.Thread(target=heartbeat, name="warm-up heartbeat", daemon=True)
    beating.start()
    started = time.monotonic()
    try:
        warm_matcher(worker.wsgi)
    except Exception:
        # The worker still serves; its /readyz answers 503 and tries again.
        worker.log.exception("matcher warm-up in worker %s failed", worker.pid)
    else:
        worker.log.info("worker %s warm in %.1f s", worker.pid, time.monotonic() - started)
        # Then one request through the whole stack, as the first visitor's would go. Only
        # once warm_matcher has returned: before that a worker loading its own copy has
        # not registered its matcher, and the request loaded a second one.
        try:
            warm_one_request(worker.wsgi)
        except Exception:
            worker.log.exception("warm-up request in worker %s failed", worker.pid)
    finally:
        done.set()
        beating.join()
