"""The one recommendation use-case over the matcher, on a real database."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.encoders import HashingEncoder
from matching.ranker import Matcher
from models import Embedding, Match
from models.enums import EntityKind, MatchStatus
from service.platform.db import database_url, make_engine
from service.platform.matcher import build_matcher
from service.usecases.indexing import LiveIndex
from service.usecases.recommendations import recommend_candidates, recommend_vacancies
from tests.support import TEST_CONFIG, make_employer, make_market, make_seeker, make_vacancy


def ids(result: Any) -> list[int]:
    return [item.id for item in result.items]


def test_a_seeker_gets_the_right_vacancy_first(matcher: LiveIndex, session: Session) -> None:
    vacancies = make_market(session)
    seeker = make_seeker(session, desired_position="швея", skills=["пошив", "швейная машина"])
    session.commit()
    result = recommend_vacancies(session=session, matcher=matcher, seeker=seeker, limit=3)
    assert ids(result)[0] == vacancies["seamstress"].id
    assert result.items[0].reasons  # why, as data; the edge words it
    assert (result.lang, result.audience) == (seeker.preferred_language, "seeker")


def test_protected_attributes_never_change_a_ranking(matcher: LiveIndex, session: Session) -> None:
    make_market(session)
    common = {"desired_position": "водитель", "skills": ["права B"], "region": "bishkek"}
    a = make_seeker(
        session,
        gender="female",
        birth_year=1999,
        disability=False,
        lost_job_due_to_covid=True,
        **common,
    )
    b = make_seeker(
        session,
        gender="male",
        birth_year=1961,
        disability=True,
        lost_job_due_to_covid=False,
        **common,
    )
    session.commit()
    live = matcher
    ra = recommend_vacancies(session=session, matcher=live, seeker=a, limit=10)
    rb = recommend_vacancies(session=session, matcher=live, seeker=b, limit=10)
    assert ra.items and [(i.id, i.score, i.reasons) for i in ra.items] == [
        (i.id, i.score, i.reasons) for i in rb.items
    ]


def test_a_closed_vacancy_disappears_at_once(matcher: LiveIndex, session: Session) -> None:
    vacancies = make_market(session)
    seeker = make_seeker(session, desired_position="швея")
    session.commit()
    live = matcher
    assert vacancies["seamstress"].id in ids(
        recommend_vacancies(session=session, matcher=live, seeker=seeker, limit=5)
    )
    vacancies["seamstress"].status = "closed"
    session.commit()
    assert vacancies["seamstress"].id not in ids(
        recommend_vacancies(session=session, matcher=live, seeker=seeker, limit=5)
    )


def test_expired_and_already_applied_vacancies_are_not_suggested(
    matcher: LiveIndex, session: Session
) -> None:
    vacancies = make_market(session)
    vacancies["driver"].valid_through = date.today() - timedelta(days=1)
    seeker = make_seeker(session, desired_position="швея повар водитель")
    session.add(
        Match(seeker_id=seeker.id, vacancy_id=vacancies["cook"].id, status=MatchStatus.REJECTED)
    )
    session.commit()
    got = ids(recommend_vacancies(session=session, matcher=matcher, seeker=seeker, limit=5))
    assert got == [vacancies["seamstress"].id]


def test_an_empty_profile_gets_no_score_but_the_fields_to_add(
    matcher: LiveIndex, session: Session
) -> None:
    make_market(session)
    seeker = make_seeker(
        session, desired_position="любая работа", skills=[], preferred_language="ky"
    )
    session.commit()
    result = recommend_vacancies(session=session, matcher=matcher, seeker=seeker, limit=5)
    assert result.items == []
    assert "desired_position" in result.missing
    assert result.lang == "ky"  # the edge says what to add in the seeker's language


def test_candidates_are_visible_seekers_only(matcher: LiveIndex, session: Session) -> None:
    vacancies = make_market(session)
    shown = make_seeker(session, desired_position="швея")
    make_seeker(session, desired_position="швея", visible_to_employers=False)
    make_seeker(session, desired_position="швея", consent=False)
    session.commit()
    result = recommend_candidates(
        session=session,
        matcher=matcher,
        vacancy=vacancies["seamstress"],
        limit=10,
        lang="ru",
    )
    assert ids(result)[0] == shown.id
    assert len(result.items) == 1


class CountingEncoder(HashingEncoder):
    """Counts the texts it was asked to encode."""

    def __init__(self, name: str = "counting") -> None:
        super().__init__()
        self.name = name
        self.calls = 0  # texts encoded
        self.batches = 0  # encode() calls

    def encode(self, texts: Any) -> np.ndarray:
        self.calls += len(texts)
        self.batches += 1
        return super().encode(texts)


def test_vectors_are_stored_and_reencoded_only_when_text_or_model_change(session: Session) -> None:
    emp = make_employer(session)
    vacancy = make_vacancy(session, emp, title="Повар")
    session.commit()
    encoder = CountingEncoder()
    LiveIndex(Matcher(encoder)).sync(session)
    first = encoder.batches
    assert first == 1
    LiveIndex(Matcher(encoder)).sync(session)  # another process: reads the stored vector
    assert encoder.batches == first
    vacancy.title = "Повар-кондитер"
    session.commit()
    LiveIndex(Matcher(encoder)).sync(session)
    assert encoder.batches == first + 1
    other = CountingEncoder("another-model")
    LiveIndex(Matcher(other)).sync(session)
    assert other.batches == 1
    names = session.scalars(
        select(Embedding.model_name).where(Embedding.kind == EntityKind.VACANCY)
    ).all()
    assert sorted(names) == ["another-model", "counting"]


def test_a_vacancy_posted_through_one_worker_is_recommended_by_another(
    committed_database_url: str,
) -> None:
    # Two processes: each its own engine and matcher, sharing only the database.
    url = database_url({"DATABASE_URL": committed_database_url}, "")
    worker_a, worker_b = (sessionmaker(make_engine(url), expire_on_commit=False) for _ in "ab")
    live_b = build_matcher(TEST_CONFIG)
    with worker_b() as session_b:
        seeker = make_seeker(session_b, desired_position="ашпозчу повар")
        session_b.commit()
        before = recommend_vacancies(session=session_b, matcher=live_b, seeker=seeker, limit=5)
        assert before.items == []
    with worker_a() as session_a:
        emp = make_employer(session_a)
        posted = make_vacancy(session_a, emp, title="Повар в кафе")
        session_a.commit()
    with worker_b() as session_b:
        seeker = session_b.get(type(seeker), seeker.id)
        after = recommend_vacancies(session=session_b, matcher=live_b, seeker=seeker, limit=5)
    assert ids(after) == [posted.id]


class FailingEncoder(CountingEncoder):
    """Stops after `budget` batches, like a reindex killed half-way."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget = budget

    def encode(self, texts: Any) -> np.ndarray:
        if self.batches == self.budget:
            raise KeyboardInterrupt
        return super().encode(texts)


def test_reindex_resumes_after_an_interruption(session: Session, monkeypatch: Any) -> None:
    import pytest

    from service.usecases import indexing

    monkeypatch.setattr(indexing, "BATCH", 2)
    make_market(session)
    for n in range(5):
        make_seeker(session, desired_position=f"сатуучу {n}")
    session.commit()
    # Batches of two: vacancies [2, 1], seekers [2, 2, 1]; killed during the 4th batch.
    with pytest.raises(KeyboardInterrupt):
        indexing.reindex(session=session, matcher=Matcher(FailingEncoder(budget=3)))
    assert session.scalar(select(func.count()).select_from(Embedding)) == 5
    resumed = CountingEncoder()
    counts = indexing.reindex(session=session, matcher=Matcher(resumed))
    assert counts == {"vacancies": 3, "seekers": 5}
    assert resumed.batches == 2  # only the two batches the interrupted run had not stored
    assert session.scalar(select(func.count()).select_from(Embedding)) == 8


def test_hired_and_turned_down_seekers_are_not_candidates(
    matcher: LiveIndex, session: Session
) -> None:
    vacancies = make_market(session)
    open_one = make_seeker(session, desired_position="швея")
    hired = make_seeker(session, desired_position="швея")
    rejected = make_seeker(session, desired_position="швея")
    session.add_all(
        [
            Match(seeker_id=hired.id, vacancy_id=vacancies["cook"].id, status=MatchStatus.HIRED),
            Match(
                seeker_id=rejected.id,
                vacancy_id=vacancies["seamstress"].id,
                status=MatchStatus.REJECTED,
            ),
        ]
    )
    session.commit()
    result = recommend_candidates(
        session=session,
        matcher=matcher,
        vacancy=vacancies["seamstress"],
        limit=10,
        lang="ru",
    )
    assert ids(result) == [open_one.id]


def test_a_change_that_commits_late_with_a_lower_id_is_still_applied(
    matcher: LiveIndex, session: Session
) -> None:
    from sqlalchemy import update

    from models import Change, Seeker
    from service.usecases.indexing import vacancy_doc

    vacancies = make_market(session)
    seeker = make_seeker(session, desired_position="швея")
    session.commit()
    live = matcher
    live.sync(session)
    top = session.scalar(select(func.max(Change.id))) or 0
    # PostgreSQL shows rows at COMMIT: id top+2 can be visible before id top+1.
    session.add(Change(id=top + 2, kind=EntityKind.VACANCY, entity_id=vacancies["cook"].id))
    session.commit()
    live.sync(session)
    session.execute(update(Seeker).where(Seeker.id == seeker.id).values(visible_to_employers=False))
    session.add(Change(id=top + 1, kind=EntityKind.SEEKER, entity_id=seeker.id))
    session.commit()
    live.sync(session)
    ranking = live.matcher.rank_seekers(vacancy_doc(vacancies["seamstress"]), 10)
    assert str(seeker.id) not in [item.id for item in ranking.items]


def test_the_database_has_the_last_word_over_a_stale_index(
    matcher: LiveIndex, session: Session
) -> None:
    from sqlalchemy import update

    from models import Seeker, Vacancy

    vacancies = make_market(session)
    seeker = make_seeker(session, desired_position="швея")
    session.commit()
    live = matcher
    live.sync(session)
    # Bulk updates that no change row announces (a bug elsewhere, or a commit in flight).
    session.execute(update(Seeker).where(Seeker.id == seeker.id).values(withdrawn_at=models_now()))
    session.execute(
        update(Vacancy).where(Vacancy.id == vacancies["seamstress"].id).values(status="closed")
    )
    session.commit()
    candidates = recommend_candidates(
        session=session, matcher=live, vacancy=vacancies["driver"], limit=10, lang="ru"
    )
    other = make_seeker(session, desired_position="швея")
    session.commit()
    offers = recommend_vacancies(session=session, matcher=live, seeker=other, limit=10)
    assert seeker.id not in ids(candidates)
    assert vacancies["seamstress"].id not in ids(offers)


def test_a_suspended_employers_vacancies_leave_recommendations(
    matcher: LiveIndex, session: Session
) -> None:
    from models.enums import EmployerStatus
    from service.usecases.employers import set_employer_status

    vacancies = make_market(session)
    seeker = make_seeker(session, desired_position="швея")
    session.commit()
    live = matcher
    assert vacancies["seamstress"].id in ids(
        recommend_vacancies(session=session, matcher=live, seeker=seeker, limit=5)
    )
    set_employer_status(
        session=session,
        employer_id=vacancies["seamstress"].employer_id,
        status=EmployerStatus.SUSPENDED,
        actor_id=1,
    )
    assert recommend_vacancies(session=session, matcher=live, seeker=seeker, limit=5).items == []
    assert live.matcher.rank_vacancies(seeker_profile_of(seeker), 5).items == ()


def models_now() -> Any:
    from models import utcnow

    return utcnow()


def seeker_profile_of(seeker: Any) -> Any:
    from service.usecases.indexing import seeker_profile

    return seeker_profile(seeker)
