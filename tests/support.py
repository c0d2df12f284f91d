"""Shared test settings and helpers (importable as `tests.support`)."""

from __future__ import annotations

import os
from typing import Any

from click.testing import CliRunner, Result
from flask import Flask
from sqlalchemy.engine import make_url

from service.cli import cli

DATABASE_URL = os.environ.get("DATABASE_URL", "") or "sqlite://"
ON_POSTGRES = (
    make_url(DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1)).get_backend_name()
    == "postgresql"
)

TEST_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "RATELIMIT_ENABLED": False,
    "ENCODER": "hashing",
}


class CommandRunner:
    """Invoke `jumush` commands against the test application."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def invoke(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), obj=self.app, input=input)


_counter = iter(range(10**6))


def make_employer(session: Any, **fields: Any) -> Any:
    """Add an employer with valid defaults."""
    from models import Employer

    n = next(_counter)
    values: dict[str, Any] = {
        "name": f"Test employer {n}",
        "inn": f"{20000000000000 + n}",
        "contact_person": "Test",
        "phone": "+996000000000",
        "email": f"hr{n}@example.invalid",
        "region": "bishkek",
        "size": "small",
    }
    values.update(fields)
    employer = Employer(**values)
    session.add(employer)
    session.flush()
    return employer


def make_vacancy(session: Any, employer: Any, **fields: Any) -> Any:
    """Add an open vacancy with valid defaults."""
    from models import Vacancy

    values: dict[str, Any] = {
        "employer_id": employer.id,
        "title": "Швея",
        "region": "bishkek",
        "employment_type": "full_time",
        "skills": [],
        "description": "",
    }
    values.update(fields)
    vacancy = Vacancy(**values)
    session.add(vacancy)
    session.flush()
    return vacancy


def make_seeker(session: Any, **fields: Any) -> Any:
    """Add a registered, visible seeker with valid defaults."""
    from models import Seeker

    values: dict[str, Any] = {
        "gender": "female",
        "birth_year": 1990,
        "region": "bishkek",
        "consent": True,
        "desired_position": "швея",
        "skills": [],
        "preferred_language": "ru",
    }
    values.update(fields)
    seeker = Seeker(**values)
    session.add(seeker)
    session.flush()
    return seeker
