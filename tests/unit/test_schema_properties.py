"""Property tests of every marshmallow schema in service/schemas: any JSON-like input
either loads into data that keeps each field's documented rules or is refused with a
ValidationError, never another exception; valid input loads, and what a load gives
dumps to a stable form.

Schemas are found by walking the package, so a new schema joins these properties by
itself; the few rules a field's type and validators cannot say (a birth year's window,
a web address, an e-mail) are named in tests/strategies.py, and a coverage test fails
when a new field needs one that is not.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import INCLUDE, Schema, ValidationError, fields

from service.schemas.common import (
    StrictBoolean,
    StrictInteger,
    StrictNumber,
    StrictSchema,
    Text,
    TextLength,
)
from tests.strategies import (
    ANY_CHAR,
    FIELD_RULES,
    JSON,
    KNOWN_VALIDATORS,
    SCHEMA_RULES,
    SCHEMAS,
    loadable,
    valid_input,
    valid_value,
)

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
    for key, field in loadable(schema).items():
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
    keys = list(loadable(schema)) or ["_"]
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
