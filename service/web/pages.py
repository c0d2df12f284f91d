"""Public pages: what Jumush is, and the vacancies anyone may search and share."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from models.enums import Region
from service.forms import whole_number
from service.i18n.labels import EMPLOYMENT_TYPES, REGIONS
from service.platform.db import get_session
from service.platform.matcher import get_matcher
from service.usecases import clock
from service.usecases.public_vacancies import PublicVacancy, public_vacancy, search_vacancies
from service.web import bp
from service.web.signin import signed_in


@bp.get("/")
def index() -> ResponseReturnValue:
    """Show what Jumush is, with the way to register or sign in, in the visitor's language."""
    return render_template("web/index.html", seeker=signed_in())


@bp.get("/vacancies")
def vacancies() -> ResponseReturnValue:
    """Search open vacancies by words and region, a page at a time."""
    words = request.args.get("q", "")[:200]
    region_code = request.args.get("region", "")
    region = Region(region_code) if region_code in Region._value2member_map_ else None
    result = search_vacancies(
        session=get_session(),
        matcher=get_matcher(current_app),
        words=words,
        region=region,
        page=whole_number(request.args.get("page", ""), digits=3) or 1,
        today=clock.today(),
    )
    return render_template(
        "web/vacancies.html",
        result=result,
        words=words,
        region=region_code,
        regions=REGIONS,
        employment_types=EMPLOYMENT_TYPES,
    )


@bp.get("/vacancies/<int(min=1, max=2147483647):vacancy_id>")
def vacancy(vacancy_id: int) -> ResponseReturnValue:
    """Show one vacancy, with Open Graph tags and schema.org JobPosting JSON-LD."""
    found = public_vacancy(session=get_session(), vacancy_id=vacancy_id, today=clock.today())
    return render_template(
        "web/vacancy.html",
        item=found,
        jsonld=_jobposting(found),
        employment_types=EMPLOYMENT_TYPES,
        regions=REGIONS,
        seeker=signed_in(),
    )


def _jobposting(item: PublicVacancy) -> str:
    v = item.vacancy
    doc: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": v.title,
        "description": v.description or v.title,
        "datePosted": v.created_at.date().isoformat(),
        "employmentType": str(v.employment_type).upper(),
        "hiringOrganization": {"@type": "Organization", "name": item.employer_name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": str(v.region),
                "addressLocality": v.locality or "",
                "addressCountry": "KG",
            },
        },
        "url": url_for("web.vacancy", vacancy_id=v.id, _external=True),
    }
    if v.valid_through:
        doc["validThrough"] = v.valid_through.isoformat()
    if v.remote:
        doc["jobLocationType"] = "TELECOMMUTE"
    if v.salary_min is not None or v.salary_max is not None:
        doc["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "KGS",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": v.salary_min,
                "maxValue": v.salary_max,
                "unitText": "MONTH",
            },
        }
    if v.skills:
        doc["skills"] = ", ".join(v.skills)
    # Inside <script>, no text may open or close an element: JSON escapes for < > &.
    text = json.dumps(doc, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
