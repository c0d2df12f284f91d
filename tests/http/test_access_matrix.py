"""Who may do what: every route the app registers × every kind of caller → the answer.

ROWS below is the table. Each row is a method, a path and the answer each of ten callers
gets: nobody signed in, seekers A and B (signed in on the seekers' pages), employers A and
B (API keys), a partner organisation, a viewer, staff limited to Osh, staff and an admin
(signed in on the staff pages, and each sending their API token too). The records belong
to employer A, to seeker A and to the partner, all in Bishkek: employer B, seeker B and the
Osh staff must not even learn they exist (404), a wrong role gets 403, a caller not signed
in is sent to sign in (pages) or answered 401 (the API).

Each write runs on records made afresh for it; where a caller is refused a write, the
whole database is compared before and after: a refusal writes nothing. Every answer is
also searched for the contact (name, phone, e-mail) of the seekers its caller must never
see: an employer only once the seeker applied to its vacancy or agreed to be contacted,
nobody a seeker out of their reach. A route the app registers without a row fails
`test_every_route_and_method_has_a_row`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import count
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from models import Course, Employer, Enrolment, Match, MatchEvent, Seeker, User
from models.base import Base
from models.enums import ActorKind, MatchStatus, UserRole
from service.platform.db import get_db
from service.usecases.accounts import create_user
from service.usecases.employers import issue_employer_key
from tests.http.api.conftest import employer_body, register, seeker_body, vacancy_body
from tests.http.staff.conftest import PASSWORD, StaffBrowser
from tests.http.web.conftest import TOKEN, Visitor, registration
from tests.support import make_employer, make_seeker, make_vacancy

Answer = int | str

ACTORS = (
    "anonymous",
    "seeker_a",
    "seeker_b",
    "employer_a",
    "employer_b",
    "partner",
    "viewer",
    "staff_osh",
    "staff",
    "admin",
)
GROUPS: dict[str, tuple[str, ...]] = {
    # No API key: the API answers 401 whatever cookies they hold.
    "no_key": ("anonymous", "seeker_a", "seeker_b"),
    "seekers": ("seeker_a", "seeker_b"),
    "employers": ("employer_a", "employer_b"),
    # Not signed in on the staff pages.
    "outsiders": ("anonymous", "seeker_a", "seeker_b", "employer_a", "employer_b"),
    "users": ("partner", "viewer", "staff_osh", "staff", "admin"),
    # The roles that do casework and training (a viewer sees figures only).
    "casework": ("partner", "staff_osh", "staff", "admin"),
}
# A redirect to a sign-in page, told apart from other redirects.
SIGN_IN = "→ /login"
STAFF_SIGN_IN = "→ /staff/login"
REFUSALS = frozenset({401, 403, 404, SIGN_IN, STAFF_SIGN_IN})


def expect(rest: Answer, **answers: Answer) -> dict[str, Answer]:
    """Every actor's answer: `rest`, then the groups named, then the actors named."""
    table = dict.fromkeys(ACTORS, rest)
    for name, answer in answers.items():
        if name in GROUPS:
            table.update(dict.fromkeys(GROUPS[name], answer))
    for name, answer in answers.items():
        if name not in GROUPS:
            assert name in ACTORS, name
            table[name] = answer
    return table


def api(**answers: Answer) -> dict[str, Answer]:
    """An API operation: 401 without a key, 403 for the roles not named."""
    return expect(403, **{"no_key": 401, **answers})


def mine(**answers: Answer) -> dict[str, Answer]:
    """A seeker's own page: whoever is not a signed-in seeker is sent to sign in."""
    return expect(SIGN_IN, **answers)


def staff_page(**answers: Answer) -> dict[str, Answer]:
    """A staff page: outsiders are sent to sign in, the roles not named get 403."""
    return expect(403, **{"outsiders": STAFF_SIGN_IN, **answers})


def public(answer: Answer = 200, **answers: Answer) -> dict[str, Answer]:
    return expect(answer, **answers)


Body = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]] | None


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # {names} are the records of the scene (see `_scene`)
    answers: dict[str, Answer]
    body: Body = None  # JSON under /api, a form elsewhere ({names} filled in)
    ends_session: bool = False  # run after the rest: the caller is signed out


NEXT_YEAR = date.today().year + 1
COURSE = {"title": "Excel и 1С", "provider": "ЦОК", "language": "ru", "skills": ["1С"]}
COURSE_FORM = {
    "title": "Оверлок: курс для швей",
    "provider": "Учебный центр «Кесип»",
    "language": "ru",
    "skills": "оверлок",
    "cost": "0",
    "seats": "20",
    "starts_on": f"{NEXT_YEAR}-02-01",
    "ends_on": f"{NEXT_YEAR}-03-01",
}
JOBPOSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Повар",
    "employmentType": "FULL_TIME",
    "jobLocation": {"@type": "Place", "address": {"addressRegion": "Chuy"}},
}


def _profile(ids: dict[str, Any]) -> dict[str, Any]:
    """The profile form as the signed-in seeker sends it back, with their own contact
    (anyone else sends a stranger's: they are refused before it is read)."""
    own = {"phone": "0779 900 099", "full_name": "Кимдир Бирөө"} | ids.get("own_contact", {})
    return registration(password=None, consent=None, **own)


ROWS: list[Row] = [
    # --- API: employers and their keys -------------------------------------------------
    Row("POST", "/api/v1/employers", public(201), lambda _: employer_body()),
    Row("GET", "/api/v1/employers/me", api(employers=200)),
    Row("GET", "/api/v1/employers/me/keys", api(employers=200)),
    Row("POST", "/api/v1/employers/me/keys", api(employers=201)),
    Row("DELETE", "/api/v1/employers/me/keys/{key}", api(employer_a=204, employer_b=404)),
    # Staff suspend employers of their regions only: the Osh staff may not find this one.
    Row(
        "PATCH",
        "/api/v1/employers/{employer}",
        api(staff=200, admin=200, staff_osh=404),
        {"status": "suspended"},
    ),
    # --- API: vacancies, candidates, matches -------------------------------------------
    Row("POST", "/api/v1/vacancies", api(employers=201), lambda _: vacancy_body()),
    Row("GET", "/api/v1/vacancies", api(employers=200)),
    Row("POST", "/api/v1/vacancies/import", api(employers=200), JOBPOSTING),
    Row("GET", "/api/v1/vacancies/{vacancy}", api(employer_a=200, employer_b=404)),
    Row(
        "PATCH",
        "/api/v1/vacancies/{vacancy}",
        api(employer_a=200, employer_b=404),
        {"title": "Старшая швея"},
    ),
    Row("DELETE", "/api/v1/vacancies/{spare_vacancy}", api(employer_a=204, employer_b=404)),
    # Every candidate (rows before this one add seekers), for the contact check below.
    Row(
        "GET",
        "/api/v1/vacancies/{vacancy}/candidates?limit=100",
        api(employer_a=200, employer_b=404),
    ),
    Row(
        "POST",
        "/api/v1/matches",
        api(employer_a=201, employer_b=404, casework=201, staff_osh=404),
        {"vacancy_id": "{vacancy}", "seeker_id": "{free_seeker}"},
    ),
    Row(
        "GET",
        "/api/v1/matches/{match}",
        api(employer_a=200, employer_b=404, casework=200, staff_osh=404),
    ),
    # Partners speak for seekers: they apply or withdraw, never reject.
    Row(
        "PATCH",
        "/api/v1/matches/{match}",
        api(employer_a=200, employer_b=404, staff=200, admin=200, staff_osh=404),
        {"status": "rejected"},
    ),
    # --- API: seekers (the partner's seeker, in Bishkek) -------------------------------
    # The seeker lives in Bishkek: staff limited to Osh could not reach them afterwards.
    Row("POST", "/api/v1/seekers", api(casework=201, staff_osh=422), lambda _: seeker_body()),
    Row("GET", "/api/v1/seekers/{seeker}", api(casework=200, staff_osh=404)),
    # Seeker A registered themselves: no partner's seeker, so the partner does not find them.
    Row("GET", "/api/v1/seekers/{seeker_a}", api(casework=200, partner=404, staff_osh=404)),
    Row("GET", "/api/v1/seekers/{seeker}/recommendations", api(casework=200, staff_osh=404)),
    Row("GET", "/api/v1/seekers/{seeker}/courses", api(casework=200, staff_osh=404)),
    Row("POST", "/api/v1/seekers/{seeker}/activation-code", api(casework=201, staff_osh=404)),
    Row("GET", "/api/v1/stats", api(users=200)),
    # --- API: training (the catalogue is not regional; people are) ---------------------
    Row("POST", "/api/v1/courses", api(casework=201), COURSE),
    Row("GET", "/api/v1/courses", api(casework=200)),
    Row("GET", "/api/v1/courses/{course}", api(casework=200)),
    # Staff added {course}, the partner {partner_course}: a partner changes only its own.
    Row("PATCH", "/api/v1/courses/{course}", api(casework=200, partner=403), {"seats": 40}),
    Row("PATCH", "/api/v1/courses/{partner_course}", api(casework=200), {"seats": 40}),
    Row(
        "POST",
        "/api/v1/enrolments",
        api(casework=201, staff_osh=404),
        {"course_id": "{course}", "seeker_id": "{free_seeker}"},
    ),
    Row("GET", "/api/v1/enrolments", api(casework=200)),
    Row("GET", "/api/v1/enrolments/{enrolment}", api(casework=200, staff_osh=404)),
    Row(
        "PATCH",
        "/api/v1/enrolments/{enrolment}",
        api(casework=200, staff_osh=404),
        {"status": "dropped"},
    ),
    # --- API documents, health, static files: public -----------------------------------
    Row("GET", "/api/v1/openapi.json", public()),
    Row("GET", "/api/v1/docs", public()),
    Row("GET", "/api/v1/docs/assets/swagger-ui.css", public()),
    Row("GET", "/healthz", public()),
    Row("GET", "/readyz", public()),
    Row("GET", "/static/site.css", public()),
    # --- Public pages ------------------------------------------------------------------
    Row("GET", "/", public()),
    Row("GET", "/vacancies", public()),
    Row("GET", "/vacancies/{vacancy}", public()),
    # A signed-in seeker is sent on to their offers; everyone else gets the form.
    Row("GET", "/register", public(seekers=302)),
    Row("POST", "/register", public(422, seekers=302), {"full_name": ""}),
    Row("GET", "/login", public(seekers=302)),
    Row(
        "POST",
        "/login",
        public(422, seekers=302),
        {"phone": "0779 999 999", "password": "not a password"},
    ),
    Row("GET", "/activate", public()),
    Row("POST", "/activate", public(422), {"code": "0000-0000", "password": "not a password"}),
    Row("POST", "/logout", public(302), ends_session=True),
    # --- The seeker's own pages (seeker A applied and enrolled; B did neither) ---------
    Row("GET", "/me", mine(seekers=200)),
    Row("POST", "/me", mine(seekers=302), _profile),
    Row("GET", "/me/recommendations", mine(seekers=200)),
    Row("GET", "/me/applications", mine(seekers=200)),
    Row("POST", "/me/applications", mine(seekers=302), {"vacancy_id": "{spare_vacancy}"}),
    Row("POST", "/me/applications/{match_a}/withdraw", mine(seeker_a=302, seeker_b=404)),
    Row("GET", "/me/courses", mine(seekers=200)),
    Row("POST", "/me/courses", mine(seekers=302), {"course_id": "{partner_course}"}),
    Row("POST", "/me/courses/{enrolment_a}/leave", mine(seeker_a=302, seeker_b=404)),
    Row("GET", "/me/data.json", mine(seekers=200)),
    Row("GET", "/me/found-job", mine(seekers=200)),
    Row("POST", "/me/found-job", mine(seeker_a=302, seeker_b=404), {"through": "{match_a}"}),
    Row("GET", "/me/delete", mine(seekers=200)),
    Row("POST", "/me/delete", mine(seekers=422), {"password": "not the password"}),
    # --- Staff sign-in: a signed-in user goes on to the dashboard ----------------------
    Row("GET", "/staff/login", public(302, outsiders=200)),
    Row(
        "POST",
        "/staff/login",
        public(302, outsiders=422),
        {"email": "nobody@example.kg", "password": "not a password"},
    ),
    # Without a password step behind them, the code pages send everyone back to sign in.
    Row("GET", "/staff/login/code", public(STAFF_SIGN_IN)),
    Row("POST", "/staff/login/code", public(STAFF_SIGN_IN), {"code": "123456"}),
    Row("GET", "/staff/login/enrol", public(STAFF_SIGN_IN)),
    Row("POST", "/staff/login/enrol", public(STAFF_SIGN_IN), {"code": "123456"}),
    Row("POST", "/staff/logout", public(STAFF_SIGN_IN), ends_session=True),
    # --- Staff pages: figures for every role, people for casework ----------------------
    Row("GET", "/staff", staff_page(users=200)),
    Row("GET", "/staff/exports/figures.csv", staff_page(users=200)),
    Row("GET", "/staff/exports/figures.xlsx?suppress=1", staff_page(users=200)),
    Row("GET", "/staff/exports/matches.csv", staff_page(staff_osh=200, staff=200, admin=200)),
    Row("GET", "/staff/exports/seekers.csv", staff_page(admin=200)),
    Row("GET", "/staff/exports/audit.csv", staff_page(admin=200)),
    Row("GET", "/staff/seekers", staff_page(casework=200)),
    Row("GET", "/staff/seekers/new", staff_page(casework=200)),
    Row(
        "POST",
        "/staff/seekers/new",
        staff_page(casework=200, staff_osh=422),
        registration(password=None, phone="0779 900 050", full_name="Нурлан Жаңы"),
    ),
    Row("GET", "/staff/seekers/{seeker}", staff_page(casework=200, staff_osh=404)),
    Row(
        "GET",
        "/staff/seekers/{seeker_a}",
        staff_page(casework=200, partner=404, staff_osh=404),
    ),
    Row(
        "POST",
        "/staff/seekers/{free_seeker}/applications",
        staff_page(casework=302, staff_osh=404),
        {"vacancy_id": "{vacancy}"},
    ),
    Row(
        "POST",
        "/staff/seekers/{free_seeker}/enrolments",
        staff_page(casework=302, staff_osh=404),
        {"course_id": "{course}"},
    ),
    Row(
        "POST",
        "/staff/seekers/{seeker}/activation-code",
        staff_page(casework=200, staff_osh=404),
    ),
    Row("GET", "/staff/employers", staff_page(staff_osh=200, staff=200, admin=200)),
    Row("GET", "/staff/employers/{employer}", staff_page(staff=200, admin=200, staff_osh=404)),
    Row(
        "POST",
        "/staff/employers/{employer}/status",
        staff_page(staff=302, admin=302, staff_osh=404),
        {"status": "suspended"},
    ),
    Row(
        "POST",
        "/staff/employers/{employer_a}/matches/{match}",
        staff_page(staff=302, admin=302, staff_osh=404),
        {"status": "interview"},
    ),
    Row("GET", "/staff/courses", staff_page(casework=200)),
    Row("GET", "/staff/courses/new", staff_page(casework=200)),
    Row("POST", "/staff/courses/new", staff_page(casework=302), COURSE_FORM),
    Row("GET", "/staff/courses/{course}", staff_page(casework=200)),
    Row("GET", "/staff/courses/{course}/edit", staff_page(casework=200, partner=403)),
    Row(
        "POST",
        "/staff/courses/{course}/edit",
        staff_page(casework=302, partner=403),
        COURSE_FORM,
    ),
    Row("GET", "/staff/courses/{partner_course}/edit", staff_page(casework=200)),
    Row(
        "POST",
        "/staff/courses/{course}/status",
        staff_page(casework=302, partner=403),
        {"status": "closed"},
    ),
    Row(
        "POST",
        "/staff/courses/{course}/enrolments",
        staff_page(casework=302, staff_osh=404),
        {"who": "seeker", "seeker_id": "{free_seeker}"},
    ),
    Row(
        "POST",
        "/staff/courses/{course}/enrolments/{enrolment}",
        staff_page(casework=302, staff_osh=404),
        {"status": "dropped"},
    ),
    # --- Admins only -------------------------------------------------------------------
    Row("GET", "/staff/users", staff_page(admin=200)),
    Row("GET", "/staff/users/new", staff_page(admin=200)),
    Row(
        "POST",
        "/staff/users/new",
        staff_page(admin=200),
        {"email": "made-here@example.kg", "role": "viewer", "password": "a long first password"},
    ),
    Row("GET", "/staff/users/{user}", staff_page(admin=200)),
    Row(
        "POST",
        "/staff/users/{user}",
        staff_page(admin=302),
        {"role": "staff", "regions": "osh", "active": "yes"},
    ),
    Row("POST", "/staff/users/{user}/reset-second-factor", staff_page(admin=302)),
    Row("POST", "/staff/users/{user}/unlock", staff_page(admin=302)),
    Row("POST", "/staff/users/{user}/end-sessions", staff_page(admin=302)),
    Row("GET", "/staff/audit", staff_page(admin=200)),
]


# --- The people and their records ------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    full_name: str
    phone: str  # as typed in a form
    e164: str
    email: str

    def traces(self) -> tuple[str, ...]:
        """The contact in every spelling an answer could carry it in."""
        digits = self.e164.removeprefix("+996")
        spaced = f"+996 {digits[:3]} {digits[3:6]} {digits[6:]}"
        return (self.full_name, self.email, digits, spaced, self.phone)


SEEKER_A = Contact("Сезим Ачыкова", "0779 900 001", "+996779900001", "sezim.a@example.kg")
SEEKER_B = Contact("Жылдыз Жашыруун", "0779 900 002", "+996779900002", "jyldyz.b@example.kg")
# The partner's seekers of every scene: visible to employers, never agreed to be
# contacted, never applied (an employer contacted one of them).
CASE = Contact("Бакыт Купуяев", "0779 900 009", "+996779900009", "bakyt.case@example.kg")

# Whose contact each caller must never receive, in any answer. Seeker A applied to
# employer A's vacancy, so employer A may see A's contact; staff and admins of every
# region see everyone; the Osh staff no one (all three live in Bishkek).
NEVER_SEES: dict[str, tuple[Contact, ...]] = {
    "anonymous": (SEEKER_A, SEEKER_B, CASE),
    "seeker_a": (SEEKER_B, CASE),
    "seeker_b": (SEEKER_A, CASE),
    "employer_a": (SEEKER_B, CASE),
    "employer_b": (SEEKER_A, SEEKER_B, CASE),
    "partner": (SEEKER_A, SEEKER_B),
    "viewer": (SEEKER_A, SEEKER_B, CASE),
    "staff_osh": (SEEKER_A, SEEKER_B, CASE),
    "staff": (),
    "admin": (),
}


@dataclass
class Actor:
    """One caller: a browser's cookies, and the API key or token it sends (if any)."""

    client: FlaskClient
    key: str | None = None
    token: str = ""  # the CSRF token of its session, as a page's form carries it
    own: dict[str, Any] = field(default_factory=dict)  # what its own forms fill in

    def send(self, row: Row, ids: dict[str, Any]) -> TestResponse:
        path = row.path.format(**ids)
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        body = row.body(ids) if callable(row.body) else _fill(row.body, ids)
        if path.startswith("/api/"):
            return self.client.open(path, method=row.method, json=body, headers=headers)
        if row.method == "POST":
            form = {k: v if isinstance(v, list) else str(v) for k, v in (body or {}).items()}
            form["csrf_token"] = self.token
            return self.client.post(path, data=form, headers=headers)
        return self.client.open(path, method=row.method, headers=headers)


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return ids[value.strip("{}")]
    return value


_numbers = count(1)


class World:
    """The ten callers (only the one under test signed in) and fresh records for a row."""

    def __init__(self, app: Flask, db: Session) -> None:
        self.app, self.db = app, db
        self.actors: dict[str, Actor] = {"anonymous": Actor(app.test_client())}
        self.ids: dict[str, int] = {}
        for name, contact in (("seeker_a", SEEKER_A), ("seeker_b", SEEKER_B)):
            visitor = Visitor(app.test_client())
            answers = registration(
                full_name=contact.full_name, phone=contact.phone, email=contact.email
            )
            assert visitor.send("/register", answers).status_code == 302, visitor.last
            seeker = db.scalars(select(Seeker).where(Seeker.phone == contact.e164)).one()
            self.ids[name] = seeker.id
            own = {"own_contact": {"phone": contact.phone, "full_name": contact.full_name}}
            self.actors[name] = Actor(visitor.client, own=own)
        for name in ("employer_a", "employer_b"):
            caller = register(app.test_client(), region="bishkek")
            self.ids[name] = caller.id or 0
            self.actors[name] = Actor(caller.client, caller.key)
        self.emails: dict[str, str] = {}
        for name, role, regions in (
            ("partner", "partner", ()),
            ("viewer", "viewer", ()),
            ("staff_osh", "staff", ("osh",)),
            ("staff", "staff", ()),
            ("admin", "admin", ()),
        ):
            email = f"{name}-{next(_numbers)}@example.kg"
            with app.app_context(), get_db(app).sessions() as session:
                user, token = create_user(
                    session=session, email=email, role=role, password=PASSWORD, regions=regions
                )
                self.ids[name] = user.id
            self.emails[name] = email
            self.actors[name] = Actor(app.test_client(), token)
        self.shared = self.scene()

    def sign_in(self, name: str) -> Actor:
        """Sign `name` in on the staff pages (programme users) and take a CSRF token."""
        actor = self.actors[name]
        if name in GROUPS["users"]:
            browser = StaffBrowser(actor.client, email=self.emails[name], user_id=self.ids[name])
            browser.sign_in()
        self.take_token(actor)
        return actor

    def take_token(self, actor: Actor) -> None:
        """Keep the CSRF token of the actor's session, from a page anyone may open."""
        found = TOKEN.search(actor.client.get("/activate").get_data(as_text=True))
        assert found, "no CSRF token on /activate"
        actor.token = found.group(1)

    def scene(self) -> dict[str, Any]:
        """Make employer A's, seeker A's and the partner's records; return their ids."""
        db, ids = self.db, self.ids
        employer_a = db.get(Employer, ids["employer_a"])
        vacancy = make_vacancy(
            db,
            employer_a,
            title="Тигүүчү (швея-мотористка)",
            description="Тигүү машинасында кийим тигүү. Пошив одежды на швейной машине.",
            skills=["тигүү машинасы", "пошив"],
            valid_through=date.today() + timedelta(days=30),
        )
        spare = make_vacancy(
            db, employer_a, title="Тигүүчү", description="Тигүү цехи", skills=["пошив"]
        )
        case = {"full_name": CASE.full_name, "phone": CASE.e164, "email": CASE.email}
        seeker = make_seeker(
            db,
            **case,
            registered_by_user_id=ids["partner"],
            desired_position="тигүүчү",
            skills=["тигүү машинасы", "пошив"],
        )
        free = make_seeker(
            db,
            **case,
            registered_by_user_id=ids["partner"],
            desired_position="тигүүчү",
            skills=["пошив"],
        )
        match = Match(seeker_id=seeker.id, vacancy_id=vacancy.id, status=MatchStatus.CONTACTED)
        match.events.append(
            MatchEvent(
                to_status=MatchStatus.CONTACTED,
                actor_kind=ActorKind.EMPLOYER,
                actor_id=ids["employer_a"],
            )
        )
        match_a = Match(
            seeker_id=ids["seeker_a"], vacancy_id=vacancy.id, status=MatchStatus.APPLIED
        )
        match_a.events.append(
            MatchEvent(
                to_status=MatchStatus.APPLIED, actor_kind=ActorKind.SEEKER, actor_id=ids["seeker_a"]
            )
        )
        course = Course(
            title="Оверлок",
            provider="Кесип",
            language="ru",
            skills=["оверлок"],
            seats=10,
            seats_taken=2,
            created_by_user_id=ids["staff"],
        )
        partner_course = Course(
            title="Тигүү негиздери",
            provider="Өнөктөш",
            language="ky",
            skills=["тигүү"],
            seats=10,
            created_by_user_id=ids["partner"],
        )
        spare_user = User(email=f"spare-{next(_numbers)}@example.kg", role=UserRole.VIEWER)
        db.add_all([match, match_a, course, partner_course, spare_user])
        db.flush()
        enrolment = Enrolment(
            course_id=course.id, seeker_id=seeker.id, enrolled_by_user_id=ids["partner"]
        )
        enrolment_a = Enrolment(course_id=course.id, seeker_id=ids["seeker_a"])
        db.add_all([enrolment, enrolment_a])
        db.flush()
        scene = {
            **ids,
            "employer": make_employer(db, region="bishkek").id,
            "vacancy": vacancy.id,
            "spare_vacancy": spare.id,
            "seeker": seeker.id,
            "free_seeker": free.id,
            "match": match.id,
            "match_a": match_a.id,
            "course": course.id,
            "partner_course": partner_course.id,
            "enrolment": enrolment.id,
            "enrolment_a": enrolment_a.id,
            "user": spare_user.id,
        }
        assert employer_a is not None
        scene["key"] = issue_employer_key(session=db, employer=employer_a).key.id  # commits
        return scene


@pytest.fixture
def world(app: Flask, session: Session) -> World:
    return World(app, session)


# What a refused request may still write: a key's last use is recorded on every call,
# and a page that ranks stores the vectors of texts it had not encoded yet (a cache).
UNCHANGED_EXCEPT = {("api_keys", "last_used_at")}
CACHES = {"embeddings"}


def database(db: Session) -> dict[str, list[str]]:
    """Every row of every table, as text (minus the columns a refusal may touch)."""
    rows = {}
    for table in Base.metadata.sorted_tables:
        if table.name in CACHES:
            continue
        columns = [c for c in table.columns if (table.name, c.name) not in UNCHANGED_EXCEPT]
        rows[table.name] = sorted(map(repr, db.execute(select(*columns)).all()))
    db.rollback()
    return rows


def answer_of(response: TestResponse) -> Answer:
    """The status, or which sign-in page a redirect sends the caller to."""
    if response.status_code in (302, 303):
        where = urlsplit(response.headers["Location"]).path
        if where == "/login":
            return SIGN_IN
        if where == "/staff/login":
            return STAFF_SIGN_IN
    return response.status_code


def text_of(response: TestResponse) -> str:
    """The answer's text, and for a spreadsheet (a zip) the text of its parts."""
    data = response.get_data()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8", errors="replace")


def run_rows(world: World, name: str) -> Iterator[tuple[Row, TestResponse, str]]:
    """Send every row as `name`; yield each with its answer and what went wrong, if anything."""
    actor = world.sign_in(name)
    for row in sorted(ROWS, key=lambda r: r.ends_session):
        ids = {**world.shared, **actor.own} if row.method == "GET" else world.scene() | actor.own
        expected = row.answers[name]
        checks_writes = row.method != "GET" and expected in REFUSALS
        before = database(world.db) if checks_writes else None
        response = actor.send(row, ids)
        problems = []
        got = answer_of(response)
        if got != expected:
            problems.append(f"answered {got}, not {expected}")
        if before is not None and before != (after := database(world.db)):
            changed = sorted(t for t in before if before[t] != after[t])
            problems.append(f"refused, yet wrote to {changed}")
        text = text_of(response)
        for contact in NEVER_SEES[name]:
            shown = [trace for trace in contact.traces() if trace in text]
            if shown:
                problems.append(f"shows {shown}")
        failed = isinstance(got, int) and got >= 400
        shape = set(response.get_json(silent=True) or {}) <= {"error", "message", "errors"}
        if row.path.startswith("/api/") and failed and not shape:
            problems.append("error not in the one shape")
        if row.ends_session:  # the next form needs the new session's token
            world.take_token(actor)
        yield row, response, "; ".join(problems)


@pytest.mark.parametrize("name", ACTORS)
def test_each_caller_gets_the_tables_answers_writes_nothing_refused_and_sees_no_contact(
    world: World, name: str
) -> None:
    # One world per caller (signing in is slow by design, Argon2); the comparison names
    # every row that went wrong at once.
    wrong = {
        f"{row.method} {row.path}": problem
        for row, _response, problem in run_rows(world, name)
        if problem
    }
    assert wrong == {}


def test_every_route_and_method_has_a_row(app: Flask) -> None:
    """A route added later without a row here fails this test."""
    adapter = app.url_map.bind("localhost")
    covered = set()
    for row in ROWS:
        path = re.sub(r"\{\w+\}", "1", row.path.split("?")[0])
        rule, _args = adapter.match(path, method=row.method, return_rule=True)
        covered.add((rule.endpoint, row.method))
    registered = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert registered - covered == set()
    assert len(ROWS) == len({(row.method, row.path) for row in ROWS}), "a row twice"


def test_an_employer_sees_a_seekers_contact_only_once_they_apply_or_agree(world: World) -> None:
    """The contact check above can fail: the seekers it hides are among the candidates,
    and their contact does reach the employer the moment they apply or agree."""
    employer = world.sign_in("employer_a")
    seeker_b = world.sign_in("seeker_b")
    ids = world.scene()
    candidates = Row("GET", "/api/v1/vacancies/{vacancy}/candidates", {})

    def shown() -> dict[int, str | None]:
        answer = employer.send(candidates, ids)
        assert answer.status_code == 200, answer.get_json()
        return {item["seeker_id"]: item["phone"] for item in answer.get_json()["items"]}

    before = shown()
    assert before[ids["seeker_a"]] == SEEKER_A.e164  # applied to this vacancy
    assert before[ids["seeker"]] is None and before[ids["seeker_b"]] is None
    # Seeker B agrees to be contacted on their profile: the phone now reaches employers.
    agreed = Row("POST", "/me", {}, lambda own: _profile(own) | {"contactable": "yes"})
    assert seeker_b.send(agreed, {**ids, **seeker_b.own}).status_code == 302
    assert shown()[ids["seeker_b"]] == SEEKER_B.e164
    # The partner's other seeker applies through the partner: the phone reaches employer A.
    partner = world.sign_in("partner")
    body = {"vacancy_id": "{vacancy}", "seeker_id": "{free_seeker}"}
    assert partner.send(Row("POST", "/api/v1/matches", {}, body), ids).status_code == 201
    assert shown()[ids["free_seeker"]] == CASE.e164
