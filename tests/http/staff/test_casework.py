"""Partners' and staff's casework on the pages: register a seeker with the seeker's own
form, apply on their behalf, follow applications; record an outcome an employer phoned
in; suspend an employer; every opening of a person's record is audited."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, Match, Seeker
from models.enums import EmployerStatus, MatchStatus
from tests.http.api.conftest import add_seeker, register, vacancy_body
from tests.http.staff.conftest import StaffBrowser
from tests.http.web.conftest import Visitor, registration

Make = Callable[..., StaffBrowser]


def _seeker_form(**fields: Any) -> dict[str, Any]:
    data = registration(**fields)
    data.pop("password", None)
    data["preferred_language"] = "uz"
    return data


def test_a_partner_registers_a_seeker_who_claims_the_account_with_the_code_once(
    app: Flask, signed_in: Make, db: Session
) -> None:
    partner = signed_in("partner")
    answer = partner.send("/staff/seekers/new?lang=ru", _seeker_form(phone="0555 44 33 22"))
    assert answer.status_code == 200
    code = re.search(r'id="activation-code">([^<]+)<', partner.last)
    assert code, partner.last[:2000]
    seeker = db.scalar(select(Seeker).where(Seeker.phone == "+996555443322"))
    assert seeker is not None and seeker.registered_by_user_id == partner.user_id
    assert seeker.preferred_language.value == "uz" and seeker.password_hash is None
    assert answer.headers["Cache-Control"] == "no-store"
    # The seeker sets a password with it, once.
    person = Visitor(app.test_client())
    claimed = person.send("/activate", {"code": code.group(1), "password": "тоо жана суу 2030"})
    assert claimed.status_code == 302 and claimed.headers["Location"].endswith(
        "/me/recommendations"
    )
    again = Visitor(app.test_client()).send(
        "/activate", {"code": code.group(1), "password": "тоо жана суу 2031"}
    )
    assert again.status_code == 422
    listed = partner.get("/staff/seekers").get_data(as_text=True)
    assert "Айгүл Асанова" in listed


def test_a_wrong_registration_by_a_partner_marks_fields_and_stores_nothing(
    signed_in: Make, db: Session
) -> None:
    partner = signed_in("partner")
    before = db.scalar(select(Seeker.id).order_by(Seeker.id.desc()))
    answer = partner.send(
        "/staff/seekers/new?lang=en", _seeker_form(phone="12", consent=None, full_name="")
    )
    assert answer.status_code == 422
    for field in ("phone", "consent", "full_name"):
        assert f'href="#f-{field}"' in partner.last
    assert "тигүүчү" in partner.last  # the answers are kept
    db.expire_all()
    assert db.scalar(select(Seeker.id).order_by(Seeker.id.desc())) == before


def test_a_partner_sees_and_opens_only_the_seekers_it_registered(
    signed_in: Make, db: Session
) -> None:
    partner, other = signed_in("partner"), signed_in("partner")
    mine = add_seeker(db, full_name="Менин Издөөчүм", registered_by_user_id=partner.user_id)
    theirs = add_seeker(db, full_name="Башка Издөөчү", registered_by_user_id=other.user_id)
    listed = partner.get("/staff/seekers").get_data(as_text=True)
    assert "Менин Издөөчүм" in listed and "Башка Издөөчү" not in listed
    assert partner.get(f"/staff/seekers/{mine.id}").status_code == 200
    assert partner.get(f"/staff/seekers/{theirs.id}").status_code == 404
    found = partner.get("/staff/seekers?q=Башка").get_data(as_text=True)
    assert "Башка Издөөчү" not in found


def test_staff_find_a_seeker_by_number_phone_or_name(signed_in: Make, db: Session) -> None:
    seeker = add_seeker(db, full_name="Нургуль Осмонова", phone="+996700123456")
    staff = signed_in("staff")
    for query in (str(seeker.id), "0700 123 456", "осмонова"):
        page = staff.get(f"/staff/seekers?q={query}").get_data(as_text=True)
        assert "Нургуль Осмонова" in page, query
    assert "Нургуль" not in staff.get("/staff/seekers?q=Асанов").get_data(as_text=True)


def test_opening_a_seekers_record_is_audited_and_admins_read_the_trail(
    signed_in: Make, db: Session
) -> None:
    seeker = add_seeker(db)
    staff = signed_in("staff")
    assert staff.get(f"/staff/seekers/{seeker.id}").status_code == 200
    viewed = db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "seeker.viewed", AuditEvent.entity_id == seeker.id
        )
    ).all()
    assert [event.actor_id for event in viewed] == [staff.user_id]
    admin = signed_in("admin")
    trail = admin.get("/staff/audit").get_data(as_text=True)
    assert "seeker.viewed" in trail and staff.email in trail
    exported = admin.get("/staff/exports/audit.csv").get_data(as_text=True)
    assert "seeker.viewed" in exported and staff.email in exported


def test_a_partner_applies_on_a_seekers_behalf_and_follows_the_application(
    client: Any, signed_in: Make, db: Session
) -> None:
    employer = register(client)
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    partner = signed_in("partner")
    seeker = add_seeker(db, registered_by_user_id=partner.user_id)
    answer = partner.send(
        f"/staff/seekers/{seeker.id}/applications",
        {"vacancy_id": str(vacancy)},
        form=f"/staff/seekers/{seeker.id}",
    )
    assert answer.status_code == 302
    page = partner.get(f"/staff/seekers/{seeker.id}?lang=en").get_data(as_text=True)
    assert "Applied" in page
    match = db.scalar(select(Match).where(Match.seeker_id == seeker.id))
    assert match is not None and match.status is MatchStatus.APPLIED
    assert match.events[0].actor_id == partner.user_id
    twice = partner.send(
        f"/staff/seekers/{seeker.id}/applications?lang=en",
        {"vacancy_id": str(vacancy)},
        form=f"/staff/seekers/{seeker.id}",
    )
    assert twice.status_code == 409 and "already exists" in partner.last
    nothing = partner.send(
        f"/staff/seekers/{seeker.id}/applications",
        {"vacancy_id": "abc"},
        form=f"/staff/seekers/{seeker.id}",
    )
    assert nothing.status_code == 422 and 'href="#f-vacancy_id"' in partner.last


def test_staff_record_a_hire_an_employer_phoned_in(
    client: Any, signed_in: Make, db: Session
) -> None:
    employer = register(client)
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    seeker = add_seeker(db)
    match = employer.post(
        "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id}
    ).get_json()
    staff = signed_in("staff")
    page = f"/staff/employers/{employer.id}"
    for status in ("interview", "hired"):
        answer = staff.send(f"{page}/matches/{match['id']}", {"status": status}, form=page)
        assert answer.status_code == 302, staff.last
    db.expire_all()
    stored = db.get(Match, match["id"])
    assert stored is not None and stored.status is MatchStatus.HIRED
    assert stored.events[-1].actor_id == staff.user_id
    refused = staff.send(f"{page}/matches/{match['id']}", {"status": "rejected"}, form=page)
    assert refused.status_code == 409  # hired is final
    unknown = staff.send(f"{page}/matches/{match['id']}", {"status": "obsolete"}, form=page)
    assert unknown.status_code == 422


def test_staff_suspend_an_employer_whose_key_then_stops_working(
    client: Any, signed_in: Make, db: Session
) -> None:
    employer = register(client)
    staff = signed_in("staff")
    page = f"/staff/employers/{employer.id}"
    assert staff.send(f"{page}/status", {"status": "suspended"}, form=page).status_code == 302
    assert employer.get("/api/v1/vacancies").status_code == 403
    assert staff.send(f"{page}/status", {"status": "active"}, form=page).status_code == 302
    assert employer.get("/api/v1/vacancies").status_code == 200
    actions = set(db.scalars(select(AuditEvent.action).where(AuditEvent.entity_kind == "employer")))
    assert {"employer.suspended", "employer.active", "employer.viewed"} <= actions
    from models import Employer

    db.expire_all()
    assert db.get(Employer, employer.id).status is EmployerStatus.ACTIVE  # type: ignore[union-attr]


def test_staff_of_one_region_cannot_act_on_another_regions_employer(
    client: Any, signed_in: Make
) -> None:
    employer = register(client, region="bishkek")
    osh = signed_in("staff", regions=["osh"])
    other = signed_in("staff")
    token = other.token(f"/staff/employers/{employer.id}")
    answer = osh.client.post(
        f"/staff/employers/{employer.id}/status",
        data={"csrf_token": osh.token("/staff/employers"), "status": "suspended"},
    )
    assert answer.status_code == 404
    assert token and employer.get("/api/v1/vacancies").status_code == 200


def test_a_form_without_its_csrf_token_is_refused(client: Any, signed_in: Make) -> None:
    employer = register(client)
    staff = signed_in("staff")
    answer = staff.client.post(
        f"/staff/employers/{employer.id}/status", data={"status": "suspended"}
    )
    assert answer.status_code == 400
    assert employer.get("/api/v1/vacancies").status_code == 200


def test_an_admin_creates_a_user_who_signs_in_and_is_limited_to_a_region(
    app: Flask, signed_in: Make, db: Session
) -> None:
    admin = signed_in("admin")
    answer = admin.send(
        "/staff/users/new",
        {
            "email": "Aida@Example.kg",
            "password": "узун сыр сөз 1",
            "role": "staff",
            "regions": ["naryn"],
        },
    )
    assert answer.status_code == 200 and re.search(r'id="api-token">jk_usr_', admin.last)
    person = StaffBrowser(app.test_client(), email="aida@example.kg")
    person.sign_in(password="узун сыр сөз 1")
    page = person.get("/staff?lang=en").get_data(as_text=True)
    assert "All my regions" in page and 'value="osh"' not in page
    bad = admin.send(
        "/staff/users/new?lang=en", {"email": "x", "password": "short", "role": "boss"}
    )
    assert bad.status_code == 422 and 'href="#f-email"' in admin.last


def test_region_limited_staff_see_and_change_only_their_regions_seekers_at_an_employer(
    client: Any, signed_in: Make, db: Session
) -> None:
    employer = register(client, region="bishkek")
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    near = add_seeker(db, region="bishkek", full_name="Бишкектик Издөөчү")
    far = add_seeker(db, region="osh", full_name="Оштук Издөөчү", phone="+996555777888")
    matches = {
        seeker.id: employer.post(
            "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id}
        ).get_json()["id"]
        for seeker in (near, far)
    }
    bishkek = signed_in("staff", regions=["bishkek"])
    page = f"/staff/employers/{employer.id}"
    shown = bishkek.get(page).get_data(as_text=True)
    assert "Бишкектик Издөөчү" in shown and "Оштук Издөөчү" not in shown
    refused = bishkek.send(f"{page}/matches/{matches[far.id]}", {"status": "interview"}, form=page)
    assert refused.status_code == 404
    done = bishkek.send(f"{page}/matches/{matches[near.id]}", {"status": "interview"}, form=page)
    assert done.status_code == 302


def test_the_anonymised_matches_export_gives_weeks_and_no_untouched_suggestions(
    client: Any, signed_in: Make, db: Session
) -> None:
    employer = register(client)
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    seeker = add_seeker(db, full_name="Жаныл Мырза", phone="+996555121212")
    suggested = add_seeker(db, phone="+996555131313")
    employer.post("/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id})
    db.add(Match(seeker_id=suggested.id, vacancy_id=vacancy, status=MatchStatus.SUGGESTED))
    db.commit()
    text = signed_in("staff").get("/staff/exports/matches.csv").get_data(as_text=True)
    header, *rows = [line.split(",") for line in text.lstrip("\ufeff").strip().splitlines()]
    assert header[:3] == ["status", "created_week", "hired_week"]
    assert [row[0] for row in rows] == ["contacted"]
    from datetime import date

    assert date.fromisoformat(rows[0][1]).weekday() == 0  # a Monday: the week, not the day
    assert "Жаныл" not in text and "+996" not in text and str(seeker.id) not in rows[0]


def test_a_partner_gives_its_seeker_a_new_activation_code_and_the_old_one_stops(
    app: Flask, signed_in: Make, db: Session
) -> None:
    partner = signed_in("partner")
    partner.send("/staff/seekers/new", _seeker_form(phone="0555 61 62 63"))
    first = re.search(r'id="activation-code">([^<]+)<', partner.last)
    seeker = db.scalar(select(Seeker).where(Seeker.phone == "+996555616263"))
    assert first and seeker is not None
    page = f"/staff/seekers/{seeker.id}"
    answer = partner.send(f"{page}/activation-code", {}, form=page)
    second = re.search(r'id="activation-code">([^<]+)<', partner.last)
    assert answer.status_code == 200 and second and second.group(1) != first.group(1)
    person = Visitor(app.test_client())
    old = person.send("/activate", {"code": first.group(1), "password": "тоо жана суу 2032"})
    assert old.status_code == 422
    new = person.send("/activate", {"code": second.group(1), "password": "тоо жана суу 2032"})
    assert new.status_code == 302
    other = signed_in("partner")
    refused = other.client.post(
        f"{page}/activation-code", data={"csrf_token": other.token("/staff")}
    )
    assert refused.status_code == 404
