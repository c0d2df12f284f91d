"""A job seeker's own way through the pages: register, sign in, see why vacancies fit,
apply, follow, change the profile, take the data and delete it."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import AuditEvent, Match, Seeker
from models.enums import MatchStatus
from service.usecases.clock import utcnow
from tests.http.api.conftest import Caller, seeker_body
from tests.http.web.conftest import PASSWORD, Visitor, registration


def seekers(db: Session) -> list[Seeker]:
    db.expire_all()
    return list(db.scalars(select(Seeker).order_by(Seeker.id)))


def test_registering_in_kyrgyz_lands_on_explained_recommendations(
    visitor: Visitor, db: Session, sewing_vacancy: dict[str, Any]
) -> None:
    visitor.get("/?lang=ky")
    answer = visitor.send("/register", registration())
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/me/recommendations")
    page = visitor.get("/me/recommendations")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert sewing_vacancy["title"] in text
    assert '<html lang="ky">' in text
    assert "Бишкек" in text  # a reason, said in Kyrgyz
    [seeker] = seekers(db)
    assert seeker.phone == seeker.login_phone == "+996555123456"
    assert seeker.preferred_language == "ky"
    assert seeker.consent and seeker.consented_at and seeker.consent_version
    assert seeker.password_hash and PASSWORD not in seeker.password_hash
    assert seeker.skills == ["тигүү машинасы", "пошив"]
    assert db.scalar(select(func.count()).select_from(AuditEvent)) >= 1


def test_a_wrong_registration_marks_each_field_keeps_answers_and_stores_nothing(
    visitor: Visitor, db: Session
) -> None:
    answer = visitor.send(
        "/register?lang=en",
        registration(phone="12", birth_year="год", password="short", consent=None, region=""),
    )
    text = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "There is a problem" in text
    for field in ("phone", "birth_year", "password", "consent", "region"):
        assert f'href="#f-{field}"' in text, field
        assert f'id="f-{field}"' in text
    assert 'value="Айгүл Асанова"' in text  # the answers stay
    assert "тигүү машинасы" in text
    assert 'value="short"' not in text  # but never the password
    assert seekers(db) == []


def test_the_same_phone_twice_offers_to_sign_in(visitor: Visitor, client: Any, db: Session) -> None:
    assert visitor.send("/register", registration()).status_code == 302
    visitor.send("/logout", {}, form="/me")
    again = visitor.send("/register", registration(phone="+996 555 123 456", full_name="Другой"))
    assert again.status_code == 409
    assert 'href="/login"' in again.get_data(as_text=True)
    assert len(seekers(db)) == 1


def test_phone_is_accepted_in_any_common_format(visitor: Visitor, db: Session) -> None:
    assert visitor.send("/register", registration(phone="0555 123 456")).status_code == 302
    visitor.send("/logout", {}, form="/me")
    signed = visitor.send("/login", {"phone": "+996555123456", "password": PASSWORD})
    assert signed.status_code == 302


def test_signing_out_ends_the_session_on_the_server(app: Flask, visitor: Visitor) -> None:
    visitor.send("/register", registration())
    cookie = visitor.client.get_cookie("jumush_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    visitor.send("/logout", {}, form="/me")
    thief = app.test_client()
    thief.set_cookie("jumush_session", cookie.value)
    assert thief.get("/me/recommendations").status_code == 302  # back to sign-in


def test_signing_in_starts_a_new_session_id(visitor: Visitor) -> None:
    visitor.send("/register", registration())
    visitor.send("/logout", {}, form="/me")
    visitor.get("/login")
    before = visitor.client.get_cookie("jumush_session")
    visitor.send("/login", {"phone": "0555123456", "password": PASSWORD})
    after = visitor.client.get_cookie("jumush_session")
    assert before is not None and after is not None and before.value != after.value


def test_wrong_passwords_make_the_account_wait_longer_each_time(
    visitor: Visitor, db: Session
) -> None:
    visitor.send("/register", registration())
    visitor.send("/logout", {}, form="/me")
    for _ in range(4):  # free attempts
        assert (
            visitor.send("/login", {"phone": "0555123456", "password": "nope nope"}).status_code
            == 422
        )
    assert (
        visitor.send("/login", {"phone": "0555123456", "password": "nope nope"}).status_code == 422
    )
    locked = visitor.send("/login", {"phone": "0555123456", "password": PASSWORD})
    assert locked.status_code == 429  # even the right password waits
    [seeker] = seekers(db)
    first_wait = seeker.locked_until - utcnow()
    assert timedelta(seconds=30) < first_wait <= timedelta(minutes=1)
    seeker.locked_until = utcnow() - timedelta(seconds=1)
    db.commit()
    visitor.send("/login", {"phone": "0555123456", "password": "nope nope"})
    [seeker] = seekers(db)
    assert seeker.locked_until - utcnow() > timedelta(minutes=1)  # the wait doubled


def test_a_form_without_its_csrf_token_is_refused_and_writes_nothing(
    client: Any, db: Session
) -> None:
    answer = client.post("/register?lang=en", data=registration())
    assert answer.status_code == 400
    assert "This form has expired" in answer.get_data(as_text=True)
    assert seekers(db) == []


def test_a_seeker_registered_by_a_partner_claims_the_account_once(
    visitor: Visitor, partner: Caller, db: Session
) -> None:
    created = partner.post("/api/v1/seekers", json=seeker_body(phone="0700 111 222"))
    code = created.get_json()["activation_code"]
    bad = visitor.send("/activate", {"code": "AAAAA-AAAAA", "password": PASSWORD})
    assert bad.status_code == 422
    good = visitor.send("/activate", {"code": code.lower(), "password": PASSWORD})
    assert good.status_code == 302
    visitor.send("/logout", {}, form="/me")
    assert visitor.send("/login", {"phone": "0700111222", "password": PASSWORD}).status_code == 302
    visitor.send("/logout", {}, form="/me")
    again = visitor.send("/activate", {"code": code, "password": "another pass 1"})
    assert again.status_code == 422  # a code works once
    [seeker] = seekers(db)
    assert seeker.activation_code_hash is None and seeker.full_name == "Гүлнара Асанова"


def test_an_expired_activation_code_is_refused(
    visitor: Visitor, partner: Caller, db: Session
) -> None:
    code = partner.post("/api/v1/seekers", json=seeker_body()).get_json()["activation_code"]
    [seeker] = seekers(db)
    seeker.activation_expires_at = utcnow() - timedelta(minutes=1)
    db.commit()
    assert visitor.send("/activate", {"code": code, "password": PASSWORD}).status_code == 422


def test_apply_follow_and_withdraw_an_application(
    visitor: Visitor, employer: Caller, sewing_vacancy: dict[str, Any], db: Session
) -> None:
    visitor.send("/register", registration())
    applied = visitor.send(
        "/me/applications", {"vacancy_id": sewing_vacancy["id"]}, form="/me/recommendations"
    )
    assert applied.status_code == 302
    page = visitor.get("/me/applications?lang=en").get_data(as_text=True)
    assert sewing_vacancy["title"] in page and "You applied" in page
    candidates = employer.get(f"/api/v1/vacancies/{sewing_vacancy['id']}/candidates").get_json()
    [candidate] = candidates["items"]
    assert candidate["contact_visible"] and candidate["phone"] == "+996555123456"
    [match] = db.scalars(select(Match)).all()
    withdrawn = visitor.send(f"/me/applications/{match.id}/withdraw", {}, form="/me/applications")
    assert withdrawn.status_code == 302
    db.expire_all()
    assert db.get(Match, match.id).status is MatchStatus.WITHDRAWN


def test_a_seeker_cannot_withdraw_someone_elses_application(
    app: Flask, visitor: Visitor, sewing_vacancy: dict[str, Any], db: Session
) -> None:
    visitor.send("/register", registration())
    visitor.send(
        "/me/applications", {"vacancy_id": sewing_vacancy["id"]}, form="/me/recommendations"
    )
    [match] = db.scalars(select(Match)).all()
    other = Visitor(app.test_client())
    other.send("/register", registration(phone="0700 999 888", full_name="Бакыт"))
    refused = other.send(f"/me/applications/{match.id}/withdraw", {}, form="/me/applications")
    assert refused.status_code == 404
    db.expire_all()
    assert db.get(Match, match.id).status is MatchStatus.APPLIED


def test_found_work_elsewhere_is_recorded_apart(visitor: Visitor, db: Session) -> None:
    visitor.send("/register", registration())
    empty = visitor.send("/me/found-job", {"through": "elsewhere", "where": ""})
    assert empty.status_code == 422
    done = visitor.send("/me/found-job", {"through": "elsewhere", "where": "Тигүү цехи, Ош"})
    assert done.status_code == 302
    [seeker] = seekers(db)
    assert seeker.found_work_where == "Тигүү цехи, Ош" and seeker.found_work_at is not None
    assert db.scalar(select(func.count()).select_from(Match)) == 0  # not a hire through us


def test_editing_the_profile_changes_recommendations_at_once(
    visitor: Visitor, employer: Caller, sewing_vacancy: dict[str, Any]
) -> None:
    from tests.http.api.conftest import vacancy_body

    driver = employer.post(
        "/api/v1/vacancies",
        json=vacancy_body(
            title="Водитель такси", description="Такси по Бишкеку", skills=["права B"]
        ),
    ).get_json()
    visitor.send("/register", registration())
    first = visitor.get("/me/recommendations").get_data(as_text=True)
    assert (
        first.index(sewing_vacancy["title"]) < first.find(driver["title"])
        or driver["title"] not in first
    )
    saved = visitor.send(
        "/me",
        registration(
            password=None,
            consent=None,
            desired_position="айдоочу такси",
            skills="права B",
            experience="Такси айдадым",
            preferred_language="ru",
        ),
    )
    assert saved.status_code == 302
    after = visitor.get("/me/recommendations").get_data(as_text=True)
    assert after.index(driver["title"]) < after.find(sewing_vacancy["title"]) or (
        sewing_vacancy["title"] not in after
    )


def test_hiding_the_profile_takes_the_seeker_out_of_candidates(
    visitor: Visitor, employer: Caller, sewing_vacancy: dict[str, Any]
) -> None:
    visitor.send("/register", registration())
    path = f"/api/v1/vacancies/{sewing_vacancy['id']}/candidates"
    assert employer.get(path).get_json()["items"]
    visitor.send("/me", registration(password=None, consent=None, visible_to_employers=None))
    assert employer.get(path).get_json()["items"] == []


def test_the_data_download_holds_everything_with_match_events(
    visitor: Visitor, sewing_vacancy: dict[str, Any]
) -> None:
    visitor.send("/register", registration())
    visitor.send(
        "/me/applications", {"vacancy_id": sewing_vacancy["id"]}, form="/me/recommendations"
    )
    answer = visitor.get("/me/data.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    data = json.loads(answer.get_data(as_text=True))
    assert data["seeker"]["full_name"] == "Айгүл Асанова"
    assert data["seeker"]["consent_version"]
    assert "password_hash" not in data["seeker"]
    [match] = data["matches"]
    assert match["status"] == "applied" and match["events"][0]["to_status"] == "applied"


def test_deleting_the_account_leaves_a_stub_and_ends_every_session(
    app: Flask, visitor: Visitor, db: Session
) -> None:
    visitor.send("/register", registration())
    other_device = Visitor(app.test_client())
    other_device.send("/login", {"phone": "0555123456", "password": PASSWORD})
    assert other_device.get("/me").status_code == 200
    wrong = visitor.send("/me/delete", {"password": "not it at all"})
    assert wrong.status_code == 422
    done = visitor.send("/me/delete", {"password": PASSWORD})
    assert done.status_code == 200
    [stub] = seekers(db)
    assert stub.deleted_at is not None and stub.full_name is None and stub.phone is None
    assert stub.password_hash is None and stub.login_phone is None
    assert stub.gender == "female" and stub.birth_year == 1988 and stub.region == "bishkek"
    assert other_device.get("/me").status_code == 302  # that session ended too
    assert visitor.get("/me").status_code == 302


def test_pages_of_a_seeker_need_sign_in(client: Any) -> None:
    for path in ("/me", "/me/recommendations", "/me/applications", "/me/data.json", "/me/delete"):
        answer = client.get(path)
        assert answer.status_code == 302 and "/login?next=" in answer.headers["Location"], path


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "evil.example",
        "/\x7f/evil.example",
    ],
)
def test_sign_in_goes_back_only_to_a_page_of_this_site(visitor: Visitor, target: str) -> None:
    visitor.send("/register", registration())
    visitor.send("/logout", {}, form="/me")
    away = visitor.send("/login", {"phone": "0555123456", "password": PASSWORD, "next": target})
    assert away.status_code == 302
    assert away.headers["Location"] == "/me/recommendations"


def test_sign_in_goes_back_to_the_page_that_asked(visitor: Visitor) -> None:
    visitor.send("/register", registration())
    visitor.send("/logout", {}, form="/me")
    back = visitor.send(
        "/login", {"phone": "0555123456", "password": PASSWORD, "next": "/me/applications"}
    )
    assert back.headers["Location"] == "/me/applications"


def test_a_too_thin_profile_is_told_what_to_add(visitor: Visitor) -> None:
    visitor.send(
        "/register",
        registration(desired_position="любая работа", skills="", experience=""),
        headers={"Accept-Language": "ru"},
    )
    page = visitor.get("/me/recommendations?lang=ru").get_data(as_text=True)
    assert re.search(r"добавьте в профиль желаемую должность", page, re.I), page[:2000]


def test_an_administrator_ends_every_session_of_a_seeker(
    visitor: Visitor, runner: Any, db: Session
) -> None:
    visitor.send("/register", registration())
    assert visitor.get("/me").status_code == 200
    [seeker] = seekers(db)
    result = runner.invoke("end-seeker-sessions", str(seeker.id))
    assert result.exit_code == 0, result.output
    assert visitor.get("/me").status_code == 302
    assert visitor.send("/login", {"phone": "0555123456", "password": PASSWORD}).status_code == 302


def test_found_work_elsewhere_counts_apart_from_matches_even_after_deletion(
    visitor: Visitor, partner: Caller
) -> None:
    visitor.send("/register", registration())
    visitor.send("/me/found-job", {"through": "elsewhere", "where": "Базар"})
    figures = partner.get("/api/v1/stats").get_json()
    assert (figures["found_work_elsewhere"], figures["matched"]) == (1, 0)
    assert figures["breakdown"]["gender"]["female"]["found_work_elsewhere"] == 1
    visitor.send("/me/delete", {"password": PASSWORD})
    assert partner.get("/api/v1/stats").get_json()["found_work_elsewhere"] == 1


def test_reasons_speak_the_language_of_the_page(
    visitor: Visitor, sewing_vacancy: dict[str, Any]
) -> None:
    visitor.get("/?lang=ky")
    visitor.send("/register", registration())
    kyrgyz = visitor.get("/me/recommendations").get_data(as_text=True)
    english = visitor.get("/me/recommendations?lang=en").get_data(as_text=True)
    assert "Сиздин аймакта: Бишкек" in kyrgyz
    assert "In your region: Bishkek" in english


def test_odd_input_in_any_field_is_a_marked_form_never_a_500(visitor: Visitor, db: Session) -> None:
    odd = ["", " ", "\x00", "9" * 40, "<script>x</script>", "😀" * 300, "-1", "1e9", "🙂\u202e"]
    for value in odd:
        for field in (
            "full_name",
            "phone",
            "birth_year",
            "region",
            "gender",
            "salary_expectation",
            "languages",
            "other_language",
            "education_level",
            "employment_types",
        ):
            answer = visitor.send("/register", registration(**{field: value}))
            assert answer.status_code in {302, 409, 422}, (field, value, answer.status_code)
            if answer.status_code == 302:
                visitor.send("/logout", {}, form="/me")
    assert all(s.full_name for s in seekers(db))  # nothing half-made


def test_a_hundred_failures_lock_the_account_until_a_new_activation_code(
    visitor: Visitor, staff: Caller, db: Session
) -> None:
    visitor.send("/register", registration())
    visitor.send("/logout", {}, form="/me")
    [seeker] = seekers(db)
    seeker.failed_logins = 99  # as after days of someone guessing
    db.commit()
    assert (
        visitor.send("/login", {"phone": "0555123456", "password": "guess 100"}).status_code == 422
    )
    locked = visitor.send("/login?lang=en", {"phone": "0555123456", "password": PASSWORD})
    assert locked.status_code == 429 and "locked" in visitor.last
    answer = staff.post(f"/api/v1/seekers/{seeker.id}/activation-code")
    assert answer.status_code == 201, answer.get_json()
    code = answer.get_json()["activation_code"]
    assert (
        visitor.send("/activate", {"code": code, "password": "a new long pass"}).status_code == 302
    )
    visitor.send("/logout", {}, form="/me")
    signed = visitor.send("/login", {"phone": "0555123456", "password": "a new long pass"})
    assert signed.status_code == 302


def test_a_new_activation_code_ends_the_sessions_before_it(
    app: Flask, visitor: Visitor, staff: Caller, db: Session
) -> None:
    visitor.send("/register", registration())
    [seeker] = seekers(db)
    code = staff.post(f"/api/v1/seekers/{seeker.id}/activation-code").get_json()["activation_code"]
    other = Visitor(app.test_client())
    assert other.send("/activate", {"code": code, "password": "a new long pass"}).status_code == 302
    assert visitor.get("/me").status_code == 302  # the old session ended


def test_guessing_the_password_on_the_delete_page_counts_as_failures(
    visitor: Visitor, db: Session
) -> None:
    visitor.send("/register", registration())
    statuses = [
        visitor.send("/me/delete", {"password": f"guess {i}"}).status_code for i in range(6)
    ]
    assert statuses == [422] * 5 + [429]
    [seeker] = seekers(db)
    assert seeker.deleted_at is None


def test_applying_to_a_vacancy_the_public_cannot_see_is_refused(
    visitor: Visitor, sewing_vacancy: dict[str, Any], staff: Caller, db: Session
) -> None:
    from models import Vacancy

    visitor.send("/register", registration())
    vacancy = db.get(Vacancy, sewing_vacancy["id"])
    assert vacancy is not None
    vacancy.valid_through = utcnow().date() - timedelta(days=1)
    db.commit()
    expired = visitor.send(
        "/me/applications", {"vacancy_id": vacancy.id}, form="/me/recommendations"
    )
    assert expired.status_code == 409
    vacancy.valid_through = utcnow().date() + timedelta(days=5)
    db.commit()
    staff.patch(f"/api/v1/employers/{vacancy.employer_id}", json={"status": "suspended"})
    suspended = visitor.send(
        "/me/applications", {"vacancy_id": vacancy.id}, form="/me/recommendations"
    )
    assert suspended.status_code == 409
    missing = visitor.send("/me/applications", {"vacancy_id": 999999}, form="/me/recommendations")
    assert missing.status_code == 404
    assert db.scalar(select(func.count()).select_from(Match)) == 0


def test_every_seeker_column_is_either_erased_or_kept_on_purpose() -> None:
    from service.usecases.seeker_accounts import PERSONAL_FIELDS, STUB_FIELDS

    columns = {column.key for column in Seeker.__table__.columns}
    assert set(PERSONAL_FIELDS) | set(STUB_FIELDS) == columns
    assert not set(PERSONAL_FIELDS) & set(STUB_FIELDS)


def test_deletion_erases_every_personal_field_and_the_notes_about_the_seeker(
    visitor: Visitor, sewing_vacancy: dict[str, Any], db: Session
) -> None:
    from models import MatchEvent
    from service.usecases.seeker_accounts import PERSONAL_FIELDS

    visitor.send("/register", registration(email="aigul@example.invalid", locality="Ош"))
    visitor.send(
        "/me/applications", {"vacancy_id": sewing_vacancy["id"]}, form="/me/recommendations"
    )
    [event] = db.scalars(select(MatchEvent)).all()
    event.note = "Айгүл called, lives near the bazaar"
    db.commit()
    visitor.send("/me/delete", {"password": PASSWORD})
    [stub] = seekers(db)
    for name in PERSONAL_FIELDS:
        assert getattr(stub, name) in (None, [], False), name
    assert db.scalars(select(MatchEvent.note)).all() == [None]


def test_saving_the_profile_unchanged_keeps_every_language(visitor: Visitor, db: Session) -> None:
    visitor.send("/register", registration(languages=["ky"], other_language="fa"))
    [seeker] = seekers(db)
    seeker.languages = ["ky", "fa", "hy"]
    db.commit()
    page = visitor.get("/me").get_data(as_text=True)
    shown = re.findall(r'name="languages" value="([a-z]+)" checked', page)
    assert shown == ["ky", "fa", "hy"]
    form = registration(password=None, consent=None, languages=shown)
    assert visitor.send("/me", form).status_code == 302
    [seeker] = seekers(db)
    assert seeker.languages == ["ky", "fa", "hy"]


def test_digits_of_other_scripts_are_refused_calmly(visitor: Visitor) -> None:
    assert visitor.get("/vacancies?page=²").status_code == 200
    visitor.send("/register", registration())
    applied = visitor.send("/me/applications", {"vacancy_id": "²"}, form="/me/recommendations")
    assert applied.status_code == 302
    found = visitor.send("/me/found-job", {"through": "٣", "where": ""})
    assert found.status_code == 422
