"""`jumush retention`: a dry run counts, a run gives notice, then anonymises; the periods
come from the settings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Seeker
from service.usecases.clock import utcnow
from tests.support import CommandRunner, make_seeker


def _names(session: Session) -> list[str | None]:
    session.expire_all()
    return list(session.scalars(select(Seeker.full_name).order_by(Seeker.id)))


def test_a_dry_run_counts_then_runs_give_notice_and_anonymise(
    app: Flask, runner: CommandRunner, session: Any
) -> None:
    app.config.update(RETENTION_INACTIVE_DAYS=90, RETENTION_NOTICE_DAYS=14)
    make_seeker(session, full_name="Away", last_active_at=utcnow() - timedelta(days=91))
    make_seeker(session, full_name="Here", last_active_at=utcnow() - timedelta(days=89))
    session.commit()

    dry = runner.invoke("retention", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.output.strip() == (
        "1 seekers inactive 90 days would be given notice; "
        "0 seekers would be anonymised after 14 days of notice"
    )
    assert [s.retention_notice_at for s in session.scalars(select(Seeker))] == [None, None]

    real = runner.invoke("retention")
    assert real.output.startswith("1 seekers inactive 90 days given notice; 0 seekers")
    away = session.scalars(select(Seeker).where(Seeker.full_name == "Away")).one()
    away.retention_notice_at = utcnow() - timedelta(days=15)
    session.commit()

    last = runner.invoke("retention")
    assert last.output.strip().endswith("1 seekers anonymised after 14 days of notice")
    assert _names(session) == [None, "Here"]


def test_a_period_below_one_day_ends_in_one_readable_line(
    app: Flask, runner: CommandRunner
) -> None:
    app.config["RETENTION_NOTICE_DAYS"] = 0
    answer = runner.invoke("retention")
    assert answer.exit_code == 1
    assert answer.output.strip() == (
        "Error: JUMUSH_RETENTION_NOTICE_DAYS must be a whole number of days, at least 1"
    )
