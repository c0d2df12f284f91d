"""Rate limits: per API key for authenticated callers, per address for everyone else."""

from __future__ import annotations

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from service.platform.security.caller import peek_principal


def rate_limit_key() -> str:
    """Return the bucket a request counts against: its key's id, else its address."""
    principal = peek_principal()
    if principal is not None:
        return f"key:{principal.api_key_id}"
    return f"addr:{get_remote_address()}"


def _registration_limit() -> str:
    return str(current_app.config["RATELIMIT_REGISTRATION"])


# Endpoints with a limit of their own on top of RATELIMIT_DEFAULT: registration is
# anonymous, so a tighter limit per address keeps sign-up spam down.
ROUTE_LIMITS = {"employers.register": _registration_limit}


def init_rate_limits(app: Flask) -> Limiter:
    """Attach a limiter (settings RATELIMIT_*); a refused request answers 429 + Retry-After.

    Call after the blueprints are registered. Each app gets its own limiter: Flask-Limiter
    keeps settings on the instance, so one shared object would mix apps' settings.
    """
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter = Limiter(key_func=rate_limit_key)
    limiter.init_app(app)
    for endpoint, limit in ROUTE_LIMITS.items():
        # The limiter checks decorated limits inside the wrapper, so the view is replaced.
        limited = limiter.limit(limit)(app.view_functions[endpoint])
        app.view_functions[endpoint] = limited  # type: ignore[assignment]
    from service.platform import health

    # Load balancers poll the probes every few seconds; they must never be refused.
    limiter.exempt(health.bp)
    app.extensions["jumush.limiter"] = limiter
    return limiter
