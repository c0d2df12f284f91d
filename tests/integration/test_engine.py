"""The service's engines: PostgreSQL connections keep the URL's own options beside the
service's (JIT off), so a schema chosen in the URL is the one written to."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from service.platform.db import make_engine
from tests.support import DATABASE_URL, ON_POSTGRES

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL connection options")


def test_options_in_the_url_are_kept_and_jit_is_off() -> None:
    base = DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = make_engine(f"{base}?options=-csearch_path%3Delsewhere")
    with engine.connect() as connection:
        assert connection.execute(text("SHOW search_path")).scalar() == "elsewhere"
        assert connection.execute(text("SHOW jit")).scalar() == "off"
    engine.dispose()
