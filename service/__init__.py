"""The Jumush web service: `create_app(config)` builds a configured Flask application."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from service import changes as _changes  # noqa: F401  (registers the listener)
from service.config import load_config
from service.db import Database, database_url
from service.errors import init_errors
from service.i18n import init_i18n
from service.request_log import configure_logging, init_request_log


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: defaults, then environment, then `config`."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_config(config))
    configure_logging(app.config["LOG_LEVEL"])

    url = database_url(app.config, app.instance_path)
    Database(
        url, echo=app.config["SQL_ECHO"], busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"]
    ).init_app(app)

    init_i18n(app)
    init_errors(app)
    init_request_log(app)

    from service import health, web

    app.register_blueprint(health.bp)
    app.register_blueprint(web.bp)

    from service.api import init_api

    init_api(app)
    return app
