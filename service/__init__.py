"""The Jumush web service: `create_app(config)` builds a configured Flask application.

Flask is imported inside the factory, so that importing a use-case (`service.usecases`)
never loads Flask: commands, workers and tests use them without an application.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: defaults, then environment, then `config`."""
    from flask import Flask
    from flask_compress import Compress

    from service.i18n import init_i18n
    from service.platform.config import load_config
    from service.platform.db import Database, database_url
    from service.platform.errors import init_errors
    from service.platform.request_log import configure_logging, init_request_log
    from service.platform.security.headers import init_security_headers
    from service.platform.sessions import init_sessions

    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_config(config))
    configure_logging(app.config["LOG_LEVEL"])

    url = database_url(app.config, app.instance_path)
    Database(
        url, echo=app.config["SQL_ECHO"], busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"]
    ).init_app(app)

    init_i18n(app)
    # The request log first: every answer, a refusal by init_errors' hooks too, has an id.
    init_request_log(app)
    init_errors(app)
    init_sessions(app)
    init_security_headers(app)
    # Compressed JSON, CSS and scripts: a fifth of the bytes on slow mobile links. Pages
    # stay uncompressed: they carry CSRF tokens beside reflected input (BREACH).
    app.config.setdefault(
        "COMPRESS_MIMETYPES", ["application/json", "text/css", "application/javascript"]
    )
    # gzip, which every HTTP client decodes (zstd and brotli need extra libraries in many).
    app.config.setdefault("COMPRESS_ALGORITHM", ["gzip"])
    Compress(app)

    # The audiences are leaves: only this factory (and the command line) imports them.
    from service import staff, web
    from service.api import init_api
    from service.platform import health

    app.register_blueprint(health.bp)
    app.register_blueprint(web.bp)
    app.register_blueprint(staff.bp)
    init_api(app)
    return app
