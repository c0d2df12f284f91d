"""Property tests of every page form, the seekers' and the staff's: any values in the
fields a page's form holds (any Unicode, texts at and over their limits, numbers that
are not numbers, choices that are not offered, repeated and unknown fields), posted as a
browser would with the page's CSRF token, are answered with a page or a redirect, never
a 500; and a refused form (4xx) leaves every record as it was.

The routes are read from the application's URL map (each POST route outside the API),
and each form's fields from the page that shows it, so a new form or field joins these
properties by itself; a new route fails test_every_page_form_is_fuzzed until ROUTES says
who posts it and which page holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from itertools import count
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from models import Base, Enrolment, Match
from service.api import PREFIX
from service.platform.db import get_db
from tests.http.api.conftest import make_user, register, seeker_body, vacancy_body
from tests.http.staff.conftest import PASSWORD, StaffBrowser, add_user
from tests.http.web.conftest import Visitor, registration
from tests.strategies import ANY_CHAR, long_text

pytestmark = pytest.mark.slow

# Hypothesis runs every example of a test in the one application the `app` fixture
# gives (a fresh database per test): the examples share it on purpose.
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Columns a refused form may still change: counting wrong passwords and codes is the
# point of a refusal (and a row's updated_at follows the count), and a visit is a visit.
SIGN_IN_COLUMNS = {
    "updated_at",
    "failed_logins",
    "locked_until",
    "last_active_at",
    "last_sign_in_at",
    "last_used_at",
    "totp_last_step",
}
# Derived or bookkeeping tables: what a refusal must not touch is in the others.
BOOKKEEPING = {"audit_events", "changes", "embeddings", "idempotent_responses"}
_phones = count(200_000)


@dataclass(frozen=True)
class Route:
    """Who posts a form and the page that holds it ({name} is a record's id)."""

    who: str  # anonymous, seeker, admin, code (password given, code not yet), enrolling
    page: str


ROUTES: dict[str, Route] = {
    "/register": Route("anonymous", "/register"),
    "/login": Route("anonymous", "/login"),
    "/logout": Route("seeker", "/me"),
    "/activate": Route("anonymous", "/activate"),
    "/me/courses": Route("seeker", "/me/courses"),
    "/me/courses/<enrolment_id>/leave": Route("seeker", "/me/courses"),
    "/me/applications": Route("seeker", "/vacancies/{vacancy_id}"),
    "/me/applications/<match_id>/withdraw": Route("seeker", "/me/applications"),
    "/me/found-job": Route("seeker", "/me/found-job"),
    "/me": Route("seeker", "/me"),
    "/me/delete": Route("seeker", "/me/delete"),
    "/staff/login": Route("anonymous", "/staff/login"),
    "/staff/login/code": Route("code", "/staff/login/code"),
    "/staff/login/enrol": Route("enrolling", "/staff/login/enrol"),
    "/staff/logout": Route("admin", "/staff"),
    "/staff/users/new": Route("admin", "/staff/users/new"),
    "/staff/users/<user_id>": Route("admin", "/staff/users/{user_id}"),
    "/staff/users/<user_id>/<action>": Route("admin", "/staff/users"),
    "/staff/courses/new": Route("admin", "/staff/courses/new"),
    "/staff/courses/<course_id>/edit": Route("admin", "/staff/courses/{course_id}/edit"),
    "/staff/courses/<course_id>/status": Route("admin", "/staff/courses/{course_id}"),
    "/staff/courses/<course_id>/enrolments": Route("admin", "/staff/courses/{course_id}"),
    "/staff/courses/<course_id>/enrolments/<enrolment_id>": Route(
        "admin", "/staff/courses/{course_id}"
    ),
    "/staff/seekers/new": Route("admin", "/staff/seekers/new"),
    "/staff/seekers/<seeker_id>/applications": Route("admin", "/staff/seekers/{seeker_id}"),
    "/staff/seekers/<seeker_id>/enrolments": Route("admin", "/staff/seekers/{seeker_id}"),
    "/staff/seekers/<seeker_id>/activation-code": Route("admin", "/staff/seekers/{seeker_id}"),
    "/staff/employers/<employer_id>/status": Route("admin", "/staff/employers/{employer_id}"),
    "/staff/employers/<employer_id>/matches/<match_id>": Route(
        "admin", "/staff/employers/{employer_id}"
    ),
}
# Complete answers for the forms a page shows empty, for answers() to change a few of.
BASES: dict[str, dict[str, Any]] = {
    "/register": registration(),
    "/staff/seekers/new": {
        **{k: v for k, v in registration().items() if k != "password"},
        "preferred_language": "ky",
    },
    "/login": {"phone": "0555 123 456", "password": "тоо жана суу 2024"},
    "/activate": {"code": "ABCD-EFGH", "password": "тоо жана суу 2024"},
    "/staff/login": {"email": "nobody@example.kg", "password": "жумуш берүүчү 2026"},
    "/staff/users/new": {"email": "new.staff@example.kg", "role": "staff"},
    "/staff/courses/new": {"title": "Швейное дело", "provider": "Лицей", "language": "ru"},
}
CONVERTER = re.compile(r"<(?:[^:>]+:)?(\w+)>")


def page_routes(app: Flask) -> set[str]:
    """Every POST route outside the API, its converters written as <name>."""
    return {
        CONVERTER.sub(r"<\1>", rule.rule)
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or set()) and not rule.rule.startswith(PREFIX)
    }


# --- reading a page's forms ------------------------------------------------------------


@dataclass
class Form:
    action: str
    # Each field's name with the values the page offers (choices, hidden values).
    fields: dict[str, list[str]] = field(default_factory=dict)
    # What the page has filled in or chosen: the answers a browser would send as they are.
    filled: dict[str, list[str]] = field(default_factory=dict)


class Forms(HTMLParser):
    """The POST forms of a page: their fields, the values offered, and those filled in."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            post = a.get("method", "get").lower() == "post"
            self._form = Form(a.get("action", "")) if post else None
            if self._form is not None:
                self.forms.append(self._form)
        form = self._form
        if form is None:
            return
        name, kind = a.get("name", ""), a.get("type", "text")
        if tag in {"input", "button"} and name:
            offered = form.fields.setdefault(name, [])
            if kind not in {"text", "tel", "email", "password", "number", "date", "url"}:
                offered.append(a.get("value", ""))
            checkable = kind in {"checkbox", "radio"}
            if (a.get("value") and not checkable and tag == "input") or "checked" in a:
                form.filled.setdefault(name, []).append(a.get("value", "on"))
        elif tag == "textarea" and name:
            form.fields.setdefault(name, [])
            self._textarea = name
        elif tag == "select" and name:
            self._select = name
            form.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            form.fields[self._select].append(a.get("value", ""))
            if "selected" in a:
                form.filled.setdefault(self._select, []).append(a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea and data.strip():
            self._form.filled.setdefault(self._textarea, []).append(data.strip("\n"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms_for(page: str, page_path: str, rule: str) -> Form:
    """The fields of the page's forms that post to `rule`, their offered values and what
    the page filled in (several such forms, one per row, are read as one)."""
    parser = Forms()
    parser.feed(page)
    literal = CONVERTER.split(rule)[::2]  # the text between the converters
    pattern = re.compile("^" + "[^/]+".join(map(re.escape, literal)) + r"([?#].*)?$")
    found = Form(rule)
    for form in parser.forms:
        # A form without an action posts to its own page.
        if pattern.match(form.action or page_path):
            for name, offered in form.fields.items():
                found.fields.setdefault(name, []).extend(offered)
            for name, filled in form.filled.items():
                found.filled.setdefault(name, filled)
    return found


# --- the world a form is posted in -------------------------------------------------------


def _api_records(app: Flask) -> dict[str, int]:
    """An employer's vacancy, a seeker, a course and an enrolment, and a match."""
    client = app.test_client()
    employer = register(client)
    admin = make_user(app, client, "admin")

    def created(caller: Any, path: str, body: dict[str, Any]) -> int:
        answer = caller.post(f"{PREFIX}{path}", json=body)
        assert answer.status_code == 201, answer.get_json()
        return int(answer.get_json()["id"])

    vacancy = created(employer, "/vacancies", vacancy_body())
    seeker = created(admin, "/seekers", seeker_body(phone=f"+996 700 {next(_phones)}"))
    course = created(
        admin,
        "/courses",
        {
            "title": "Швейное дело",
            "provider": "Лицей",
            "language": "ru",
            "starts_on": (date.today() + timedelta(days=10)).isoformat(),
        },
    )
    # A second course for the seeker's page to offer (they enrol in the first).
    created(admin, "/courses", {"title": "Оверлок", "provider": "Лицей", "language": "ky"})
    return {
        "employer_id": employer.id or 0,
        "vacancy_id": vacancy,
        "seeker_id": seeker,
        "course_id": course,
        "match_id": created(admin, "/matches", {"vacancy_id": vacancy, "seeker_id": seeker}),
        "enrolment_id": created(admin, "/enrolments", {"course_id": course, "seeker_id": seeker}),
        "user_id": add_user(app, "staff"),
    }


def _signed_in_seeker(app: Flask, ids: dict[str, int]) -> tuple[Visitor, dict[str, int]]:
    """A seeker registered on the pages, who applied to the vacancy and enrolled in the
    course (so that the withdraw and leave forms are on their pages)."""
    seeker = Visitor(app.test_client())
    answer = seeker.send("/register", registration(phone=f"0555 {next(_phones)}"))
    assert answer.status_code == 302, seeker.last
    form = f"/vacancies/{ids['vacancy_id']}"
    applied = seeker.send("/me/applications", {"vacancy_id": ids["vacancy_id"]}, form=form)
    assert applied.status_code == 302, seeker.last
    enrolled = seeker.send("/me/courses", {"course_id": ids["course_id"]}, form="/me/courses")
    assert enrolled.status_code == 302, seeker.last
    with get_db(app).sessions() as session:
        match = session.scalars(select(Match).order_by(Match.id.desc())).first()
        enrolment = session.scalars(select(Enrolment).order_by(Enrolment.id.desc())).first()
        assert match is not None and enrolment is not None
        return seeker, {**ids, "match_id": match.id, "enrolment_id": enrolment.id}


def _staff_browser(app: Flask, who: str) -> StaffBrowser:
    """An admin signed in, or one who gave the password and must now give a code."""
    email = f"{who}{next(_phones)}@example.kg"
    user_id = add_user(app, "admin", email=email)
    browser = StaffBrowser(app.test_client(), email=email, user_id=user_id)
    if who == "enrolling":
        answer = browser.send("/staff/login", {"email": email, "password": PASSWORD})
        assert answer.headers["Location"].endswith("/staff/login/enrol")
        return browser
    browser.sign_in()
    if who == "code":
        browser.sign_out()
        answer = browser.send("/staff/login", {"email": email, "password": PASSWORD})
        assert answer.headers["Location"].endswith("/staff/login/code")
    return browser


def snapshot(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Every record but sign-in counters and bookkeeping, to compare before and after."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with get_db(app).sessions() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in BOOKKEEPING:
                continue
            columns = [c for c in table.columns if c.name not in SIGN_IN_COLUMNS]
            rows = session.execute(select(*columns).order_by(*table.primary_key.columns))
            out[table.name] = [tuple(map(repr, row)) for row in rows]
    return out


# --- values people (and robots) type ------------------------------------------------------

NUMBERISH = st.sampled_from(
    ["0", "-1", "1e9", "99999999999999999999", "1.5", "١٢٣", "²", "0x10", "NaN", " 7 ", "1 500,50"]
)
DATES = st.sampled_from(["2024-02-30", "0001-01-01", "9999-12-31", "2026-13-01", "yesterday"])


def values(offered: list[str]) -> st.SearchStrategy[Any]:
    """Any value for a field: one it offers, any text, a long one, one that looks like a
    number or a date, or several at once."""
    one = st.one_of(
        st.text(ANY_CHAR, max_size=40),
        long_text(),
        NUMBERISH,
        DATES,
        *([st.sampled_from(offered)] if offered else []),
    )
    return one | st.lists(one, min_size=2, max_size=3)


def answers(form: Form, base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Answers to a form: any of its fields with any values and unknown fields too; or
    what the page filled in (or a complete, valid `base`) with a few answers changed, so
    that the checks after the schema's are reached as well."""
    names = {n: values(o) for n, o in form.fields.items() if n != "csrf_token"}
    extra = st.dictionaries(st.text(ANY_CHAR, min_size=1, max_size=10), values([]), max_size=2)
    anything = st.tuples(st.fixed_dictionaries({}, optional=names), extra).map(
        lambda t: {**t[1], **t[0]}
    )
    filled = {n: v if len(v) > 1 else v[0] for n, v in form.filled.items() if n != "csrf_token"}
    start = {**filled, **base}
    if not names:
        return anything
    changed = st.dictionaries(st.sampled_from(sorted(names)), st.just(None), max_size=3).flatmap(
        lambda picked: st.fixed_dictionaries({n: names[n] for n in picked})
    )
    return anything | changed.map(lambda c: {**start, **c})


# --- the properties ------------------------------------------------------------------------


def test_every_page_form_is_fuzzed(app: Flask) -> None:
    """Each POST route of the pages has a poster and a page in ROUTES."""
    assert page_routes(app) == set(ROUTES)


@pytest.fixture
def records(app: Flask) -> dict[str, int]:
    return _api_records(app)


@pytest.mark.parametrize("rule", sorted(ROUTES))
def test_any_answers_to_a_form_are_a_page_or_a_redirect(
    app: Flask, records: dict[str, int], rule: str
) -> None:
    """Any answers to the form are a page (re-rendered with the fields marked) or a
    redirect, never a 500; a refused form changes no record."""
    route = ROUTES[rule]
    ids = dict(records)
    browser: Visitor | None = None
    if route.who == "seeker":
        browser, ids = _signed_in_seeker(app, ids)
    elif route.who in {"admin", "code", "enrolling"}:
        browser = _staff_browser(app, route.who)
    page_path = route.page.format(**ids)
    reader = browser or Visitor(app.test_client())
    form = forms_for(reader.get(page_path).get_data(as_text=True), page_path, rule)
    assert form.fields, f"no form posting to {rule} on {page_path}"
    # A signed-in browser keeps its session, and so its CSRF token, for every example.
    token = browser.token(page_path) if browser else ""
    choices = _choices(app, rule)

    @EXAMPLES
    @given(data=answers(form, BASES.get(rule, {})), choice=st.sampled_from(choices))
    def posted(data: dict[str, Any], choice: str) -> None:
        poster = browser or Visitor(app.test_client())
        path = CONVERTER.sub(lambda m: str(ids.get(m.group(1), choice)), rule)
        before = snapshot(app)
        answer = poster.client.post(
            path, data={"csrf_token": token or poster.token(page_path), **data}
        )
        what = f"{path} {data!r}"[:600]
        event(f"status {answer.status_code}")
        assert answer.status_code < 500, (what, answer.status_code)
        if answer.status_code not in {301, 302, 303}:
            assert answer.mimetype == "text/html", what
        if answer.status_code >= 400:
            after = snapshot(app)
            changed = {t: set(after[t]) ^ set(before[t]) for t in after if after[t] != before[t]}
            assert not changed, f"{what}: a refused form changed records: {changed}"

    posted()


def _choices(app: Flask, rule: str) -> list[str]:
    """The values an any(...) converter of the rule takes (one placeholder if none)."""
    for url_rule in app.url_map.iter_rules():
        if CONVERTER.sub(r"<\1>", url_rule.rule) == rule:
            found = re.search(r"any\(([^)]*)\)", url_rule.rule)
            if found:
                return [c.strip().strip('"') for c in found.group(1).split(",")]
    return ["-"]
