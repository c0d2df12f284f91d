"""The one clock: every use-case reads time in UTC from here, never the local calendar."""

from __future__ import annotations

from datetime import date, datetime

from models.base import utcnow

__all__ = ["today", "utcnow"]


def today(now: datetime | None = None) -> date:
    """Return today's date in UTC, the calendar `valid_through` and ages are read against."""
    return (now or utcnow()).date()
