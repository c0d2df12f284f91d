"""Property tests of every marshmallow schema in service/schemas: any JSON-like input
either loads into data that keeps each field's documented rules or is refused with a
ValidationError, never another exception; valid input loads, and what a load gives
dumps to a stable form.

Schemas are found by walking the package, so a new schema joins these properties by
itself; the few rules a field's type and validators cannot say (a birth year's window,
a web address, an e-mail) are named below, and a coverage test fails when a new field
needs one that is not.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import pkgutil
from collections.abc import Callable
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import INCLUDE, Schema, ValidationError, fields, validate

import service.schemas
from service.schemas.common import (
    StrictBoolean,
    StrictInteger,
    StrictNumber,
    StrictSchema,
    Text,
    TextLength,
)
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
# Request schemas (what the API and the forms load) get more examples than answer
# schemas, which the service only dumps.
REQUEST = {
    name for name, cls in SCHEMAS.items() if issubclass(cls, StrictSchema) or name.endswith("Args")
}


def examples(name: str) -> settings:
    """Hypothesis settings for the properties of schema `name`."""
    return settings(
        max_examples=60 if name in REQUEST else 20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


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
EMAILS = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}@[a-z0-9]{1,20}\.(kg|com|org)", fullmatch=True)
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


def _loadable(schema: Schema) -> dict[str, fields.Field]:
    return {f.data_key or n: f for n, f in schema.fields.items() if not f.dump_only}


def valid_input(schema_cls: type[Schema]) -> st.SearchStrategy[dict[str, Any]]:
    """Return a strategy of request bodies that `schema_cls` must accept."""
    schema = schema_cls()
    required, optional = {}, {}
    for key, field in _loadable(schema).items():
        value = valid_value(field, key)
        if field.allow_none:
            value = st.none() | value
        (required if field.required else optional)[key] = value
    qualified = next(k for k, v in SCHEMAS.items() if v is schema_cls)
    rule = SCHEMA_RULES.get(qualified, lambda _d: True)
    return st.fixed_dictionaries(required, optional=optional).filter(rule)


# --- what a load must give -------------------------------------------------------------


def check_loaded(schema: Schema, data: Any) -> None:
    """Assert that loaded data keeps each field's documented type and rules."""
    assert isinstance(data, dict)
    by_attribute = {f.attribute or n: f for n, f in schema.fields.items() if not f.dump_only}
    # An attribute "course.title" is loaded as {"course": {"title": ...}}; a schema that
    # includes unknown keys (JSON-LD's open vocabulary) passes them on as sent.
    if schema.unknown != INCLUDE:
        assert set(data) <= {a.split(".")[0] for a in by_attribute}, set(data)
    for attribute, field in by_attribute.items():
        found, value = _at(data, attribute.split("."))
        assert found or not field.required, f"{attribute} is required"
        if found:
            check_value(field, value, attribute)


def _at(data: dict[str, Any], path: list[str]) -> tuple[bool, Any]:
    head, *rest = path
    if head not in data:
        return False, None
    return (True, data[head]) if not rest else _at(data[head], rest)


def check_value(field: fields.Field, value: Any, where: str) -> None:
    """Assert that one loaded value is of the field's type and passes its validators."""
    if value is None:
        assert field.allow_none, f"{where}: None where null is not allowed"
        return
    for validator in field.validators:
        # A text's rules apply to the text as stored, which is what the load returns.
        try:
            validator(value)
        except ValidationError as exc:
            raise AssertionError(f"{where}: {value!r} breaks its rule: {exc}") from None
    if isinstance(field, Text):
        assert isinstance(value, str) and "\x00" not in value and value == value.strip(), where
        for v in field.validators:
            if isinstance(v, TextLength) and v.max is not None:
                assert len(value) <= v.max, where
    elif isinstance(field, StrictBoolean | fields.Boolean):
        assert isinstance(value, bool), where
    elif isinstance(field, StrictInteger | fields.Integer):
        assert isinstance(value, int) and not isinstance(value, bool), where
    elif isinstance(field, StrictNumber | fields.Float):
        assert isinstance(value, float) and math.isfinite(value), where
    elif isinstance(field, fields.Enum):
        assert isinstance(value, Enum) and isinstance(value, field.enum), where
    elif isinstance(field, fields.List):
        assert isinstance(value, list), where
        for i, item in enumerate(value):
            check_value(field.inner, item, f"{where}[{i}]")
    elif isinstance(field, fields.Nested):
        items = value if field.many else [value]
        for item in items:
            check_loaded(field.schema, item)
    elif isinstance(field, fields.DateTime):
        assert isinstance(value, dt.datetime), where
    elif isinstance(field, fields.Date):
        assert isinstance(value, dt.date), where
    elif isinstance(field, fields.String):
        assert isinstance(value, str), where


def load_or_refuse(schema: Schema, body: Any) -> Any:
    """Load `body`; a refusal is a ValidationError with messages, and anything else fails."""
    try:
        data = schema.load(body)
    except ValidationError as exc:
        assert exc.messages, "a refusal says why"
        return None
    check_loaded(schema, data)
    return data


# --- the properties --------------------------------------------------------------------


def test_schemas_are_found() -> None:
    """The walk finds the API's request and answer schemas (a broken walk tests nothing)."""
    assert {"vacancies.VacancyIn", "seekers.SeekerIn", "courses.CourseOut"} <= set(SCHEMAS)
    assert len(SCHEMAS) >= 40


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_field_has_a_generator(name: str) -> None:
    """Each loadable field has valid values here: its type and validators say them, or
    FIELD_RULES names the rule its own code adds (a new such field fails until it does)."""
    schema = SCHEMAS[name]()
    for key, field in _loadable(schema).items():
        valid_value(field, key)  # raises LookupError for a type not known here
        if key in FIELD_RULES:
            continue
        inner = getattr(field, "inner", None)
        for v in [*field.validators, *(getattr(inner, "validators", None) or [])]:
            assert isinstance(v, KNOWN_VALIDATORS), f"{name}.{key}: {v!r} needs FIELD_RULES"
        assert key not in _validated_by_method(schema), f"{name}.{key}: add FIELD_RULES"
    for hook in schema._hooks.get("validates_schema", []):
        assert name in SCHEMA_RULES, f"{name}: @validates_schema {hook[0]} needs SCHEMA_RULES"


def _validated_by_method(schema: Schema) -> set[str]:
    """Names (as sent) of the fields that a @validates method of the schema checks."""
    names = {
        name
        for _attr, _many, kw in schema._hooks.get("validates", [])
        for name in kw["field_names"]
    }
    return {schema.fields[n].data_key or n for n in names}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_any_input_loads_within_the_rules_or_is_refused(name: str) -> None:
    """Anything at all, a body of the schema's own keys with any values, or a valid body
    with one value replaced: the load gives data within the rules or a ValidationError."""
    schema = SCHEMAS[name]()
    keys = list(_loadable(schema)) or ["_"]
    bodies = st.one_of(
        JSON,
        st.dictionaries(st.sampled_from(keys) | st.text(ANY_CHAR, max_size=8), JSON),
        st.tuples(valid_input(SCHEMAS[name]), st.sampled_from(keys), JSON).map(
            lambda t: {**t[0], t[1]: t[2]}
        ),
    )

    @examples(name)
    @given(body=bodies)
    def loads_or_refuses(body: Any) -> None:
        load_or_refuse(schema, body)

    loads_or_refuses()


def _computed(schema: Schema) -> bool:
    """Tell whether the schema (or one it nests) has fields computed from a record."""
    for field in schema.fields.values():
        inner = getattr(field, "inner", field)
        if isinstance(inner, fields.Function | fields.Method):
            return True
        if isinstance(inner, fields.Nested) and _computed(inner.schema):
            return True
    return False


# Answer schemas that only dump records: their computed fields (a course's `free`, `open`
# and `seats_left`) are functions of a Course, so a loaded dict cannot be dumped again.
DUMP_ONLY = {"courses.CourseOut", "courses.CoursePageOut"}


def test_only_the_named_schemas_are_left_out_of_the_round_trip() -> None:
    """A new schema with computed fields is named in DUMP_ONLY, not left out silently."""
    assert {name for name, cls in SCHEMAS.items() if _computed(cls())} == DUMP_ONLY


@pytest.mark.parametrize("name", sorted(set(SCHEMAS) - DUMP_ONLY))
def test_valid_input_loads_and_dumps_stably(name: str) -> None:
    """Valid input loads within the rules; dumping what was loaded, then loading and
    dumping that again, changes nothing."""
    schema = SCHEMAS[name]()

    @examples(name)
    @given(body=valid_input(SCHEMAS[name]))
    def round_trips(body: dict[str, Any]) -> None:
        loaded = schema.load(body)
        check_loaded(schema, loaded)
        dumped = schema.dump(loaded)
        assert schema.dump(schema.load(dumped)) == dumped

    round_trips()
