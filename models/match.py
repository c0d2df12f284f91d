"""Matches: seeker-vacancy pairs someone acted on, and their status history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, event, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, enum_column, utcnow
from models.enums import ActorKind, MatchStatus

# The stages of the match funnel, in order (DESIGN.md).
FUNNEL_STAGES = (
    MatchStatus.APPLIED,
    MatchStatus.CONTACTED,
    MatchStatus.INTERVIEW,
    MatchStatus.HIRED,
)


class Match(Base):
    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("seeker_id", "vacancy_id"),
        Index("ix_matches_status_seeker", "status", "seeker_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[MatchStatus] = mapped_column(enum_column(MatchStatus, "match_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    # Which funnel stages this match ever reached: a copy of its events, kept by the
    # listener below, so the dashboard counts the funnel without reading every event.
    reached_applied: Mapped[bool] = mapped_column(default=False, server_default=false())
    reached_contacted: Mapped[bool] = mapped_column(default=False, server_default=false())
    reached_interview: Mapped[bool] = mapped_column(default=False, server_default=false())
    reached_hired: Mapped[bool] = mapped_column(default=False, server_default=false())

    # The pair's signals (name -> value in [0, 1]) as the matcher had them when the match
    # was opened, with the score model (a digest) and the encoder that produced them: the
    # inputs from which outcomes can later teach the weights. Null when the pair could not
    # be ranked then (vacancy not indexed, profile too empty) or nobody passed a matcher.
    signals: Mapped[dict[str, float] | None] = mapped_column(JSON(none_as_null=True))
    signals_model: Mapped[str | None] = mapped_column(String(16))
    signals_encoder: Mapped[str | None] = mapped_column(String(200))

    events: Mapped[list[MatchEvent]] = relationship(
        back_populates="match", order_by="MatchEvent.id", cascade="all, delete-orphan"
    )


class MatchEvent(Base):
    """One status transition of a match, with who made it and when."""

    __tablename__ = "match_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[MatchStatus | None] = mapped_column(enum_column(MatchStatus, "from_status"))
    to_status: Mapped[MatchStatus] = mapped_column(enum_column(MatchStatus, "to_status"))
    actor_kind: Mapped[ActorKind] = mapped_column(enum_column(ActorKind, "actor_kind"))
    actor_id: Mapped[int | None]
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    note: Mapped[str | None] = mapped_column(String(500))

    match: Mapped[Match] = relationship(back_populates="events")


@event.listens_for(Match.events, "append")
def _note_stage_reached(match: Match, added: MatchEvent, _initiator: Any) -> None:
    # Every way an event joins a match passes here, so the copy cannot drift.
    status = MatchStatus(added.to_status)
    if status in FUNNEL_STAGES:
        setattr(match, f"reached_{status.value}", True)
