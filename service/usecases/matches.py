"""Use-cases for matches: create one per seeker-vacancy pair, move it through its statuses.

The transition table and who may ask for which status are plain data, so the rules
can be read (and tested) at a glance.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Employer, Match, MatchEvent, Seeker, User, Vacancy
from models.enums import ActorKind, MatchStatus, UserRole
from service.usecases.clock import today, utcnow
from service.usecases.errors import Conflict, Forbidden, NotFound
from service.usecases.indexing import LiveIndex, open_vacancy_ids
from service.usecases.messages import msg
from service.usecases.outcomes import pair_signals, record_signals
from service.usecases.reach import seeker_within_reach

S = MatchStatus

# Every legal move. The path is suggested → applied → contacted → interview → hired;
# an employer may contact a suggested candidate directly; any open match may end as
# rejected, withdrawn or obsolete. Final statuses go nowhere.
TRANSITIONS: dict[MatchStatus, frozenset[MatchStatus]] = {
    S.SUGGESTED: frozenset({S.APPLIED, S.CONTACTED, S.REJECTED, S.WITHDRAWN, S.OBSOLETE}),
    S.APPLIED: frozenset({S.CONTACTED, S.REJECTED, S.WITHDRAWN, S.OBSOLETE}),
    S.CONTACTED: frozenset({S.INTERVIEW, S.REJECTED, S.WITHDRAWN, S.OBSOLETE}),
    S.INTERVIEW: frozenset({S.HIRED, S.REJECTED, S.WITHDRAWN, S.OBSOLETE}),
    S.HIRED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.OBSOLETE: frozenset(),
}

OPEN_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if targets)
# Where a match starts: suggested by the matcher, applied by a seeker, contacted by an employer.
ENTRY_STATUSES = frozenset({S.SUGGESTED, S.APPLIED, S.CONTACTED})

# The statuses each kind of caller may set. Employers act on their own candidates,
# partners speak for seekers, staff record any outcome. `obsolete` is the system's.
ALLOWED_TARGETS: dict[UserRole | ActorKind, frozenset[MatchStatus]] = {
    ActorKind.EMPLOYER: frozenset({S.CONTACTED, S.INTERVIEW, S.HIRED, S.REJECTED}),
    UserRole.PARTNER: frozenset({S.APPLIED, S.WITHDRAWN}),
    ActorKind.SEEKER: frozenset({S.APPLIED, S.WITHDRAWN}),
    UserRole.STAFF: frozenset(TRANSITIONS) - {S.SUGGESTED, S.OBSOLETE},
    UserRole.ADMIN: frozenset(TRANSITIONS) - {S.SUGGESTED, S.OBSOLETE},
}


def _registered_seeker(session: Session, seeker_id: int) -> Seeker:
    seeker = session.get(Seeker, seeker_id)
    if seeker is None or not seeker.consent or seeker.withdrawn_at or seeker.deleted_at:
        raise NotFound(msg("No registered seeker has this id."))
    return seeker


def create_match(
    *,
    session: Session,
    vacancy_id: int,
    seeker_id: int,
    actor_kind: ActorKind,
    actor_id: int,
    employer: Employer | None = None,
    user: User | None = None,
    note: str | None = None,
    matcher: LiveIndex | None = None,
) -> Match:
    """Open a match: an employer contacting its candidate, or a seeker applying via a partner
    (a programme `user` only for a seeker within their reach). With a `matcher`, the pair's
    signals as it has them now are kept for learning from the outcome (null if it cannot
    rank the pair)."""
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or (employer is not None and vacancy.employer_id != employer.id):
        raise NotFound(msg("No vacancy of yours has this id.") if employer else None)
    seeker = _registered_seeker(session, seeker_id)
    if not seeker_within_reach(session, user, seeker.id):
        raise NotFound(msg("No registered seeker has this id."))
    if employer is not None and not seeker.visible_to_employers:
        # Invisible seekers are not candidates: say so without confirming they exist.
        raise NotFound(msg("No registered seeker has this id."))
    # Open as the public sees it: open status, valid today, an active employer (a
    # suspended employer must not receive a seeker's contact through an application).
    day = today()
    if not open_vacancy_ids(session, day, [vacancy.id]):
        raise Conflict(msg("This vacancy is closed."))
    existing = session.scalar(
        select(Match.id).where(Match.vacancy_id == vacancy.id, Match.seeker_id == seeker.id)
    )
    if existing is not None:
        raise Conflict(
            msg("A match for this seeker and vacancy already exists (id %(id)d).", id=existing)
        )
    status = S.CONTACTED if employer is not None else S.APPLIED
    recorded = None
    if matcher is not None:
        recorded = pair_signals(
            session=session, matcher=matcher, seeker=seeker, vacancy_id=vacancy.id, today=day
        )
    match = Match(seeker_id=seeker.id, vacancy_id=vacancy.id, status=status)
    record_signals(match, recorded)
    record_transition(match, status, actor_kind, actor_id, utcnow(), note)
    session.add(match)
    try:
        session.commit()
    except IntegrityError:  # the same pair created concurrently
        session.rollback()
        raise Conflict(msg("A match for this seeker and vacancy already exists.")) from None
    return match


def get_match(
    *,
    session: Session,
    match_id: int,
    employer: Employer | None = None,
    user: User | None = None,
) -> Match:
    """Return a match; an employer sees only those of its own vacancies, a programme user
    those of seekers within reach."""
    match = session.get(Match, match_id)
    if match is None or not seeker_within_reach(session, user, match.seeker_id):
        raise NotFound()
    if employer is not None:
        owner = session.scalar(select(Vacancy.employer_id).where(Vacancy.id == match.vacancy_id))
        if owner != employer.id:
            raise NotFound()
    return match


def change_match_status(
    *,
    session: Session,
    match_id: int,
    status: MatchStatus,
    role: UserRole | ActorKind,
    actor_kind: ActorKind,
    actor_id: int,
    employer: Employer | None = None,
    user: User | None = None,
    note: str | None = None,
) -> Match:
    """Move a match to `status` if the table allows it; hiring makes the seeker's other
    open matches obsolete."""
    match = get_match(session=session, match_id=match_id, employer=employer, user=user)
    if status not in ALLOWED_TARGETS.get(role, frozenset()):
        raise Forbidden(msg("Your role cannot set this status."))
    if status not in TRANSITIONS[match.status]:
        raise Conflict(
            msg(
                "A match cannot go from %(current)s to %(wanted)s.",
                current=match.status.value,
                wanted=status.value,
            )
        )
    now = utcnow()
    record_transition(match, status, actor_kind, actor_id, now, note)
    if status is S.HIRED:
        others = session.scalars(
            select(Match).where(
                Match.seeker_id == match.seeker_id,
                Match.id != match.id,
                Match.status.in_(OPEN_STATUSES),
            )
        )
        for other in others:
            record_transition(other, S.OBSOLETE, ActorKind.SYSTEM, None, now, None)
    session.commit()
    return match


def record_transition(
    match: Match,
    status: MatchStatus,
    actor_kind: ActorKind,
    actor_id: int | None,
    at: datetime,
    note: str | None,
) -> None:
    """Move a match to `status`, keeping the transition as an event with actor and time."""
    match.events.append(
        MatchEvent(
            # The history, not `status`, says where a new match comes from: nowhere.
            from_status=match.events[-1].to_status if match.events else None,
            to_status=status,
            actor_kind=actor_kind,
            actor_id=actor_id,
            at=at,
            note=note,
        )
    )
    match.status = status
    match.updated_at = at
