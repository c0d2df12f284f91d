"""Hybrid ranking of vacancies for a seeker and of seekers for a vacancy."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

import numpy as np

from matching import text as textlib
from matching.encoders import Encoder, encode_views
from matching.features import (
    SIGNALS,
    UNRELATED,
    Features,
    Vocabulary,
    fit_signals,
    join_fields,
    place,
    relevance_signals,
    seeker_features,
    unrelated,
    vacancy_features,
)
from matching.index import VectorIndex
from matching.lexical import LexicalIndex
from matching.reasons import explain
from matching.regions import Regions
from matching.scoring import ScoreModel
from matching.skills import SkillVocabulary
from matching.types import RankedItem, Ranking, SeekerProfile, VacancyDoc

# Seeker views are the core text alone and the core text with one skill each; more skills
# than this still count in the skill signal but get no view of their own (latency).
MAX_SKILL_VIEWS = 8
# Long descriptions add little beyond their opening and cost memory in the lexical store.
LEXICAL_CHARS = 600
TITLE_BOOST = 1.0
# Candidates taken from the semantic search that get every signal computed.
POOL = 300
NEVER = date.max.toordinal()


def _utc_today() -> date:
    """Today in UTC, when a caller gives no date (the service always gives its clock's)."""
    return datetime.now(UTC).date()


def prepare(value: str) -> str:
    """Normalise text for the encoder so case, spacing and punctuation never change a score."""
    return textlib.normalize(value)


def lexical_form(prepared: str) -> str:
    """Transliterate normalised text so Latin-script Kyrgyz/Russian shares n-grams with Cyrillic."""
    # Only the lexical channel is transliterated: measured on ESCO, the encoders lose more
    # on English words wrongly taken for transliteration than they gain.
    return textlib.to_cyrillic(prepared)[:LEXICAL_CHARS]


def missing_fields(profile: SeekerProfile) -> tuple[str, ...]:
    """Return what a profile must add before it can be ranked (empty when it is enough)."""
    texts = [profile.desired_position, profile.experience, *profile.skills]
    if any(textlib.is_meaningful(t) for t in texts):
        return ()
    return ("desired_position", "skills")


def _skills(values: Sequence[str]) -> list[str]:
    return [prepare(s) for s in values if textlib.is_meaningful(s)]


class Matcher:
    """Ranks vacancies for seekers and seekers for vacancies with the learnt score."""

    def __init__(
        self,
        encoder: Encoder,
        model: ScoreModel | None = None,
        vocabulary: Vocabulary | None = None,
        *,
        skills: SkillVocabulary | None = None,
        regions: Regions | None = None,
        pool: int = POOL,
    ):
        self.encoder = encoder
        self.model = model or ScoreModel.default()
        self.vocabulary = vocabulary
        # Skill concepts, so that a skill in one language has what another asks for.
        self.skills = skills
        self.regions = regions or Regions.default()
        self.pool = pool
        self._lock = threading.RLock()
        self._vacancies: VectorIndex | None = None
        self._seekers: VectorIndex | None = None
        self._vacancy_lex = LexicalIndex()
        self._seeker_lex = LexicalIndex()
        self._vacancy_docs: dict[str, VacancyDoc] = {}
        self._vacancy_features: dict[str, Features] = {}
        self._seeker_profiles: dict[str, SeekerProfile] = {}
        self._seeker_features: dict[str, Features] = {}

    # ---- texts and vectors the service computes and stores ----

    @staticmethod
    def vacancy_text(doc: VacancyDoc) -> str:
        """Return the prepared text a vacancy's embedding is computed from."""
        return prepare(join_fields([doc.title, ", ".join(doc.skills), doc.description]))

    @staticmethod
    def vacancy_lexical_text(doc: VacancyDoc) -> str:
        """Return the text a vacancy's character n-grams are counted on."""
        # The title twice: it says what the job is, the description mostly how.
        return lexical_form(join_fields([prepare(doc.title), Matcher.vacancy_text(doc)]))

    @staticmethod
    def seeker_text(profile: SeekerProfile) -> str:
        """Return the prepared text a seeker's stored embedding is computed from."""
        return prepare(
            join_fields([profile.desired_position, ", ".join(profile.skills), profile.experience])
        )

    @staticmethod
    def seeker_views(profile: SeekerProfile) -> list[str]:
        """Return the texts whose best match is the seeker's semantic and lexical signal."""
        # The maximum over {core} and {core + one skill} can only grow when a skill is
        # added, which keeps the score monotone in the skill set.
        core = prepare(join_fields([profile.desired_position, profile.experience]))
        skills = _skills(profile.skills)[:MAX_SKILL_VIEWS]
        views = [join_fields([core, skill]) for skill in skills]
        if core and textlib.is_meaningful(core):
            views.insert(0, core)
        return list(dict.fromkeys(views)) or [core]

    def _encode_with_title(self, texts: Sequence[str], titles: Sequence[str]) -> np.ndarray:
        # The whole text's vector plus the title's, renormalised: a short query ("wire
        # drawer") is mostly a title, and this lifted ESCO MRR@10 by 0.02-0.15 per encoder
        # without a second vector per row.
        titled = [n for n, title in enumerate(titles) if textlib.is_meaningful(title)]
        encoded = self.encoder.encode([*texts, *(titles[n] for n in titled)])
        vectors = encoded[: len(texts)].copy()
        vectors[titled] += TITLE_BOOST * encoded[len(texts) :]
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def encode_vacancies(self, docs: Sequence[VacancyDoc]) -> np.ndarray:
        """Return one embedding per vacancy."""
        return self._encode_with_title(
            [self.vacancy_text(d) for d in docs], [prepare(d.title) for d in docs]
        )

    def encode_seekers(self, profiles: Sequence[SeekerProfile]) -> np.ndarray:
        """Return one embedding per seeker."""
        return self._encode_with_title(
            [self.seeker_text(p) for p in profiles],
            [prepare(p.desired_position) for p in profiles],
        )

    # ---- index maintenance ----

    def _vacancy_index(self) -> VectorIndex:
        if self._vacancies is None:
            self._vacancies = VectorIndex(self.encoder.dim, {"valid": np.int32})
        return self._vacancies

    def _seeker_index(self) -> VectorIndex:
        if self._seekers is None:
            self._seekers = VectorIndex(self.encoder.dim, {})
        return self._seekers

    def upsert_vacancies(
        self, docs: Sequence[VacancyDoc], vectors: np.ndarray | None = None
    ) -> None:
        """Index open vacancies (replacing same ids); pass stored vectors to skip encoding."""
        if not docs:
            return
        if vectors is None:
            vectors = self.encode_vacancies(docs)
        valid = [d.valid_through.toordinal() if d.valid_through else NEVER for d in docs]
        ids = [d.id for d in docs]
        features = [vacancy_features(d, self.vocabulary, self.skills) for d in docs]
        lexical = [self.vacancy_lexical_text(d) for d in docs]
        with self._lock:
            self._vacancy_index().upsert(ids, vectors, {"valid": valid})
            self._vacancy_lex.upsert(ids, lexical)
            for doc, feature in zip(docs, features, strict=True):
                self._vacancy_docs[doc.id] = doc
                self._vacancy_features[doc.id] = feature

    def remove_vacancies(self, ids: Iterable[str]) -> None:
        """Drop vacancies (closed, expired or deleted) from every index at once."""
        ids = list(ids)
        with self._lock:
            if self._vacancies is not None:
                self._vacancies.remove(ids)
            self._vacancy_lex.remove(ids)
            for item_id in ids:
                self._vacancy_docs.pop(item_id, None)
                self._vacancy_features.pop(item_id, None)

    def upsert_seekers(
        self, profiles: Sequence[SeekerProfile], vectors: np.ndarray | None = None
    ) -> None:
        """Index seekers who agreed to be visible; pass stored vectors to skip encoding."""
        profiles = [p for p in profiles if not missing_fields(p)]
        if not profiles:
            return
        if vectors is None:
            vectors = self.encode_seekers(profiles)
        ids = [p.id for p in profiles]
        features = [self._seeker_features_of(p) for p in profiles]
        lexical = [lexical_form(self.seeker_text(p)) for p in profiles]
        with self._lock:
            self._seeker_index().upsert(ids, vectors)
            self._seeker_lex.upsert(ids, lexical)
            for profile, feature in zip(profiles, features, strict=True):
                self._seeker_profiles[profile.id] = profile
                self._seeker_features[profile.id] = feature

    def _seeker_features_of(self, profile: SeekerProfile) -> Features:
        return seeker_features(profile, self.vocabulary, self.regions, self.skills)

    def remove_seekers(self, ids: Iterable[str]) -> None:
        """Drop seekers (hidden, withdrawn or deleted) from every index at once."""
        ids = list(ids)
        with self._lock:
            if self._seekers is not None:
                self._seekers.remove(ids)
            self._seeker_lex.remove(ids)
            for item_id in ids:
                self._seeker_profiles.pop(item_id, None)
                self._seeker_features.pop(item_id, None)

    def memory(self) -> dict[str, int]:
        """Return bytes held for vacancies: live matrix rows, whole index, lexical store."""
        with self._lock:
            index = self._vacancy_index()
            return {
                "matrix": index.matrix.nbytes,
                "index": index.nbytes(),
                "lexical": self._vacancy_lex.nbytes(),
            }

    # ---- ranking ----

    def _rank(
        self,
        pairs: Sequence[tuple[SeekerProfile, Features, VacancyDoc, Features]],
        ids: Sequence[str],
        semantic: np.ndarray,
        lexical: np.ndarray,
        k: int,
    ) -> Ranking:
        """Score candidate pairs (one per id) from their signals and keep the k best."""
        places = [place(p, sf, d, self.regions) for p, sf, d, _ in pairs]
        rows = [
            {
                **relevance_signals(sf, vf, self.vocabulary),
                **fit_signals(p, d, where),
                UNRELATED: float(unrelated(sf, vf, self.vocabulary)),
            }
            for (p, sf, d, vf), where in zip(pairs, places, strict=True)
        ]
        signals = {
            "semantic": np.clip(semantic, 0.0, 1.0).astype(np.float32),
            "lexical": np.asarray(lexical, dtype=np.float32),
            **{
                name: np.array([row[name] for row in rows], dtype=np.float32)
                for name in SIGNALS
                if name not in ("semantic", "lexical")
            },
        }
        scores = self.model.score(signals)
        order = np.argsort(-scores, kind="stable")[:k]
        items = tuple(
            RankedItem(
                id=ids[n],
                score=float(scores[n]),
                signals={name: float(values[n]) for name, values in signals.items()},
                reasons=explain(*pairs[n], vocabulary=self.vocabulary, where=places[n]),
            )
            for n in order
        )
        return Ranking(items=items)

    def rank_vacancies(
        self,
        profile: SeekerProfile,
        k: int = 20,
        *,
        exclude_ids: Iterable[str] = (),
        only_ids: Iterable[str] | None = None,
        today: date | None = None,
    ) -> Ranking:
        """Rank open vacancies for a seeker, best first, with reasons; `only_ids` limits
        the candidates to those vacancies (e.g. to read one pair's signals)."""
        missing = missing_fields(profile)
        if missing:
            return Ranking(missing=missing)
        views = self.seeker_views(profile)
        full = self.seeker_text(profile)
        texts = list(dict.fromkeys([full, *views]))
        # Slow encoder parts see only the skill-free core; see encoders.encode_views.
        anchor = prepare(join_fields([profile.desired_position, profile.experience]))
        encoded = encode_views(self.encoder, texts, anchor)
        query, view_vectors = encoded[0], encoded[[texts.index(v) for v in views]]
        seeker = self._seeker_features_of(profile)
        today_ordinal = (today or _utc_today()).toordinal()
        with self._lock:
            index = self._vacancy_index()
            if not len(index):
                return Ranking()
            mask = index.meta("valid") >= today_ordinal
            mask[index.rows(exclude_ids)] = False
            if only_ids is not None:
                mask &= np.isin(np.arange(len(index)), index.rows(only_ids))
            rows, _ = index.search(query, max(k, self.pool), mask)
            ids = index.ids(rows)
            semantic = (view_vectors @ index.matrix[rows].T).max(axis=0)
            lexical = self._vacancy_lex.similarity([lexical_form(v) for v in views], ids)
            pairs = [
                (profile, seeker, self._vacancy_docs[i], self._vacancy_features[i]) for i in ids
            ]
        return self._rank(pairs, ids, semantic, lexical.max(axis=0), k)

    def rank_seekers(
        self,
        vacancy: VacancyDoc,
        k: int = 20,
        *,
        exclude_ids: Iterable[str] = (),
        today: date | None = None,
    ) -> Ranking:
        """Rank visible seekers for an open vacancy, best first, with reasons."""
        if not any(
            textlib.is_meaningful(t) for t in [vacancy.title, *vacancy.skills, vacancy.description]
        ):
            return Ranking(missing=("title", "skills"))
        if vacancy.valid_through and vacancy.valid_through < (today or _utc_today()):
            return Ranking()
        vtext = self.vacancy_text(vacancy)
        with self._lock:
            stored = self._vacancy_docs.get(vacancy.id) == vacancy and self._vacancies
            query = stored.matrix[int(stored.rows([vacancy.id])[0])].copy() if stored else None
        if query is None:
            query = self.encode_vacancies([vacancy])[0]
        features = vacancy_features(vacancy, self.vocabulary, self.skills)
        with self._lock:
            index = self._seeker_index()
            if not len(index):
                return Ranking()
            excluded = index.rows(exclude_ids)
            mask = None
            if len(excluded):
                mask = np.ones(len(index), dtype=bool)
                mask[excluded] = False
            rows, semantic = index.search(query, max(k, self.pool), mask)
            ids = index.ids(rows)
            lexical = self._seeker_lex.similarity([lexical_form(vtext)], ids)[0]
            pairs = [
                (self._seeker_profiles[i], self._seeker_features[i], vacancy, features) for i in ids
            ]
        return self._rank(pairs, ids, semantic, lexical, k)
