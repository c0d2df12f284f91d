"""Who may open which staff page: every page × anonymous, seeker, employer, viewer,
partner, staff limited to a region, staff, admin → status.

Records belong to Bishkek and to partner P (who registered the seeker). Staff limited
to Osh get 404 for them, as a partner does for seekers of another partner: a record
outside one's reach does not even show it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from models import Course
from tests.http.api.conftest import add_seeker, register
from tests.http.staff.conftest import StaffBrowser
from tests.http.web.conftest import Visitor, registration

ROLES = ("anonymous", "seeker", "employer", "viewer", "partner", "staff_osh", "staff", "admin")
SIGN_IN = 302  # sent to /staff/login
ALL = dict.fromkeys(ROLES[3:], 200)


def _only(*roles: str, other: int = 403) -> dict[str, int]:
    return {role: 200 if role in roles else other for role in ROLES[3:]}


# Path templates: {seeker} is partner P's seeker in Bishkek, {employer} a Bishkek employer.
PAGES: list[tuple[str, dict[str, int]]] = [
    ("/staff", ALL),
    ("/staff/exports/figures.csv", ALL),
    ("/staff/exports/figures.xlsx?suppress=1", ALL),
    ("/staff/exports/matches.csv", _only("staff_osh", "staff", "admin")),
    ("/staff/exports/seekers.csv", _only("admin")),
    ("/staff/exports/audit.csv", _only("admin")),
    ("/staff/seekers", _only("partner", "staff_osh", "staff", "admin")),
    ("/staff/seekers/new", _only("partner", "staff_osh", "staff", "admin")),
    ("/staff/seekers/{seeker}", {**_only("partner", "staff", "admin"), "staff_osh": 404}),
    ("/staff/employers", _only("staff_osh", "staff", "admin")),
    ("/staff/employers/{employer}", {**_only("staff", "admin"), "staff_osh": 404}),
    ("/staff/courses", _only("partner", "staff_osh", "staff", "admin")),
    ("/staff/courses/new", _only("partner", "staff_osh", "staff", "admin")),
    ("/staff/courses/{course}", _only("partner", "staff_osh", "staff", "admin")),
    # Staff and admins change any course (the catalogue is not regional); a partner only
    # the courses it added, and staff's course is not one of them.
    ("/staff/courses/{course}/edit", _only("staff_osh", "staff", "admin")),
    ("/staff/users", _only("admin")),
    ("/staff/users/new", _only("admin")),
    ("/staff/users/{user}", _only("admin")),
    ("/staff/audit", _only("admin")),
]


@dataclass
class World:
    clients: dict[str, object]
    ids: dict[str, int]


@pytest.fixture
def world(app: Flask, db: Session, signed_in: Callable[..., StaffBrowser]) -> World:
    people = {
        "viewer": signed_in("viewer"),
        "partner": signed_in("partner"),
        "staff_osh": signed_in("staff", regions=["osh"]),
        "staff": signed_in("staff"),
        "admin": signed_in("admin"),
    }
    seeker = add_seeker(db, region="bishkek", registered_by_user_id=people["partner"].user_id)
    employer_client = app.test_client()
    employer = register(employer_client, region="bishkek")
    visitor = Visitor(app.test_client())
    assert visitor.send("/register", registration(phone="0555 987 654")).status_code == 302
    clients: dict[str, object] = {name: person.client for name, person in people.items()}
    clients["anonymous"] = app.test_client()
    clients["seeker"] = visitor.client
    # An employer's API key opens the API, never a staff page.
    employer_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {employer.key}"
    clients["employer"] = employer_client
    course = Course(title="Оверлок", provider="Кесип", language="ru", skills=["оверлок"])
    course.created_by_user_id = people["staff"].user_id
    db.add(course)
    db.commit()
    ids = {
        "seeker": seeker.id,
        "employer": employer.id,
        "user": people["viewer"].user_id,
        "course": course.id,
    }
    return World(clients, ids)


def test_every_staff_page_answers_each_role_as_the_table_says(world: World) -> None:
    # One world for the whole table (signing in five users is slow by design, Argon2);
    # the comparison shows every page and role that differ at once.
    got, want = {}, {}
    for template, expected in PAGES:
        path = template.format(**world.ids)
        for role in ROLES:
            response = world.clients[role].get(path)  # type: ignore[attr-defined]
            got[(template, role)] = response.status_code
            if response.status_code == SIGN_IN:
                assert "/staff/login" in response.headers["Location"], (role, path)
        for role, status in {
            "anonymous": SIGN_IN,
            "seeker": SIGN_IN,
            "employer": SIGN_IN,
            **expected,
        }.items():
            want[(template, role)] = status
    assert {k: v for k, v in got.items() if want[k] != v} == {}


def test_every_staff_page_is_in_the_table(app: Flask) -> None:
    listed = {template.split("?")[0] for template, _ in PAGES}
    pages = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("staff.") and "GET" in (rule.methods or set())
    }
    normalise = {
        "/staff/seekers/<int(min=1, max=2147483647):seeker_id>": "/staff/seekers/{seeker}",
        "/staff/employers/<int(min=1, max=2147483647):employer_id>": "/staff/employers/{employer}",
        "/staff/users/<int(min=1, max=2147483647):user_id>": "/staff/users/{user}",
        "/staff/courses/<int(min=1, max=2147483647):course_id>": "/staff/courses/{course}",
        "/staff/courses/<int(min=1, max=2147483647):course_id>/edit": (
            "/staff/courses/{course}/edit"
        ),
    }
    sign_in_pages = {"/staff/login", "/staff/login/code", "/staff/login/enrol"}
    exports = {p for p in pages if p.startswith("/staff/exports/")}
    covered = {normalise.get(p, p) for p in pages - sign_in_pages - exports}
    assert covered <= listed, covered - listed
    # Each export is listed in one of its formats.
    for export in exports:
        stem = export.split("<")[0]
        assert any(t.startswith(stem) for t in listed), export
