"""Admins' pages: programme users (create, role, regions, disable, second factor) and
the audit trail of who opened or changed which record."""

from __future__ import annotations

from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from models.enums import Region, UserRole
from service.forms import FormState
from service.i18n.labels import REGIONS
from service.platform.db import get_session
from service.schemas.stats import StatsArgs
from service.staff import ROLES, bp
from service.staff.dashboard import FORMATS, download
from service.staff.signin import staff_required, staff_user
from service.usecases import accounts, exports
from service.usecases.errors import DomainError

ADMIN = UserRole.ADMIN
ID = "int(min=1, max=2147483647)"
AUDIT_PAGE = 200


def _choices() -> dict[str, object]:
    return {
        "roles_list": [(role.value, ROLES[role.value]) for role in UserRole],
        "region_choices": [(r.value, REGIONS[r.value]) for r in Region],
    }


@bp.get("/users")
@staff_required(ADMIN)
def users() -> ResponseReturnValue:
    """Every programme user with role, regions, second factor and state."""
    return render_template(
        "staff/users.html",
        users=accounts.list_users(session=get_session()),
        regions=REGIONS,
        done=request.args.get("done", ""),
    )


@bp.route("/users/new", methods=["GET", "POST"])
@staff_required(ADMIN)
def new_user() -> ResponseReturnValue:
    """Create a user with a first password; the API token is shown once."""
    state = FormState(values={"role": "staff", "regions": []})
    if request.method == "POST":
        state.values = {
            "email": request.form.get("email", "").strip(),
            "role": request.form.get("role", ""),
            "regions": request.form.getlist("regions"),
        }
        try:
            user, token = accounts.create_user(
                session=get_session(),
                email=state.values["email"],
                role=state.values["role"],
                password=request.form.get("password", ""),
                regions=state.values["regions"],
                actor_id=staff_user().id,
            )
        except DomainError as exc:
            state.refuse(exc, "email")
        else:
            return render_template("staff/user_created.html", user=user, token=token)
    return render_template("staff/user_new.html", state=state, **_choices()), state.status


@bp.route(f"/users/<{ID}:user_id>", methods=["GET", "POST"])
@staff_required(ADMIN)
def user(user_id: int) -> ResponseReturnValue:
    """Change a user's role, regions and whether they may sign in."""
    db = get_session()
    target = accounts.get_user(session=db, user_id=user_id)
    state = FormState(
        values={
            "role": target.role.value,
            "regions": list(target.regions or []),
            "active": target.active,
        }
    )
    if request.method == "POST":
        state.values = {
            "role": request.form.get("role", ""),
            "regions": request.form.getlist("regions"),
            "active": request.form.get("active") == "yes",
        }
        try:
            accounts.update_user(
                session=db,
                user_id=user_id,
                role=state.values["role"],
                regions=state.values["regions"],
                active=state.values["active"],
                actor_id=staff_user().id,
            )
        except DomainError as exc:
            state.refuse(exc, "role")
        else:
            return redirect(url_for("staff.users", done="saved"))
    return (
        render_template("staff/user.html", target=target, state=state, **_choices()),
        state.status,
    )


ACTIONS = {
    "reset-second-factor": accounts.reset_second_factor,
    "unlock": accounts.unlock_user,
    "end-sessions": accounts.end_user_sessions,
}


ACTION_NAMES = ", ".join(f'"{name}"' for name in ACTIONS)


@bp.post(f"/users/<{ID}:user_id>/<any({ACTION_NAMES}):action>")
@staff_required(ADMIN)
def user_action(user_id: int, action: str) -> ResponseReturnValue:
    """Reset a user's second factor, unlock them, or end their sessions."""
    ACTIONS[action](session=get_session(), user_id=user_id, actor_id=staff_user().id)
    return redirect(url_for("staff.users", done=action))


def _period() -> tuple[FormState, date | None, date | None]:
    values = {name: request.args.get(name, "").strip() for name in ("from", "to")}
    state = FormState(values=values)
    try:
        args = StatsArgs(only=("since", "until")).load({k: v for k, v in values.items() if v})
    except ValidationError as exc:
        state.add(exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages})
        return state, None, None
    return state, args.get("since"), args.get("until")


@bp.get("/audit")
@staff_required(ADMIN)
def audit() -> ResponseReturnValue:
    """Who opened or changed which record, and when: the newest first."""
    state, since, until = _period()
    rows = (
        exports.audit_rows(session=get_session(), since=since, until=until, limit=AUDIT_PAGE)
        if state.ok
        else []
    )
    return (
        render_template(
            "staff/audit.html",
            rows=rows,
            state=state,
            limit=AUDIT_PAGE,
            period={k: v for k, v in state.values.items() if v},
        ),
        state.status,
    )


@bp.get("/exports/audit.<fmt>")
@staff_required(ADMIN)
def export_audit(fmt: str) -> ResponseReturnValue:
    """The audit trail of the period as CSV or XLSX."""
    state, since, until = _period()
    if fmt not in FORMATS:
        abort(404)
    if not state.ok:
        return audit()
    table = exports.audit_table(session=get_session(), since=since, until=until)
    return download([table], fmt, "audit")
