"""Persistence: typed SQLAlchemy 2.0 models, one concept per module. Models never commit."""

from models.api_key import ApiKey
from models.audit import AuditEvent
from models.base import Base, utcnow
from models.course import Course, Enrolment
from models.embedding import Change, Embedding
from models.employer import Employer
from models.idempotency import IdempotentResponse
from models.match import Match, MatchEvent
from models.seeker import Seeker
from models.user import User
from models.vacancy import Vacancy

__all__ = [
    "ApiKey",
    "AuditEvent",
    "Base",
    "Change",
    "Course",
    "Embedding",
    "Employer",
    "Enrolment",
    "IdempotentResponse",
    "Match",
    "MatchEvent",
    "Seeker",
    "User",
    "Vacancy",
    "utcnow",
]
