"""Staff sign-in: password, then a TOTP second factor for every role that sees personal
data; server-side sessions that really end; throttling per account and per address."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pyotp
import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, User
from service.platform.db import get_db
from service.platform.security.second_factor import SecretBox
from service.usecases.accounts import update_user
from tests.http.staff.conftest import PASSWORD, StaffBrowser
from tests.support import sign_in_limited_app

Make = Callable[..., StaffBrowser]


def _user(db: Session, user_id: int) -> User:
    db.expire_all()
    user = db.get(User, user_id)
    assert user is not None
    return user


@pytest.mark.parametrize("role", ["admin", "staff", "partner"])
def test_roles_that_see_personal_data_enrol_a_second_factor_then_use_it(
    browser: Make, db: Session, role: str
) -> None:
    person = browser(role)
    answer = person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    assert answer.headers["Location"].endswith("/staff/login/enrol")
    # Half signed in: the dashboard is still closed.
    assert person.get("/staff").status_code == 302
    page = person.get("/staff/login/enrol").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page  # the QR code is drawn here, as SVG
    person.sign_in()
    assert person.get("/staff").status_code == 200
    stored = _user(db, person.user_id)
    assert stored.totp_enrolled_at is not None
    # Encrypted at rest: the key shown to the person is not what the database holds.
    assert person.secret and person.secret not in (stored.totp_secret or "")
    assert SecretBox.from_secret_key("test-secret").open(stored.totp_secret or "") == person.secret
    assert SecretBox.from_secret_key("another key").open(stored.totp_secret or "") is None

    person.sign_out()
    answer = person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    assert answer.headers["Location"].endswith("/staff/login/code")  # enrolled: only the code
    assert person.send("/staff/login/code", {"code": person.code()}).status_code == 302
    assert person.get("/staff").status_code == 200


def test_a_viewer_signs_in_with_the_password_alone(browser: Make) -> None:
    viewer = browser("viewer")
    answer = viewer.send("/staff/login", {"email": viewer.email, "password": PASSWORD})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/staff")
    assert viewer.get("/staff").status_code == 200
    assert viewer.get("/staff/login/enrol").status_code == 302  # nothing to enrol


def test_a_code_is_accepted_only_once(browser: Make) -> None:
    person = browser("staff")
    person.sign_in()
    spent = pyotp.TOTP(person.secret or "").generate_otp(max(person.used_steps))
    person.sign_out()
    person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    answer = person.send("/staff/login/code", {"code": spent})
    assert answer.status_code == 422
    assert 'aria-invalid="true"' in person.last and "f-code" in person.last
    assert person.get("/staff").status_code == 302


def test_wrong_codes_count_towards_the_accounts_wait(browser: Make, db: Session) -> None:
    person = browser("partner")
    person.sign_in()
    person.sign_out()
    person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    statuses = [person.send("/staff/login/code", {"code": "000000"}).status_code for _ in range(6)]
    assert statuses[:5] == [422] * 5 and statuses[5] == 429
    assert _user(db, person.user_id).failed_logins == 5


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(browser: Make) -> None:
    person = browser("staff")
    wrong = person.send("/staff/login?lang=en", {"email": person.email, "password": "no!"})
    unknown_page = person.last
    unknown = person.send("/staff/login?lang=en", {"email": "nobody@example.kg", "password": "no!"})
    assert wrong.status_code == unknown.status_code == 422
    message = "The e-mail or the password is not right."
    assert message in unknown_page and message in person.last


def test_wrong_passwords_make_the_account_wait(browser: Make, db: Session) -> None:
    person = browser("staff")
    statuses = [
        person.send("/staff/login", {"email": person.email, "password": "guess"}).status_code
        for _ in range(6)
    ]
    assert statuses == [422] * 5 + [429]
    # Even the right password waits now.
    assert (
        person.send("/staff/login", {"email": person.email, "password": PASSWORD}).status_code
        == 429
    )


def test_sign_in_attempts_are_limited_per_address(tmp_path: Any) -> None:
    app = sign_in_limited_app(tmp_path)
    person = StaffBrowser(app.test_client())
    statuses = [
        person.send("/staff/login", {"email": f"guess{n}@example.kg", "password": "x"}).status_code
        for n in range(4)
    ]
    assert statuses == [422, 422, 422, 429]


def test_signing_in_gives_a_new_session_id_with_safe_cookie_flags(browser: Make) -> None:
    person = browser("viewer")
    person.get("/staff/login")
    before = person.client.get_cookie("jumush_session")
    answer = person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    after = person.client.get_cookie("jumush_session")
    assert before is not None and after is not None and before.value != after.value
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_cookie_copied_before_signing_out_opens_nothing(app: Flask, signed_in: Make) -> None:
    person = signed_in("staff")
    copied = person.client.get_cookie("jumush_session").value
    thief = app.test_client()
    thief.set_cookie("jumush_session", copied)
    assert thief.get("/staff").status_code == 200  # the copy works while the session lives
    person.sign_out()
    answer = thief.get("/staff")
    assert answer.status_code == 302 and "/staff/login" in answer.headers["Location"]


def test_disabling_a_user_ends_their_sessions_at_once(
    app: Flask, signed_in: Make, db: Session
) -> None:
    person = signed_in("partner")
    admin = signed_in("admin")
    answer = admin.send(f"/staff/users/{person.user_id}", {"role": "partner", "active": ""})
    assert answer.status_code == 302
    assert person.get("/staff").status_code == 302
    again = person.send("/staff/login?lang=en", {"email": person.email, "password": PASSWORD})
    assert again.status_code == 403 and "This account is disabled." in person.last


def test_an_admin_resets_a_lost_second_factor(signed_in: Make, db: Session) -> None:
    person = signed_in("staff")
    admin = signed_in("admin")
    admin.send(f"/staff/users/{person.user_id}/reset-second-factor", {}, form="/staff/users")
    assert person.get("/staff").status_code == 302  # signed out
    stored = _user(db, person.user_id)
    assert stored.totp_secret is None and stored.totp_enrolled_at is None
    answer = person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    assert answer.headers["Location"].endswith("/staff/login/enrol")
    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == person.user_id))
    assert "user.second_factor_reset" in set(actions)


def test_the_last_admin_cannot_be_disabled(app: Flask, signed_in: Make, db: Session) -> None:
    admin = signed_in("admin")
    for other in db.scalars(select(User).where(User.role == "admin", User.id != admin.user_id)):
        with app.app_context(), get_db(app).sessions() as session:
            update_user(
                session=session,
                user_id=other.id,
                role="viewer",
                regions=[],
                active=True,
                actor_id=admin.user_id,
            )
    answer = admin.send(f"/staff/users/{admin.user_id}?lang=en", {"role": "admin", "active": ""})
    assert answer.status_code == 409
    assert "This is the last active admin." in admin.last
    assert _user(db, admin.user_id).active


def test_sign_in_goes_back_only_to_a_page_of_this_site(browser: Make) -> None:
    person = browser("viewer")
    answer = person.send(
        "/staff/login", {"email": person.email, "password": PASSWORD, "next": "//evil.example/"}
    )
    assert answer.headers["Location"] == "/staff"


def test_the_staff_pages_offer_kyrgyz_russian_and_english_only(browser: Make) -> None:
    person = browser("viewer")
    page = person.get("/staff/login?lang=uz").get_data(as_text=True)
    assert re.search(r'<html lang="(ru|ky|en)">', page)
    assert "?lang=uz" not in page


def test_a_right_password_does_not_wipe_out_the_wrong_codes_before_it(
    browser: Make, db: Session
) -> None:
    person = browser("staff")
    person.sign_in()
    person.sign_out()
    person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    for _ in range(4):
        assert person.send("/staff/login/code", {"code": "000000"}).status_code == 422
    # Starting again with the password must not buy four more free guesses.
    person.send("/staff/login", {"email": person.email, "password": PASSWORD})
    assert _user(db, person.user_id).failed_logins == 4
    assert person.send("/staff/login/code", {"code": "000000"}).status_code == 422
    assert person.send("/staff/login/code", {"code": "000000"}).status_code == 429


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/staff/login", {"email": "a\x00@example.kg", "password": "x"}),
        ("/staff/seekers?q=%00", None),
        ("/staff/employers?q=a%00b", None),
    ],
)
def test_text_with_a_nul_character_is_refused_calmly(
    signed_in: Make, path: str, data: dict[str, str] | None
) -> None:
    admin = signed_in("admin")
    answer = admin.send(path, data, form="/staff") if data else admin.get(path)
    assert answer.status_code == 400
    assert "NUL" in admin.last or "NUL" in answer.get_data(as_text=True)
