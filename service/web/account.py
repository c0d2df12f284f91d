"""Register, sign in and out, and claim an account made by a partner organisation."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from service.forms import FormState, precheck, run, safe_next
from service.forms.profile import chosen_languages, profile_answers, profile_choices
from service.i18n import page_language
from service.platform.db import get_session
from service.schemas.seekers import SeekerIn
from service.usecases import clock
from service.usecases.errors import DomainError
from service.usecases.phones import to_e164
from service.usecases.retention import welcome_back
from service.usecases.seeker_accounts import (
    CONSENT_VERSION,
    AlreadyRegistered,
    activate,
    check_consent,
    check_password,
    register_self,
    sign_in,
)
from service.web import bp
from service.web.signin import end, signed_in, start


@bp.route("/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    """Register in one page; answers are kept on error and the seeker lands on offers."""
    if signed_in() is not None:
        return redirect(url_for("web.recommendations"))
    state = FormState(values={"visible_to_employers": True, "languages": [page_language()]})
    if request.method == "POST":
        data, state.values = profile_answers(request.form)
        data["consent"] = request.form.get("consent") == "yes"
        data["preferred_language"] = page_language()
        state.values["consent"] = data["consent"]
        password = request.form.get("password", "")
        precheck(state, lambda: check_password(password))
        precheck(state, lambda: check_consent(data["consent"]))
        precheck(state, lambda: to_e164(str(data.get("phone") or "")))
        # The use-case repeats the checks above, so it writes nothing while any fails.
        seeker = run(
            state,
            SeekerIn(),
            data,
            lambda fields: register_self(
                session=get_session(), fields=fields, password=password, now=clock.utcnow()
            ),
        )
        if seeker is not None and state.ok:
            start(seeker)
            return redirect(url_for("web.recommendations"))
    already = state.refusal == AlreadyRegistered.code
    return (
        render_template(
            "web/register.html",
            state=state,
            already=already,
            consent_version=CONSENT_VERSION,
            **profile_choices(chosen_languages(state)),
        ),
        state.status,
    )


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Sign in with phone and password."""
    target = safe_next(request.values.get("next"), url_for("web.recommendations"))
    if signed_in() is not None:
        return redirect(target)
    state = FormState()
    if request.method == "POST":
        state.values = {"phone": request.form.get("phone", "")}
        try:
            seeker = sign_in(
                session=get_session(),
                phone=request.form.get("phone", ""),
                password=request.form.get("password", ""),
                now=clock.utcnow(),
            )
        except DomainError as exc:
            state.refuse(exc, "phone")
        else:
            start(seeker)
            if welcome_back(session=get_session(), seeker=seeker, now=clock.utcnow()):
                # Signing in kept an account under notice: the profile page says so.
                return redirect(url_for("web.profile", kept="1"))
            return redirect(target)
    return render_template("web/login.html", state=state, next=target), state.status


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out: the server forgets the session at once."""
    end()
    return redirect(url_for("web.index"))


@bp.route("/activate", methods=["GET", "POST"])
def activate_account() -> ResponseReturnValue:
    """Claim an account a partner made, with its one-time code: choose a password."""
    state = FormState(values={"code": request.args.get("code", "")})
    if request.method == "POST":
        state.values = {"code": request.form.get("code", "")}
        try:
            seeker = activate(
                session=get_session(),
                code=request.form.get("code", ""),
                password=request.form.get("password", ""),
                now=clock.utcnow(),
            )
        except DomainError as exc:
            state.refuse(exc, "code")
        else:
            start(seeker)
            return redirect(url_for("web.recommendations"))
    return render_template("web/activate.html", state=state), state.status
