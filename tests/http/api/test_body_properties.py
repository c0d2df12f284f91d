"""Property tests of the API's write routes at the edges schemathesis does not reach:
bodies of any JSON shape (nested, huge numbers, any Unicode), bytes that are not UTF-8,
content types that are not JSON, bodies nested deeper than a parser's stack, bodies
over the size limit, and any Idempotency-Key. Every answer is below 500, in the one
error shape when it refuses, and a refused request leaves no row behind.

The write routes are read from the application's URL map, so a new one fails
test_every_write_route_has_a_caller until it is given one here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from marshmallow import Schema
from sqlalchemy import func, select

from models import Base
from service.api import MAX_JSON_DEPTH, PREFIX
from service.platform.db import get_db
from service.schemas.vacancies import JobPostingDoc
from tests.http.api.conftest import Caller, make_user, register, seeker_body, vacancy_body
from tests.strategies import ANY_CHAR, JSON, loadable, valid_input

# Hypothesis runs every example of a test in the one application the `app` fixture
# gives (a fresh database per test, as everywhere): the examples share it on purpose.
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ID = re.compile(r"<int\([^>]*\):(\w+)>")


@dataclass
class World:
    """Callers allowed to call each write route, and a real record for each id in a path."""

    app: Flask
    employer: Caller
    admin: Caller
    anonymous: Caller
    ids: dict[str, int]

    @classmethod
    def build(cls, app: Flask) -> World:
        client = app.test_client()
        employer, target = register(client), register(client)
        admin = make_user(app, client, "admin")

        def created(caller: Caller, path: str, body: dict[str, Any]) -> int:
            answer = caller.post(f"{PREFIX}{path}", json=body)
            assert answer.status_code == 201, answer.get_json()
            return int(answer.get_json()["id"])

        vacancy = created(employer, "/vacancies", vacancy_body())
        seeker = created(admin, "/seekers", seeker_body())
        course_body = {"title": "Швейное дело", "provider": "Лицей", "language": "ru"}
        course = created(admin, "/courses", course_body)
        ids = {
            "employer_id": target.id or 0,
            "vacancy_id": vacancy,
            "seeker_id": seeker,
            "course_id": course,
            "match_id": created(admin, "/matches", {"vacancy_id": vacancy, "seeker_id": seeker}),
            "enrolment_id": created(
                admin, "/enrolments", {"course_id": course, "seeker_id": seeker}
            ),
        }
        return cls(app, employer, admin, Caller(client, None), ids)

    def caller(self, rule: str) -> Caller:
        """Return the caller allowed to call a write route."""
        if rule == f"{PREFIX}/employers":
            return self.anonymous
        if rule.startswith((f"{PREFIX}/vacancies", f"{PREFIX}/employers/me")):
            return self.employer
        return self.admin

    def path(self, rule: str) -> str:
        """Fill a rule's ids with real records."""
        return ID.sub(lambda m: str(self.ids[m.group(1)]), rule)

    def rows(self) -> dict[str, int]:
        """Count the rows of every table."""
        with get_db(self.app).sessions() as session:
            return {
                table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables
            }


def write_routes(app: Flask) -> dict[str, tuple[str, type[Schema] | None]]:
    """Each write route under the API, as `METHOD rule`, with the schema of its body."""
    routes: dict[str, tuple[str, type[Schema] | None]] = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX):
            continue
        for method in sorted((rule.methods or set()) & {"POST", "PUT", "PATCH"}):
            view = app.view_functions[rule.endpoint]
            parameters = getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", [])
            schema = next((p["schema"] for p in parameters), None)
            if rule.rule.endswith("/import"):
                schema = JobPostingDoc  # read by hand, documented by this schema
            if isinstance(schema, Schema):
                schema = type(schema)
            routes[f"{method} {rule.rule}"] = (method, schema)
    return routes


# The write routes with a caller and ids here (World.caller and World.path).
COVERED = {
    "POST /api/v1/employers",
    "POST /api/v1/employers/me/keys",
    "PATCH /api/v1/employers/<int(min=1, max=2147483647):employer_id>",
    "POST /api/v1/vacancies",
    "POST /api/v1/vacancies/import",
    "PATCH /api/v1/vacancies/<int(min=1, max=2147483647):vacancy_id>",
    "POST /api/v1/matches",
    "PATCH /api/v1/matches/<int(min=1, max=2147483647):match_id>",
    "POST /api/v1/seekers",
    "POST /api/v1/seekers/<int(min=1, max=2147483647):seeker_id>/activation-code",
    "POST /api/v1/courses",
    "PATCH /api/v1/courses/<int(min=1, max=2147483647):course_id>",
    "POST /api/v1/enrolments",
    "PATCH /api/v1/enrolments/<int(min=1, max=2147483647):enrolment_id>",
}


@pytest.fixture
def world(app: Flask) -> World:
    return World.build(app)


def test_every_write_route_has_a_caller(app: Flask) -> None:
    """The routes fuzzed here are every POST, PUT and PATCH route of the API."""
    assert set(write_routes(app)) == COVERED


def bodies(schema: type[Schema] | None) -> st.SearchStrategy[Any]:
    """Any JSON value, an object of the schema's own keys with any values, or a valid body
    with one value replaced by any JSON value."""
    keys = list(loadable(schema())) if schema else ["title"]
    own_keys = st.dictionaries(st.sampled_from(keys) | st.text(ANY_CHAR, max_size=8), JSON)
    if schema is None:
        return JSON | own_keys
    mutated = st.tuples(valid_input(schema), st.sampled_from(keys), JSON).map(
        lambda t: {**t[0], t[1]: t[2]}
    )
    return JSON | own_keys | mutated


def check_answer(world: World, answer: Any, before: dict[str, int], what: str) -> None:
    """Assert a status below 500; a refusal in the one error shape, having written nothing."""
    assert answer.status_code < 500, (what, answer.status_code, answer.get_data(as_text=True))
    if answer.status_code >= 400:
        body = answer.get_json()
        assert isinstance(body, dict) and body.get("error") and body.get("message"), body
        assert world.rows() == before, f"{what}: a refused request wrote rows"


def send(
    world: World, route: str, *, data: bytes | str, content_type: str | None, key: str | None
) -> tuple[Any, dict[str, int]]:
    method, rule = route.split(" ", 1)
    headers = {"Idempotency-Key": key} if key is not None else {}
    before = world.rows()
    caller = world.caller(rule)
    kwargs: dict[str, Any] = {"data": data, "headers": headers}
    if content_type is not None:
        kwargs["content_type"] = content_type
    return caller.open(method, world.path(rule), **kwargs), before


# Header values travel as Latin-1: any text that can be sent as one.
KEYS = st.none() | st.text(st.characters(codec="latin-1", exclude_categories=["Cc"]), max_size=80)


@pytest.mark.slow
@pytest.mark.parametrize("route", sorted(COVERED))
def test_any_json_body_is_answered_without_a_server_error(route: str, world: World) -> None:
    """Any JSON body, with or without an Idempotency-Key, is answered below 500 and a
    refusal writes nothing."""
    schema = write_routes(world.app)[route][1]

    @EXAMPLES
    @given(body=bodies(schema), key=KEYS)
    def answered(body: Any, key: str | None) -> None:
        # allow_nan: Python's JSON reader takes NaN and Infinity, so a caller may send them.
        text = json.dumps(body, ensure_ascii=False)
        answer, before = send(world, route, data=text, content_type="application/json", key=key)
        check_answer(world, answer, before, f"{route} {text[:200]}")

    answered()


CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-16",
        "application/json; charset=latin-1",
        "application/ld+json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "text/plain",
        "application/xml",
        "",
    ]
) | st.text(st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=40)


@pytest.mark.slow
@pytest.mark.parametrize("route", sorted(COVERED))
def test_any_bytes_under_any_content_type_are_answered_without_a_server_error(
    route: str, world: World
) -> None:
    """Bytes that are not UTF-8 (or not JSON at all) under any content type are refused
    below 500, in the one error shape, having written nothing."""

    @EXAMPLES
    @given(
        data=st.binary(max_size=300)
        | st.text(ANY_CHAR, max_size=100).map(lambda t: t.encode("utf-16"))
        | st.builds(lambda a, b: a + b"\xff\xfe\xc0" + b, st.binary(max_size=20), st.binary()),
        content_type=CONTENT_TYPES | st.none(),
    )
    def answered(data: bytes, content_type: str | None) -> None:
        answer, before = send(world, route, data=data, content_type=content_type, key=None)
        check_answer(world, answer, before, f"{route} {content_type!r} {data[:80]!r}")

    answered()


def nested(depth: int, shape: str) -> str:
    """A JSON text of arrays or objects `depth` levels deep."""
    if shape == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("route", ["POST /api/v1/vacancies", "POST /api/v1/vacancies/import"])
@settings(EXAMPLES, max_examples=20)
@given(depth=st.integers(1, 200_000), shape=st.sampled_from(["array", "object"]))
# Found by this test: Python's JSON reader raises RecursionError (not ValueError) about a
# thousand levels down, and a few hundred levels overflowed the readers after it; both
# answered 500.
@example(depth=500, shape="array")
@example(depth=100_000, shape="object")
def test_a_body_nested_deeper_than_the_limit_is_refused(
    route: str, world: World, depth: int, shape: str
) -> None:
    """Arrays or objects nested deeper than MAX_JSON_DEPTH are a 400 that says so (413 if
    the body is also over the size limit); within it the body is answered below 500."""
    body = nested(depth, shape)
    answer, before = send(world, route, data=body, content_type="application/json", key=None)
    check_answer(world, answer, before, f"{route} depth {depth}")
    if len(body.encode()) > int(world.app.config["MAX_CONTENT_LENGTH"]):
        assert answer.status_code == 413
    elif depth > MAX_JSON_DEPTH:
        assert answer.status_code == 400
        assert f"{MAX_JSON_DEPTH}" in answer.get_json()["message"]


@pytest.mark.parametrize("route", sorted(COVERED))
def test_a_body_over_the_size_limit_is_refused_as_too_large(route: str, world: World) -> None:
    """A body one byte over MAX_CONTENT_LENGTH is a 413 in the one error shape."""
    limit = int(world.app.config["MAX_CONTENT_LENGTH"])
    body = '{"title": "' + "ж" * limit + '"}'
    answer, before = send(world, route, data=body, content_type="application/json", key=None)
    check_answer(world, answer, before, route)
    assert answer.status_code == 413


# JSON-LD as publishers write it, every property also any JSON value: nested places,
# amounts and identifiers, lists of types, an @graph with other nodes.
ODD = JSON | st.sampled_from(
    [
        *("Бишкек", "Ош шаары", "Чуйская область", "Токмок", "FULL_TIME", "KGS", "MONTH"),
        *("2030-01-01", "2030-01-01T00:00:00Z", "TELECOMMUTE", "1e999", "NaN", "-0", "1 500,5"),
    ]
)
TEXT = st.text(ANY_CHAR, max_size=30)


def _or_odd(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy | ODD


POSTING = st.fixed_dictionaries(
    {"@type": st.sampled_from(["JobPosting", ["JobPosting", "Thing"]])},
    optional={
        "title": _or_odd(TEXT),
        "description": _or_odd(TEXT.map(lambda t: f"<p>{t}</p><br/>&amp;")),
        "skills": _or_odd(st.lists(_or_odd(TEXT), max_size=4)),
        "employmentType": _or_odd(st.lists(ODD, max_size=3)),
        "jobLocation": _or_odd(
            st.fixed_dictionaries(
                {
                    "address": _or_odd(
                        st.fixed_dictionaries(
                            {}, optional={"addressRegion": ODD, "addressLocality": ODD}
                        )
                    )
                }
            )
        ),
        "jobLocationType": ODD,
        "baseSalary": _or_odd(
            st.fixed_dictionaries(
                {},
                optional={
                    "currency": ODD,
                    "value": _or_odd(
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "minValue": ODD,
                                "maxValue": ODD,
                                "value": ODD,
                                "unitText": ODD,
                            },
                        )
                    ),
                },
            )
        ),
        "totalJobOpenings": ODD,
        "validThrough": ODD,
        "identifier": _or_odd(st.fixed_dictionaries({}, optional={"value": ODD, "name": ODD})),
    },
)


@pytest.mark.slow
@EXAMPLES
@given(
    body=POSTING
    | st.lists(POSTING, min_size=1, max_size=4)
    | st.fixed_dictionaries({"@graph": st.lists(POSTING | ODD, max_size=4)})
)
def test_any_jobposting_import_is_answered_without_a_server_error(world: World, body: Any) -> None:
    """JobPostings whose every property may be any JSON value are each created, updated or
    invalid, or the body is refused; never a 500, and a refused body writes nothing."""
    text = json.dumps(body, ensure_ascii=False)
    answer, before = send(
        world,
        "POST /api/v1/vacancies/import",
        data=text,
        content_type="application/ld+json",
        key=None,
    )
    check_answer(world, answer, before, text[:300])
