"""Matches keep the pair's signals as the matcher had them, and graded outcomes are
exported with them and nothing personal."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.features import SIGNALS
from matching.types import Ranking
from models import Employer, Match, Seeker, User, Vacancy
from models.enums import ActorKind, MatchStatus
from service.platform.security.secrets import hash_password
from service.usecases import casework
from service.usecases.applications import apply
from service.usecases.clock import today, utcnow
from service.usecases.indexing import LiveIndex, seeker_profile
from service.usecases.matches import create_match, record_transition
from service.usecases.outcomes import export_outcomes, model_digest
from service.usecases.seeker_accounts import delete_account
from tests.support import make_employer, make_market, make_seeker, make_vacancy

S = MatchStatus
PERSON = {
    "full_name": "Айгүл Токтосунова",
    "phone": "+996700987654",
    "email": "aigul.t@example.invalid",
}


def _staff(session: Session) -> User:
    user = User(email="caseworker@example.invalid", role="staff")
    session.add(user)
    session.commit()
    return user


def _seamstress(session: Session, **fields: Any) -> Seeker:
    values = {"desired_position": "швея", "skills": ["пошив", "швейная машина"], **PERSON}
    seeker = make_seeker(session, **(values | fields))
    session.commit()
    return seeker


def _by_seeker(session: Session, matcher: LiveIndex | None, seeker: Seeker, vacancy: int) -> Match:
    return apply(session=session, seeker=seeker, vacancy_id=vacancy, matcher=matcher)


def _by_caseworker(
    session: Session, matcher: LiveIndex | None, seeker: Seeker, vacancy: int
) -> Match:
    return casework.apply_for(
        session=session,
        user=_staff(session),
        seeker_id=seeker.id,
        vacancy_id=vacancy,
        matcher=matcher,
    )


def _by_partner_api(
    session: Session, matcher: LiveIndex | None, seeker: Seeker, vacancy: int
) -> Match:
    user = _staff(session)
    return create_match(
        session=session,
        vacancy_id=vacancy,
        seeker_id=seeker.id,
        actor_kind=ActorKind.USER,
        actor_id=user.id,
        user=user,
        matcher=matcher,
    )


def _by_employer(
    session: Session, matcher: LiveIndex | None, seeker: Seeker, vacancy: int
) -> Match:
    employer = session.scalars(
        select(Employer)
        .join(Vacancy, Vacancy.employer_id == Employer.id)
        .where(Vacancy.id == vacancy)
    ).one()
    return create_match(
        session=session,
        vacancy_id=vacancy,
        seeker_id=seeker.id,
        actor_kind=ActorKind.EMPLOYER,
        actor_id=employer.id,
        employer=employer,
        matcher=matcher,
    )


Opener = Callable[[Session, LiveIndex | None, Seeker, int], Match]
PATHS: dict[str, Opener] = {
    "seeker applies": _by_seeker,
    "caseworker applies for": _by_caseworker,
    "partner applies through the API": _by_partner_api,
    "employer contacts": _by_employer,
}


@pytest.mark.parametrize("opener", PATHS.values(), ids=PATHS.keys())
def test_each_way_of_opening_a_match_keeps_the_pairs_signals(
    opener: Opener, matcher: LiveIndex, session: Session
) -> None:
    vacancies = make_market(session)
    seeker = _seamstress(session)
    match = opener(session, matcher, seeker, vacancies["seamstress"].id)
    session.expire_all()
    stored = session.get(Match, match.id)
    assert stored is not None and stored.signals is not None
    assert set(stored.signals) == set(SIGNALS)
    # Exactly the matcher's own signals for this pair.
    (expected,) = matcher.rank_vacancies(
        seeker_profile(stored_seeker(session, seeker.id)),
        1,
        only_ids=[str(vacancies["seamstress"].id)],
        today=today(),
    ).items
    assert stored.signals == pytest.approx(expected.signals, abs=1e-6)
    assert stored.signals["occupation"] == 1.0 and stored.signals["home"] == 1.0
    assert stored.signals_model == model_digest(matcher.matcher.model)
    assert stored.signals_encoder == matcher.encoder.name


def stored_seeker(session: Session, seeker_id: int) -> Seeker:
    seeker = session.get(Seeker, seeker_id)
    assert seeker is not None
    return seeker


def test_a_suggestion_taken_up_gets_the_signals_of_that_moment(
    matcher: LiveIndex, session: Session
) -> None:
    vacancies = make_market(session)
    seeker = _seamstress(session)
    suggested = Match(seeker_id=seeker.id, vacancy_id=vacancies["driver"].id, status=S.SUGGESTED)
    record_transition(suggested, S.SUGGESTED, ActorKind.SYSTEM, None, utcnow(), None)
    session.add(suggested)
    session.commit()
    match = apply(
        session=session, seeker=seeker, vacancy_id=vacancies["driver"].id, matcher=matcher
    )
    assert match.id == suggested.id and match.status is S.APPLIED
    assert match.signals is not None and match.signals["occupation"] == 0.0


@pytest.mark.parametrize("opener", PATHS.values(), ids=PATHS.keys())
def test_without_a_matcher_a_match_opens_with_no_signals(opener: Opener, session: Session) -> None:
    vacancies = make_market(session)
    match = opener(session, None, _seamstress(session), vacancies["seamstress"].id)
    assert match.id and match.signals is None and match.signals_model is None


def test_a_vacancy_the_index_does_not_hold_stores_null_and_the_match_opens(
    matcher: LiveIndex, session: Session
) -> None:
    vacancies = make_market(session)
    seeker = _seamstress(session)
    matcher.sync(session)
    # Open in the database but not (or no longer) in this process's index.
    matcher.matcher.remove_vacancies([str(vacancies["seamstress"].id)])
    match = apply(
        session=session, seeker=seeker, vacancy_id=vacancies["seamstress"].id, matcher=matcher
    )
    assert match.status is S.APPLIED and match.signals is None
    assert session.scalar(select(Match.signals).where(Match.id == match.id)) is None


def test_a_profile_too_empty_to_rank_stores_null_and_the_match_opens(
    matcher: LiveIndex, session: Session
) -> None:
    vacancies = make_market(session)
    seeker = _seamstress(session, desired_position="", skills=[])
    assert matcher.rank_vacancies(seeker_profile(seeker), 1).missing
    match = _by_employer(session, matcher, seeker, vacancies["seamstress"].id)
    assert match.status is S.CONTACTED and match.signals is None


class BrokenIndex(LiveIndex):
    """A matcher whose ranking fails (a model that cannot load, say)."""

    def rank_vacancies(self, *args: Any, **kwargs: Any) -> Ranking:
        raise RuntimeError("the encoder is gone")


def test_a_failing_matcher_never_fails_the_match(
    matcher: LiveIndex, session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    vacancies = make_market(session)
    seeker = _seamstress(session)
    broken = BrokenIndex(matcher.matcher)
    with caplog.at_level(logging.WARNING, logger="jumush.outcomes"):
        match = _by_partner_api(session, broken, seeker, vacancies["seamstress"].id)
    assert match.status is S.APPLIED and match.signals is None
    assert "pair signals not recorded" in caplog.text
    assert session.scalar(select(Match.id).where(Match.id == match.id)) == match.id


# --- the export ---------------------------------------------------------------------------


def _signals(value: float) -> dict[str, float]:
    return dict.fromkeys(SIGNALS, value)


def _story(
    session: Session,
    seeker: Seeker,
    path: list[MatchStatus],
    signals: dict[str, float] | None,
    created: datetime | None = None,
) -> Match:
    vacancy = make_vacancy(session, make_employer(session))
    match = Match(seeker_id=seeker.id, vacancy_id=vacancy.id, status=path[0])
    match.signals = signals
    match.signals_model = None if signals is None else "abc123def456"
    match.signals_encoder = None if signals is None else "hashing-256"
    at = created or datetime(2026, 11, 2, tzinfo=UTC)
    match.created_at = at
    for status in path:
        record_transition(match, status, ActorKind.SYSTEM, None, at, "Айгүл Токтосунова called")
    session.add(match)
    session.flush()
    return match


def _export(session: Session, since: date | None = None) -> tuple[str, Any]:
    out = io.StringIO()
    summary = export_outcomes(session=session, out=out, since=since)
    return out.getvalue(), summary


def test_the_export_holds_exactly_the_graded_outcomes_and_nothing_personal(
    session: Session,
) -> None:
    seeker = make_seeker(session, **PERSON, experience="швея в цехе на Ош базаре")
    _story(session, seeker, [S.APPLIED, S.CONTACTED, S.INTERVIEW, S.HIRED], _signals(0.9))
    _story(session, seeker, [S.APPLIED, S.CONTACTED, S.INTERVIEW], _signals(0.7))
    _story(session, seeker, [S.CONTACTED, S.REJECTED], _signals(0.6))
    _story(session, seeker, [S.APPLIED, S.REJECTED], _signals(0.2))
    _story(session, seeker, [S.APPLIED], _signals(0.5))  # no answer yet
    _story(session, seeker, [S.APPLIED, S.WITHDRAWN], _signals(0.5))
    _story(session, seeker, [S.APPLIED, S.OBSOLETE], _signals(0.5))
    _story(session, seeker, [S.SUGGESTED], _signals(0.5))
    _story(session, seeker, [S.CONTACTED, S.INTERVIEW, S.HIRED], None)  # before signals
    gone = make_seeker(session, withdrawn_at=datetime(2026, 11, 20, tzinfo=UTC))
    _story(session, gone, [S.CONTACTED, S.INTERVIEW, S.HIRED], _signals(0.8))
    session.commit()
    text, summary = _export(session)
    lines = [json.loads(line) for line in text.splitlines()]
    common = {"model": "abc123def456", "encoder": "hashing-256"}
    assert [{k: v for k, v in line.items() if k != "pair"} for line in lines] == [
        {"outcome": "hired", "reached": "hired", "final": True, "grade": 2,
         "signals": _signals(0.9), **common},
        {"outcome": "interview", "reached": "interview", "final": False, "grade": 1,
         "signals": _signals(0.7), **common},
        {"outcome": "rejected", "reached": "contacted", "final": True, "grade": 1,
         "signals": _signals(0.6), **common},
        {"outcome": "rejected", "reached": "applied", "final": True, "grade": 0,
         "signals": _signals(0.2), **common},
    ]  # fmt: skip
    pairs = [line["pair"] for line in lines]
    assert len(set(pairs)) == 4 and all(len(p) == 16 and int(p, 16) >= 0 for p in pairs)
    assert dict(summary.written) == {"hired": 1, "interview": 1, "rejected": 2}
    assert dict(summary.left_out) == {
        "applied (no judgement yet)": 1,
        "withdrawn (no judgement yet)": 1,
        "obsolete (no judgement yet)": 1,
        "no signals recorded": 1,
    }
    for personal in (*PERSON.values(), "Айгүл", "Токтосунова", "987654", "базар", "швея"):
        assert personal.lower() not in text.lower()
    assert "seeker" not in text and "vacancy" not in text and '"id"' not in text


def test_the_export_since_a_date_leaves_older_matches_out(session: Session) -> None:
    seeker = make_seeker(session)
    path = [S.APPLIED, S.REJECTED]
    _story(session, seeker, path, _signals(0.1), created=datetime(2026, 10, 31, 23, tzinfo=UTC))
    _story(session, seeker, path, _signals(0.3), created=datetime(2026, 11, 1, 0, tzinfo=UTC))
    session.commit()
    text, _ = _export(session, since=date(2026, 11, 1))
    assert [json.loads(line)["signals"]["semantic"] for line in text.splitlines()] == [0.3]
    assert len(_export(session)[0].splitlines()) == 2


def test_deleting_the_account_deletes_the_signals_and_keeps_the_outcome(
    session: Session,
) -> None:
    seeker = make_seeker(session, password_hash=hash_password("долгий пароль 2026"))
    match = _story(session, seeker, [S.CONTACTED, S.INTERVIEW, S.HIRED], _signals(0.9))
    session.commit()
    delete_account(session=session, seeker=seeker, password="долгий пароль 2026", now=utcnow())
    session.expire_all()
    stored = session.get(Match, match.id)
    assert stored is not None and stored.status is S.HIRED
    assert (stored.signals, stored.signals_model, stored.signals_encoder) == (None, None, None)
    assert _export(session)[0] == ""
