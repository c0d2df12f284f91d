"""A seeker's own applications: apply, withdraw, follow them, and say "I found a job"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Match, Seeker, Vacancy
from models.enums import ActorKind, MatchStatus
from service.usecases.clock import today, utcnow
from service.usecases.errors import Conflict, NotFound, invalid
from service.usecases.indexing import LiveIndex, open_vacancy_ids
from service.usecases.matches import change_match_status, create_match, record_transition
from service.usecases.messages import msg
from service.usecases.outcomes import pair_signals, record_signals
from service.usecases.seeker_accounts import note_activity


@dataclass(frozen=True)
class Application:
    """One of the seeker's matches, with its vacancy and when its status last changed."""

    match: Match
    vacancy: Vacancy
    changed_at: datetime


def apply(
    *, session: Session, seeker: Seeker, vacancy_id: int, matcher: LiveIndex | None = None
) -> Match:
    """Apply to an open vacancy (as the public sees it); its employer then sees the
    seeker's contact. With a `matcher`, the pair's signals are kept (see create_match)."""
    suggested = session.scalar(
        select(Match).where(
            Match.seeker_id == seeker.id,
            Match.vacancy_id == vacancy_id,
            Match.status == MatchStatus.SUGGESTED,
        )
    )
    if suggested is None:  # create_match checks that the vacancy is open
        match = create_match(
            session=session,
            vacancy_id=vacancy_id,
            seeker_id=seeker.id,
            actor_kind=ActorKind.SEEKER,
            actor_id=seeker.id,
            matcher=matcher,
        )
        note_activity(seeker, utcnow())
        session.commit()
        return match
    # The matcher's suggestion, now taken up, if the vacancy is still open.
    day = today()
    if not open_vacancy_ids(session, day, [vacancy_id]):
        raise Conflict(msg("This vacancy is closed."))
    if matcher is not None and suggested.signals is None:
        # Acted on only now: the signals of this moment, as for a new match.
        record_signals(
            suggested,
            pair_signals(
                session=session, matcher=matcher, seeker=seeker, vacancy_id=vacancy_id, today=day
            ),
        )
    record_transition(suggested, MatchStatus.APPLIED, ActorKind.SEEKER, seeker.id, utcnow(), None)
    note_activity(seeker, utcnow())
    session.commit()
    return suggested


def withdraw(*, session: Session, seeker: Seeker, match_id: int) -> Match:
    """Withdraw one of the seeker's own applications."""
    _own_match(session, seeker, match_id)
    return change_match_status(
        session=session,
        match_id=match_id,
        status=MatchStatus.WITHDRAWN,
        role=ActorKind.SEEKER,
        actor_kind=ActorKind.SEEKER,
        actor_id=seeker.id,
    )


def list_applications(*, session: Session, seeker: Seeker) -> list[Application]:
    """Return the seeker's matches past `suggested`, newest change first."""
    rows = session.execute(
        select(Match, Vacancy)
        .join(Vacancy, Vacancy.id == Match.vacancy_id)
        .where(Match.seeker_id == seeker.id, Match.status != MatchStatus.SUGGESTED)
        .order_by(Match.updated_at.desc(), Match.id.desc())
    ).all()
    return [Application(match, vacancy, match.updated_at) for match, vacancy in rows]


def report_found_work(
    *,
    session: Session,
    seeker: Seeker,
    now: datetime,
    where: str | None = None,
    match_id: int | None = None,
) -> Seeker:
    """Record that the seeker found work: through one of their applications, or elsewhere.

    Staff see it apart from the 10 % target, which counts hires recorded through Jumush.
    """
    if match_id is not None:
        match = _own_match(session, seeker, match_id)
        seeker.found_work_vacancy_id = match.vacancy_id
        seeker.found_work_where = None
    else:
        place = (where or "").strip()
        if not place:
            raise invalid("where", msg("Say where you found work."))
        seeker.found_work_where = place[:200]
        seeker.found_work_vacancy_id = None
    seeker.found_work_at = now
    session.commit()
    return seeker


def _own_match(session: Session, seeker: Seeker, match_id: int) -> Match:
    match = session.get(Match, match_id)
    if match is None or match.seeker_id != seeker.id:
        raise NotFound()
    return match
