"""Keep each process's in-memory matcher in step with the database.

Vectors are stored in `embeddings` with the model's name and a hash of their text, so a
text is encoded once for all processes and again only when it or the model changes.
Each process remembers the last `changes` row it applied and reads only newer ones.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import Any

import numpy as np
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matching.encoders import Encoder
from matching.ranker import Matcher, missing_fields
from matching.types import Ranking, SeekerProfile, VacancyDoc
from models import Change, Embedding, Employer, Seeker, Vacancy
from models.enums import EmployerStatus, EntityKind, VacancyStatus
from service.usecases import clock

BATCH = 256
# An id missing from the change counter is asked for again for this long (an open
# transaction may still commit it), over at most the last GAP_WINDOW ids at start-up.
GAP_SECONDS = 60.0
GAP_WINDOW = 1000


def vacancy_doc(vacancy: Vacancy) -> VacancyDoc:
    """Return what the matcher may know of a vacancy."""
    return VacancyDoc(
        id=str(vacancy.id),
        title=vacancy.title,
        description=vacancy.description or "",
        skills=tuple(vacancy.skills or ()),
        region=str(vacancy.region),
        remote=vacancy.remote,
        employment_type=str(vacancy.employment_type),
        salary_min=vacancy.salary_min,
        salary_max=vacancy.salary_max,
        languages=tuple(vacancy.languages or ()),
        valid_through=vacancy.valid_through,
    )


def seeker_profile(seeker: Seeker) -> SeekerProfile:
    """Return what the matcher may know of a seeker: never gender, age, disability or COVID."""
    return SeekerProfile(
        id=str(seeker.id),
        desired_position=seeker.desired_position or "",
        skills=tuple(seeker.skills or ()),
        experience=seeker.experience or "",
        region=str(seeker.region),
        work_area="" if seeker.work_area is None else str(seeker.work_area),
        seasonal=bool(seeker.seasonal_work),
        employment_types=tuple(seeker.employment_types or ()),
        salary_expectation=seeker.salary_expectation,
        languages=tuple(seeker.languages or ()),
        preferred_language=str(seeker.preferred_language),
    )


def open_vacancies(today: date, *columns: Any) -> Select[Any]:
    """Select `columns` (default: the id) of the vacancies open today: open status, valid
    today, an active employer. The one definition of "open" for every caller."""
    return (
        select(*(columns or (Vacancy.id,)))
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(
            Vacancy.status == VacancyStatus.OPEN,
            or_(Vacancy.valid_through.is_(None), Vacancy.valid_through >= today),
            Employer.status == EmployerStatus.ACTIVE,
        )
    )


def open_vacancy_ids(
    session: Session, today: date, among: Iterable[int] | None = None
) -> list[int]:
    """Return the ids (of `among`, or all) of vacancies that may be recommended today."""
    query = open_vacancies(today).order_by(Vacancy.id)
    if among is not None:
        query = query.where(Vacancy.id.in_(list(among)))
    return list(session.scalars(query))


def visible_seeker_ids(
    session: Session, among: Iterable[int] | None = None, *, limit: int | None = None
) -> list[int]:
    """Return the ids (of `among`, or all; the first `limit`) of registered seekers shown
    to employers, lowest first."""
    query = (
        select(Seeker.id)
        .where(
            Seeker.consent.is_(True),
            Seeker.withdrawn_at.is_(None),
            Seeker.deleted_at.is_(None),
            Seeker.visible_to_employers.is_(True),
        )
        .order_by(Seeker.id)
    )
    if among is not None:
        query = query.where(Seeker.id.in_(list(among)))
    return list(session.scalars(query.limit(limit)))


def text_hash(text: str) -> str:
    """Hash the text a vector was computed from."""
    return hashlib.sha256(text.encode()).hexdigest()


def stored_vectors(
    *,
    session: Session,
    matcher: Matcher,
    kind: EntityKind,
    items: Mapping[int, VacancyDoc | SeekerProfile],
) -> dict[int, np.ndarray]:
    """Return a vector for every item, encoding and storing only new or changed texts."""
    if not items:
        return {}
    encoder = matcher.encoder
    texts = {i: _text(matcher, item) for i, item in items.items()}
    rows = session.scalars(
        select(Embedding).where(
            Embedding.kind == kind,
            Embedding.model_name == encoder.name,
            Embedding.entity_id.in_(list(items)),
        )
    ).all()
    existing = {row.entity_id: row for row in rows}
    vectors: dict[int, np.ndarray] = {}
    stale: list[int] = []
    for entity_id, text in texts.items():
        row = existing.get(entity_id)
        if row is not None and row.text_hash == text_hash(text) and row.dim == encoder.dim:
            vectors[entity_id] = np.frombuffer(row.vector, dtype="<f4")
        else:
            stale.append(entity_id)
    for start in range(0, len(stale), BATCH):
        batch = stale[start : start + BATCH]
        encoded = _encode(matcher, [items[i] for i in batch])
        for entity_id, vector in zip(batch, encoded, strict=True):
            vectors[entity_id] = vector
            blob = np.asarray(vector, dtype="<f4").tobytes()
            digest = text_hash(texts[entity_id])
            row = existing.get(entity_id)
            if row is None:
                session.add(
                    Embedding(
                        kind=kind,
                        entity_id=entity_id,
                        model_name=encoder.name,
                        text_hash=digest,
                        dim=encoder.dim,
                        vector=blob,
                    )
                )
            else:
                row.text_hash, row.dim, row.vector = digest, encoder.dim, blob
    return vectors


def _text(matcher: Matcher, item: VacancyDoc | SeekerProfile) -> str:
    # The hash covers everything the matcher encodes (title and position included).
    if isinstance(item, VacancyDoc):
        return matcher.vacancy_text(item)
    return matcher.seeker_text(item)


def _encode(matcher: Matcher, items: list[VacancyDoc | SeekerProfile]) -> np.ndarray:
    # The matcher's own encoding (text plus title), never the raw encoder's.
    if isinstance(items[0], VacancyDoc):
        return matcher.encode_vacancies([i for i in items if isinstance(i, VacancyDoc)])
    return matcher.encode_seekers([i for i in items if isinstance(i, SeekerProfile)])


# Attempts at storing one batch of vectors while other processes store some of them.
SAVE_ATTEMPTS = 20


def save_vectors(
    session: Session, store: Callable[[], dict[int, np.ndarray]]
) -> dict[int, np.ndarray]:
    """Run `store` and commit; other processes storing some of the same vectors first is fine.

    Workers that catch up with the same new records encode them at once: a refused insert
    means another process stored that vector (theirs is as good as ours), which the next
    attempt reads instead of inserting. Each refusal leaves one insert fewer, so under
    steady load it ends; the bound only stops a refusal of some other cause from looping.
    """
    for _ in range(SAVE_ATTEMPTS - 1):
        try:
            vectors = store()
            session.commit()
            return vectors
        except IntegrityError:
            session.rollback()
    vectors = store()
    session.commit()
    return vectors


class LiveIndex:
    """A process's matcher plus the change-counter position it has caught up to."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.position: int | None = None  # None: nothing loaded yet
        # Change ids below `position` not seen yet, with when they were first missed.
        self._gaps: dict[int, float] = {}
        self._lock = threading.Lock()

    @property
    def encoder(self) -> Encoder:
        return self.matcher.encoder

    def rank_vacancies(self, profile: SeekerProfile, k: int, **options: Any) -> Ranking:
        """Rank the loaded open vacancies for a seeker (see `Matcher.rank_vacancies`)."""
        return self.matcher.rank_vacancies(profile, k, **options)

    def rank_seekers(self, doc: VacancyDoc, k: int, **options: Any) -> Ranking:
        """Rank the loaded visible seekers for a vacancy (see `Matcher.rank_seekers`)."""
        return self.matcher.rank_seekers(doc, k, **options)

    def sync(self, session: Session, today: date | None = None) -> int:
        """Apply every change made since the last sync (all rows on the first); return count."""
        today = today or clock.today()
        with self._lock:
            latest = session.scalar(select(func.max(Change.id))) or 0
            now = time.monotonic()
            if self.position is None:
                vacancy_ids = open_vacancy_ids(session, today)
                seeker_ids = visible_seeker_ids(session)
                recent = range(max(1, latest - GAP_WINDOW + 1), latest + 1)
                seen = set(session.scalars(select(Change.id).where(Change.id >= recent.start)))
                self._gaps = {i: now for i in recent if i not in seen}
            else:
                # Forget gaps older than any open transaction: those ids were rolled back.
                self._gaps = {i: t for i, t in self._gaps.items() if now - t < GAP_SECONDS}
                if latest <= self.position and not self._gaps:
                    return 0
                window = and_(Change.id > self.position, Change.id <= latest)
                if self._gaps:
                    window = or_(window, Change.id.in_(list(self._gaps)))
                changed = session.execute(
                    select(Change.id, Change.kind, Change.entity_id).where(window)
                ).all()
                seen = {i for i, _, _ in changed}
                # PostgreSQL hands out ids at INSERT but shows rows at COMMIT, in any order:
                # an id skipped now may still appear, so it is asked for again next time.
                for i in range(self.position + 1, latest + 1):
                    if i not in seen:
                        self._gaps.setdefault(i, now)
                for i in seen:
                    self._gaps.pop(i, None)
                vacancy_ids = list({e for _, k, e in changed if k == EntityKind.VACANCY})
                seeker_ids = list({e for _, k, e in changed if k == EntityKind.SEEKER})
            self._apply_vacancies(session, vacancy_ids, today)
            self._apply_seekers(session, seeker_ids)
            self.position = max(latest, self.position or 0)
            return len(vacancy_ids) + len(seeker_ids)

    def _apply_vacancies(self, session: Session, ids: Sequence[int], today: date) -> None:
        for chunk in _chunks(ids):
            # One definition of "open" (SQL, suspended employers included) for every caller.
            open_ids = open_vacancy_ids(session, today, chunk)
            live = list(session.scalars(select(Vacancy).where(Vacancy.id.in_(open_ids))))
            self.matcher.remove_vacancies(str(i) for i in set(chunk) - set(open_ids))
            if not live:
                continue
            docs = {v.id: vacancy_doc(v) for v in live}
            vectors = save_vectors(
                session,
                partial(
                    stored_vectors,
                    session=session,
                    matcher=self.matcher,
                    kind=EntityKind.VACANCY,
                    items=docs,
                ),
            )
            self.matcher.upsert_vacancies(list(docs.values()), np.stack([vectors[i] for i in docs]))

    def _apply_seekers(self, session: Session, ids: Sequence[int]) -> None:
        for chunk in _chunks(ids):
            shown = visible_seeker_ids(session, chunk)
            live = list(session.scalars(select(Seeker).where(Seeker.id.in_(shown))))
            profiles = [seeker_profile(s) for s in live]
            rankable = [
                (s, p) for s, p in zip(live, profiles, strict=True) if not missing_fields(p)
            ]
            keep = {s.id for s, _ in rankable}
            self.matcher.remove_seekers(str(i) for i in chunk if i not in keep)
            if not rankable:
                continue
            profiles_by_id = {s.id: p for s, p in rankable}
            vectors = save_vectors(
                session,
                partial(
                    stored_vectors,
                    session=session,
                    matcher=self.matcher,
                    kind=EntityKind.SEEKER,
                    items=profiles_by_id,
                ),
            )
            self.matcher.upsert_seekers(
                list(profiles_by_id.values()), np.stack([vectors[i] for i in profiles_by_id])
            )


def reindex(
    *,
    session: Session,
    matcher: Matcher,
    today: date | None = None,
    progress: Callable[[int], object] = lambda n: None,
) -> dict[str, int]:
    """Store vectors for every open vacancy and visible seeker; resumable after a stop.

    Each batch is committed, and texts whose stored hash matches are skipped, so running
    it again after an interruption only encodes what is still missing.
    """
    today = today or clock.today()
    plan: tuple[tuple[str, EntityKind, Any, list[int], Callable[[Any], Any]], ...] = (
        ("vacancies", EntityKind.VACANCY, Vacancy, open_vacancy_ids(session, today), vacancy_doc),
        ("seekers", EntityKind.SEEKER, Seeker, visible_seeker_ids(session), seeker_profile),
    )
    counts = {}
    for label, kind, model, ids, convert in plan:
        for chunk in _chunks(ids, BATCH):
            rows = session.scalars(select(model).where(model.id.in_(chunk))).all()
            items = {row.id: convert(row) for row in rows}
            if kind == EntityKind.SEEKER:
                items = {i: p for i, p in items.items() if not missing_fields(p)}
            save_vectors(
                session,
                partial(stored_vectors, session=session, matcher=matcher, kind=kind, items=items),
            )
            progress(len(chunk))
        counts[label] = len(ids)
    return counts


def count_indexable(*, session: Session, today: date | None = None) -> int:
    """Count the open vacancies and visible seekers `reindex` goes through."""
    today = today or clock.today()
    return len(open_vacancy_ids(session, today)) + len(visible_seeker_ids(session))


def _chunks(ids: Iterable[int], size: int = 1000) -> Iterable[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
