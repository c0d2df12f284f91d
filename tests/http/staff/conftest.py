"""Browsers of programme users: each keeps its own cookies, sends the page's CSRF token,
and signs in with e-mail, password and (for admin, staff, partner) a TOTP code computed
with pyotp from the key shown at enrolment, as an authenticator app would."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from typing import Any

import pyotp
import pytest
from flask import Flask
from sqlalchemy.orm import Session

from service.platform.db import get_db
from service.usecases.accounts import create_user
from tests.http.web.conftest import Visitor

PASSWORD = "жумуш берүүчү 2026"
KEY = re.compile(r'<code class="key">([^<]+)</code>')
_numbers = count(1)


class StaffBrowser(Visitor):
    """One programme user's browser: a Visitor that also signs in with a second factor."""

    def __init__(self, client: Any, email: str = "", user_id: int = 0) -> None:
        super().__init__(client)
        self.email, self.user_id = email, user_id
        self.secret: str | None = None
        self.used_steps: set[int] = set()

    def code(self) -> str:
        """Return a code for a time step not used yet (the service accepts one step either
        side of now), as a person waiting for the next code would."""
        totp = pyotp.TOTP(self.secret or "")
        now = time.time()
        for drift in (0, 1):
            step = totp.timecode(now) + drift  # type: ignore[arg-type]
            if step not in self.used_steps:
                self.used_steps.add(step)
                return totp.generate_otp(step)
        raise AssertionError("two sign-ins in one step: no unused code left")

    def sign_in(self, password: str = PASSWORD) -> Any:
        """Sign in all the way: password, then enrolment or the code, as the role needs."""
        answer = self.send("/staff/login", {"email": self.email, "password": password})
        assert answer.status_code == 302, self.last
        where = answer.headers["Location"]
        if where.endswith("/staff/login/enrol"):
            page = self.get("/staff/login/enrol").get_data(as_text=True)
            found = KEY.search(page)
            assert found, "no key on the enrolment page"
            self.secret = found.group(1).replace(" ", "")
            answer = self.send("/staff/login/enrol", {"code": self.code()})
        elif where.endswith("/staff/login/code"):
            answer = self.send("/staff/login/code", {"code": self.code()})
        assert answer.status_code == 302, self.last
        return answer

    def sign_out(self) -> Any:
        return self.send("/staff/logout", {}, form="/staff")


def add_user(app: Flask, role: str, *, regions: Iterable[str] = (), email: str = "") -> int:
    """Store a programme user with the test password, as `jumush create-user` does."""
    with app.app_context(), get_db(app).sessions() as session:
        user, _token = create_user(
            session=session,
            email=email or f"{role}{next(_numbers)}@example.kg",
            role=role,
            password=PASSWORD,
            regions=list(regions),
        )
        return user.id


@pytest.fixture
def browser(app: Flask) -> Callable[..., StaffBrowser]:
    """Make a browser for a new user of `role` (not signed in yet)."""

    def make(role: str, *, regions: Iterable[str] = ()) -> StaffBrowser:
        email = f"{role}{next(_numbers)}@example.kg"
        user_id = add_user(app, role, regions=regions, email=email)
        return StaffBrowser(app.test_client(), email=email, user_id=user_id)

    return make


@pytest.fixture
def signed_in(browser: Callable[..., StaffBrowser]) -> Callable[..., StaffBrowser]:
    """Make a browser for a new user of `role`, signed in."""

    def make(role: str, *, regions: Iterable[str] = ()) -> StaffBrowser:
        person = browser(role, regions=regions)
        person.sign_in()
        return person

    return make


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """A session on the app's database for arranging and checking rows."""
    with get_db(app).sessions() as session:
        yield session
