"""The closed vocabularies of DESIGN.md, shared by models, schemas and statistics."""

from __future__ import annotations

import enum


class Region(enum.StrEnum):
    BISHKEK = "bishkek"
    OSH_CITY = "osh_city"
    CHUY = "chuy"
    OSH = "osh"
    JALAL_ABAD = "jalal_abad"
    BATKEN = "batken"
    TALAS = "talas"
    NARYN = "naryn"
    ISSYK_KUL = "issyk_kul"


class WorkArea(enum.StrEnum):
    """Where a seeker is willing to work, beside seasonal work away from home."""

    OWN_REGION = "own_region"
    NEIGHBOURING = "neighbouring"
    ANYWHERE = "anywhere"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class EmploymentType(enum.StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    SHIFT = "shift"
    SEASONAL = "seasonal"
    TEMPORARY = "temporary"
    INTERNSHIP = "internship"


class EducationLevel(enum.StrEnum):
    NONE = "none"
    SECONDARY = "secondary"
    VOCATIONAL = "vocational"
    INCOMPLETE_HIGHER = "incomplete_higher"
    HIGHER = "higher"


class Language(enum.StrEnum):
    """The interface's languages (seekers' pages also in Uzbek, in Cyrillic script)."""

    KY = "ky"
    RU = "ru"
    EN = "en"
    UZ = "uz"


class VacancyStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class EmployerSize(enum.StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class EmployerStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class UserRole(enum.StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    PARTNER = "partner"
    VIEWER = "viewer"


class MatchStatus(enum.StrEnum):
    SUGGESTED = "suggested"
    APPLIED = "applied"
    CONTACTED = "contacted"
    INTERVIEW = "interview"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    OBSOLETE = "obsolete"


class ActorKind(enum.StrEnum):
    EMPLOYER = "employer"
    USER = "user"
    SEEKER = "seeker"
    SYSTEM = "system"


class CourseStatus(enum.StrEnum):
    """Whether a course still takes enrolments."""

    OPEN = "open"
    CLOSED = "closed"


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    DROPPED = "dropped"


class EntityKind(enum.StrEnum):
    """What a stored embedding or a change-counter row is about."""

    VACANCY = "vacancy"
    SEEKER = "seeker"
