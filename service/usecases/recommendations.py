"""The one recommendation use-case: every caller (API, pages) ranks through it.

Results carry the matcher's reasons as data; the edge says them in words, in the
result's language, with `service.i18n.reasons.explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from matching.types import Ranking, Reason
from models import Match, Seeker, Vacancy
from models.enums import MatchStatus
from service.usecases import clock
from service.usecases.indexing import (
    LiveIndex,
    open_vacancy_ids,
    seeker_profile,
    vacancy_doc,
    visible_seeker_ids,
)

MAX_LIMIT = 100

Audience = Literal["seeker", "employer"]


@dataclass(frozen=True, kw_only=True)
class RankedItem:
    """A ranked vacancy (for a seeker) or seeker (for a vacancy), with why it was ranked."""

    id: int
    score: float
    reasons: tuple[Reason, ...]
    # The reasons in words, filled in the result's language by the edge.
    explanation: tuple[str, ...] = ()

    @property
    def reason_data(self) -> list[dict[str, Any]]:
        """Return the reasons as plain data: kind, and terms and value where they have them."""
        out: list[dict[str, Any]] = []
        for reason in self.reasons:
            data: dict[str, Any] = {"kind": reason.kind}
            if reason.terms:
                data["terms"] = list(reason.terms)
            if reason.value is not None:
                data["value"] = reason.value
            out.append(data)
        return out


ItemT = TypeVar("ItemT", bound=RankedItem)


@dataclass(frozen=True)
class Ranked(Generic[ItemT]):
    """Ranked items, best first; or `missing` names what a too-empty profile must add.

    `lang` and `audience` say in which language and to whom the reasons are to be said;
    `message` (what to add) is filled with the explanations by the edge.
    """

    items: list[ItemT] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    lang: str = ""
    audience: Audience = "seeker"
    message: str | None = None


def recommend_vacancies(
    *, session: Session, matcher: LiveIndex, seeker: Seeker, limit: int, today: date | None = None
) -> Ranked[RankedItem]:
    """Rank open vacancies for a seeker, to be explained in the seeker's language."""
    today = today or clock.today()
    matcher.sync(session, today)
    # Vacancies the seeker already acted on (or was turned down for) are not suggested again.
    acted = session.scalars(
        select(Match.vacancy_id).where(
            Match.seeker_id == seeker.id, Match.status != MatchStatus.SUGGESTED
        )
    ).all()
    ranking = matcher.rank_vacancies(
        seeker_profile(seeker), _clamp(limit), exclude_ids=[str(v) for v in acted], today=today
    )
    # The database has the last word: a change another process has not announced yet
    # (or that is still committing) never shows a closed vacancy.
    still_open = open_vacancy_ids(session, today, _ids(ranking))
    return _result(_keep(ranking, still_open), str(seeker.preferred_language), "seeker")


def recommend_candidates(
    *,
    session: Session,
    matcher: LiveIndex,
    vacancy: Vacancy,
    limit: int,
    lang: str,
    today: date | None = None,
) -> Ranked[RankedItem]:
    """Rank visible seekers for a vacancy, to be explained in the caller's language `lang`."""
    today = today or clock.today()
    if not open_vacancy_ids(session, today, [vacancy.id]):
        return Ranked(lang=lang, audience="employer")
    matcher.sync(session, today)
    # Off the market (hired anywhere) or done with this vacancy (rejected, withdrawn...).
    ended = (MatchStatus.REJECTED, MatchStatus.WITHDRAWN, MatchStatus.OBSOLETE)
    excluded = session.scalars(
        select(Match.seeker_id).where(
            or_(
                Match.status == MatchStatus.HIRED,
                (Match.vacancy_id == vacancy.id) & Match.status.in_(ended),
            )
        )
    ).all()
    ranking = matcher.rank_seekers(
        vacancy_doc(vacancy), _clamp(limit), exclude_ids=[str(i) for i in excluded], today=today
    )
    # Never show a seeker who has just hidden or withdrawn, announced or not.
    still_visible = visible_seeker_ids(session, _ids(ranking))
    return _result(_keep(ranking, still_visible), lang, "employer")


def _ids(ranking: Ranking) -> list[int]:
    return [int(item.id) for item in ranking.items]


def _keep(ranking: Ranking, allowed: list[int]) -> Ranking:
    keep = {str(i) for i in allowed}
    return replace(ranking, items=tuple(item for item in ranking.items if item.id in keep))


def _clamp(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def _result(ranking: Ranking, lang: str, audience: Audience) -> Ranked[RankedItem]:
    if ranking.missing:
        return Ranked(missing=list(ranking.missing), lang=lang, audience=audience)
    items = [
        RankedItem(id=int(item.id), score=round(item.score, 4), reasons=tuple(item.reasons))
        for item in ranking.items
    ]
    return Ranked(items=items, lang=lang, audience=audience)
