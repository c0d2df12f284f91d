"""No personal data in the logs: the main flows run with every log record captured, at
DEBUG, both as records and as the JSON lines the service's own handler writes, and no
line may hold a name, a phone (in any of its spellings) or an e-mail address the flows
used. Seekers register by the form and through the API, sign in (wrongly, then rightly),
apply; an employer reads its candidates with their contact; staff search and open the
casework page; a partner reads the seeker through the API."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.http.api.conftest import make_user, register, seeker_body, vacancy_body
from tests.http.staff.conftest import StaffBrowser
from tests.http.web.conftest import PASSWORD, Visitor, registration

Make = Callable[..., StaffBrowser]

FORM_SEEKER = {
    "full_name": "Жазгүл Токтогулова",
    "phone": "0555 271 828",
    "email": "jazgul.t@example.invalid",
}
API_SEEKER = {
    "full_name": "Нурбек Сатыбалдиев",
    "phone": "+996 700 314 159",
    "email": "nurbek.s@example.invalid",
}


def _spellings(value: str) -> set[str]:
    """Return a value as a log could hold it: as typed, and a phone's digits in its forms."""
    digits = "".join(c for c in value if c.isdigit())
    found = {value, value.lower()}
    if "@" not in value and len(digits) >= 9:
        local = digits[-9:]
        found |= {local, "0" + local, "996" + local, "+996" + local}
    else:
        found |= set(value.split())  # a given name or a family name on its own
    return found


@pytest.fixture
def json_lines(app: Flask) -> Iterator[io.StringIO]:
    """Point the service's own JSON handler at a buffer for the test."""
    [handler] = [h for h in logging.getLogger().handlers if getattr(h, "_jumush", False)]
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_the_main_flows_log_no_name_phone_or_email(
    app: Flask,
    client: FlaskClient,
    signed_in: Make,
    caplog: pytest.LogCaptureFixture,
    json_lines: io.StringIO,
) -> None:
    caplog.set_level(logging.DEBUG)
    employer = register(client)
    vacancy = employer.post(
        "/api/v1/vacancies", json=vacancy_body(title="Швея-мотористка", skills=["пошив"])
    ).get_json()

    seeker = Visitor(app.test_client())
    assert seeker.send("/register", registration(**FORM_SEEKER)).status_code == 302
    seeker.send("/logout", {}, form="/me")
    wrong = seeker.send("/login", {"phone": FORM_SEEKER["phone"], "password": "not it at all"})
    assert wrong.status_code == 422
    taken = Visitor(app.test_client()).send("/register", registration(**FORM_SEEKER))
    assert taken.status_code == 409
    right = seeker.send("/login", {"phone": FORM_SEEKER["phone"], "password": PASSWORD})
    assert right.status_code == 302
    applied = seeker.send("/me/applications", {"vacancy_id": vacancy["id"]}, form="/me")
    assert applied.status_code == 302
    assert seeker.get("/me").status_code == 200

    partner = make_user(app, client, "partner")
    created = partner.post(
        "/api/v1/seekers", json=seeker_body(**API_SEEKER, contactable=True)
    ).get_json()
    assert partner.get(f"/api/v1/seekers/{created['id']}").status_code == 200
    refused = partner.post("/api/v1/seekers", json=seeker_body(**API_SEEKER, consent=False))
    assert refused.status_code == 422

    candidates = employer.get(f"/api/v1/vacancies/{vacancy['id']}/candidates").get_json()
    assert {c["full_name"] for c in candidates["items"]} >= {FORM_SEEKER["full_name"]}

    staff = signed_in("staff")
    found = staff.get("/staff/seekers", query_string={"q": FORM_SEEKER["full_name"]})
    assert found.status_code == 200 and FORM_SEEKER["phone"][-3:] in staff.last
    by_phone = staff.get("/staff/seekers", query_string={"q": API_SEEKER["phone"]})
    assert by_phone.status_code == 200
    assert staff.get(f"/staff/seekers/{created['id']}").status_code == 200

    written = json_lines.getvalue().splitlines()
    parsed = [json.loads(line) for line in written]
    routes = {line.get("route") for line in parsed}
    assert {"/register", "/login", "/api/v1/seekers", "/staff/seekers"} <= routes
    records = [f"{record.getMessage()} {record.__dict__}" for record in caplog.records]
    assert len(records) >= len(written) > 20  # every request above left its line
    needles = set().union(
        *(_spellings(v) for person in (FORM_SEEKER, API_SEEKER) for v in person.values()),
        _spellings(staff.email),
    )
    leaks = sorted(
        {(needle, line[:300]) for line in written + records for needle in needles if needle in line}
    )
    assert leaks == []


def test_an_unexpected_database_error_is_logged_without_the_values_it_was_given(
    app: Flask, caplog: pytest.LogCaptureFixture, json_lines: io.StringIO
) -> None:
    from datetime import datetime

    from models import Seeker
    from service.platform.db import get_session

    def store_with_a_bug() -> Any:
        # A naive time fails while the row's values are bound: the error carries them.
        session = get_session()
        session.add(
            Seeker(
                **{**API_SEEKER, "phone": "+996700314159"},
                gender="male",
                region="osh",
                consented_at=datetime(2026, 12, 1, 9, 0),
            )
        )
        session.flush()

    app.add_url_rule("/test-only/store", view_func=store_with_a_bug)
    caplog.set_level(logging.DEBUG)

    assert app.test_client().get("/test-only/store").status_code == 500

    logged = json_lines.getvalue() + "\n".join(
        f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records
    )
    assert "naive datetime given" in logged  # the failure itself is logged, with its trace
    needles = set().union(*(_spellings(value) for value in API_SEEKER.values()))
    assert sorted(needle for needle in needles if needle in logged) == []
