"""Privacy on the seekers' side: the consent text's version is kept, every showing of a
seeker's contact to an employer is recorded and listed on the seeker's profile, and a
seeker who signs in while a retention notice runs is told the account was kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, Employer, Seeker
from service.usecases.clock import utcnow
from service.usecases.seeker_accounts import CONSENT_VERSION
from tests.http.api.conftest import Caller, register, seeker_body
from tests.http.web.conftest import PASSWORD, Visitor, registration


def _seeker(db: Session) -> Seeker:
    db.expire_all()
    return db.scalars(select(Seeker)).one()


def _shown(db: Session) -> list[AuditEvent]:
    db.expire_all()
    query = select(AuditEvent).where(AuditEvent.action == "seeker.contact_shown")
    return list(db.scalars(query.order_by(AuditEvent.id)))


def test_a_seeker_registering_on_the_form_is_stored_with_the_text_version_they_saw(
    visitor: Visitor, db: Session
) -> None:
    form = visitor.get("/register?lang=en").get_data(as_text=True)
    assert f"Version of this text: {CONSENT_VERSION}" in form
    visitor.send("/register", registration())
    seeker = _seeker(db)
    assert (seeker.consent_version, seeker.consented_at is not None) == (CONSENT_VERSION, True)
    profile = visitor.get("/me?lang=en").get_data(as_text=True)
    assert f"(version {CONSENT_VERSION})" in profile


def test_a_seeker_registered_through_the_api_is_stored_with_the_current_version(
    partner: Caller, db: Session
) -> None:
    assert partner.post("/api/v1/seekers", json=seeker_body()).status_code == 201
    assert _seeker(db).consent_version == CONSENT_VERSION


def test_each_showing_of_the_contact_is_recorded_and_listed_for_the_seeker(
    visitor: Visitor, employer: Caller, sewing_vacancy: dict[str, Any], db: Session
) -> None:
    visitor.send("/register", registration())
    before = visitor.get("/me?lang=en").get_data(as_text=True)
    assert "No employer has seen your contact yet" in before
    visitor.send(
        "/me/applications", {"vacancy_id": sewing_vacancy["id"]}, form="/me/recommendations"
    )
    path = f"/api/v1/vacancies/{sewing_vacancy['id']}/candidates"
    for _ in range(2):
        [candidate] = employer.get(path).get_json()["items"]
        assert candidate["phone"] == "+996555123456"

    employer_name = db.get(Employer, employer.id).name  # type: ignore[union-attr]
    events = _shown(db)
    assert [(e.actor_kind.value, e.actor_id, e.entity_id) for e in events] == [
        ("employer", employer.id, _seeker(db).id)
    ] * 2
    # Which fields, never their values (the registration gave no e-mail).
    assert events[0].detail == {
        "vacancy_id": sewing_vacancy["id"],
        "fields": ["full_name", "phone"],
    }
    page = visitor.get("/me?lang=en").get_data(as_text=True)
    section = page[page.index('id="contact-seen"') :]
    assert section.count("Ала-Тоо Тигүү") == 2
    assert sewing_vacancy["title"] in section and "name, phone" in section
    exported = visitor.get("/me/data.json").get_json()["contact_shown"]
    assert [(e["employer"], e["fields"]) for e in exported] == [
        (employer_name, ["full_name", "phone"])
    ] * 2


def test_a_candidate_whose_contact_stays_hidden_leaves_no_record(
    visitor: Visitor, employer: Caller, sewing_vacancy: dict[str, Any], db: Session
) -> None:
    visitor.send("/register", registration())
    [candidate] = employer.get(f"/api/v1/vacancies/{sewing_vacancy['id']}/candidates").get_json()[
        "items"
    ]
    assert candidate["phone"] is None
    assert _shown(db) == []


def test_the_list_names_each_employer_that_saw_the_contact(
    client: Any, visitor: Visitor, db: Session, sewing_vacancy: dict[str, Any]
) -> None:
    visitor.send("/register", registration(contactable="yes"))
    other = register(client, name="Ош Нан")
    vacancy = other.post(
        "/api/v1/vacancies",
        json={**_vacancy_of(sewing_vacancy), "title": "Тигүүчү"},
    ).get_json()
    assert other.get(f"/api/v1/vacancies/{vacancy['id']}/candidates").get_json()["items"]
    page = visitor.get("/me?lang=ru").get_data(as_text=True)
    assert "Ош Нан" in page and "Тигүүчү" in page


def _vacancy_of(created: dict[str, Any]) -> dict[str, Any]:
    keys = ("description", "skills", "region", "employment_type", "salary_min", "salary_max")
    return {key: created[key] for key in keys}


def test_signing_in_while_a_retention_notice_runs_says_the_account_was_kept(
    visitor: Visitor, db: Session
) -> None:
    visitor.send("/register", registration())
    visitor.send("/logout", {}, form="/me")
    seeker = _seeker(db)
    seeker.last_active_at = utcnow() - timedelta(days=400)
    seeker.retention_notice_at = utcnow() - timedelta(days=5)
    db.commit()

    answer = visitor.send("/login?lang=en", {"phone": "0555123456", "password": PASSWORD})

    assert answer.headers["Location"].endswith("/me?kept=1")
    page = visitor.get("/me?kept=1&lang=en").get_data(as_text=True)
    assert "Signing in keeps your account" in page
    seeker = _seeker(db)
    assert seeker.retention_notice_at is None
    assert seeker.last_active_at is not None and seeker.last_active_at > utcnow() - timedelta(
        hours=1
    )
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == seeker.id)).all()
    assert "seeker.retention_notice_shown" in actions
    # The next sign-in is an ordinary one.
    visitor.send("/logout", {}, form="/me")
    again = visitor.send("/login", {"phone": "0555123456", "password": PASSWORD})
    assert not again.headers["Location"].endswith("kept=1")
