"""Workers that encode the same new records at once store each vector once, and none of
them fails for it (a GET answered 409 under load before: scripts/load.py, 50 clients)."""

from __future__ import annotations

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from models import Embedding
from models.enums import EntityKind
from service.platform.db import database_url, make_engine
from service.platform.matcher import build_matcher
from service.usecases.indexing import save_vectors, stored_vectors, vacancy_doc
from tests.support import TEST_CONFIG, make_employer, make_vacancy


def test_vectors_another_worker_stores_meanwhile_are_taken_however_often_it_happens(
    committed_database_url: str,
) -> None:
    engine = make_engine(database_url({"DATABASE_URL": committed_database_url}, ""))
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as session:
        employer = make_employer(session)
        vacancies = [
            make_vacancy(session, employer, title=title)
            for title in ("Швея", "Повар", "Водитель такси")
        ]
        session.commit()
        docs = {vacancy.id: vacancy_doc(vacancy) for vacancy in vacancies}
    ids = list(docs)
    matcher = build_matcher(TEST_CONFIG).matcher
    attempts = 0

    def other_worker_stores(entity_id: int) -> None:
        with sessions() as theirs:
            stored_vectors(
                session=theirs,
                matcher=matcher,
                kind=EntityKind.VACANCY,
                items={entity_id: docs[entity_id]},
            )
            theirs.commit()

    with sessions() as mine:

        def store() -> dict[int, np.ndarray]:
            nonlocal attempts
            vectors = stored_vectors(
                session=mine, matcher=matcher, kind=EntityKind.VACANCY, items=docs
            )
            # Twice, another worker commits one of the vectors this one is about to insert.
            if attempts < 2:
                other_worker_stores(ids[attempts])
            attempts += 1
            return vectors

        vectors = save_vectors(mine, store)

    assert sorted(vectors) == sorted(ids)
    assert attempts == 3
    with sessions() as session:
        stored = session.scalar(select(func.count()).select_from(Embedding))
    assert stored == 3
    engine.dispose()
