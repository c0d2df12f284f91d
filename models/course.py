"""Training courses and the enrolments that count people as trained."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, StrListType, UTCDateTime, enum_column, utcnow
from models.enums import CourseStatus, EnrolmentStatus, Gender, Language, Region


class Course(Base):
    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint(
            "starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on", name="dates_order"
        ),
        CheckConstraint("seats IS NULL OR seats >= 0", name="seats_nonneg"),
        # Seats are taken by one conditional UPDATE of this counter, so two people can
        # never both take the last seat, on SQLite or PostgreSQL.
        CheckConstraint(
            "seats_taken >= 0 AND (seats IS NULL OR seats_taken <= seats)",
            name="seats_taken_within",
        ),
        CheckConstraint("cost IS NULL OR cost >= 0", name="cost_nonneg"),
        CheckConstraint("duration_hours IS NULL OR duration_hours > 0", name="duration_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(StrListType(), default=list)
    language: Mapped[Language] = mapped_column(enum_column(Language, "language"))
    url: Mapped[str | None] = mapped_column(String(500))
    duration_hours: Mapped[int | None]
    cost: Mapped[float | None] = mapped_column(Numeric(12, 2, asdecimal=False))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    seats: Mapped[int | None]
    seats_taken: Mapped[int] = mapped_column(default=0, server_default="0")
    status: Mapped[CourseStatus] = mapped_column(
        enum_column(CourseStatus, "course_status"),
        default=CourseStatus.OPEN,
        server_default=CourseStatus.OPEN.value,
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The programme user who added it: a partner may change only the courses it added.
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )


class Enrolment(Base):
    """A person's place on a course: a registered seeker, or someone else trained.

    People trained who are not seekers still count towards the training target, so
    their own gender, birth year and region are kept for disaggregation.
    """

    __tablename__ = "enrolments"
    __table_args__ = (
        UniqueConstraint("course_id", "seeker_id"),
        # A person who is not a seeker is known by their phone: once per course.
        UniqueConstraint("course_id", "phone"),
        CheckConstraint(
            "seeker_id IS NOT NULL OR (gender IS NOT NULL AND region IS NOT NULL)",
            name="person_described",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    seeker_id: Mapped[int | None] = mapped_column(
        ForeignKey("seekers.id", ondelete="SET NULL"), index=True
    )
    # Only for people who are not seekers (a seeker's own record says who they are).
    # The phone (E.164) lets such a person count once however many courses they take.
    full_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    gender: Mapped[Gender | None] = mapped_column(enum_column(Gender, "gender"))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    region: Mapped[Region | None] = mapped_column(enum_column(Region, "region"))
    status: Mapped[EnrolmentStatus] = mapped_column(
        enum_column(EnrolmentStatus, "enrolment_status"),
        default=EnrolmentStatus.ENROLLED,
        index=True,
    )
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the course's skills went into the seeker's profile, with their agreement.
    skills_added: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The programme user who enrolled the person (none: a seeker who enrolled themselves).
    # A partner reaches the people it enrolled who are not seekers through it.
    enrolled_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
