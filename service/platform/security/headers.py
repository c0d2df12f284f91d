"""Security headers on every answer: a strict CSP for pages, no framing, no sniffing."""

from __future__ import annotations

from flask import Flask, Response, request

# No inline script or style anywhere, nothing from another host.
PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)
# Swagger UI (served from the swagger-ui-bundle package) starts itself with an inline script.
DOCS_POLICY = PAGE_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
DOCS_PATH = "/api/v1/docs"


def init_security_headers(app: Flask) -> None:
    """Add the headers after every request."""
    production = app.config["ENV"] == "production"

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        policy = DOCS_POLICY if request.path.startswith(DOCS_PATH) else PAGE_POLICY
        headers.setdefault("Content-Security-Policy", policy)
        if production:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
