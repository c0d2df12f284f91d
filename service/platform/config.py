"""Settings: defaults, then environment variables, then the dict a caller passes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

DEFAULT_SECRET_KEY = "dev-only-not-secret"  # nosec B105  # production refuses it (below)

# Every setting, its default and what it is for; README.md documents the same list.
DEFAULTS: dict[str, Any] = {
    # "development" or "production"; production refuses the default SECRET_KEY.
    "ENV": "development",
    "SECRET_KEY": DEFAULT_SECRET_KEY,
    # Empty means the embedded SQLite file instance/jumush.db.
    "DATABASE_URL": "",
    # Log SQL statements (development only).
    "SQL_ECHO": False,
    # Sentence encoder for the matcher: a packaged spec or any sentence-transformers
    # model name or local path (no hub downloads at run time); empty: the benchmarked default.
    "ENCODER": "",
    # Youth age bands, inclusive: by Kyrgyz law (Law No. 157 of 2023, 14-35), and the
    # UN's (15-24); the dashboard reports both.
    "YOUTH_AGE_MIN": 14,
    "YOUTH_AGE_MAX": 35,
    "UN_YOUTH_AGE_MIN": 15,
    "UN_YOUTH_AGE_MAX": 24,
    # Flask-Limiter storage, shared by every gunicorn worker and machine: redis://host:6379.
    # Empty: memory:// in development; production refuses to start without one, because
    # memory:// counts in each worker apart (4 workers allow 4 times the sign-in attempts).
    # memory:// set on purpose is accepted (one worker alone).
    "RATELIMIT_STORAGE_URI": "",
    # Start of every rate-limit key in that storage: deployments sharing one Redis apart.
    "RATELIMIT_KEY_PREFIX": "jumush",
    "RATELIMIT_DEFAULT": "300 per minute",
    # Employer registration needs no key, so it is limited per address on its own.
    "RATELIMIT_REGISTRATION": "20 per hour",
    # Largest request body accepted, in bytes.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "LOG_LEVEL": "INFO",
    # Language used when the request does not say which (ky, ru, uz or en).
    "DEFAULT_LOCALE": "ru",
    # Server-side sessions (Flask-Session): empty keeps them in files under
    # instance/sessions (one machine, any number of workers); redis://host:6379 for several.
    "SESSION_STORAGE_URI": "",
    # Where sessions go while that Redis does not answer: empty means instance/sessions.
    "SESSION_FALLBACK_FOLDER": "",
    # A seeker stays signed in this long without a visit.
    "SESSION_LIFETIME_HOURS": 12,
    # A form may be sent this long after it was shown: a registration done slowly, with a
    # social worker and a bad connection, must not fail on an expired token.
    "CSRF_TIME_LIMIT_HOURS": 8,
    # Per address: sign-in and activation attempts, and seekers' registrations (a social
    # worker's office registers many people from one address).
    "RATELIMIT_SIGN_IN": "30 per minute",
    "RATELIMIT_SEEKER_REGISTRATION": "120 per hour",
    # SQLite busy timeout in milliseconds (several gunicorn workers share one file).
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    # Under gunicorn (service/platform/gunicorn_conf.py): load the matcher's models and
    # index once in the master before it forks, so that the workers share one copy; false:
    # each worker loads its own. Either way a worker is warm before it takes traffic.
    "PRELOAD": True,
    # `jumush retention`: a seeker inactive this many days is given notice, and
    # anonymised when this many more pass without activity (the programme sets both).
    "RETENTION_INACTIVE_DAYS": 365,
    "RETENTION_NOTICE_DAYS": 30,
}

# Read without the JUMUSH_ prefix because every hosting platform names it so.
UNPREFIXED = {"DATABASE_URL"}


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw


def load_config(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return the settings: defaults, then JUMUSH_* / DATABASE_URL, then overrides."""
    env = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for name, default in DEFAULTS.items():
        key = name if name in UNPREFIXED else f"JUMUSH_{name}"
        if key in env:
            try:
                config[name] = _coerce(env[key], default)
            except ValueError as exc:
                raise ConfigError(f"{key}={env[key]!r} is not a valid value") from exc
    config.update(overrides or {})
    if config["ENV"] == "production" and config["SECRET_KEY"] == DEFAULT_SECRET_KEY:
        raise ConfigError("JUMUSH_SECRET_KEY must be set in production")
    if not config["RATELIMIT_STORAGE_URI"]:
        if config["ENV"] == "production":
            raise ConfigError(
                "JUMUSH_RATELIMIT_STORAGE_URI must be set in production: redis://host:6379, "
                "shared by every worker (memory:// counts in each worker apart)"
            )
        config["RATELIMIT_STORAGE_URI"] = "memory://"
    return config


class ConfigError(RuntimeError):
    """Settings that the service cannot start with."""
