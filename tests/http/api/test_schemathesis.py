"""Property-based checks of the live OpenAPI document: every operation, generated valid
and invalid requests, no server error and every answer as documented."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service import create_app
from service.platform.db import get_db
from service.platform.migrate import upgrade
from tests.http.api.conftest import add_seeker, make_user, register, vacancy_body
from tests.support import DATABASE_URL, ON_POSTGRES, TEST_CONFIG

pytestmark = pytest.mark.slow

EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 15}
# Paths for programme users; the rest are employers'.
PROGRAMME_PATHS = ("/api/v1/seekers", "/api/v1/stats", "/api/v1/employers/{employer_id}")


@pytest.fixture(scope="module")
def fuzz_database() -> Iterator[str]:
    """A database whose commits are real and private to this module."""
    if not ON_POSTGRES:
        yield "sqlite://"  # in memory, alive as long as the app's engine
        return
    schema = f"fuzz_{uuid.uuid4().hex[:12]}"
    admin = create_engine(DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(admin.url).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="module")
def fuzz_app(fuzz_database: str) -> Iterator[Flask]:
    app = create_app({**TEST_CONFIG, "DATABASE_URL": fuzz_database, "LOG_LEVEL": "WARNING"})
    upgrade(get_db(app).engine)
    yield app
    get_db(app).engine.dispose()


def test_api_conforms_to_its_openapi_document(fuzz_app: Flask) -> None:
    client = fuzz_app.test_client()
    employer = register(client)
    admin = make_user(fuzz_app, client, "admin")
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    with get_db(fuzz_app).sessions() as session:
        add_seeker(session)
    tokens = {"employer": employer.key, "admin": admin.key}

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:
        who = "admin" if operation.path.startswith(PROGRAMME_PATHS) else "employer"
        if operation.path == "/api/v1/matches" and operation.method.upper() == "POST":
            who = "admin"  # a partner's application; employers are covered by the access tests
        # Schemathesis's WSGI transport reads bodies raw, without undoing gzip: ask for
        # none (test_json_is_compressed_when_asked covers compression itself).
        headers = {"Authorization": f"Bearer {tokens[who]}", "Accept-Encoding": "identity"}
        known_ids: dict[str, Any] = {}
        if "{vacancy_id}" in operation.path:
            known_ids["vacancy_id"] = vacancy
        for mode, examples in EXAMPLES.items():
            _fuzz(operation, mode, examples, headers, known_ids)


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    examples: int,
    headers: dict[str, str],
    ids: dict[str, Any],
) -> None:
    strategy = operation.as_strategy(generation_mode=mode)
    if ids and mode is GenerationMode.POSITIVE:
        # Half the cases hit a real vacancy, so more than the 404 path is exercised.
        strategy = strategy | operation.as_strategy(generation_mode=mode, path_parameters=ids)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        case.call_and_validate(
            headers=headers, checks=[not_a_server_error, response_schema_conformance]
        )

    check()
