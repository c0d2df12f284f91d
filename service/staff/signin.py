"""Staff sign-in: e-mail and password, then a TOTP code (enrolled with a QR code drawn
here as SVG) for admins, staff and partners; viewers need the password only.

The session lives on the server (Flask-Session): it gets a new id after the password
and again after the code, it remembers the user's session version (disabling a user
or ending their sessions raises it), and signing out deletes it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import segno
from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from models import User
from models.enums import UserRole
from service.forms import FormState, safe_next
from service.platform.db import get_session
from service.platform.security.second_factor import SecretBox
from service.platform.sessions import end_session, start_fresh_session
from service.staff import bp
from service.usecases import clock
from service.usecases.accounts import end_user_sessions
from service.usecases.errors import DomainError
from service.usecases.staff_sign_in import (
    begin_enrolment,
    check_credentials,
    current_user,
    needs_second_factor,
    prove_code,
    signed_in,
)

F = TypeVar("F", bound=Callable[..., Any])

USER_KEY = "staff_user_id"
VERSION_KEY = "staff_session_version"
# Between the password and the code: who passed the password, and where to go next.
PENDING_KEY = "staff_pending_user_id"
PENDING_VERSION_KEY = "staff_pending_version"
NEXT_KEY = "staff_next"

ALL_ROLES = frozenset(UserRole)


def _box() -> SecretBox:
    return SecretBox.from_secret_key(str(current_app.config["SECRET_KEY"]))


def signed_in_user() -> User | None:
    """Return the signed-in programme user, or None (also when the session was ended)."""
    if "staff_user" not in g:
        user_id, version = session.get(USER_KEY), session.get(VERSION_KEY)
        user = None
        if isinstance(user_id, int) and isinstance(version, int):
            user = current_user(session=get_session(), user_id=user_id, version=version)
            if user is None:
                session.clear()
        g.staff_user = user
    return g.staff_user


def _pending_user() -> User | None:
    user_id, version = session.get(PENDING_KEY), session.get(PENDING_VERSION_KEY)
    if not isinstance(user_id, int) or not isinstance(version, int):
        return None
    return current_user(session=get_session(), user_id=user_id, version=version)


def staff_required(*roles: UserRole) -> Callable[[F], F]:
    """Let through signed-in users of `roles` (all roles if none): others sign in or get 403."""
    allowed = frozenset(roles) or ALL_ROLES

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = signed_in_user()
            if user is None:
                return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
            if user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def staff_user() -> User:
    """Return the signed-in user (in a view guarded by `staff_required`)."""
    user = signed_in_user()
    assert user is not None
    return user


def _finish(user: User) -> ResponseReturnValue:
    target = safe_next(session.get(NEXT_KEY), url_for("staff.dashboard"))
    start_fresh_session()
    session[USER_KEY] = user.id
    session[VERSION_KEY] = user.session_version
    g.staff_user = user
    signed_in(session=get_session(), user=user, now=clock.utcnow())
    return redirect(target)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Sign in with e-mail and password; then the second factor, when the role needs one."""
    target = safe_next(request.values.get("next"), url_for("staff.dashboard"))
    if signed_in_user() is not None:
        return redirect(target)
    state = FormState()
    if request.method == "POST":
        state.values = {"email": request.form.get("email", "")}
        try:
            user = check_credentials(
                session=get_session(),
                email=request.form.get("email", ""),
                password=request.form.get("password", ""),
                now=clock.utcnow(),
            )
        except DomainError as exc:
            state.refuse(exc, "email")
        else:
            if not needs_second_factor(user):
                session[NEXT_KEY] = target
                return _finish(user)
            start_fresh_session()
            session[PENDING_KEY] = user.id
            session[PENDING_VERSION_KEY] = user.session_version
            session[NEXT_KEY] = target
            step = "staff.code" if user.totp_enrolled_at else "staff.enrol"
            return redirect(url_for(step))
    return render_template("staff/login.html", state=state, next=target), state.status


@bp.route("/login/code", methods=["GET", "POST"])
def code() -> ResponseReturnValue:
    """The second step: the six-digit code from the authenticator app."""
    user = _pending_user()
    if user is None or user.totp_enrolled_at is None:
        return redirect(url_for("staff.login"))
    state = FormState()
    if request.method == "POST" and _proved(user, state):
        return _finish(user)
    return render_template("staff/code.html", state=state), state.status


def _proved(user: User, state: FormState) -> bool:
    """Check the posted code; a refusal lands in `state` for the page to show."""
    try:
        prove_code(
            session=get_session(),
            user=user,
            code=request.form.get("code", ""),
            box=_box(),
            now=clock.utcnow(),
        )
    except DomainError as exc:
        state.refuse(exc, "code")
        return False
    return True


@bp.route("/login/enrol", methods=["GET", "POST"])
def enrol() -> ResponseReturnValue:
    """Set up the second factor: scan the QR code (or type the key), then prove a code."""
    user = _pending_user()
    if user is None:
        return redirect(url_for("staff.login"))
    if user.totp_enrolled_at is not None:
        return redirect(url_for("staff.code"))
    enrolment = begin_enrolment(session=get_session(), user=user, box=_box())
    state = FormState()
    if request.method == "POST" and _proved(user, state):
        return _finish(user)
    # Drawn here, as SVG: the secret never goes to an outside QR service.
    qr = segno.make(enrolment.uri, error="m").svg_data_uri(scale=5, border=2)
    key = " ".join(enrolment.secret[i : i + 4] for i in range(0, len(enrolment.secret), 4))
    return (
        render_template("staff/enrol.html", state=state, qr=qr, key=key, email=user.email),
        state.status,
    )


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out: the server forgets the session at once, so its cookie opens nothing
    (by the database, every session of the user, when the store cannot confirm it)."""
    user = signed_in_user()
    if not end_session() and user is not None:
        end_user_sessions(session=get_session(), user_id=user.id, actor_id=user.id)
    g.staff_user = None
    return redirect(url_for("staff.login"))
