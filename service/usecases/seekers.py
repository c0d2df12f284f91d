"""Use-cases for seekers registered by partner organisations and staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Seeker, User, Vacancy
from models.enums import ActorKind
from service.usecases import audit
from service.usecases.clock import utcnow
from service.usecases.errors import InvalidInput, NotFound
from service.usecases.indexing import LiveIndex
from service.usecases.languages import spoken_languages
from service.usecases.messages import msg
from service.usecases.phones import to_e164
from service.usecases.reach import seekers_within_reach
from service.usecases.recommendations import Ranked, RankedItem, recommend_vacancies
from service.usecases.seeker_accounts import (
    CONSENT_VERSION,
    check_consent,
    issue_activation_code,
)


@dataclass(frozen=True)
class Registered:
    """A seeker registered by a partner, with the one-time code to claim the account."""

    seeker: Seeker
    activation_code: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.seeker, name)


def register_seeker(*, session: Session, fields: dict[str, Any], user_id: int) -> Registered:
    """Store a seeker who consented, registered on their behalf by a programme user.

    The answer carries, once, the activation code with which the seeker claims the
    account at /activate (valid 7 days; only its digest is stored).
    """
    check_consent(fields.get("consent"))
    user = session.get(User, user_id)
    region = getattr(fields.get("region"), "value", fields.get("region"))
    if user is not None and user.regions and region not in user.regions:
        # Staff limited to some regions could not reach the seeker afterwards.
        message = msg("You may register only seekers of your regions.")
        raise InvalidInput(message, errors={"region": [message]})
    values = {
        **fields,
        "phone": to_e164(str(fields.get("phone") or "")),
        "languages": spoken_languages(fields.get("languages") or []),
    }
    now = utcnow()
    # A programme user registers with the same consent text (staff form, or shown by the
    # partner for the API): the version current now.
    seeker = Seeker(
        **values,
        consented_at=now,
        consent_version=CONSENT_VERSION,
        last_active_at=now,
        registered_by_user_id=user_id,
    )
    code = issue_activation_code(seeker=seeker, now=now)
    session.add(seeker)
    session.flush()
    audit.record(
        session,
        actor_kind=ActorKind.USER,
        actor_id=user_id,
        action="seeker.registered",
        entity_kind="seeker",
        entity_id=seeker.id,
    )
    session.commit()
    return Registered(seeker, code)


def get_seeker(*, session: Session, seeker_id: int, user: User | None = None) -> Seeker:
    """Return a seeker who has not deleted their data (and, given a programme user, whom
    that user may reach: a partner's own seekers, a region-limited user's regions)."""
    seeker = session.get(Seeker, seeker_id)
    if seeker is None or seeker.deleted_at is not None:
        raise NotFound()
    if (
        user is not None
        and session.scalar(seekers_within_reach(user).where(Seeker.id == seeker_id)) is None
    ):
        raise NotFound()
    return seeker


def read_seeker(*, session: Session, seeker_id: int, user: User) -> Seeker:
    """Return a seeker's record to a programme user who may reach it; the reading is
    audited, as the casework page's opening is."""
    seeker = get_seeker(session=session, seeker_id=seeker_id, user=user)
    audit.record(
        session,
        actor_kind=ActorKind.USER,
        actor_id=user.id,
        action="seeker.viewed",
        entity_kind="seeker",
        entity_id=seeker.id,
        detail={"through": "api"},
    )
    session.commit()
    return seeker


@dataclass(frozen=True, kw_only=True)
class RankedVacancy(RankedItem):
    """A vacancy ranked for a seeker."""

    vacancy: Vacancy

    @property
    def vacancy_id(self) -> int:
        """Return the vacancy's id."""
        return self.id


def recommend_for_seeker(
    *,
    session: Session,
    matcher: LiveIndex,
    seeker_id: int,
    limit: int,
    today: date,
    user: User | None = None,
) -> Ranked[RankedVacancy]:
    """Rank open vacancies for a seeker, best first, to be explained in the seeker's language."""
    seeker = get_seeker(session=session, seeker_id=seeker_id, user=user)
    ranked = recommend_vacancies(
        session=session, matcher=matcher, seeker=seeker, limit=limit, today=today
    )
    ids = [item.id for item in ranked.items]
    vacancies = {v.id: v for v in session.scalars(select(Vacancy).where(Vacancy.id.in_(ids)))}
    items = [
        RankedVacancy(
            id=item.id, score=item.score, reasons=item.reasons, vacancy=vacancies[item.id]
        )
        for item in ranked.items
        if item.id in vacancies
    ]
    return Ranked(items=items, missing=ranked.missing, lang=ranked.lang, audience=ranked.audience)
