"""What the ranker knows of each indexed item, and the signals of one seeker-vacancy pair.

Both ranking directions build the same pair signals from the same two records, so a
seeker ranked for a vacancy and the vacancy ranked for the seeker agree on every signal
but the semantic and lexical ones (whose query texts differ by direction).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from matching import text as textlib
from matching.regions import PLACES, Regions
from matching.skills import SkillVocabulary, affirmed
from matching.types import SeekerProfile, VacancyDoc

# Relevance signals say whether the job is the seeker's kind of work; fit signals say
# whether they can take it (where, which type, pay, language). All lie in [0, 1].
RELEVANCE = ("semantic", "lexical", "occupation", "skills")
PLACE_SIGNALS = tuple(place for place in PLACES if place != "far")
FIT = ("remote", *PLACE_SIGNALS, "employment_type", "salary", "languages")
# 1 when both sides name occupations and the vacancy's are unrelated to what the seeker
# wants or did: such a pair is ranked after every other (see matching.scoring).
UNRELATED = "unrelated"
# 1 when both sides name occupations by whole job terms, so that the occupation signal says
# something; 0 when a side names none (a title the vocabulary does not know) or only guesses
# one from a lone head word (right 39 % of the time on English titles): the occupation
# evidence is then missing, not negative, and the pair is scored without it (see
# matching.scoring). On ESCO this took MRR@10 from 0.671 to 0.684; the sets did not move.
OCCUPATION_KNOWN = "occupation_known"
SIGNALS = (*RELEVANCE, OCCUPATION_KNOWN, *FIT, UNRELATED)


class Vocabulary(Protocol):
    """The part of occupations.OccupationVocabulary the ranker uses."""

    def scan(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """Return the ISCO-08 unit-group codes a text names, and those it only guesses."""
        ...

    def related(self, code_a: str, code_b: str) -> bool:
        """Return whether two codes share a minor group or are the same trade."""
        ...

    def __hash__(self) -> int:
        """Vocabularies key the pair caches (by identity)."""
        ...


@dataclass(frozen=True)
class Features:
    """What the ranker keeps per indexed item, computed once at indexing."""

    terms: frozenset[str]
    skill_terms: tuple[frozenset[str], ...]
    codes: frozenset[str]  # ISCO-08 codes named by whole job terms
    guesses: frozenset[str] = frozenset()  # codes of a lone head word under a modifier
    # A seeker's codes from what they want and did (position, experience), not from
    # skills: the occupations a vacancy must be related to to stay in the first tier.
    core_codes: frozenset[str] = frozenset()
    # Regions a seeker's own words name as places they live or want to work.
    regions: frozenset[str] = frozenset()
    # For reasons, computed once at indexing instead of on every ranking:
    ordered_terms: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()  # the skills whose terms are `skill_terms`, same order
    # With a skill vocabulary: the concepts each of a vacancy's skills names (same order
    # as `skill_terms`), and those a seeker has (with every broader one), so that
    # "уборка помещений" has what "cleaning" asks for, in any of the languages.
    skill_concepts: tuple[frozenset[str], ...] = ()
    concepts: frozenset[str] = frozenset()

    @property
    def occupations(self) -> frozenset[str]:
        """Return every code the item names or guesses."""
        return self.codes | self.guesses


def join_fields(parts: Iterable[str]) -> str:
    """Join the non-empty fields of a record with spaces."""
    return " ".join(part for part in parts if part)


def _codes(
    vocabulary: Vocabulary | None, texts: Iterable[str]
) -> tuple[frozenset[str], frozenset[str]]:
    # Each field on its own: a job word must not be read as modified by the last word
    # of the field before it.
    sure: set[str] = set()
    guessed: set[str] = set()
    if vocabulary is None:
        return frozenset(), frozenset()
    for value in texts:
        named, guess = vocabulary.scan(value)
        sure |= named
        guessed |= guess
    return frozenset(sure), frozenset(guessed - sure)


def vacancy_features(
    doc: VacancyDoc,
    vocabulary: Vocabulary | None,
    skill_vocabulary: SkillVocabulary | None = None,
) -> Features:
    """Return what the ranker keeps of a vacancy."""
    with_terms = [(s, frozenset(textlib.terms(s))) for s in doc.skills]
    with_terms = [(s, t) for s, t in with_terms if t]
    vocab = skill_vocabulary
    concepts = tuple(vocab.scan(s).concepts if vocab else frozenset() for s, _ in with_terms)
    ordered = textlib.terms(join_fields([doc.title, doc.description]))
    codes, guesses = _codes(vocabulary, [doc.title])
    return Features(
        terms=frozenset(ordered),
        skill_terms=tuple(t for _, t in with_terms),
        codes=codes,
        guesses=guesses,
        ordered_terms=tuple(dict.fromkeys(ordered)),
        skills=tuple(s for s, _ in with_terms),
        skill_concepts=concepts if any(concepts) else (),
    )


def seeker_features(
    profile: SeekerProfile,
    vocabulary: Vocabulary | None,
    regions: Regions,
    skill_vocabulary: SkillVocabulary | None = None,
) -> Features:
    """Return what the ranker keeps of a seeker."""
    skills = [s for s in profile.skills if textlib.is_meaningful(s)]
    core = [profile.desired_position, profile.experience]
    core_codes, core_guesses = _codes(vocabulary, core)
    skill_codes, skill_guesses = _codes(vocabulary, skills)
    codes = core_codes | skill_codes
    # Field by field, like the vacancy's skills: stemming guesses the language from
    # the text, and a joined text would let a new Kyrgyz skill re-stem the others.
    return Features(
        terms=frozenset().union(*(textlib.terms(field) for field in [*core, *skills])),
        skill_terms=tuple(frozenset(textlib.terms(s)) for s in skills),
        codes=codes,
        guesses=(core_guesses | skill_guesses) - codes,
        core_codes=core_codes | core_guesses,
        regions=regions.named_in(*core),
        concepts=_concepts(skill_vocabulary, [*core, *skills]),
    )


def _concepts(vocabulary: SkillVocabulary | None, texts: Iterable[str]) -> frozenset[str]:
    """Return the skill concepts texts name, with their broader ones; a clause that says
    "not" ("на оверлоке не работала") names none."""
    if vocabulary is None:
        return frozenset()
    named = (vocabulary.scan(c).concepts for text in texts for c in affirmed(text))
    return vocabulary.closure(frozenset().union(*named))


def loosely_shared(
    ours: frozenset[str], theirs: frozenset[str], vocabulary: Vocabulary
) -> list[str]:
    """Return their codes that one of ours equals or shares a minor group with, sorted."""
    return sorted(b for b in theirs if b in ours or any(vocabulary.related(a, b) for a in ours))


# Pairs repeat a few code sets and places over and over: the per-pair signals are cached
# on their (hashable, immutable) inputs, which took a ranking's pair work from ~25 ms to ~2.
PAIR_CACHE = 1 << 16


@lru_cache(maxsize=PAIR_CACHE)
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
    return 0.5 if loosely_shared(ours[0] | ours[1], theirs[0] | theirs[1], vocabulary) else 0.0


def unrelated(seeker: Features, vacancy: Features, vocabulary: Vocabulary | None) -> bool:
    """Return whether both sides name occupations and none of the vacancy's is related to
    what the seeker wants or did (skills aside, so that adding one never demotes)."""
    if vocabulary is None or not seeker.core_codes or not vacancy.occupations:
        return False
    return _unrelated(seeker.core_codes, vacancy.occupations, vocabulary)


@lru_cache(maxsize=PAIR_CACHE)
def _unrelated(ours: frozenset[str], theirs: frozenset[str], vocabulary: Vocabulary) -> bool:
    return not loosely_shared(ours, theirs, vocabulary)


def skill_fit(seeker: Features, vacancy: Features) -> float:
    """Return the mean over a vacancy's skills of how much of each the seeker has: the
    share of the concepts it names that the seeker has, or, for a skill the vocabulary
    does not know, the share of its terms. Concepts decide when there are some: "категория
    C" shares its only word with "категория B", and "1С:Бухгалтерия" its only word with a
    bookkeeper who never used 1C. Adding anything to the seeker can only raise it."""
    requested = vacancy.skill_terms
    if not requested:
        return 0.0
    concepts = vacancy.skill_concepts or (frozenset(),) * len(requested)
    return sum(
        len(named & seeker.concepts) / len(named)
        if named
        else len(terms & seeker.terms) / len(terms)
        for terms, named in zip(requested, concepts, strict=True)
    ) / len(requested)


@lru_cache(maxsize=PAIR_CACHE)
def _folded(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.strip().casefold() for v in values if v and v.strip())


def place(profile: SeekerProfile, seeker: Features, doc: VacancyDoc, regions: Regions) -> str:
    """Return where a vacancy stands to a seeker: "remote" or one of regions.PLACES."""
    if doc.remote:
        return "remote"
    return regions.place(
        home=profile.region,
        named=seeker.regions,
        work_area=profile.work_area,
        seasonal=profile.seasonal,
        region=doc.region,
        employment_type=doc.employment_type,
    )


def fit_signals(profile: SeekerProfile, doc: VacancyDoc, where: str) -> dict[str, float]:
    """Return the fit signals of a pair: where (`place`), which type, pay, language (each
    in [0, 1]). Unknown on either side is neutral (0.5); no stated preference fits all."""
    signals = {name: float(where == name) for name in ("remote", *PLACE_SIGNALS)}
    if not profile.employment_types or (profile.seasonal and doc.employment_type == "seasonal"):
        signals["employment_type"] = 1.0
    elif not doc.employment_type:
        signals["employment_type"] = 0.5
    else:
        signals["employment_type"] = float(doc.employment_type in profile.employment_types)
    salary = doc.salary_max if doc.salary_max is not None else doc.salary_min
    if profile.salary_expectation is None:
        signals["salary"] = 1.0
    elif salary is None:
        signals["salary"] = 0.5
    else:
        signals["salary"] = float(salary >= profile.salary_expectation)
    asked, spoken = _folded(doc.languages), _folded(profile.languages)
    if not asked:
        signals["languages"] = 1.0
    elif not spoken:
        signals["languages"] = 0.5
    else:
        signals["languages"] = float(bool(asked & spoken))
    return signals


def relevance_signals(
    seeker: Features, vacancy: Features, vocabulary: Vocabulary | None
) -> dict[str, float]:
    """Return the occupation and skill signals of a pair (semantic and lexical come from
    the indexes)."""
    occupation = 0.0
    if vocabulary is not None and seeker.occupations:
        occupation = occupation_fit(
            (seeker.codes, seeker.guesses), (vacancy.codes, vacancy.guesses), vocabulary
        )
    known = vocabulary is not None and bool(seeker.codes) and bool(vacancy.codes)
    return {
        "occupation": occupation,
        OCCUPATION_KNOWN: float(known),
        "skills": skill_fit(seeker, vacancy),
    }
