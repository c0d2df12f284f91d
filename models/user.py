"""Programme users: admins, staff, partner organisations and read-only viewers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrListType, UTCDateTime, enum_column, utcnow
from models.enums import UserRole


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[UserRole] = mapped_column(enum_column(UserRole, "user_role"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Oblasts this user's figures, lookups and exports are limited to; empty: all of them.
    regions: Mapped[list[str]] = mapped_column(StrListType(), default=list, server_default="[]")

    # The second factor: a TOTP secret, encrypted with the service's key (never in clear);
    # `totp_enrolled_at` is set once the user proved a code from it. The last accepted
    # time step refuses the same code a second time.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_last_step: Mapped[int | None]

    # Wrong passwords or codes in a row, and the wait they impose (as for seekers).
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Sessions remember the version they began under; raising it ends every session.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
