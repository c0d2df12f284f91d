"""Every way a match is opened from outside passes the process's matcher, so the match keeps
the pair's signals: a seeker's page, a caseworker's page, the API for partners and for
employers. (Here, beside the staff pages, because a caseworker must sign in.)"""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.features import SIGNALS
from models import Match, Seeker
from service.platform.matcher import get_matcher
from service.usecases.outcomes import model_digest
from tests.http.api.conftest import Caller, add_seeker, make_user, register, vacancy_body
from tests.http.staff.conftest import StaffBrowser
from tests.http.web.conftest import Visitor, registration


def _vacancy(employer: Caller) -> int:
    answer = employer.post(
        "/api/v1/vacancies",
        json=vacancy_body(title="Швея-мотористка", skills=["швейная машина", "пошив"]),
    )
    assert answer.status_code == 201, answer.get_json()
    return int(answer.get_json()["id"])


def _signals_of(app: Flask, db: Session, seeker_id: int) -> Match:
    db.expire_all()
    match = db.scalars(select(Match).where(Match.seeker_id == seeker_id)).one()
    assert match.signals is not None, "no signals kept"
    assert set(match.signals) == set(SIGNALS)
    assert match.signals_model == model_digest(get_matcher(app).matcher.model)
    assert match.signals_encoder == get_matcher(app).encoder.name
    return match


def test_a_seeker_applying_on_the_pages_keeps_the_signals(
    app: Flask, client: FlaskClient, db: Session
) -> None:
    vacancy = _vacancy(register(client))
    visitor = Visitor(app.test_client())
    visitor.send("/register", registration())
    answer = visitor.send("/me/applications", {"vacancy_id": vacancy}, form="/me/recommendations")
    assert answer.status_code == 302
    seeker = db.scalars(select(Seeker.id)).one()
    match = _signals_of(app, db, seeker)
    assert match.signals is not None and match.signals["occupation"] == 1.0
    # What is stored about them, they can download (/me/data.json).
    data = json.loads(visitor.get("/me/data.json").get_data(as_text=True))
    assert data["matches"][0]["signals"] == match.signals


def test_a_caseworker_applying_on_the_pages_keeps_the_signals(
    app: Flask, client: FlaskClient, signed_in: Callable[..., StaffBrowser], db: Session
) -> None:
    vacancy = _vacancy(register(client))
    partner = signed_in("partner")
    seeker = add_seeker(db, registered_by_user_id=partner.user_id)
    answer = partner.send(
        f"/staff/seekers/{seeker.id}/applications",
        {"vacancy_id": str(vacancy)},
        form=f"/staff/seekers/{seeker.id}",
    )
    assert answer.status_code == 302, partner.last
    _signals_of(app, db, seeker.id)


def test_a_partner_applying_through_the_api_keeps_the_signals(
    app: Flask, client: FlaskClient, db: Session
) -> None:
    vacancy = _vacancy(register(client))
    partner = make_user(app, client, "partner")
    seeker = add_seeker(db, registered_by_user_id=partner.id)
    answer = partner.post("/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id})
    assert answer.status_code == 201, answer.get_json()
    _signals_of(app, db, seeker.id)
    assert "signals" not in answer.get_json()  # kept for learning, not shown to callers


def test_an_employer_contacting_a_candidate_keeps_the_signals(
    app: Flask, client: FlaskClient, db: Session
) -> None:
    employer = register(client)
    vacancy = _vacancy(employer)
    seeker = add_seeker(db)
    answer = employer.post("/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id})
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["status"] == "contacted"
    _signals_of(app, db, seeker.id)
