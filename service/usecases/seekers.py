"""Use-cases for seekers registered by partner organisations and staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, Seeker, Vacancy
from models.base import utcnow
from models.enums import ActorKind
from service.errors import InvalidInput, NotFound


def register_seeker(*, session: Session, fields: dict[str, Any], user_id: int) -> Seeker:
    """Store a seeker who consented, registered on their behalf by a programme user."""
    if fields.get("consent") is not True:
        raise InvalidInput(
            errors={
                "consent": [
                    str(_l("The seeker must agree to the storage of their data to register."))
                ]
            }
        )
    seeker = Seeker(**fields, consented_at=utcnow(), registered_by_user_id=user_id)
    session.add(seeker)
    session.flush()
    # Identifiers only: the audit trail never holds what a person typed.
    session.add(
        AuditEvent(
            actor_kind=ActorKind.USER,
            actor_id=user_id,
            action="seeker.registered",
            entity_kind="seeker",
            entity_id=seeker.id,
        )
    )
    session.commit()
    return seeker


def get_seeker(*, session: Session, seeker_id: int) -> Seeker:
    """Return a seeker who has not deleted their data."""
    seeker = session.get(Seeker, seeker_id)
    if seeker is None or seeker.deleted_at is not None:
        raise NotFound()
    return seeker


@dataclass(frozen=True)
class VacancyRecommendation:
    """A vacancy ranked for a seeker, with the reasons in the seeker's language."""

    vacancy_id: int
    score: float
    explanation: list[str]
    reasons: list[dict[str, Any]]
    vacancy: Vacancy


@dataclass(frozen=True)
class VacancyRecommendations:
    """Ranked vacancies, or what the profile lacks to be ranked."""

    items: list[VacancyRecommendation]
    missing: list[str]
    message: str | None


def recommend_for_seeker(
    *, session: Session, matcher: Any, seeker_id: int, limit: int, today: date
) -> VacancyRecommendations:
    """Rank open vacancies for a seeker, best first, explained in the seeker's language."""
    from service.recommendations import recommend_vacancies

    seeker = get_seeker(session=session, seeker_id=seeker_id)
    ranked = recommend_vacancies(
        session=session, matcher=matcher, seeker=seeker, limit=limit, today=today
    )
    ids = [item.id for item in ranked.items]
    vacancies = {v.id: v for v in session.scalars(select(Vacancy).where(Vacancy.id.in_(ids)))}
    items = [
        VacancyRecommendation(
            item.id, item.score, item.explanation, item.reasons, vacancies[item.id]
        )
        for item in ranked.items
        if item.id in vacancies
    ]
    return VacancyRecommendations(items=items, missing=list(ranked.missing), message=ranked.message)
