"""Privacy on the programme's side: every reading of a seeker's personal record by a
programme user is audited (the casework page and the API), and the casework page says
which consent text the seeker agreed to and whether a retention notice runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, Seeker
from service.usecases.seeker_accounts import CONSENT_VERSION
from tests.http.api.conftest import add_seeker, make_user, seeker_body
from tests.http.staff.conftest import StaffBrowser
from tests.http.web.conftest import registration

Make = Callable[..., StaffBrowser]


def _viewed(db: Session, seeker_id: int) -> list[tuple[int | None, Any]]:
    db.expire_all()
    query = select(AuditEvent).where(
        AuditEvent.action == "seeker.viewed", AuditEvent.entity_id == seeker_id
    )
    return [(e.actor_id, e.detail) for e in db.scalars(query.order_by(AuditEvent.id))]


@pytest.mark.parametrize("role", ["staff", "partner", "admin"])
def test_reading_a_seeker_through_the_api_is_audited_for_whoever_reads(
    app: Flask, client: FlaskClient, db: Session, role: str
) -> None:
    caller = make_user(app, client, role)
    created = caller.post("/api/v1/seekers", json=seeker_body()).get_json()

    for _ in range(2):
        assert caller.get(f"/api/v1/seekers/{created['id']}").status_code == 200

    assert _viewed(db, created["id"]) == [(caller.id, {"through": "api"})] * 2


def test_a_refused_reading_writes_no_audit_event(
    app: Flask, client: FlaskClient, db: Session
) -> None:
    owner = make_user(app, client, "partner")
    stranger = make_user(app, client, "partner")
    created = owner.post("/api/v1/seekers", json=seeker_body()).get_json()

    assert stranger.get(f"/api/v1/seekers/{created['id']}").status_code == 404

    assert _viewed(db, created["id"]) == []


def test_each_opening_of_the_casework_page_is_audited(signed_in: Make, db: Session) -> None:
    staff = signed_in("staff")
    seeker = add_seeker(db)

    for _ in range(2):
        assert staff.get(f"/staff/seekers/{seeker.id}").status_code == 200

    assert [actor for actor, _ in _viewed(db, seeker.id)] == [staff.user_id] * 2


def test_the_casework_page_says_which_consent_text_the_seeker_agreed_to(
    signed_in: Make, db: Session
) -> None:
    partner = signed_in("partner")
    form = partner.get("/staff/seekers/new?lang=en").get_data(as_text=True)
    assert f"Version of this text: {CONSENT_VERSION}" in form
    data = registration(phone="0555 44 33 22")
    data.pop("password")
    partner.send("/staff/seekers/new", data)
    seeker = db.scalars(select(Seeker).where(Seeker.phone == "+996555443322")).one()
    assert seeker.consent_version == CONSENT_VERSION

    page = partner.get(f"/staff/seekers/{seeker.id}?lang=en").get_data(as_text=True)

    assert f"text version {CONSENT_VERSION}" in page


def test_a_seeker_from_before_versions_and_under_notice_is_shown_so(
    signed_in: Make, db: Session
) -> None:
    staff = signed_in("staff")
    seeker = add_seeker(db, retention_notice_at=datetime(2026, 11, 3, 4, tzinfo=UTC))

    page = staff.get(f"/staff/seekers/{seeker.id}?lang=en").get_data(as_text=True)

    assert "given before text versions were recorded" in page
    # 30 days of notice by default.
    assert "notice given 03.11.2026" in page and "anonymised on 03.12.2026" in page


def test_the_list_of_seekers_is_audited_with_who_was_listed_but_not_the_words_searched(
    signed_in: Make, db: Session
) -> None:
    staff = signed_in("staff")
    named = add_seeker(db, full_name="Чолпон Абдыкадырова", phone="+996555777001")
    add_seeker(db, full_name="Эркин Осмонов", phone="+996555777002")

    assert staff.get("/staff/seekers", query_string={"q": "Чолпон"}).status_code == 200
    assert staff.get("/staff/seekers", query_string={"q": "nobody like this"}).status_code == 200

    db.expire_all()
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "seekers.listed")).all()
    assert [(e.actor_id, e.entity_id, e.detail) for e in events] == [
        (staff.user_id, None, {"ids": [named.id], "searched": True})
    ]
