"""Employers: the organisations that post vacancies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, enum_column, utcnow
from models.enums import EmployerSize, EmployerStatus, Region


class Employer(Base):
    __tablename__ = "employers"
    __table_args__ = (CheckConstraint("length(inn) = 14", name="inn_14_digits"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    inn: Mapped[str] = mapped_column(String(14), unique=True)
    contact_person: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32))
    email: Mapped[str] = mapped_column(String(254))
    region: Mapped[Region] = mapped_column(enum_column(Region, "region"))
    sector: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[EmployerSize] = mapped_column(enum_column(EmployerSize, "employer_size"))
    status: Mapped[EmployerStatus] = mapped_column(
        enum_column(EmployerStatus, "employer_status"), default=EmployerStatus.ACTIVE
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
