"""Who may call what: role × endpoint × method → status, for every endpoint of the API.

Resources belong to employer A ("own"). Employer B ("other") gets 404 for every one of
A's vacancies, matches and keys, whatever the method: it cannot even learn they exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from models import Course, Enrolment, Match, MatchEvent
from models.enums import ActorKind, MatchStatus
from service.platform.db import get_db
from tests.http.api.conftest import (
    Caller,
    add_seeker,
    employer_body,
    make_user,
    register,
    seeker_body,
    vacancy_body,
)

ROLES = ("own", "other", "partner", "staff", "admin", "viewer", "anonymous")


@dataclass
class World:
    """Employer A's resources and every kind of caller."""

    callers: dict[str, Caller]
    ids: dict[str, int]


@pytest.fixture
def world(app: Flask, client: FlaskClient, db: Session) -> World:
    own, other = register(client), register(client)
    callers = {
        "own": own,
        "other": other,
        "partner": make_user(app, client, "partner"),
        "staff": make_user(app, client, "staff"),
        "admin": make_user(app, client, "admin"),
        "viewer": make_user(app, client, "viewer"),
        "anonymous": Caller(client, None),
    }
    vacancy = own.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    spare = own.post("/api/v1/vacancies", json=vacancy_body(title="Повар")).get_json()["id"]
    spare_key = own.post("/api/v1/employers/me/keys").get_json()["id"]
    # Registered by the partner, whose seekers these are (a partner reaches only its own).
    partner_id = callers["partner"].id
    matched = add_seeker(db, registered_by_user_id=partner_id)
    free = add_seeker(db, full_name="Айбек", registered_by_user_id=partner_id)
    match = Match(seeker_id=matched.id, vacancy_id=vacancy, status=MatchStatus.CONTACTED)
    match.events.append(
        MatchEvent(to_status=MatchStatus.CONTACTED, actor_kind=ActorKind.EMPLOYER, actor_id=own.id)
    )
    db.add(match)
    # A course the partner added, with the partner's seeker enrolled.
    course = Course(
        title="Швейное дело",
        provider="ЦОК",
        language="ru",
        seats=10,
        seats_taken=1,
        created_by_user_id=partner_id,
    )
    db.add(course)
    db.flush()
    enrolment = Enrolment(course_id=course.id, seeker_id=matched.id, enrolled_by_user_id=partner_id)
    db.add(enrolment)
    db.commit()
    ids = {
        "employer": own.id or 0,
        "vacancy": vacancy,
        "spare_vacancy": spare,
        "key": spare_key,
        "match": match.id,
        "seeker": matched.id,
        "free_seeker": free.id,
        "course": course.id,
        "enrolment": enrolment.id,
    }
    return World(callers, ids)


def _statuses(**by_role: int) -> dict[str, int]:
    default = by_role.pop("rest")
    return {role: by_role.get(role, default) for role in ROLES}


# Employer-only endpoints: programme users are refused (403), strangers unauthenticated (401).
EMPLOYER_OWN = _statuses(own=200, other=404, anonymous=401, rest=403)
EMPLOYER_ANY = _statuses(own=200, other=200, anonymous=401, rest=403)
PROGRAMME = _statuses(partner=200, staff=200, admin=200, anonymous=401, rest=403)


def _with(base: dict[str, int], **changes: int) -> dict[str, int]:
    return {**base, **changes}


# (method, path, body, expected status by role). Paths use {names} of World.ids.
MATRIX: list[tuple[str, str, Any, dict[str, int]]] = [
    ("POST", "/api/v1/employers", "employer", _statuses(rest=201)),
    ("GET", "/api/v1/employers/me", None, EMPLOYER_ANY),
    ("GET", "/api/v1/employers/me/keys", None, EMPLOYER_ANY),
    ("POST", "/api/v1/employers/me/keys", None, _with(EMPLOYER_ANY, own=201, other=201)),
    ("DELETE", "/api/v1/employers/me/keys/{key}", None, _with(EMPLOYER_OWN, own=204)),
    (
        "PATCH",
        "/api/v1/employers/{employer}",
        {"status": "active"},
        _statuses(staff=200, admin=200, anonymous=401, rest=403),
    ),
    ("POST", "/api/v1/vacancies", "vacancy", _with(EMPLOYER_ANY, own=201, other=201)),
    ("GET", "/api/v1/vacancies", None, EMPLOYER_ANY),
    ("POST", "/api/v1/vacancies/import", "jobposting", EMPLOYER_ANY),
    ("GET", "/api/v1/vacancies/{vacancy}", None, EMPLOYER_OWN),
    ("PATCH", "/api/v1/vacancies/{vacancy}", {"title": "Старшая швея"}, EMPLOYER_OWN),
    ("DELETE", "/api/v1/vacancies/{spare_vacancy}", None, _with(EMPLOYER_OWN, own=204)),
    (
        "POST",
        "/api/v1/matches",
        {"vacancy_id": "{vacancy}", "seeker_id": "{free_seeker}"},
        _statuses(own=201, other=404, partner=201, staff=201, admin=201, anonymous=401, rest=403),
    ),
    ("GET", "/api/v1/matches/{match}", None, _with(PROGRAMME, own=200, other=404)),
    (
        "PATCH",
        "/api/v1/matches/{match}",
        {"status": "rejected"},
        # Partners speak for seekers: they may apply or withdraw, not reject.
        _statuses(own=200, other=404, staff=200, admin=200, anonymous=401, rest=403),
    ),
    ("POST", "/api/v1/seekers", "seeker", _with(PROGRAMME, partner=201, staff=201, admin=201)),
    ("GET", "/api/v1/seekers/{seeker}", None, PROGRAMME),
    ("GET", "/api/v1/stats", None, _with(PROGRAMME, viewer=200)),
    ("GET", "/api/v1/vacancies/{vacancy}/candidates", None, EMPLOYER_OWN),
    ("GET", "/api/v1/seekers/{seeker}/recommendations", None, PROGRAMME),
    ("GET", "/api/v1/seekers/{seeker}/courses", None, PROGRAMME),
    (
        "POST",
        "/api/v1/seekers/{seeker}/activation-code",
        None,
        _with(PROGRAMME, partner=201, staff=201, admin=201),
    ),
    ("POST", "/api/v1/courses", "course", _with(PROGRAMME, partner=201, staff=201, admin=201)),
    ("GET", "/api/v1/courses", None, PROGRAMME),
    ("GET", "/api/v1/courses/{course}", None, PROGRAMME),
    # The partner added this course; staff and admins change any.
    ("PATCH", "/api/v1/courses/{course}", {"seats": 40}, PROGRAMME),
    (
        "POST",
        "/api/v1/enrolments",
        {"course_id": "{course}", "seeker_id": "{free_seeker}"},
        _with(PROGRAMME, partner=201, staff=201, admin=201),
    ),
    ("GET", "/api/v1/enrolments", None, PROGRAMME),
    ("GET", "/api/v1/enrolments/{enrolment}", None, PROGRAMME),
    ("PATCH", "/api/v1/enrolments/{enrolment}", {"status": "dropped"}, PROGRAMME),
]


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if value == "employer":
        return employer_body()
    if value == "vacancy":
        return vacancy_body()
    if value == "seeker":
        return seeker_body()
    if value == "course":
        return {"title": "Excel и 1С", "provider": "ЦОК", "language": "ru", "skills": ["1С"]}
    if value == "jobposting":
        return {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": "Повар",
            "employmentType": "FULL_TIME",
            "jobLocation": {"@type": "Place", "address": {"addressRegion": "Chuy"}},
        }
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("{"):
        return ids[value.strip("{}")]
    return value


CASES = [
    pytest.param(method, path, body, role, expected[role], id=f"{role}-{method}-{path}")
    for method, path, body, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), CASES)
def test_access(world: World, method: str, path: str, body: Any, role: str, expected: int) -> None:
    caller = world.callers[role]
    kwargs = {} if body is None else {"json": _fill(body, world.ids)}
    response = caller.open(method, path.format(**world.ids), **kwargs)
    assert response.status_code == expected, response.get_data(as_text=True)
    if expected >= 400:
        assert set(response.get_json()) <= {"error", "message", "errors"}


def test_matrix_covers_every_documented_operation(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
        if method in {"get", "post", "patch", "put", "delete"}
    }
    covered = {
        (
            method,
            path.replace("{spare_vacancy}", "{vacancy_id}")
            .replace("{vacancy}", "{vacancy_id}")
            .replace("{match}", "{match_id}")
            .replace("{seeker}", "{seeker_id}")
            .replace("{key}", "{key_id}")
            .replace("{employer}", "{employer_id}")
            .replace("{course}", "{course_id}")
            .replace("{enrolment}", "{enrolment_id}"),
        )
        for method, path, _, _ in MATRIX
    }
    assert documented <= covered, sorted(documented - covered)


def test_other_employers_ids_are_not_found_for_unknown_ids_either(employer: Caller) -> None:
    for method, path in [
        ("GET", "/api/v1/vacancies/999999"),
        ("PATCH", "/api/v1/vacancies/999999"),
        ("DELETE", "/api/v1/vacancies/999999"),
        ("GET", "/api/v1/matches/999999"),
        ("PATCH", "/api/v1/matches/999999"),
        ("DELETE", "/api/v1/employers/me/keys/999999"),
    ]:
        body = {"status": "closed"} if path.startswith("/api/v1/vacancies") else None
        if method == "PATCH" and "matches" in path:
            body = {"status": "hired"}
        response = employer.open(method, path, json=body) if body else employer.open(method, path)
        assert response.status_code == 404, (method, path)


def test_suspended_employer_is_forbidden(employer: Caller, staff: Caller) -> None:
    suspended = staff.patch(f"/api/v1/employers/{employer.id}", json={"status": "suspended"})
    assert suspended.status_code == 200
    response = employer.get("/api/v1/vacancies")
    assert response.status_code == 403
    assert response.get_json()["error"] == "suspended"
    staff.patch(f"/api/v1/employers/{employer.id}", json={"status": "active"})
    assert employer.get("/api/v1/vacancies").status_code == 200


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer nope", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500, "Bearer ключ"],
)
def test_bad_credentials_answer_401(client: FlaskClient, header: str) -> None:
    response = client.get("/api/v1/vacancies", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_deactivated_user_is_forbidden(app: Flask, partner: Caller, db: Session) -> None:
    from models import User

    user = db.get(User, partner.id)
    assert user is not None
    user.active = False
    db.commit()
    assert partner.get("/api/v1/stats").status_code == 403


def test_registration_needs_no_key_but_ignores_a_bad_one(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/employers",
        json=employer_body(),
        headers={"Authorization": "Bearer revoked-or-wrong"},
    )
    assert response.status_code == 201


def test_a_seeker_is_out_of_reach_of_another_partner_and_other_regions(
    app: Flask, client: FlaskClient, db: Session
) -> None:
    from service.usecases.accounts import update_user

    mine, other = make_user(app, client, "partner"), make_user(app, client, "partner")
    osh_staff = make_user(app, client, "staff")
    with get_db(app).sessions() as session:
        update_user(
            session=session,
            user_id=osh_staff.id,
            role="staff",
            regions=["osh"],
            active=True,
            actor_id=osh_staff.id,
        )
    seeker = add_seeker(db, region="bishkek", registered_by_user_id=mine.id)
    paths = [
        ("GET", f"/api/v1/seekers/{seeker.id}"),
        ("GET", f"/api/v1/seekers/{seeker.id}/recommendations"),
        ("GET", f"/api/v1/seekers/{seeker.id}/courses"),
        ("POST", f"/api/v1/seekers/{seeker.id}/activation-code"),
    ]
    for method, path in paths:
        assert mine.open(method, path).status_code in {200, 201}, path
        # Another partner could otherwise take the account over with a new code.
        assert other.open(method, path).status_code == 404, path
        assert osh_staff.open(method, path).status_code == 404, path


def test_a_partner_acts_on_matches_only_for_its_own_seekers(
    app: Flask, client: FlaskClient, db: Session
) -> None:
    employer = register(client)
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    mine, other = make_user(app, client, "partner"), make_user(app, client, "partner")
    seeker = add_seeker(db, registered_by_user_id=mine.id)
    body = {"vacancy_id": vacancy, "seeker_id": seeker.id}
    assert other.post("/api/v1/matches", json=body).status_code == 404
    match = mine.post("/api/v1/matches", json=body)
    assert match.status_code == 201
    path = f"/api/v1/matches/{match.get_json()['id']}"
    assert other.get(path).status_code == 404
    assert other.patch(path, json={"status": "withdrawn"}).status_code == 404
    assert mine.get(path).status_code == 200
