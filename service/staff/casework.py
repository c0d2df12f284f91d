"""Casework: partners register seekers and apply on their behalf; staff look seekers
and employers up, record outcomes employers phone in, and suspend employers."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from models.enums import Language, MatchStatus, UserRole
from service.forms import FormState, precheck, run, whole_number
from service.forms.profile import chosen_languages, profile_answers, profile_choices
from service.i18n import NATIVE_NAMES, page_language
from service.i18n.labels import EMPLOYMENT_TYPES, REGIONS
from service.platform.db import get_session
from service.platform.matcher import get_matcher
from service.schemas.seekers import SeekerIn
from service.staff import SIZE_NAMES, STATUS_NAMES, bp
from service.staff.courses import seeker_training
from service.staff.signin import staff_required, staff_user
from service.usecases import casework, clock
from service.usecases.enrolments import enrol
from service.usecases.errors import DomainError
from service.usecases.matches import TRANSITIONS
from service.usecases.phones import to_e164
from service.usecases.retention import anonymisation_due
from service.usecases.seeker_accounts import CONSENT_VERSION, check_consent
from service.usecases.seekers import register_seeker

ADMIN, STAFF, PARTNER = UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER
ID = "int(min=1, max=2147483647)"
# The outcomes staff record for an employer (DESIGN.md: staff record outcomes).
OUTCOMES = (MatchStatus.CONTACTED, MatchStatus.INTERVIEW, MatchStatus.HIRED, MatchStatus.REJECTED)


@bp.get("/seekers")
@staff_required(ADMIN, STAFF, PARTNER)
def seekers() -> ResponseReturnValue:
    """Find a seeker by number, phone or name; partners see the seekers they registered."""
    query = request.args.get("q", "")[:100]
    found = casework.find_seekers(session=get_session(), user=staff_user(), text=query)
    return render_template("staff/seekers.html", seekers=found, q=query, regions=REGIONS)


@bp.route("/seekers/new", methods=["GET", "POST"])
@staff_required(ADMIN, STAFF, PARTNER)
def new_seeker() -> ResponseReturnValue:
    """Register a seeker on their behalf, with the seeker's own form; show the code once."""
    state = FormState(values={"visible_to_employers": True, "languages": [page_language()]})
    state.values["preferred_language"] = page_language()
    if request.method == "POST":
        data, state.values = profile_answers(request.form)
        data["consent"] = request.form.get("consent") == "yes"
        language = request.form.get("preferred_language", "")
        data["preferred_language"] = (
            language if language in {code.value for code in Language} else page_language()
        )
        state.values.update(consent=data["consent"], preferred_language=language)
        precheck(state, lambda: check_consent(data["consent"]))
        precheck(state, lambda: to_e164(str(data.get("phone") or "")))
        registered = run(
            state,
            SeekerIn(),
            data,
            lambda fields: register_seeker(
                session=get_session(), fields=fields, user_id=staff_user().id
            ),
        )
        if registered is not None and state.ok:
            # Shown on this answer only (no-store): it is never read back.
            return render_template(
                "staff/seeker_registered.html",
                seeker=registered.seeker,
                code=registered.activation_code,
            )
    return (
        render_template(
            "staff/seeker_new.html",
            state=state,
            consent_version=CONSENT_VERSION,
            languages=[(code.value, NATIVE_NAMES[code.value]) for code in Language],
            **profile_choices(chosen_languages(state)),
        ),
        state.status,
    )


def _seeker_page(
    seeker_id: int,
    *,
    state: FormState | None = None,
    course_state: FormState | None = None,
    done: str = "",
) -> ResponseReturnValue:
    user = staff_user()
    case = casework.open_seeker(session=get_session(), user=user, seeker_id=seeker_id)
    state, course_state = state or FormState(), course_state or FormState()
    return (
        render_template(
            "staff/seeker.html",
            case=case,
            regions=REGIONS,
            statuses=STATUS_NAMES,
            employment_types=EMPLOYMENT_TYPES,
            state=state,
            course_state=course_state,
            training=seeker_training(user, seeker_id),
            anonymisation_due=anonymisation_due(
                case.seeker, current_app.config["RETENTION_NOTICE_DAYS"]
            ),
            done=done,
        ),
        max(state.status, course_state.status),
    )


@bp.get(f"/seekers/<{ID}:seeker_id>")
@staff_required(ADMIN, STAFF, PARTNER)
def seeker(seeker_id: int) -> ResponseReturnValue:
    """A seeker's record, applications and courses (the opening is audited)."""
    return _seeker_page(seeker_id, done=request.args.get("done", ""))


@bp.post(f"/seekers/<{ID}:seeker_id>/applications")
@staff_required(ADMIN, STAFF, PARTNER)
def apply_for(seeker_id: int) -> ResponseReturnValue:
    """Apply to a vacancy (by its number) on the seeker's behalf."""
    user, db = staff_user(), get_session()
    state = FormState(values={"vacancy_id": request.form.get("vacancy_id", "")})
    vacancy_id = whole_number(state.values["vacancy_id"], digits=9)
    try:
        if vacancy_id is None or vacancy_id < 1:
            state.add({"vacancy_id": [_("Enter the number of an open vacancy.")]})
        else:
            casework.apply_for(
                session=db,
                user=user,
                seeker_id=seeker_id,
                vacancy_id=vacancy_id,
                matcher=get_matcher(current_app),
            )
            return redirect(url_for("staff.seeker", seeker_id=seeker_id, done="applied"))
    except DomainError as exc:
        state.refuse(exc, "vacancy_id")
    return _seeker_page(seeker_id, state=state)


@bp.post(f"/seekers/<{ID}:seeker_id>/enrolments")
@staff_required(ADMIN, STAFF, PARTNER)
def enrol_seeker(seeker_id: int) -> ResponseReturnValue:
    """Enrol the seeker in an open course (chosen from the list or recommended)."""
    db = get_session()
    typed = request.form.get("course_id", "")
    state = FormState(values={"course_id": typed})
    course_id = whole_number(typed, digits=9)
    if course_id is None or course_id < 1:
        state.add({"course_id": [_("Choose a course.")]})
        return _seeker_page(seeker_id, course_state=state)
    try:
        enrol(
            session=db,
            user=staff_user(),
            course_id=course_id,
            seeker_id=seeker_id,
            today=clock.today(),
        )
    except DomainError as exc:
        db.rollback()
        state.refuse(exc, "course_id")
        return _seeker_page(seeker_id, course_state=state)
    return redirect(
        url_for("staff.seeker", seeker_id=seeker_id, done="enrolled", _anchor="courses")
    )


@bp.post(f"/seekers/<{ID}:seeker_id>/activation-code")
@staff_required(ADMIN, STAFF, PARTNER)
def new_code(seeker_id: int) -> ResponseReturnValue:
    """Give the seeker a new one-time activation code, shown once on this answer."""
    seeker, code = casework.new_activation_code(
        session=get_session(), user=staff_user(), seeker_id=seeker_id
    )
    return render_template("staff/seeker_registered.html", seeker=seeker, code=code, new=True)


@bp.get("/employers")
@staff_required(ADMIN, STAFF)
def employers() -> ResponseReturnValue:
    """Find an employer by number, tax id (INN) or name."""
    query = request.args.get("q", "")[:100]
    found = casework.find_employers(session=get_session(), user=staff_user(), text=query)
    return render_template("staff/employers.html", employers=found, q=query, regions=REGIONS)


def _employer_page(employer_id: int, state: FormState, done: str = "") -> ResponseReturnValue:
    case = casework.open_employer(session=get_session(), user=staff_user(), employer_id=employer_id)
    return (
        render_template(
            "staff/employer.html",
            case=case,
            regions=REGIONS,
            statuses=STATUS_NAMES,
            outcomes=OUTCOMES,
            outcome_names=STATUS_NAMES,
            sizes=SIZE_NAMES,
            transitions=TRANSITIONS,
            state=state,
            done=done,
        ),
        state.status,
    )


@bp.get(f"/employers/<{ID}:employer_id>")
@staff_required(ADMIN, STAFF)
def employer(employer_id: int) -> ResponseReturnValue:
    """An employer's record with the matches of its vacancies (the opening is audited)."""
    return _employer_page(employer_id, FormState(), request.args.get("done", ""))


@bp.post(f"/employers/<{ID}:employer_id>/status")
@staff_required(ADMIN, STAFF)
def employer_status(employer_id: int) -> ResponseReturnValue:
    """Suspend an employer, or let a suspended one work again."""
    suspended = request.form.get("status") == "suspended"
    casework.suspend_employer(
        session=get_session(), user=staff_user(), employer_id=employer_id, suspended=suspended
    )
    done = "suspended" if suspended else "restored"
    return redirect(url_for("staff.employer", employer_id=employer_id, done=done))


@bp.post(f"/employers/<{ID}:employer_id>/matches/<{ID}:match_id>")
@staff_required(ADMIN, STAFF)
def record_outcome(employer_id: int, match_id: int) -> ResponseReturnValue:
    """Record an outcome the employer phoned in (hired, rejected, ...)."""
    state = FormState()
    try:
        status = MatchStatus(request.form.get("status", ""))
    except ValueError:
        status = None
    if status not in OUTCOMES:
        state.add({"status": [_("Choose an outcome.")]})
        return _employer_page(employer_id, state)
    try:
        casework.record_outcome(
            session=get_session(),
            user=staff_user(),
            employer_id=employer_id,
            match_id=match_id,
            status=status,
            note=(request.form.get("note", "").strip()[:500] or None),
        )
    except DomainError as exc:
        state.refuse(exc, "status")
        return _employer_page(employer_id, state)
    return redirect(url_for("staff.employer", employer_id=employer_id, done="recorded"))
