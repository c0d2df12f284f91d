"""Vacancies posted by employers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrListType, UTCDateTime, enum_column, utcnow
from models.enums import EmploymentType, Region, VacancyStatus


class Vacancy(Base):
    __tablename__ = "vacancies"
    __table_args__ = (
        # Posting the same external_id again updates the vacancy, never duplicates it.
        UniqueConstraint("employer_id", "external_id"),
        CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name="salary_range",
        ),
        CheckConstraint("salary_min IS NULL OR salary_min >= 0", name="salary_min_nonneg"),
        CheckConstraint("positions >= 1", name="positions_positive"),
        Index("ix_vacancies_status_region", "status", "region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(
        ForeignKey("employers.id", ondelete="CASCADE"), index=True
    )
    external_id: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(StrListType(), default=list)
    region: Mapped[Region] = mapped_column(enum_column(Region, "region"))
    locality: Mapped[str | None] = mapped_column(String(100))
    salary_min: Mapped[int | None]
    salary_max: Mapped[int | None]
    employment_type: Mapped[EmploymentType] = mapped_column(
        enum_column(EmploymentType, "employment_type")
    )
    remote: Mapped[bool] = mapped_column(default=False)
    positions: Mapped[int] = mapped_column(default=1)
    languages: Mapped[list[str]] = mapped_column(StrListType(), default=list)
    valid_through: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[VacancyStatus] = mapped_column(
        enum_column(VacancyStatus, "vacancy_status"), default=VacancyStatus.OPEN
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
