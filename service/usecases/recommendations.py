"""The one recommendation use-case: every caller (API, pages) ranks through it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from flask import Flask
from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from matching.encoders import DEFAULT_ENCODER, load_encoder
from matching.occupations import OccupationVocabulary
from matching.ranker import Matcher
from matching.types import Ranking, Reason
from models import Match, Seeker, Vacancy
from models.enums import MatchStatus
from service.indexing import (
    LiveIndex,
    open_vacancy_ids,
    seeker_profile,
    vacancy_doc,
    visible_seeker_ids,
)
from service.labels import EMPLOYMENT_TYPES, LANGUAGES, PROFILE_FIELDS, REGIONS

MAX_LIMIT = 100


@dataclass(frozen=True)
class RecommendationItem:
    """A ranked vacancy (for a seeker) or seeker (for a vacancy)."""

    id: int
    score: float
    explanation: list[str]
    reasons: list[dict[str, Any]]


@dataclass(frozen=True)
class Recommendations:
    """Ranked items, best first; `missing` names what a too-empty profile must add."""

    items: list[RecommendationItem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    message: str | None = None


def build_matcher(config: dict[str, Any]) -> LiveIndex:
    """Build this process's matcher from the settings (the model loads on first use)."""
    encoder = load_encoder(config.get("ENCODER") or DEFAULT_ENCODER)
    return LiveIndex(Matcher(encoder, vocabulary=OccupationVocabulary.default()))


def get_matcher(app: Flask) -> LiveIndex:
    """Return the process-wide matcher of `app`, building it on first use."""
    live: LiveIndex | None = app.extensions.get("jumush.matcher")
    if live is None:
        live = app.extensions.setdefault("jumush.matcher", build_matcher(app.config))
    return live


def recommend_vacancies(
    *, session: Session, matcher: LiveIndex, seeker: Seeker, limit: int, today: date | None = None
) -> Recommendations:
    """Rank open vacancies for a seeker, explained in the seeker's language."""
    matcher.sync(session, today)
    # Vacancies the seeker already acted on (or was turned down for) are not suggested again.
    acted = session.scalars(
        select(Match.vacancy_id).where(
            Match.seeker_id == seeker.id, Match.status != MatchStatus.SUGGESTED
        )
    ).all()
    ranking = matcher.matcher.rank_vacancies(
        seeker_profile(seeker), _clamp(limit), exclude_ids=[str(v) for v in acted], today=today
    )
    # The database has the last word: a change another process has not announced yet
    # (or that is still committing) never shows a closed vacancy.
    still_open = open_vacancy_ids(session, today or date.today(), _ids(ranking))
    return _render(_keep(ranking, still_open), str(seeker.preferred_language), audience="seeker")


def recommend_candidates(
    *,
    session: Session,
    matcher: LiveIndex,
    vacancy: Vacancy,
    limit: int,
    lang: str,
    today: date | None = None,
) -> Recommendations:
    """Rank visible seekers for a vacancy, explained in the caller's language `lang`."""
    today = today or date.today()
    if not open_vacancy_ids(session, today, [vacancy.id]):
        return Recommendations()
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
    ranking = matcher.matcher.rank_seekers(
        vacancy_doc(vacancy), _clamp(limit), exclude_ids=[str(i) for i in excluded], today=today
    )
    # Never show a seeker who has just hidden or withdrawn, announced or not.
    still_visible = visible_seeker_ids(session, _ids(ranking))
    return _render(_keep(ranking, still_visible), lang, audience="employer")


def _ids(ranking: Ranking) -> list[int]:
    return [int(item.id) for item in ranking.items]


def _keep(ranking: Ranking, allowed: list[int]) -> Ranking:
    keep = {str(i) for i in allowed}
    return replace(ranking, items=tuple(item for item in ranking.items if item.id in keep))


def _clamp(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def _render(ranking: Ranking, lang: str, *, audience: str) -> Recommendations:
    with force_locale(lang):
        if ranking.missing:
            fields = ", ".join(str(PROFILE_FIELDS.get(f, f)) for f in ranking.missing)
            message = gettext(
                "Add %(fields)s to your profile to get recommendations.", fields=fields
            )
            return Recommendations(missing=list(ranking.missing), message=message)
        items = [
            RecommendationItem(
                id=int(item.id),
                score=round(item.score, 4),
                explanation=[explain(reason, lang, audience=audience) for reason in item.reasons],
                reasons=[_reason_dict(reason) for reason in item.reasons],
            )
            for item in ranking.items
        ]
    return Recommendations(items=items)


def _reason_dict(reason: Reason) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": reason.kind}
    if reason.terms:
        out["terms"] = list(reason.terms)
    if reason.value is not None:
        out["value"] = reason.value
    return out


def explain(reason: Reason, lang: str, *, audience: str = "seeker") -> str:
    """Say one reason in the current locale, to the seeker or to the employer.

    `lang` names the language of occupation labels, which come from the vocabulary.
    """
    to_seeker = audience == "seeker"
    terms = ", ".join(reason.terms)
    match reason.kind:
        case "occupation":
            label = OccupationVocabulary.default().label(str(reason.value), lang)
            if "related" in reason.terms:
                return gettext("Related occupation: %(label)s", label=label)
            return gettext("Same occupation: %(label)s", label=label)
        case "shared_skills" if to_seeker:
            return ngettext(
                "Skill you have: %(terms)s",
                "Skills you have: %(terms)s",
                len(reason.terms),
                terms=terms,
            )
        case "shared_skills":
            return ngettext(
                "Has the skill you ask for: %(terms)s",
                "Has the skills you ask for: %(terms)s",
                len(reason.terms),
                terms=terms,
            )
        case "shared_terms":
            return gettext("Matching words: %(terms)s", terms=terms)
        case "region":
            region = REGIONS.get(str(reason.value), str(reason.value))
            if to_seeker:
                return gettext("In your region: %(region)s", region=region)
            return gettext("Lives in the vacancy's region: %(region)s", region=region)
        case "remote":
            return gettext("Remote work")
        case "salary":
            amount = f"{reason.value:,}".replace(",", "\u00a0")
            if to_seeker:
                return gettext("Salary up to %(amount)s som", amount=amount)
            return gettext("Expects no more than the offered %(amount)s som", amount=amount)
        case "employment_type":
            kind = EMPLOYMENT_TYPES.get(str(reason.value), str(reason.value))
            if to_seeker:
                return gettext("Employment type you want: %(kind)s", kind=kind)
            return gettext("Looking for this employment type: %(kind)s", kind=kind)
        case "languages":
            names = ", ".join(str(LANGUAGES.get(t, t)) for t in reason.terms)
            if to_seeker:
                return gettext("Languages you speak: %(names)s", names=names)
            return gettext("Speaks: %(names)s", names=names)
    return reason.kind
