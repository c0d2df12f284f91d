"""Register, sign in and out, and claim an account made by a partner organisation."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from models import Seeker
from models.enums import EducationLevel, EmploymentType, Gender, Region
from service.i18n import page_language
from service.i18n.labels import (
    EDUCATION_LEVELS,
    EMPLOYMENT_TYPES,
    GENDERS,
    REGIONS,
    language_name,
)
from service.platform.db import get_session
from service.schemas.seekers import SeekerIn
from service.usecases import clock
from service.usecases.errors import DomainError
from service.usecases.languages import COMMON, SPOKEN, UNNAMED_BY_CLDR
from service.usecases.phones import to_e164
from service.usecases.seeker_accounts import (
    AlreadyRegistered,
    activate,
    check_consent,
    check_password,
    register_self,
    sign_in,
)
from service.web import bp
from service.web.forms import FormState, read, run, skills_from_text
from service.web.signin import end, safe_next, signed_in, start

PROFILE_TEXT = (
    "full_name",
    "phone",
    "email",
    "birth_year",
    "locality",
    "desired_position",
    "experience",
    "salary_expectation",
    "previous_sector",
)
PROFILE_CHOICES = ("gender", "region", "education_level")
PROFILE_FLAGS = ("lost_job_due_to_covid", "disability", "visible_to_employers", "contactable")


def profile_answers(form: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read the profile fields: (data for the schema, answers to show again)."""
    data = read(
        form,
        text=PROFILE_TEXT,
        lists=("employment_types",),
        flags=PROFILE_FLAGS,
        choices=PROFILE_CHOICES,
    )
    data["skills"] = skills_from_text(form.get("skills", ""))
    other = form.get("other_language", "").strip()
    data["languages"] = [*form.getlist("languages"), *([other] if other else [])]
    shown = {**data, "skills": form.get("skills", ""), "other_language": other}
    return data, shown


def profile_state(seeker: Seeker) -> FormState:
    """The profile form filled with what is stored, as `profile_answers` reads it back."""
    values: dict[str, Any] = {
        name: getattr(seeker, name)
        for name in (*PROFILE_TEXT, *PROFILE_FLAGS, "employment_types", "preferred_language")
    }
    for name in PROFILE_CHOICES:
        value = getattr(seeker, name)
        values[name] = None if value is None else str(value)
    values["preferred_language"] = str(seeker.preferred_language)
    values["skills"] = "\n".join(seeker.skills or [])
    values["languages"] = list(seeker.languages or [])
    return FormState(values=values)


def profile_choices(chosen: list[str] | None = None) -> dict[str, Any]:
    """The closed vocabularies of the profile form, named in the page's language.

    Languages already `chosen` beyond the common ones get a checkbox of their own, so
    that saving the form keeps every one of them.
    """
    chosen_others = [c for c in dict.fromkeys(chosen or []) if c in SPOKEN and c not in COMMON]
    # The form offers ISO 639-1 languages (and Dungan); the API takes any ISO 639 code.
    offered = (c for c in SPOKEN if c not in COMMON and (len(c) == 2 or c in UNNAMED_BY_CLDR))
    others = sorted(
        ((code, language_name(code)) for code in offered),
        key=lambda pair: pair[1].casefold(),
    )
    return {
        "genders": [(g.value, GENDERS[g.value]) for g in Gender],
        "regions": [(r.value, REGIONS[r.value]) for r in Region],
        "education_levels": [(e.value, EDUCATION_LEVELS[e.value]) for e in EducationLevel],
        "employment_types": [(t.value, EMPLOYMENT_TYPES[t.value]) for t in EmploymentType],
        "common_languages": [(code, language_name(code)) for code in (*COMMON, *chosen_others)],
        "other_languages": others,
    }


def chosen_languages(state: FormState) -> list[str]:
    # The checked boxes; the "another language" pick then shows as a box of its own.
    chosen = [str(c) for c in state.values.get("languages") or []]
    other = str(state.values.get("other_language") or "")
    return [c for c in chosen if c != other]


def _precheck(state: FormState, step: Any) -> None:
    # Say every problem at once: the use-case checks these again before it writes.
    try:
        step()
    except DomainError as exc:
        state.add(exc.errors or {})


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
        _precheck(state, lambda: check_password(password))
        _precheck(state, lambda: check_consent(data["consent"]))
        _precheck(state, lambda: to_e164(str(data.get("phone") or "")))
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
