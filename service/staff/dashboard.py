"""The targets dashboard, its charts and the exports of figures and matches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Response, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from models import User
from models.enums import Region, UserRole
from service.forms import FormState
from service.i18n.labels import REGIONS
from service.platform.db import get_session
from service.schemas.stats import StatsArgs
from service.staff import STATUS_NAMES, bp, charts
from service.staff.signin import staff_required, staff_user
from service.usecases import clock, exports
from service.usecases.staff_sign_in import user_regions
from service.usecases.stats import (
    DIMENSIONS,
    FUNNEL,
    TARGETS,
    Scope,
    Stats,
    Week,
    YouthBands,
    compute_stats,
    weekly,
)

ADMIN, STAFF, PARTNER, VIEWER = UserRole.ADMIN, UserRole.STAFF, UserRole.PARTNER, UserRole.VIEWER

DIMENSION_NAMES = {
    "gender": _l("Gender"),
    "age_band": _l("Age"),
    "region": _l("Region"),
    "covid": _l("COVID-19"),
    "disability": _l("Disability"),
}
GROUP_NAMES = {
    "female": _l("Women"),
    "male": _l("Men"),
    "other": _l("Other gender"),
    "undisclosed": _l("Preferred not to say"),
    "affected": _l("Lost work because of COVID-19"),
    "not_affected": _l("Not affected by COVID-19"),
    "with_disability": _l("With a disability"),
    "without_disability": _l("Without a disability"),
    "unknown": _l("Unknown"),
    **REGIONS,
}


def group_name(group: str) -> str:
    """Name a group of a breakdown ("under_14" and "14-35" are age bands)."""
    if group in GROUP_NAMES:
        return str(GROUP_NAMES[group])
    if group.startswith("under_"):
        return _("Under %(age)s", age=group.removeprefix("under_"))
    return group.replace("-", "–")


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters as asked, and the scope they give this user."""

    values: dict[str, str]
    scope: Scope
    state: FormState

    def query(self, **extra: str) -> dict[str, str]:
        """Return the filters as query arguments (for export links)."""
        return {**{k: v for k, v in self.values.items() if v}, **extra}


def read_filters(user: User) -> Filters:
    """Read ?region=&from=&to= with the API's schema; a user sees only their regions."""
    values = {name: request.args.get(name, "").strip() for name in ("region", "from", "to")}
    state = FormState(values=values)
    mine = user_regions(user)
    try:
        args = StatsArgs().load({k: v for k, v in values.items() if v})
    except ValidationError as exc:
        state.add(exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages})
        return Filters(values, Scope(regions=mine), state)
    region = args.get("region")
    if region and mine is not None and Region(region) not in mine:
        state.add({"region": [_("You see the figures of your own regions only.")]})
        return Filters(values, Scope(regions=mine), state)
    scope = Scope(
        regions=frozenset({Region(region)}) if region else None,
        since=args.get("since"),
        until=args.get("until"),
    ).narrowed(mine)
    return Filters(values, scope, state)


def _youth() -> YouthBands:
    return YouthBands.from_config(current_app.config)


def figures_for(scope: Scope) -> Stats:
    """Compute the figures of a scope, exactly as GET /api/v1/stats does."""
    return compute_stats(
        session=get_session(), year=clock.today().year, youth=_youth(), scope=scope
    )


def _cards(stats: Stats, youth: YouthBands) -> list[dict[str, Any]]:
    total = stats.total.as_dict()
    law_band = f"{youth.law_min}–{youth.law_max}"
    un_band = f"{youth.un_min}–{youth.un_max}"

    def progress(value: float | None, target: float) -> float:
        return 0.0 if not value else min(value / target, 1.0)

    return [
        {
            "key": "registered",
            "title": _("Seekers registered"),
            "value": _number(stats.total.registered),
            "target": _("Target: %(n)s", n=_number(TARGETS["registered"])),
            "progress": progress(stats.total.registered, TARGETS["registered"]),
        },
        {
            "key": "matched",
            "title": _("Matched to employers (hired)"),
            "value": _percent(total["match_rate"]),
            "detail": _("%(n)d of the registered seekers", n=stats.total.matched),
            "target": _("Target: at least %(share)s", share=_percent(TARGETS["match_rate"])),
            "progress": progress(total["match_rate"], TARGETS["match_rate"]),
        },
        {
            "key": "trained",
            "title": _("People trained"),
            "value": _number(stats.total.trained),
            "detail": _("Enrolled or completed; each person once, however many courses"),
            "target": _("Target: %(n)s", n=_number(TARGETS["trained"])),
            "progress": progress(stats.total.trained, TARGETS["trained"]),
            "parts": [
                {
                    "key": "completed",
                    "label": _("Completed a course"),
                    "value": _number(stats.total.completed),
                    "note": _("Target: %(n)s", n=_number(TARGETS["trained"])),
                    "progress": progress(stats.total.completed, TARGETS["trained"]),
                },
                {
                    "key": "women",
                    "label": _("Women among the people trained"),
                    "value": _percent(total["trained_women_share"]),
                    "note": _("Target: %(share)s", share=_percent(TARGETS["women_share"])),
                    "progress": None,
                },
                {
                    "key": "youth",
                    "label": _("Youth among the people trained"),
                    "value": _percent(total["trained_youth_share"]),
                    "note": _(
                        "Ages %(law)s by Kyrgyz law; %(un)s by the UN band (%(un_band)s)",
                        law=law_band,
                        un=_percent(total["trained_youth_un_share"]),
                        un_band=un_band,
                    ),
                    "progress": None,
                },
            ],
        },
        {
            "key": "women_share",
            "title": _("Women among registered seekers"),
            "value": _percent(total["women_share"]),
            "target": _("Target: %(share)s", share=_percent(TARGETS["women_share"])),
            "progress": progress(total["women_share"], TARGETS["women_share"]),
        },
        {
            "key": "youth_share",
            "title": _("Youth among registered seekers"),
            "value": _percent(total["youth_share"]),
            "detail": _(
                "Ages %(law)s by Kyrgyz law; %(un)s by the UN band (%(un_band)s)",
                law=law_band,
                un=_percent(total["youth_un_share"]),
                un_band=un_band,
            ),
            "target": _("Reported for every figure"),
            "progress": None,
        },
        {
            "key": "msme",
            "title": _("Small businesses supported"),
            "value": str(stats.msme_supported),
            "detail": _(
                "Micro, small and medium employers with at least one hire; "
                "%(n)d have posted a vacancy (reached)",
                n=stats.msme_reached,
            ),
            "target": _(
                "Target: %(direct)d directly, %(indirect)d indirectly", direct=4, indirect=50
            ),
            "progress": progress(stats.msme_supported, TARGETS["msme_supported"]),
        },
    ]


def _number(count: float) -> str:
    # 3 000, with a space that never breaks the number across lines.
    return f"{int(count):,}".replace(",", "\u00a0")


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}\u00a0%".replace(".0\u00a0", "\u00a0")


def _funnel(stats: Stats) -> list[dict[str, Any]]:
    rows = []
    for status in FUNNEL:
        name = status.value
        rows.append(
            {
                "stage": STATUS_NAMES[name],
                "reached": stats.funnel.get(name, 0),
                "furthest": stats.furthest.get(name, 0),
            }
        )
    return rows


def _breakdowns(stats: Stats) -> list[dict[str, Any]]:
    overall = stats.total.as_dict()["match_rate"]
    tables = []
    for dimension in DIMENSIONS:
        rows: list[dict[str, Any]] = []
        for group, figures in stats.breakdown.get(dimension, {}).items():
            shown = figures.as_dict()
            rate = shown["match_rate"]
            gap = None if rate is None or overall is None else (rate - overall) * 100
            rows.append(
                {
                    "group": group,
                    "name": group_name(group),
                    "figures": shown,
                    "rate": _percent(rate),
                    "gap": None if gap is None else f"{gap:+.1f}".replace("-", "−"),
                    "gap_value": gap,
                }
            )
        shown_rows = [row for row in rows if row["figures"]["registered"]]
        labels = [str(row["name"]) for row in shown_rows]
        rates: list[float | None] = [row["figures"]["match_rate"] for row in shown_rows]
        chart = (
            charts.horizontal_bars(
                _("Match rate: %(dimension)s", dimension=DIMENSION_NAMES[dimension]),
                labels,
                {_("Match rate"): rates, _("Overall"): [overall for _row in shown_rows]},
                percent=True,
            )
            if labels and overall is not None
            else None
        )
        tables.append(
            {"key": dimension, "name": DIMENSION_NAMES[dimension], "rows": rows, "chart": chart}
        )
    return tables


def _weekly_chart(weeks: list[Week]) -> str | None:
    if not any(week.registrations or week.hires for week in weeks):
        return None  # a flat line at nought says less than a sentence
    return charts.lines(
        _("Registrations and hires per week"),
        [week.starts.strftime("%d.%m") for week in weeks],
        {
            _("Registrations"): [week.registrations for week in weeks],
            _("Hires"): [week.hires for week in weeks],
        },
    )


def _funnel_chart(rows: list[dict[str, Any]]) -> str:
    return charts.bars(
        _("Match funnel: seekers who reached each stage"),
        [str(row["stage"]) for row in rows],
        {
            _("Reached the stage"): [row["reached"] for row in rows],
            _("Furthest stage so far"): [row["furthest"] for row in rows],
        },
    )


def _region_choices(user: User) -> list[tuple[str, str]]:
    mine = user_regions(user)
    return [(r.value, str(REGIONS[r.value])) for r in Region if mine is None or r in mine]


@bp.get("")
@staff_required()
def dashboard() -> ResponseReturnValue:
    """Every target, the funnel, weekly series and the group gaps, with the filters."""
    user = staff_user()
    filters = read_filters(user)
    context: dict[str, Any] = {
        "filters": filters,
        "state": filters.state,
        "regions": _region_choices(user),
        "limited": user_regions(user) is not None,
    }
    if not filters.state.ok:
        return render_template("staff/dashboard.html", **context), 422
    stats = figures_for(filters.scope)
    weeks = weekly(session=get_session(), scope=filters.scope, today=clock.today())
    funnel = _funnel(stats)
    context.update(
        stats=stats,
        total=stats.total.as_dict(),
        cards=_cards(stats, _youth()),
        funnel=funnel,
        funnel_chart=_funnel_chart(funnel),
        weeks=weeks,
        weekly_chart=_weekly_chart(weeks),
        breakdowns=_breakdowns(stats),
        percent=_percent,
        may_export_matches=user.role in {ADMIN, STAFF},
        may_export_people=user.role is ADMIN,
    )
    return render_template("staff/dashboard.html", **context)


FORMATS = {"csv", "xlsx"}


def download(tables: list[exports.Table], fmt: str, name: str) -> Response:
    """Answer tables as a CSV (the first) or an XLSX (all, one sheet each) attachment."""
    if fmt == "csv":
        body, mimetype = exports.to_csv(tables[0]), "text/csv; charset=utf-8"
    else:
        body = exports.to_xlsx(tables)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    filename = f"jumush-{name}-{exports.stamp(clock.utcnow())}.{fmt}"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _weeks_table(weeks: list[Week]) -> exports.Table:
    rows: list[tuple[exports.Cell, ...]] = [
        (w.starts.isoformat(), w.registrations, w.hires) for w in weeks
    ]
    return exports.Table("weekly", ("week_starting", "registrations", "hires"), rows)


@bp.get("/exports/figures.<fmt>")
@staff_required()
def export_figures(fmt: str) -> ResponseReturnValue:
    """The disaggregated figures with the active filters; `suppress=1` hides counts under 5."""
    if fmt not in FORMATS:
        abort(404)
    filters = read_filters(staff_user())
    if not filters.state.ok:
        return dashboard()
    suppress = request.args.get("suppress") == "1"
    table = exports.figures_table(figures_for(filters.scope), suppress=suppress)
    tables = [table]
    if fmt == "xlsx" and not suppress:
        weeks = weekly(session=get_session(), scope=filters.scope, today=clock.today())
        tables.append(_weeks_table(weeks))
    return download(tables, fmt, "figures-suppressed" if suppress else "figures")


@bp.get("/exports/matches.<fmt>")
@staff_required(ADMIN, STAFF)
def export_matches(fmt: str) -> ResponseReturnValue:
    """Anonymised matches (groups, never names or ids of people) with the active filters."""
    if fmt not in FORMATS:
        abort(404)
    filters = read_filters(staff_user())
    if not filters.state.ok:
        return dashboard()
    table = exports.matches_table(
        session=get_session(), scope=filters.scope, year=clock.today().year, youth=_youth()
    )
    return download([table], fmt, "matches")


@bp.get("/exports/seekers.<fmt>")
@staff_required(ADMIN)
def export_seekers(fmt: str) -> ResponseReturnValue:
    """Registered seekers with contact details: admins only, and the export is audited."""
    if fmt not in FORMATS:
        abort(404)
    user = staff_user()
    filters = read_filters(user)
    if not filters.state.ok:
        return dashboard()
    table = exports.seekers_table(session=get_session(), scope=filters.scope, actor_id=user.id)
    return download([table], fmt, "seekers")
