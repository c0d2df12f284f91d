"""Hypothesis strategies shared by the property tests: arbitrary JSON-like values (any
Unicode, huge and tiny numbers, nesting, texts at the schemas' length limits) and valid
request bodies built from each marshmallow schema's fields and validators."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from marshmallow import Schema, fields, validate

import service.schemas
from service.schemas.employers import PHONE
from service.usecases import clock


def _schemas() -> dict[str, type[Schema]]:
    """Every schema class defined in a module of service/schemas, by qualified name."""
    found: dict[str, type[Schema]] = {}
    for info in pkgutil.iter_modules(service.schemas.__path__):
        module = importlib.import_module(f"service.schemas.{info.name}")
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                found[f"{info.name}.{name}"] = value
    return found


SCHEMAS = _schemas()

# --- arbitrary JSON-like input -------------------------------------------------------------

# Any Unicode scalar value a JSON text can carry (surrogates cannot be encoded in UTF-8),
# control characters and NUL included.
ANY_CHAR = st.characters(codec="utf-8")
LIMITS = sorted(
    {
        bound
        for schema in SCHEMAS.values()
        for field in schema().fields.values()
        for v in [
            *field.validators,
            *(getattr(getattr(field, "inner", None), "validators", None) or []),
        ]
        if isinstance(v, validate.Length)
        for bound in (v.min, v.max)
        if isinstance(bound, int)
    }
)


@st.composite
def long_text(draw: st.DrawFn) -> str:
    """A text of a length at, just under or just over one of the schemas' limits."""
    seed = draw(st.text(ANY_CHAR, min_size=1, max_size=4))
    length = max(0, draw(st.sampled_from(LIMITS)) + draw(st.sampled_from([-1, 0, 1])))
    return (seed * (length // len(seed) + 1))[:length]


NUMBERS = st.one_of(
    st.integers(),
    st.sampled_from([2**31 - 1, 2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 10**400]),
    st.floats(),  # NaN and infinities too: Python's JSON reader accepts them
    st.sampled_from([1e308, 5e-324, -0.0, 0.5]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    NUMBERS,
    st.text(ANY_CHAR, max_size=30),
    long_text(),
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(dt.datetime.isoformat),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(ANY_CHAR, max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)

# --- valid input, built from each field's type and validators ---------------------------


def _this_year() -> int:
    return clock.today().year


def _birth_years() -> st.SearchStrategy[int]:
    # Without an application, the youngest age is the default YOUTH_AGE_MIN (14).
    return st.integers(_this_year() - 100, _this_year() - 14)


WEB_ADDRESSES = st.builds(
    "{}://{}.{}/{}".format,
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z0-9]{1,20}", fullmatch=True),
    st.sampled_from(["kg", "org", "com"]),
    st.from_regex(r"[a-z0-9/_-]{0,40}", fullmatch=True),
)
EMAILS = st.from_regex(
    r"[a-z0-9]{1,10}([._-][a-z0-9]{1,10}){0,2}@[a-z0-9]{1,20}\.(kg|com|org)", fullmatch=True
)
PHONES = st.from_regex(PHONE, fullmatch=True).filter(lambda p: p == p.strip() and len(p) <= 32)

# Rules that live in a schema's own @validates methods or a validator written for it: the
# valid values of those fields, by name. A field with a custom validator that is not here
# fails test_every_schema_field_has_a_generator.
FIELD_RULES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "birth_year": _birth_years,
    "url": lambda: WEB_ADDRESSES,
    "email": lambda: EMAILS,
    "phone": lambda: PHONES,
    "inn": lambda: st.one_of(
        st.from_regex(r"0[0-9]{13}", fullmatch=True),
        st.builds(
            lambda kind, day, tail: f"{kind}{day:%d%m%Y}{tail}",
            st.sampled_from("12"),
            st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
            st.from_regex(r"[0-9]{5}", fullmatch=True),
        ),
    ),
    # The dashboard's period: days the programme can have (stats._within_range).
    "from": lambda: st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
    "to": lambda: st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
}
# Rules across fields, from a schema's @validates_schema: valid input keeps them.
SCHEMA_RULES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "courses.EnrolmentPatch": bool,  # something to change
    "stats.StatsArgs": lambda d: not ("from" in d and "to" in d and d["from"] > d["to"]),
}
KNOWN_VALIDATORS = (validate.Length, validate.Range, validate.Regexp, validate.OneOf)


def _length(field: fields.Field) -> tuple[int, int | None]:
    for v in field.validators:
        if isinstance(v, validate.Length):
            return v.min or 0, v.max
    return 0, None


def _range(field: fields.Field) -> tuple[Any, Any]:
    for v in field.validators:
        if isinstance(v, validate.Range):
            return v.min, v.max
    return None, None


def _clean_text(min_size: int, max_size: int | None) -> st.SearchStrategy[str]:
    # A Text is stripped and may not hold NUL; a valid one is already trimmed so that its
    # length is the same as sent and as stored.
    chars = st.characters(codec="utf-8", exclude_characters="\x00")
    return (
        st.text(chars, min_size=min_size, max_size=min(max_size or 60, 60))
        .map(str.strip)
        .filter(lambda s: len(s) >= min_size)
    )


def valid_value(field: fields.Field, name: str) -> st.SearchStrategy[Any]:
    """Return a strategy of JSON values that `field` (named `name` in JSON) accepts."""
    if name in FIELD_RULES:
        return FIELD_RULES[name]()
    regexps = [v for v in field.validators if isinstance(v, validate.Regexp)]
    one_of = [v for v in field.validators if isinstance(v, validate.OneOf)]
    if one_of:
        return st.sampled_from(list(one_of[0].choices))
    if isinstance(field, fields.Enum):
        return st.sampled_from([m.value for m in field.enum])
    if isinstance(field, fields.List):
        low, high = _length(field)
        return st.lists(valid_value(field.inner, ""), min_size=low, max_size=min(high or 5, 5))
    if isinstance(field, fields.Nested):
        nested = field.schema
        strategy = valid_input(type(nested))
        return st.lists(strategy, max_size=2) if field.many else strategy
    if isinstance(field, fields.Dict):
        values = valid_value(field.value_field, "") if field.value_field else JSON
        return st.dictionaries(_clean_text(1, 20), values, max_size=3)
    if regexps:
        return st.from_regex(regexps[0].regex, fullmatch=True).filter(lambda s: s == s.strip())
    if isinstance(field, fields.String):
        return _clean_text(*_length(field))
    if isinstance(field, fields.Boolean):
        return st.booleans()
    if isinstance(field, fields.Float):
        low, high = _range(field)
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if isinstance(field, fields.Integer):
        low, high = _range(field)
        return st.integers(low, high)
    if isinstance(field, fields.DateTime):
        return st.datetimes(timezones=st.just(dt.UTC)).map(dt.datetime.isoformat)
    if isinstance(field, fields.Date):
        return st.dates().map(dt.date.isoformat)
    if isinstance(field, fields.Raw):
        return JSON.filter(lambda v: v is not None)
    raise LookupError(f"no valid values for {type(field).__name__} {name!r}")


def loadable(schema: Schema) -> dict[str, fields.Field]:
    return {f.data_key or n: f for n, f in schema.fields.items() if not f.dump_only}


def valid_input(schema_cls: type[Schema]) -> st.SearchStrategy[dict[str, Any]]:
    """Return a strategy of request bodies that `schema_cls` must accept."""
    schema = schema_cls()
    required, optional = {}, {}
    for key, field in loadable(schema).items():
        value = valid_value(field, key)
        if field.allow_none:
            value = st.none() | value
        (required if field.required else optional)[key] = value
    qualified = next(k for k, v in SCHEMAS.items() if v is schema_cls)
    rule = SCHEMA_RULES.get(qualified, lambda _d: True)
    return st.fixed_dictionaries(required, optional=optional).filter(rule)
