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
