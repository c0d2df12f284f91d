"""Job seekers and the consent that makes them count as registered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrListType, UTCDateTime, enum_column, utcnow
from models.enums import EducationLevel, Gender, Language, Region, WorkArea


class Seeker(Base):
    """A job seeker.

    Deleting one's data blanks every personal column and sets `deleted_at`, leaving an
    anonymous stub (gender, birth year, region, dates, outcomes) so statistics never
    go back in time. Personal columns are therefore nullable.
    """

    __tablename__ = "seekers"
    __table_args__ = (
        CheckConstraint(
            "birth_year IS NULL OR (birth_year >= 1900 AND birth_year <= 2100)",
            name="birth_year_range",
        ),
        CheckConstraint(
            "salary_expectation IS NULL OR salary_expectation >= 0", name="salary_nonneg"
        ),
        # Registered means consented and not withdrawn; the dashboard counts by these.
        Index("ix_seekers_registered", "consent", "withdrawn_at"),
        Index("ix_seekers_region_gender", "region", "gender"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    gender: Mapped[Gender] = mapped_column(enum_column(Gender, "gender"))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    region: Mapped[Region] = mapped_column(enum_column(Region, "region"))
    locality: Mapped[str | None] = mapped_column(String(100))
    desired_position: Mapped[str | None] = mapped_column(String(200))
    skills: Mapped[list[str]] = mapped_column(StrListType(), default=list)
    experience: Mapped[str | None] = mapped_column(Text)
    education_level: Mapped[EducationLevel | None] = mapped_column(
        enum_column(EducationLevel, "education_level")
    )
    languages: Mapped[list[str]] = mapped_column(StrListType(), default=list)
    employment_types: Mapped[list[str]] = mapped_column(StrListType(), default=list)
    salary_expectation: Mapped[int | None]
    # Where they are willing to work (none: not said), and whether they also take seasonal
    # work away from home (a summer at Issyk-Kul); the matcher reads both.
    work_area: Mapped[WorkArea | None] = mapped_column(enum_column(WorkArea, "work_area"))
    seasonal_work: Mapped[bool] = mapped_column(default=False, server_default=false())
    lost_job_due_to_covid: Mapped[bool] = mapped_column(default=False)
    previous_sector: Mapped[str | None] = mapped_column(String(100))
    disability: Mapped[bool] = mapped_column(default=False)
    consent: Mapped[bool] = mapped_column(default=False)
    consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Employers see a seeker among candidates only with this; contact details only with
    # `contactable` or after the seeker applied.
    visible_to_employers: Mapped[bool] = mapped_column(default=True)
    contactable: Mapped[bool] = mapped_column(default=False)
    preferred_language: Mapped[Language] = mapped_column(
        enum_column(Language, "language"), default=Language.RU
    )
    registered_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    # Which consent text the seeker agreed to (its version), with `consented_at`.
    consent_version: Mapped[str | None] = mapped_column(String(20))

    # The seeker's own account: phone (E.164) and password; none until they register
    # on the web or claim with a partner's one-time activation code.
    login_phone: Mapped[str | None] = mapped_column(String(16), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Sessions remember the version they began under; raising it ends every session.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    activation_code_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    activation_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Retention: the last time the seeker (or a programme user on their behalf) did
    # something, and when they were given notice that inactivity will anonymise them.
    last_active_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), default=utcnow, index=True
    )
    retention_notice_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # "I found a job": when, and where in the seeker's words (none: through a vacancy here).
    found_work_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    found_work_where: Mapped[str | None] = mapped_column(String(200))
    found_work_vacancy_id: Mapped[int | None] = mapped_column(
        ForeignKey("vacancies.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
