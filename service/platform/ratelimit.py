"""Rate limits: per API key for authenticated callers, per address for everyone else."""

from __future__ import annotations

from collections.abc import Callable

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


def _setting(name: str) -> Callable[[], str]:
    return lambda: str(current_app.config[name])


# Endpoints with a limit of their own on top of RATELIMIT_DEFAULT, per address, on the
# methods that act: registration is anonymous, so tighter limits keep sign-up spam
# down, and sign-in attempts are limited per address as well as per account.
ROUTE_LIMITS: dict[str, tuple[Callable[[], str], tuple[str, ...] | None]] = {
    "employers.register": (_setting("RATELIMIT_REGISTRATION"), None),
    "web.register": (_setting("RATELIMIT_SEEKER_REGISTRATION"), ("POST",)),
    "web.login": (_setting("RATELIMIT_SIGN_IN"), ("POST",)),
    "web.activate_account": (_setting("RATELIMIT_SIGN_IN"), ("POST",)),
    "staff.login": (_setting("RATELIMIT_SIGN_IN"), ("POST",)),
    "staff.code": (_setting("RATELIMIT_SIGN_IN"), ("POST",)),
    "staff.enrol": (_setting("RATELIMIT_SIGN_IN"), ("POST",)),
}


def init_rate_limits(app: Flask) -> Limiter:
    """Attach a limiter (settings RATELIMIT_*); a refused request answers 429 + Retry-After.

    Call after the blueprints are registered. Each app gets its own limiter: Flask-Limiter
    keeps settings on the instance, so one shared object would mix apps' settings.
    """
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # A storage that stops answering (Redis down) must neither fail every request with a
    # 500 nor let everything through: each process counts the same limits in its own
    # memory, logs a warning ("falling back to in-memory storage") and goes back to the
    # storage once it answers again (Flask-Limiter retries after 1, 2, 4 ... s).
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    if str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith(("redis", "rediss")):
        # A Redis that hangs instead of refusing would hold each request for as long as
        # the operating system waits: give up after a second and fall back.
        app.config.setdefault(
            "RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 1, "socket_timeout": 1}
        )
    limiter = Limiter(key_func=rate_limit_key)
    limiter.init_app(app)
    for endpoint, (limit, methods) in ROUTE_LIMITS.items():
        # The limiter checks decorated limits inside the wrapper, so the view is replaced.
        methods_list = list(methods) if methods else None
        limited = limiter.limit(limit, methods=methods_list)(app.view_functions[endpoint])
        app.view_functions[endpoint] = limited  # type: ignore[assignment]
    from service.platform import health

    # Load balancers poll the probes every few seconds; they must never be refused.
    limiter.exempt(health.bp)
    app.extensions["jumush.limiter"] = limiter
    return limiter
