"""Stored embeddings and the change counter that keeps every process's index current."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, enum_column, utcnow
from models.enums import EntityKind


class Embedding(Base):
    """A vector of one vacancy's or seeker's text under one model.

    `text_hash` lets re-indexing skip texts that did not change; a different
    `model_name` is a different row, so switching models re-encodes everything.
    """

    __tablename__ = "embeddings"
    __table_args__ = (UniqueConstraint("kind", "entity_id", "model_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EntityKind] = mapped_column(enum_column(EntityKind, "entity_kind"))
    entity_id: Mapped[int]
    model_name: Mapped[str] = mapped_column(String(200))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int]
    # float32, little-endian, L2-normalised.
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Change(Base):
    """One change to something the matcher indexes.

    Each process remembers the last id it applied and reads only newer rows, so a
    vacancy posted through one gunicorn worker reaches the others without reloads.
    """

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_kind_entity", "kind", "entity_id"),)

    # BIGINT on PostgreSQL; SQLite only autoincrements a plain INTEGER primary key.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    kind: Mapped[EntityKind] = mapped_column(enum_column(EntityKind, "entity_kind"))
    entity_id: Mapped[int]
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
