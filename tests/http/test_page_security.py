"""The pages' defences taken together, over every route the application has: CSRF on
every form (a new form without it fails here), security headers on pages and API answers,
cookie flags in production, and sessions that end everywhere when told to."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from models import Base, Seeker
from service import create_app
from service.platform.db import get_db
from service.platform.migrate import upgrade
from tests.http.api.conftest import register
from tests.http.staff.conftest import PASSWORD, StaffBrowser, add_user
from tests.http.web.conftest import Visitor, registration
from tests.support import TEST_CONFIG

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
EXPIRED_FORM = "This form has expired or was sent from another page."
# What a form might carry: enough for most forms to act if their token were not checked.
FORM_DATA = {
    **registration(phone="0555 987 654"),
    "email": "new.user@example.kg",
    "role": "staff",
    "active": "yes",
    "code": "123456",
    "title": "Тигүү курсу",
    "provider": "Кесиптик лицей",
    "status": "closed",
    "vacancy_id": "1",
    "course_id": "1",
    "seeker_id": "1",
    "through": "elsewhere",
}


def page_routes(app: Flask) -> list[tuple[Rule, str]]:
    """Every (rule, method) outside the API that can change something."""
    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith("/api/") and rule.endpoint != "static"
        for method in sorted((rule.methods or set()) - SAFE_METHODS)
    ]


def sample_path(app: Flask, rule: Rule) -> str:
    """Build the rule's path with a value for each part (id 1, the first of a choice)."""
    values: dict[str, Any] = {}
    for name in rule.arguments:
        converter = rule._converters[name]  # werkzeug keeps them only there
        items = getattr(converter, "items", None)
        if items:
            values[name] = sorted(items)[0]
        elif type(converter).__name__ in {"IntegerConverter", "NumberConverter"}:
            values[name] = 1
        elif type(converter).__name__ in {"UnicodeConverter", "PathConverter"}:
            values[name] = "x"
        else:
            raise AssertionError(f"{rule.rule}: give this test a sample for {converter!r}")
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, values)


def database_digest(app: Flask) -> str:
    """Hash every row of every table, to tell whether anything was written."""
    digest = hashlib.sha256()
    with get_db(app).sessions() as session:
        for table in Base.metadata.sorted_tables:
            rows = sorted(repr(tuple(row)) for row in session.execute(select(table)))
            digest.update(f"{table.name}:{rows}".encode())
    return digest.hexdigest()


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    """The test app with CSRF checking on, whatever TEST_CONFIG says."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


class Browsers:
    """A signed-in seeker, a signed-in admin, a visitor, and a real token of a stranger."""

    def __init__(self, app: Flask) -> None:
        self.seeker = Visitor(app.test_client())
        assert self.seeker.send("/register", registration()).status_code == 302
        admin_id = add_user(app, "admin")
        self.admin = StaffBrowser(app.test_client(), email=_email(app, admin_id), user_id=admin_id)
        self.admin.sign_in()
        self.anonymous = Visitor(app.test_client())
        # A real token, of another browser's session.
        self.foreign_token = Visitor(app.test_client()).token("/register")


def unguarded_forms(app: Flask, browsers: Browsers) -> list[str]:
    """Send every page route that can change something without a valid CSRF token (none,
    another session's, a made-up one; signed in and not) and return those that did not
    answer with the 400 "expired form" page."""
    failures = []
    for rule, method in page_routes(app):
        path = sample_path(app, rule)
        own = browsers.admin if rule.endpoint.startswith("staff.") else browsers.seeker
        for who, token in (
            (own, None),
            (own, browsers.foreign_token),
            (own, "not-a-token"),
            (browsers.anonymous, None),
        ):
            data = dict(FORM_DATA) if token is None else {**FORM_DATA, "csrf_token": token}
            answer = who.client.open(f"{path}?lang=en", method=method, data=data)
            refused = (
                answer.status_code == 400
                and answer.mimetype == "text/html"
                and EXPIRED_FORM in answer.get_data(as_text=True)
            )
            if not refused:
                failures.append(f"{method} {path} ({token=}): {answer.status_code}")
    return failures


def test_every_form_refuses_a_post_without_its_csrf_token_and_writes_nothing(
    csrf_app: Flask,
) -> None:
    app = csrf_app
    # The forms this test knows exist; a new one joins the sweep by itself.
    endpoints = {rule.endpoint for rule, _ in page_routes(app)}
    assert {"web.register", "web.logout", "web.delete", "staff.login", "staff.user"} <= endpoints
    browsers = Browsers(app)
    before = database_digest(app)
    assert unguarded_forms(app, browsers) == []
    assert database_digest(app) == before, "a refused form wrote to the database"
    # Sign-out and deletion without a token did nothing: both are still signed in.
    assert browsers.seeker.get("/me").status_code == 200
    assert browsers.admin.get("/staff").status_code == 200


def test_a_new_form_that_skips_the_check_is_caught_by_the_sweep(csrf_app: Flask) -> None:
    from flask import Blueprint

    feedback = Blueprint("feedback", __name__)

    @feedback.route("/feedback", methods=["GET", "POST", "PUT"])
    def leave_feedback() -> str:
        return "thank you"

    csrf_app.register_blueprint(feedback)
    caught = unguarded_forms(csrf_app, Browsers(csrf_app))
    assert len(caught) == 8 and all("/feedback" in line for line in caught), caught


def test_the_pages_check_every_method_that_can_change_something(csrf_app: Flask) -> None:
    # A route of the seekers' or the staff's pages runs their blueprint's check, whatever
    # its method: a PUT is refused without a token as a POST is.
    for endpoint in ("web.nickname", "staff.nickname"):
        prefix = "/staff" if endpoint.startswith("staff") else "/me"
        csrf_app.add_url_rule(
            f"{prefix}/nickname", endpoint, lambda: "changed", methods=["PUT", "DELETE"]
        )
    caught = unguarded_forms(csrf_app, Browsers(csrf_app))
    assert caught == []


def _email(app: Flask, user_id: int) -> str:
    from models import User

    with get_db(app).sessions() as session:
        user = session.get(User, user_id)
        assert user is not None
        return user.email


def test_pages_errors_and_api_answers_all_carry_the_security_headers(
    app: Flask, client: Any
) -> None:
    employer = register(client)
    answers = {
        "page": client.get("/vacancies"),
        "staff page": client.get("/staff/login"),
        "missing page": client.get("/no-such-page"),
        "refused form": client.post("/login", data={"phone": "0555000000"}),
        "API list": employer.get("/api/v1/vacancies"),
        "API refusal": client.get("/api/v1/vacancies"),
        "API missing": employer.get("/api/v1/vacancies/999999"),
        "API document": client.get("/api/v1/openapi.json"),
        "API docs": client.get("/api/v1/docs/"),
        "probe": client.get("/healthz"),
    }
    for name, answer in answers.items():
        headers = answer.headers
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["X-Frame-Options"] == "DENY", name
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy, name
        if name != "API docs":  # Swagger UI starts itself with an inline script
            assert "unsafe-inline" not in policy, name
        assert "Strict-Transport-Security" not in headers, name  # only in production
    assert answers["staff page"].headers["Cache-Control"] == "no-store"


@pytest.fixture
def production(tmp_path: Path) -> Iterator[Flask]:
    """A production app served over HTTPS (its own SQLite file and sessions)."""
    app = create_app(
        {
            **TEST_CONFIG,
            "ENV": "production",
            "SECRET_KEY": "p" * 40,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}",
            "SESSION_STORAGE_URI": str(tmp_path / "sessions"),
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    upgrade(get_db(app).engine)
    yield app
    get_db(app).engine.dispose()


def test_production_session_cookies_are_secure_http_only_and_same_site(production: Flask) -> None:
    https = {"base_url": "https://jumush.example"}
    seeker = Visitor(production.test_client())
    seeker.client.get("/register", **https)
    body = {"csrf_token": _token(seeker, "/register", https), **registration()}
    answer = seeker.client.post("/register", data=body, headers=_same_origin(), **https)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    staff_id = add_user(production, "viewer")
    staff = StaffBrowser(production.test_client(), user_id=staff_id)
    body = {
        "csrf_token": _token(staff, "/staff/login", https),
        "email": _email(production, staff_id),
        "password": PASSWORD,
    }
    signed = staff.client.post("/staff/login", data=body, headers=_same_origin(), **https)
    assert signed.status_code == 302, signed.get_data(as_text=True)[:500]
    for name, response in (("seeker", answer), ("staff", signed)):
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("jumush_session="), name
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"secure", "httponly", "samesite=lax"} <= flags, (name, cookie)
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"], name


def test_production_refuses_a_form_posted_from_another_site_even_with_its_token(
    production: Flask,
) -> None:
    https = {"base_url": "https://jumush.example"}
    visitor = Visitor(production.test_client())
    token = _token(visitor, "/login", https)
    body = {"csrf_token": token, "phone": "0555123456", "password": "x" * 12}
    elsewhere = {"Referer": "https://evil.example/login"}
    refused = visitor.client.post("/login", data=body, headers=elsewhere, **https)
    assert refused.status_code == 400
    accepted = visitor.client.post("/login", data=body, headers=_same_origin(), **https)
    assert accepted.status_code == 422  # the form was read: a wrong password, not a refusal


def _token(visitor: Visitor, path: str, https: dict[str, str]) -> str:
    from tests.http.web.conftest import TOKEN

    page = visitor.client.get(path, **https).get_data(as_text=True)
    found = TOKEN.search(page)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def _same_origin() -> dict[str, str]:
    return {"Referer": "https://jumush.example/"}


def test_ending_a_users_sessions_signs_out_every_browser_of_theirs(app: Flask) -> None:
    # A viewer signs in with the password alone, so one person can sign in three times
    # within one TOTP step; the session version that ends the sessions is every role's.
    user_id = add_user(app, "viewer")
    email = _email(app, user_id)
    laptop = StaffBrowser(app.test_client(), email=email, user_id=user_id)
    laptop.sign_in()
    phone = StaffBrowser(app.test_client(), email=email, user_id=user_id)
    phone.sign_in()
    assert laptop.get("/staff").status_code == phone.get("/staff").status_code == 200
    admin_id = add_user(app, "admin")
    admin = StaffBrowser(app.test_client(), email=_email(app, admin_id), user_id=admin_id)
    admin.sign_in()

    ended = admin.send(f"/staff/users/{user_id}/end-sessions", {}, form="/staff/users")
    assert ended.status_code == 302
    for browser in (laptop, phone):
        answer = browser.get("/staff")
        assert answer.status_code == 302 and "/staff/login" in answer.headers["Location"]
    assert admin.get("/staff").status_code == 200  # only that user's sessions ended
    laptop.sign_in()  # and they may sign in again
    assert laptop.get("/staff").status_code == 200


def test_ending_a_seekers_sessions_signs_out_every_phone_of_theirs(
    app: Flask, runner: Any, session: Session
) -> None:
    own, borrowed = Visitor(app.test_client()), Visitor(app.test_client())
    own.send("/register", registration())
    borrowed.send("/login", {"phone": "0555123456", "password": registration()["password"]})
    assert own.get("/me").status_code == borrowed.get("/me").status_code == 200
    [seeker] = session.scalars(select(Seeker)).all()
    other = Visitor(app.test_client())
    other.send("/register", registration(phone="0555 000 777"))

    result = runner.invoke("end-seeker-sessions", str(seeker.id))
    assert result.exit_code == 0, result.output
    for browser in (own, borrowed):
        assert browser.get("/me").status_code == 302
    assert other.get("/me").status_code == 200
