"""Hybrid ranking of vacancies for a seeker and of seekers for a vacancy."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

import numpy as np

from matching import text as textlib
from matching.encoders import Encoder, encode_views
from matching.index import VectorIndex
from matching.lexical import LexicalIndex
from matching.types import RankedItem, Ranking, Reason, SeekerProfile, VacancyDoc

# Seeker views are the core text alone and the core text with one skill each; more skills
# than this still count in the skill signal but get no view of their own (latency).
MAX_SKILL_VIEWS = 8
# Long descriptions add little beyond their opening and cost memory in the lexical store.
LEXICAL_CHARS = 600
TITLE_BOOST = 1.0
SIGNALS = (
    "semantic",
    "lexical",
    "occupation",
    "skills",
    "region",
    "employment_type",
    "salary",
    "languages",
)
NEVER = date.max.toordinal()


def _utc_today() -> date:
    """Today in UTC, when a caller gives no date (the service always gives its clock's)."""
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class Weights:
    """Weights of the hybrid score, chosen on the benchmarks (see benchmarks/RESULTS.md).

    ESCO (English titles) wants almost pure semantics; the Kyrgyz/Russian set needs the
    occupation vocabulary and region. These values pass the multilingual bars with margin
    and cost ESCO 0.004 MRR@10 against the best semantic-only mix.
    """

    semantic: float = 0.6
    lexical: float = 0.1
    occupation: float = 0.05
    skills: float = 0.05
    region: float = 0.2
    employment_type: float = 0.05
    salary: float = 0.0
    languages: float = 0.0
    # Candidates taken from the semantic search that get every signal computed.
    pool: int = 300


class Vocabulary(Protocol):
    """The part of occupations.OccupationVocabulary the ranker uses."""

    def scan(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """Return the ISCO-08 unit-group codes a text names, and those it only guesses."""
        ...

    def related(self, code_a: str, code_b: str) -> bool:
        """Return whether two codes share a minor group."""
        ...


@dataclass(frozen=True)
class _Features:
    """What the ranker keeps per indexed item for the signals it computes on candidates."""

    terms: frozenset[str]
    skill_terms: tuple[frozenset[str], ...]
    codes: frozenset[str]  # ISCO-08 codes named by whole job terms
    guesses: frozenset[str] = frozenset()  # codes of a lone head word under a modifier
    # For reasons, computed once at indexing instead of on every ranking:
    ordered_terms: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()  # the skills whose terms are `skill_terms`, same order


class _Codebook:
    """Small integer codes for strings (0 = unknown), so metadata lives in numpy arrays."""

    def __init__(self) -> None:
        self._codes: dict[str, int] = {}

    def code(self, value: str | None) -> int:
        if not value:
            return 0
        key = value.strip().casefold()
        return self._codes.setdefault(key, len(self._codes) + 1)

    def mask(self, values: Iterable[str]) -> int:
        mask = 0
        for value in values:
            code = self.code(value)
            if code:
                mask |= 1 << min(code - 1, 62)
        return mask


def prepare(value: str) -> str:
    """Normalise text for the encoder so case, spacing and punctuation never change a score."""
    return textlib.normalize(value)


def lexical_form(prepared: str) -> str:
    """Transliterate normalised text so Latin-script Kyrgyz/Russian shares n-grams with Cyrillic."""
    # Only the lexical channel is transliterated: measured on ESCO, the encoders lose more
    # on English words wrongly taken for transliteration than they gain.
    return textlib.to_cyrillic(prepared)[:LEXICAL_CHARS]


def _join(parts: Iterable[str]) -> str:
    return " ".join(part for part in parts if part)


def missing_fields(profile: SeekerProfile) -> tuple[str, ...]:
    """Return what a profile must add before it can be ranked (empty when it is enough)."""
    texts = [profile.desired_position, profile.experience, *profile.skills]
    if any(textlib.is_meaningful(t) for t in texts):
        return ()
    return ("desired_position", "skills")


def _skills(values: Sequence[str]) -> list[str]:
    return [prepare(s) for s in values if textlib.is_meaningful(s)]


class Matcher:
    """Ranks vacancies for seekers and seekers for vacancies with a hybrid score."""

    def __init__(
        self, encoder: Encoder, weights: Weights | None = None, vocabulary: Vocabulary | None = None
    ):
        self.encoder = encoder
        self.weights = weights or Weights()
        self.vocabulary = vocabulary
        self._lock = threading.RLock()
        self._codebooks = {name: _Codebook() for name in ("region", "type", "language")}
        self._vacancies: VectorIndex | None = None
        self._seekers: VectorIndex | None = None
        self._vacancy_lex = LexicalIndex()
        self._seeker_lex = LexicalIndex()
        self._vacancy_docs: dict[str, VacancyDoc] = {}
        self._vacancy_features: dict[str, _Features] = {}
        self._seeker_profiles: dict[str, SeekerProfile] = {}
        self._seeker_features: dict[str, _Features] = {}

    # ---- texts and vectors the service computes and stores ----

    @staticmethod
    def vacancy_text(doc: VacancyDoc) -> str:
        """Return the prepared text a vacancy's embedding is computed from."""
        return prepare(_join([doc.title, ", ".join(doc.skills), doc.description]))

    @staticmethod
    def vacancy_lexical_text(doc: VacancyDoc) -> str:
        """Return the text a vacancy's character n-grams are counted on."""
        # The title twice: it says what the job is, the description mostly how.
        return lexical_form(_join([prepare(doc.title), Matcher.vacancy_text(doc)]))

    @staticmethod
    def seeker_text(profile: SeekerProfile) -> str:
        """Return the prepared text a seeker's stored embedding is computed from."""
        return prepare(
            _join([profile.desired_position, ", ".join(profile.skills), profile.experience])
        )

    @staticmethod
    def seeker_views(profile: SeekerProfile) -> list[str]:
        """Return the texts whose best match is the seeker's semantic and lexical signal."""
        # The maximum over {core} and {core + one skill} can only grow when a skill is
        # added, which keeps the score monotone in the skill set.
        core = prepare(_join([profile.desired_position, profile.experience]))
        skills = _skills(profile.skills)[:MAX_SKILL_VIEWS]
        views = [_join([core, skill]) for skill in skills]
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

    def _codes(self, texts: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
        # Each field on its own: a job word must not be read as modified by the last word
        # of the field before it.
        sure: set[str] = set()
        guessed: set[str] = set()
        if self.vocabulary is None:
            return frozenset(), frozenset()
        for value in texts:
            named, guess = self.vocabulary.scan(value)
            sure |= named
            guessed |= guess
        return frozenset(sure), frozenset(guessed - sure)

    def _vacancy_index(self) -> VectorIndex:
        if self._vacancies is None:
            self._vacancies = VectorIndex(
                self.encoder.dim,
                {
                    "region": np.int32,
                    "remote": np.bool_,
                    "type": np.int32,
                    "salary_max": np.float64,
                    "languages": np.int64,
                    "valid": np.int32,
                },
            )
        return self._vacancies

    def _seeker_index(self) -> VectorIndex:
        if self._seekers is None:
            self._seekers = VectorIndex(
                self.encoder.dim,
                {
                    "region": np.int32,
                    "types": np.int64,
                    "salary": np.float64,
                    "languages": np.int64,
                },
            )
        return self._seekers

    def upsert_vacancies(
        self, docs: Sequence[VacancyDoc], vectors: np.ndarray | None = None
    ) -> None:
        """Index open vacancies (replacing same ids); pass stored vectors to skip encoding."""
        if not docs:
            return
        if vectors is None:
            vectors = self.encode_vacancies(docs)
        region, types, languages = (self._codebooks[n] for n in ("region", "type", "language"))
        salary = [d.salary_max if d.salary_max is not None else d.salary_min for d in docs]
        metas: dict[str, list[Any]] = {
            "region": [region.code(d.region) for d in docs],
            "remote": [d.remote for d in docs],
            "type": [types.code(d.employment_type) for d in docs],
            "salary_max": [np.nan if s is None else float(s) for s in salary],
            "languages": [languages.mask(d.languages) for d in docs],
            "valid": [d.valid_through.toordinal() if d.valid_through else NEVER for d in docs],
        }
        ids = [d.id for d in docs]
        features = [self._vacancy_features_of(d) for d in docs]
        lexical = [self.vacancy_lexical_text(d) for d in docs]
        with self._lock:
            self._vacancy_index().upsert(ids, vectors, metas)
            self._vacancy_lex.upsert(ids, lexical)
            for doc, feature in zip(docs, features, strict=True):
                self._vacancy_docs[doc.id] = doc
                self._vacancy_features[doc.id] = feature

    def _vacancy_features_of(self, doc: VacancyDoc) -> _Features:
        with_terms = [(s, frozenset(textlib.terms(s))) for s in doc.skills]
        with_terms = [(s, t) for s, t in with_terms if t]
        ordered = textlib.terms(_join([doc.title, doc.description]))
        codes, guesses = self._codes([doc.title])
        return _Features(
            terms=frozenset(ordered),
            skill_terms=tuple(t for _, t in with_terms),
            codes=codes,
            guesses=guesses,
            ordered_terms=tuple(dict.fromkeys(ordered)),
            skills=tuple(s for s, _ in with_terms),
        )

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
        region, types, languages = (self._codebooks[n] for n in ("region", "type", "language"))
        metas: dict[str, list[Any]] = {
            "region": [region.code(p.region) for p in profiles],
            "types": [types.mask(p.employment_types) for p in profiles],
            "salary": [
                np.nan if p.salary_expectation is None else float(p.salary_expectation)
                for p in profiles
            ],
            "languages": [languages.mask(p.languages) for p in profiles],
        }
        ids = [p.id for p in profiles]
        features = [self._seeker_features_of(p) for p in profiles]
        lexical = [lexical_form(self.seeker_text(p)) for p in profiles]
        with self._lock:
            self._seeker_index().upsert(ids, vectors, metas)
            self._seeker_lex.upsert(ids, lexical)
            for profile, feature in zip(profiles, features, strict=True):
                self._seeker_profiles[profile.id] = profile
                self._seeker_features[profile.id] = feature

    def _seeker_features_of(self, profile: SeekerProfile) -> _Features:
        skills = [s for s in profile.skills if textlib.is_meaningful(s)]
        core = [profile.desired_position, profile.experience]
        codes, guesses = self._codes([*core, *skills])
        # Field by field, like the vacancy's skills: stemming guesses the language from
        # the text, and a joined text would let a new Kyrgyz skill re-stem the others.
        return _Features(
            terms=frozenset().union(*(textlib.terms(field) for field in [*core, *skills])),
            skill_terms=tuple(frozenset(textlib.terms(s)) for s in skills),
            codes=codes,
            guesses=guesses,
        )

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

    # ---- signals ----

    def _occupation(self, seeker: _Features, others: Sequence[_Features]) -> np.ndarray:
        out = np.zeros(len(others), dtype=np.float32)
        if self.vocabulary is None or not (seeker.codes or seeker.guesses):
            return out
        ours = (seeker.codes, seeker.guesses)
        for n, other in enumerate(others):
            out[n] = occupation_fit(ours, (other.codes, other.guesses), self.vocabulary)
        return out

    @staticmethod
    def _skill_fit(seeker_terms: frozenset[str], requested: tuple[frozenset[str], ...]) -> float:
        # Mean over requested skills of the share of their terms the seeker has: adding
        # anything to the seeker can only raise it.
        if not requested:
            return 0.0
        return sum(len(t & seeker_terms) / len(t) for t in requested) / len(requested)

    @staticmethod
    def _structure(
        n: int,
        *,
        seeker_region: int | np.ndarray,
        seeker_types: int | np.ndarray,
        seeker_salary: float | np.ndarray,
        seeker_languages: int | np.ndarray,
        region: int | np.ndarray,
        remote: bool | np.ndarray,
        vtype: int | np.ndarray,
        salary_max: float | np.ndarray,
        languages: int | np.ndarray,
    ) -> dict[str, np.ndarray]:
        # Unknown on either side is neutral (0.5); no stated preference fits everything.
        region_fit = np.where(
            remote,
            1.0,
            np.where((seeker_region == 0) | (region == 0), 0.5, seeker_region == region),
        )
        type_bit = np.left_shift(np.int64(1), np.maximum(np.asarray(vtype, np.int64) - 1, 0))
        type_fit = np.where(
            seeker_types == 0,
            1.0,
            np.where(vtype == 0, 0.5, (np.bitwise_and(seeker_types, type_bit) != 0)),
        )
        salary_fit = np.where(
            np.isnan(seeker_salary),
            1.0,
            np.where(np.isnan(salary_max), 0.5, salary_max >= seeker_salary),
        )
        language_fit = np.where(
            languages == 0,
            1.0,
            np.where(seeker_languages == 0, 0.5, np.bitwise_and(seeker_languages, languages) != 0),
        )
        fits = {
            "region": region_fit,
            "employment_type": type_fit,
            "salary": salary_fit,
            "languages": language_fit,
        }
        return {
            name: np.broadcast_to(np.asarray(fit, dtype=np.float32), (n,))
            for name, fit in fits.items()
        }

    def _combine(self, signals: dict[str, np.ndarray]) -> np.ndarray:
        total = np.zeros(len(signals["semantic"]), dtype=np.float32)
        for name in SIGNALS:
            total += np.float32(getattr(self.weights, name)) * signals[name]
        return total

    # ---- ranking ----

    def rank_vacancies(
        self,
        profile: SeekerProfile,
        k: int = 20,
        *,
        exclude_ids: Iterable[str] = (),
        today: date | None = None,
    ) -> Ranking:
        """Rank open vacancies for a seeker, best first, with reasons."""
        missing = missing_fields(profile)
        if missing:
            return Ranking(missing=missing)
        views = self.seeker_views(profile)
        full = self.seeker_text(profile)
        texts = list(dict.fromkeys([full, *views]))
        # Slow encoder parts see only the skill-free core; see encoders.encode_views.
        anchor = prepare(_join([profile.desired_position, profile.experience]))
        encoded = encode_views(self.encoder, texts, anchor)
        query, view_vectors = encoded[0], encoded[[texts.index(v) for v in views]]
        seeker = self._seeker_features_of(profile)
        today_ordinal = (today or _utc_today()).toordinal()
        region, types, languages = (self._codebooks[n] for n in ("region", "type", "language"))
        with self._lock:
            index = self._vacancy_index()
            if not len(index):
                return Ranking()
            mask = index.meta("valid") >= today_ordinal
            mask[index.rows(exclude_ids)] = False
            rows, _ = index.search(query, max(k, self.weights.pool), mask)
            ids = index.ids(rows)
            signals = {
                "semantic": np.maximum((view_vectors @ index.matrix[rows].T).max(axis=0), 0.0),
                "lexical": self._vacancy_lex.similarity([lexical_form(v) for v in views], ids).max(
                    axis=0
                ),
                "occupation": self._occupation(seeker, [self._vacancy_features[i] for i in ids]),
                "skills": np.array(
                    [
                        self._skill_fit(seeker.terms, self._vacancy_features[i].skill_terms)
                        for i in ids
                    ],
                    dtype=np.float32,
                ),
                **self._structure(
                    len(ids),
                    seeker_region=region.code(profile.region),
                    seeker_types=types.mask(profile.employment_types),
                    seeker_salary=np.nan
                    if profile.salary_expectation is None
                    else float(profile.salary_expectation),
                    seeker_languages=languages.mask(profile.languages),
                    region=index.meta("region")[rows],
                    remote=index.meta("remote")[rows],
                    vtype=index.meta("type")[rows],
                    salary_max=index.meta("salary_max")[rows],
                    languages=index.meta("languages")[rows],
                ),
            }
            docs = [self._vacancy_docs[i] for i in ids]
            features = [self._vacancy_features[i] for i in ids]
        scores = self._combine(signals)
        order = np.argsort(-scores, kind="stable")[:k]
        items = tuple(
            RankedItem(
                id=ids[n],
                score=float(scores[n]),
                signals={name: float(values[n]) for name, values in signals.items()},
                reasons=_reasons(profile, seeker, docs[n], features[n], self.vocabulary),
            )
            for n in order
        )
        return Ranking(items=items)

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
        vfeatures = self._vacancy_features_of(vacancy)
        region, types, languages = (self._codebooks[n] for n in ("region", "type", "language"))
        salary = vacancy.salary_max if vacancy.salary_max is not None else vacancy.salary_min
        with self._lock:
            index = self._seeker_index()
            if not len(index):
                return Ranking()
            excluded = index.rows(exclude_ids)
            mask = None
            if len(excluded):
                mask = np.ones(len(index), dtype=bool)
                mask[excluded] = False
            rows, semantic = index.search(query, max(k, self.weights.pool), mask)
            ids = index.ids(rows)
            features = [self._seeker_features[i] for i in ids]
            profiles = [self._seeker_profiles[i] for i in ids]
            signals = {
                "semantic": np.maximum(semantic, 0.0),
                "lexical": self._seeker_lex.similarity([lexical_form(vtext)], ids)[0],
                "occupation": np.array(
                    [self._occupation(f, [vfeatures])[0] for f in features], dtype=np.float32
                ),
                "skills": np.array(
                    [self._skill_fit(f.terms, vfeatures.skill_terms) for f in features],
                    dtype=np.float32,
                ),
                **self._structure(
                    len(ids),
                    seeker_region=index.meta("region")[rows],
                    seeker_types=index.meta("types")[rows],
                    seeker_salary=index.meta("salary")[rows],
                    seeker_languages=index.meta("languages")[rows],
                    region=region.code(vacancy.region),
                    remote=vacancy.remote,
                    vtype=types.code(vacancy.employment_type),
                    salary_max=np.nan if salary is None else float(salary),
                    languages=languages.mask(vacancy.languages),
                ),
            }
        scores = self._combine(signals)
        order = np.argsort(-scores, kind="stable")[:k]
        items = tuple(
            RankedItem(
                id=ids[n],
                score=float(scores[n]),
                signals={name: float(values[n]) for name, values in signals.items()},
                reasons=_reasons(profiles[n], features[n], vacancy, vfeatures, self.vocabulary),
            )
            for n in order
        )
        return Ranking(items=items)


def _structure_reasons(profile: SeekerProfile, doc: VacancyDoc) -> list[Reason]:
    reasons: list[Reason] = []
    if doc.remote:
        reasons.append(Reason("remote"))
    elif doc.region and profile.region and doc.region.casefold() == profile.region.casefold():
        reasons.append(Reason("region", value=doc.region))
    salary = doc.salary_max if doc.salary_max is not None else doc.salary_min
    if salary is not None and (
        profile.salary_expectation is None or salary >= profile.salary_expectation
    ):
        reasons.append(Reason("salary", value=salary))
    if doc.employment_type and doc.employment_type in profile.employment_types:
        reasons.append(Reason("employment_type", value=doc.employment_type))
    shared = sorted(
        {lang.casefold() for lang in profile.languages}
        & {lang.casefold() for lang in doc.languages}
    )
    if shared:
        reasons.append(Reason("languages", terms=tuple(shared)))
    return reasons


def occupation_fit(
    ours: tuple[frozenset[str], frozenset[str]],
    theirs: tuple[frozenset[str], frozenset[str]],
    vocabulary: Vocabulary,
) -> float:
    """Return 1 for a code both sides name, 0.5 for a related code or one that a side only
    guesses, else 0; each side is (named codes, guessed codes). Adding codes to either
    side can only raise it."""
    if ours[0] & theirs[0]:
        return 1.0
    return 0.5 if _loosely_shared(ours[0] | ours[1], theirs[0] | theirs[1], vocabulary) else 0.0


def _loosely_shared(
    ours: frozenset[str], theirs: frozenset[str], vocabulary: Vocabulary
) -> list[str]:
    """Return their codes that one of ours equals or shares a minor group with, sorted."""
    return sorted(b for b in theirs if b in ours or any(vocabulary.related(a, b) for a in ours))


def _reasons(
    profile: SeekerProfile,
    seeker: _Features,
    doc: VacancyDoc,
    vacancy: _Features,
    vocabulary: Vocabulary | None,
) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    shared_codes = sorted(seeker.codes & vacancy.codes)
    if shared_codes:
        reasons.append(Reason("occupation", value=shared_codes[0]))
    elif vocabulary is not None:
        # The same group through a guess is shown as what it is worth: a related job.
        related = _loosely_shared(
            seeker.codes | seeker.guesses, vacancy.codes | vacancy.guesses, vocabulary
        )
        if related:
            reasons.append(Reason("occupation", terms=("related",), value=related[0]))
    skills = tuple(
        skill
        for skill, terms in zip(vacancy.skills, vacancy.skill_terms, strict=True)
        if terms <= seeker.terms
    )
    if skills:
        reasons.append(Reason("shared_skills", terms=skills))
    skill_words = set().union(*vacancy.skill_terms) if vacancy.skill_terms else set()
    shared = [t for t in vacancy.ordered_terms if t in seeker.terms and t not in skill_words]
    if shared:
        reasons.append(Reason("shared_terms", terms=tuple(shared[:5])))
    reasons.extend(_structure_reasons(profile, doc))
    return tuple(reasons)
