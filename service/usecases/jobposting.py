"""Import schema.org JobPosting JSON-LD: map each posting to a vacancy and post it.

The mapping reads the JobPosting properties Google for Jobs and most job boards emit;
properties it does not use are ignored, since JSON-LD vocabularies are open. Errors are
reported under the JSON-LD property names the client sent.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm import Session

from matching.regions import Regions
from models import Employer, Vacancy
from models.enums import EmploymentType, Region
from service.schemas.vacancies import VacancyIn
from service.usecases.errors import DomainError, InvalidInput
from service.usecases.messages import Message, msg
from service.usecases.vacancies import post_vacancy

MAX_ITEMS = 100

# schema.org employmentType values (and ours) → our employment types.
EMPLOYMENT_TYPES: dict[str, EmploymentType] = {
    "FULL_TIME": EmploymentType.FULL_TIME,
    "PART_TIME": EmploymentType.PART_TIME,
    "TEMPORARY": EmploymentType.TEMPORARY,
    "CONTRACTOR": EmploymentType.TEMPORARY,
    "PER_DIEM": EmploymentType.TEMPORARY,
    "INTERN": EmploymentType.INTERNSHIP,
    "INTERNSHIP": EmploymentType.INTERNSHIP,
    "SEASONAL": EmploymentType.SEASONAL,
    "SHIFT": EmploymentType.SHIFT,
}

# Region names as people write them in English, Russian and Kyrgyz, after `_plain`.
REGION_NAMES: dict[str, Region] = {
    **{r.value.replace("_", " "): r for r in Region},
    "бишкек": Region.BISHKEK,
    "chui": Region.CHUY,
    "чуй": Region.CHUY,
    "чуйская": Region.CHUY,
    "чүй": Region.CHUY,
    "ош": Region.OSH,
    "ошская": Region.OSH,
    "jalalabad": Region.JALAL_ABAD,
    "джалал абад": Region.JALAL_ABAD,
    "джалал абадская": Region.JALAL_ABAD,
    "жалал абад": Region.JALAL_ABAD,
    "жалал абадская": Region.JALAL_ABAD,
    "баткен": Region.BATKEN,
    "баткенская": Region.BATKEN,
    "талас": Region.TALAS,
    "таласская": Region.TALAS,
    "нарын": Region.NARYN,
    "нарынская": Region.NARYN,
    "issyk kul": Region.ISSYK_KUL,
    "issykkul": Region.ISSYK_KUL,
    "ysyk kol": Region.ISSYK_KUL,
    "иссык куль": Region.ISSYK_KUL,
    "иссык кульская": Region.ISSYK_KUL,
    "ысык көл": Region.ISSYK_KUL,
}
_CITY_WORDS = re.compile(r"\b(city|г|город|шаары)\b")
_REGION_WORDS = re.compile(r"\b(region|oblast|province|область|обл|облусу)\b")

# Where each vacancy field comes from, to report errors under the client's names.
SOURCE = {
    "title": "title",
    "description": "description",
    "skills": "skills",
    "region": "jobLocation.address.addressRegion",
    "locality": "jobLocation.address.addressLocality",
    "salary_min": "baseSalary.value.minValue",
    "salary_max": "baseSalary.value.maxValue",
    "employment_type": "employmentType",
    "remote": "jobLocationType",
    "positions": "totalJobOpenings",
    "external_id": "identifier",
    "valid_through": "validThrough",
}


@dataclass
class Mapped:
    """One posting mapped to vacancy fields, or the reasons it cannot be."""

    fields: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[Message | str]] = field(default_factory=dict)

    def fail(self, name: str, message: Message | str) -> None:
        """Note a problem with the JSON-LD property `name` (a marker, or marshmallow's text)."""
        self.errors.setdefault(name, []).append(message)


@dataclass(frozen=True)
class ImportResult:
    """What became of one posting."""

    index: int
    status: str
    vacancy: Vacancy | None = None
    errors: dict[str, list[Message | str]] | None = None


def _plain(text: str) -> str:
    text = text.lower().replace("ё", "е").replace("-", " ").replace(".", " ").replace(",", " ")
    return " ".join(text.split())


def region_from_text(text: str, *, is_locality: bool = False) -> Region | None:
    """Recognise a region (oblast) or one of the two cities with a region's status.

    The names above come first (an address's "Ош" is the oblast unless it says city);
    then the matcher's region names (matching/data/regions.json), which know the case
    forms and towns people write ("Бишкекская", "Токмок"), when they name one region.
    """
    plain = _plain(text)
    if plain.replace(" ", "_") in Region.__members__.values():
        return Region(plain.replace(" ", "_"))
    is_city = bool(_CITY_WORDS.search(plain)) or is_locality
    name = " ".join(_REGION_WORDS.sub(" ", _CITY_WORDS.sub(" ", plain)).split())
    region = REGION_NAMES.get(name)
    if region is Region.OSH and is_city:
        return Region.OSH_CITY
    if region is None:
        named = Regions.default().named_in(text)
        if len(named) == 1:
            return Region(next(iter(named)))
    return region


def strip_html(text: str) -> str:
    """Turn an HTML description into plain text with paragraphs kept."""
    text = re.sub(r"(?i)<\s*(br|/p|/li|/div|/h[1-6])\s*/?>", "\n", text)
    text = re.sub(r"<[^>]*>", "", text)
    lines = (" ".join(line.split()) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("value", "name", "@value"):
            if isinstance(value.get(key), str | int) and not isinstance(value.get(key), bool):
                return str(value[key])
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    number: float | None = None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            return None
    elif isinstance(value, str):
        try:
            number = float(value.replace(" ", "").replace(",", "."))
        except ValueError:
            return None
    # "1e999" and "NaN" parse as floats, but no salary or count is infinite.
    return number if number is not None and math.isfinite(number) else None


def _map_location(item: dict[str, Any], out: Mapped) -> None:
    location = _first(item.get("jobLocation"))
    address = location.get("address") if isinstance(location, dict) else None
    address = _first(address)
    region_text = locality_text = None
    if isinstance(address, dict):
        region_text = _text(address.get("addressRegion"))
        locality_text = _text(address.get("addressLocality"))
    elif isinstance(address, str):
        locality_text = address
    region = region_from_text(region_text) if region_text else None
    if region is None and locality_text:
        region = region_from_text(locality_text, is_locality=True)
    if region is None and region_text:
        out.fail(
            SOURCE["region"],
            msg(
                "%(value)s is not a region we know. Give one of %(regions)s, or its name in "
                "English, Russian or Kyrgyz (e.g. Chuy, Чуйская область, Чүй облусу).",
                value=region_text[:100],
                regions=", ".join(r.value for r in Region),
            ),
        )
    elif region is None:
        out.fail(
            SOURCE["region"],
            msg("Give the region (oblast) in jobLocation.address.addressRegion, e.g. Chuy."),
        )
    else:
        out.fields["region"] = region.value
    if locality_text:
        out.fields["locality"] = locality_text[:100]
    if item.get("jobLocationType") == "TELECOMMUTE":
        out.fields["remote"] = True


def _map_salary(item: dict[str, Any], out: Mapped) -> None:
    salary = item.get("baseSalary")
    if salary is None:
        return
    if not isinstance(salary, dict):
        amount = _number(salary)
        if amount is None:
            out.fail("baseSalary", msg("Give the salary as a MonetaryAmount."))
            return
        salary = {"value": amount}
    currency = salary.get("currency")
    if currency not in (None, "KGS"):
        out.fail("baseSalary.currency", msg("Only salaries in Kyrgyz som (KGS) are accepted."))
    value = salary.get("value")
    if isinstance(value, dict):
        unit = value.get("unitText")
        if unit not in (None, "MONTH"):
            out.fail("baseSalary.value.unitText", msg("Give the salary per month (MONTH)."))
        low, high = value.get("minValue"), value.get("maxValue")
        if low is None and high is None:
            low = high = value.get("value")
    else:
        low = high = value
    for name, raw in (("salary_min", low), ("salary_max", high)):
        if raw is None:
            continue
        number = _number(raw)
        if number is None or number != int(number):
            out.fail(SOURCE[name], msg("Give the salary as a whole number of som."))
        else:
            out.fields[name] = int(number)


def _map_valid_through(item: dict[str, Any], out: Mapped) -> None:
    raw = item.get("validThrough")
    if raw is None:
        return
    if not isinstance(raw, str):
        out.fail(SOURCE["valid_through"], msg("Give validThrough as a date, e.g. 2021-12-31."))
        return
    try:
        day = (
            datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
            if "T" in raw
            else date.fromisoformat(raw)
        )
    except ValueError:
        out.fail(SOURCE["valid_through"], msg("Give validThrough as a date, e.g. 2021-12-31."))
        return
    out.fields["valid_through"] = day.isoformat()


def map_jobposting(item: Any) -> Mapped:
    """Map one JobPosting to the fields of a vacancy, collecting every problem found."""
    out = Mapped()
    if not isinstance(item, dict):
        out.fail("@type", msg("Each item must be a JobPosting object."))
        return out
    kind = item.get("@type")
    if kind != "JobPosting" and not (isinstance(kind, list) and "JobPosting" in kind):
        out.fail("@type", msg("Each item must be a JobPosting object."))
        return out
    title = item.get("title")
    out.fields["title"] = title if isinstance(title, str) else (title or "")
    description = item.get("description")
    if isinstance(description, str):
        out.fields["description"] = strip_html(description)
    skills = item.get("skills")
    if isinstance(skills, str):
        out.fields["skills"] = [s.strip() for s in re.split(r"[,;\n]", skills) if s.strip()]
    elif isinstance(skills, list):
        out.fields["skills"] = [_text(s) or "" for s in skills]
    employment = item.get("employmentType")
    kinds = employment if isinstance(employment, list) else [employment]
    found = [EMPLOYMENT_TYPES.get(str(k).upper()) for k in kinds if isinstance(k, str)]
    mapped = [m for m in found if m is not None]
    if mapped:
        out.fields["employment_type"] = mapped[0].value
    else:
        out.fail(
            "employmentType",
            msg("Give employmentType, e.g. FULL_TIME, PART_TIME, TEMPORARY or INTERN."),
        )
    _map_location(item, out)
    _map_salary(item, out)
    _map_valid_through(item, out)
    openings = item.get("totalJobOpenings")
    if openings is not None:
        out.fields["positions"] = openings
    identifier = item.get("identifier")
    if identifier is not None:
        out.fields["external_id"] = _text(identifier)
    # The vacancy schema checks the result exactly as it checks a direct post.
    try:
        out.fields = VacancyIn().load(out.fields)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages}
        for name, problems in messages.items():
            source = SOURCE.get(str(name), str(name))
            if source in out.errors:
                continue  # the mapping already said, in the caller's language, what is wrong
            for problem in problems if isinstance(problems, list) else [problems]:
                out.fail(source, problem)
    return out


def is_jobposting(item: Any) -> bool:
    """Tell whether a JSON-LD node says it is a schema.org JobPosting."""
    if not isinstance(item, dict):
        return False
    kind = item.get("@type")
    return kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind)


def _postings(payload: Any) -> list[tuple[int, Any]]:
    """Return the (position, posting) pairs to import, or refuse a body that holds none.

    A list or a lone object must be made of JobPostings (what the OpenAPI document says);
    an @graph is a whole JSON-LD document, whose other nodes (the hiring Organization,
    the WebSite) are skipped.
    """
    if isinstance(payload, dict) and isinstance(payload.get("@graph"), list):
        found = [(i, node) for i, node in enumerate(payload["@graph"]) if is_jobposting(node)]
        if not found:
            raise InvalidInput(
                msg("Nothing to import: no item is a schema.org JobPosting."),
                errors={"@graph": [msg('No node of @graph has "@type": "JobPosting".')]},
            )
    else:
        items = payload if isinstance(payload, list) else [payload]
        strangers = [i for i, item in enumerate(items) if not is_jobposting(item)]
        if strangers:
            raise InvalidInput(
                msg("Nothing to import: no item is a schema.org JobPosting.")
                if len(strangers) == len(items)
                else None,
                errors={
                    "@type": [
                        msg(
                            'Send JobPosting objects ("@type": "JobPosting"); these items '
                            "are not: %(items)s.",
                            items=", ".join(str(i) for i in strangers[:20])
                            + (", …" if len(strangers) > 20 else ""),
                        )
                    ]
                },
            )
        found = list(enumerate(items))
    if not found or len(found) > MAX_ITEMS:
        raise InvalidInput(
            errors={"_": [msg("Send 1 to %(n)d job postings at a time.", n=MAX_ITEMS)]}
        )
    return found


def import_jobpostings(
    *, session: Session, employer: Employer, payload: Any, today: date
) -> list[ImportResult]:
    """Post every valid JobPosting of `payload` (one, a list, or an @graph) as a vacancy.

    A body with anything but JobPostings is refused whole (422); each JobPosting is then
    answered on its own: created, updated, or invalid with its reasons.
    """
    results = []
    for index, item in _postings(payload):
        mapped = map_jobposting(item)
        if mapped.errors:
            results.append(ImportResult(index, "invalid", errors=mapped.errors))
            continue
        try:
            vacancy, created = post_vacancy(
                session=session, employer=employer, fields=mapped.fields, today=today
            )
        except DomainError as exc:
            errors: dict[str, list[Message | str]] = {
                SOURCE.get(k, k): list(v) for k, v in (exc.errors or {}).items()
            }
            results.append(ImportResult(index, "invalid", errors=errors or {"_": [exc.message]}))
            continue
        results.append(ImportResult(index, "created" if created else "updated", vacancy))
    return results
