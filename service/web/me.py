"""The signed-in seeker's own pages: recommendations, applications, profile, data."""

from __future__ import annotations

import json
from dataclasses import replace

from flask import Response, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from service.forms import FormState, run, whole_number
from service.forms.profile import (
    chosen_languages,
    profile_answers,
    profile_choices,
    profile_state,
)
from service.i18n import page_language
from service.i18n.labels import EMPLOYMENT_TYPES, LANGUAGES, MATCH_STATUSES, REGIONS
from service.i18n.reasons import explain
from service.platform.db import get_session
from service.platform.matcher import get_matcher
from service.schemas.seekers import SeekerIn
from service.usecases import clock
from service.usecases.applications import apply, list_applications, report_found_work, withdraw
from service.usecases.contact_views import contact_shown_to
from service.usecases.errors import DomainError
from service.usecases.seeker_accounts import delete_account, export_data, update_profile
from service.usecases.seekers import recommend_for_seeker
from service.web import bp
from service.web.courses import ON_RECOMMENDATIONS, course_advice
from service.web.signin import end, me, seeker_required


@bp.get("/me/recommendations")
@seeker_required
def recommendations() -> ResponseReturnValue:
    """The best open vacancies for the seeker, each with why, in the seeker's language."""
    seeker = me()
    ranked = recommend_for_seeker(
        session=get_session(),
        matcher=get_matcher(current_app),
        seeker_id=seeker.id,
        limit=20,
        today=clock.today(),
    )
    # Vacancies the seeker applied to are not recommended again (recommend_vacancies).
    # On the pages, the reasons speak the page's language (the API: the seeker's own).
    return render_template(
        "web/recommendations.html",
        ranked=explain(replace(ranked, lang=page_language())),
        courses=[] if ranked.missing else course_advice(seeker, ON_RECOMMENDATIONS).ranked.items,
        language_names=LANGUAGES,
        regions=REGIONS,
        employment_types=EMPLOYMENT_TYPES,
        seeker=seeker,
    )


@bp.get("/me/applications")
@seeker_required
def applications() -> ResponseReturnValue:
    """Each application with its status in plain words and its date."""
    seeker = me()
    return render_template(
        "web/applications.html",
        items=list_applications(session=get_session(), seeker=seeker),
        statuses=MATCH_STATUSES,
        seeker=seeker,
        message=request.args.get("done", ""),
    )


@bp.post("/me/applications")
@seeker_required
def apply_to() -> ResponseReturnValue:
    """Apply to a vacancy: the employer now sees the seeker's contact."""
    vacancy_id = whole_number(request.form.get("vacancy_id", ""))
    if vacancy_id is None or vacancy_id > 2_147_483_647:
        return redirect(url_for("web.recommendations"))
    # A refusal (closed, not found, applied already) is the platform's error page.
    apply(
        session=get_session(), seeker=me(), vacancy_id=vacancy_id, matcher=get_matcher(current_app)
    )
    return redirect(url_for("web.applications", done="applied"))


@bp.post("/me/applications/<int(min=1, max=2147483647):match_id>/withdraw")
@seeker_required
def withdraw_from(match_id: int) -> ResponseReturnValue:
    """Withdraw an application."""
    withdraw(session=get_session(), seeker=me(), match_id=match_id)
    return redirect(url_for("web.applications", done="withdrawn"))


@bp.route("/me/found-job", methods=["GET", "POST"])
@seeker_required
def found_job() -> ResponseReturnValue:
    """Say "I found a job": through one of the applications here, or elsewhere."""
    seeker = me()
    items = list_applications(session=get_session(), seeker=seeker)
    state = FormState()
    if request.method == "POST":
        through = request.form.get("through", "")
        state.values = {"through": through, "where": request.form.get("where", "")}
        match_id = whole_number(through)
        if match_id is not None and match_id > 2_147_483_647:
            match_id = None
        try:
            report_found_work(
                session=get_session(),
                seeker=seeker,
                now=clock.utcnow(),
                where=None if match_id else state.values["where"],
                match_id=match_id,
            )
        except DomainError as exc:
            state.refuse(exc, "where")
        else:
            return redirect(url_for("web.applications", done="found"))
    return (
        render_template("web/found_job.html", state=state, items=items, seeker=seeker),
        state.status,
    )


@bp.route("/me", methods=["GET", "POST"])
@seeker_required
def profile() -> ResponseReturnValue:
    """See and change the profile; recommendations follow at once."""
    seeker = me()
    state = profile_state(seeker)
    if request.method == "POST":
        data, state.values = profile_answers(request.form)
        data["preferred_language"] = request.form.get("preferred_language") or str(
            seeker.preferred_language
        )
        state.values["preferred_language"] = data["preferred_language"]
        done = run(
            state,
            SeekerIn(exclude=("consent",)),
            data,
            lambda fields: update_profile(session=get_session(), seeker=seeker, fields=fields),
        )
        if done is not None and state.ok:
            return redirect(url_for("web.profile", saved="1"))
    return (
        render_template(
            "web/profile.html",
            state=state,
            saved=request.args.get("saved") == "1",
            kept=request.args.get("kept") == "1",
            contact_shown=contact_shown_to(session=get_session(), seeker_id=seeker.id),
            seeker=seeker,
            **profile_choices(chosen_languages(state)),
        ),
        state.status,
    )


@bp.get("/me/data.json")
@seeker_required
def data() -> ResponseReturnValue:
    """Everything stored about the seeker, with the matches and their events, as JSON."""
    body = json.dumps(export_data(session=get_session(), seeker=me()), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="jumush-my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/me/delete", methods=["GET", "POST"])
@seeker_required
def delete() -> ResponseReturnValue:
    """Delete the account after the password: personal data go, every session ends."""
    state = FormState()
    if request.method == "POST":
        try:
            delete_account(
                session=get_session(),
                seeker=me(),
                password=request.form.get("password", ""),
                now=clock.utcnow(),
            )
        except DomainError as exc:
            state.refuse(exc, "password")
            return render_template("web/delete.html", state=state, seeker=me()), state.status
        end()
        return render_template("web/deleted.html")
    return render_template("web/delete.html", state=state, seeker=me())
