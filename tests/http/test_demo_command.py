"""The `jumush seed-demo` command: the same data as the loader, and nothing over real data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import Employer, Seeker
from models.enums import Region
from service.demo import seed_demo
from service.platform.db import database_url, make_engine
from tests.support import demo_digest


def test_same_seed_gives_the_same_data_through_the_command(
    runner: Any, session: Session, committed_database_url: str
) -> None:
    result = runner.invoke("seed-demo", "--if-empty")
    assert result.exit_code == 0, result.output
    # The loader called directly, on another database of the same backend.
    engine = make_engine(database_url({"DATABASE_URL": committed_database_url}, ""))
    with sessionmaker(engine, expire_on_commit=False)() as direct:
        counts = seed_demo(session=direct)
        loaded = ", ".join(f"{n} {name}" for name, n in counts.items())
        assert f"demo data loaded: {loaded}" in result.output
        assert demo_digest(session) == demo_digest(direct)
    engine.dispose()


def test_if_empty_leaves_a_database_with_data_alone(runner: Any, session: Session) -> None:
    session.add(
        Employer(
            name="Real LLC",
            inn="01234567890123",
            contact_person="A",
            phone="+996555000000",
            email="hr@example.invalid",
            region=Region.OSH,
            size="small",
        )
    )
    session.commit()
    result = runner.invoke("seed-demo", "--if-empty")
    assert result.exit_code == 0, result.output
    assert "already holds data" in result.output
    assert session.scalar(select(func.count()).select_from(Employer)) == 1
    assert session.scalar(select(func.count()).select_from(Seeker)) == 0
    # Without --if-empty the command refuses in one line instead of failing half-way.
    result = runner.invoke("seed-demo")
    assert result.exit_code == 1
    assert "already holds data" in result.output
    assert session.scalar(select(func.count()).select_from(Seeker)) == 0
