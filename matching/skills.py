"""Skill concepts in Kyrgyz, Russian and English, and which of them a free text names.

``SkillVocabulary.scan`` reads a skill ("тигүү машинасы", "швейная машина", "sewing
machine", "tiguu mashinasy") with the matcher's own text pipeline (``matching.text.terms``:
normalised, Latin-script Kyrgyz and Russian transliterated, stemmed) and ``fold`` (ң/ө/ү
typed as н/о/у, Latin c in "1C" as Cyrillic с), forgives one typo in longer Cyrillic words
as the occupation vocabulary does, and returns the concepts of ``data/skills.tsv`` it
names. Driving-licence categories are read by code, because the letter that matters is one
character that the term pipeline drops and that people type in either script:
"категория C", "C категориясы", "права кат. В, С", "CE driving licence".
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matching.occupations import _deletions, _within_one_edit
from matching.text import fold, normalize, terms

__all__ = [
    "TRAIT",
    "SkillScan",
    "SkillVocabulary",
    "affirmed",
    "language_concept",
    "similar_word",
]

DATA_FILE = Path(__file__).with_name("data") / "skills.tsv"
BROADER_FILE = Path(__file__).with_name("data") / "skill_broader.tsv"
# Concepts that are personal qualities ("аккуратность", "чыдамкай"): no course teaches
# them and nobody can check them, so they are never a gap.
TRAIT = "trait:"
MAX_PHRASE_LEN = 6
FUZZY_MIN_LEN = 6
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# ---- driving-licence categories ----------------------------------------------------

# Cyrillic letters typed for the Latin category letters (В for B, С for C, Е for E).
_LOOKALIKES = str.maketrans({"а": "a", "в": "b", "с": "c", "д": "d", "е": "e"})
_CATEGORIES = frozenset(
    {"a", "a1", "b", "b1", "be", "c", "c1", "c1e", "ce", "d", "d1", "d1e", "de", "e"}
)
_LETTERS = frozenset("abcde")
# Folded words that say a nearby letter is a licence category: "category" words, and
# weaker ones (licence, права) that only Latin letters may lean on, because в, с and а
# are also Russian prepositions ("права в наличии").
_CATEGORY_CUES = ("категор", "kategor", "categor")
_CATEGORY_WORDS = frozenset({"кат", "kat", "cat"})
_LICENCE_CUES = ("licen", "удостоверен", "кубол", "kubol")
_LICENCE_WORDS = frozenset({"прав", "права", "правами", "driving", "driver"})
# How far from a cue a Latin letter may stand ("CE driving licence"); a Cyrillic one must
# touch a category word or another category.
_LATIN_REACH = 3


def _cue(token: str) -> str:
    """Return "category", "licence" or "" for a token."""
    folded = fold(token)
    if folded in _CATEGORY_WORDS or folded.startswith(_CATEGORY_CUES):
        return "category"
    if folded in _LICENCE_WORDS or folded.startswith(_LICENCE_CUES):
        return "licence"
    return ""


def _categories(token: str) -> list[str]:
    """Return the categories one token names ("bc" is B and C, "ce" is CE)."""
    latin = token.translate(_LOOKALIKES)
    if latin in _CATEGORIES:
        return [latin]
    if 1 < len(latin) <= 5 and set(latin) <= _LETTERS:
        return list(latin)
    return []


def licence_categories(text: str) -> frozenset[str]:
    """Return the licence concepts ("licence_c", "licence_ce") a text names."""
    tokens = normalize(text).split()
    kinds = [_cue(token) for token in tokens]
    cues = [i for i, kind in enumerate(kinds) if kind]
    if not cues:
        return frozenset()
    category_cues = [i for i in cues if kinds[i] == "category"]
    found: dict[int, list[str]] = {}
    changed = True
    while changed:  # a list "В, С, Д" chains from the cue through each accepted letter
        changed = False
        for i, token in enumerate(tokens):
            if i in found or i in cues:
                continue
            names = _categories(token)
            if not names:
                continue
            if token.isascii():
                near_cue = any(abs(i - c) <= _LATIN_REACH for c in cues)
            else:
                near_cue = any(abs(i - c) == 1 for c in category_cues)
            near_letter = any(abs(i - j) == 1 for j in found)
            if near_cue or near_letter:
                found[i] = names
                changed = True
    categories = {name for group in found.values() for name in group}
    # A lone E next to C is the old trailer category: "B, C, E" means CE.
    if "e" in categories:
        categories.discard("e")
        if "c" in categories:
            categories.add("ce")
    return frozenset(f"licence_{name}" for name in categories)


# ---- negation ------------------------------------------------------------------------

# A profile's free text says what someone has not done as often as what they have ("на
# оверлоке не работала", "оверлокто иштеген эмесмин"): a clause that says "not" names no
# skill of theirs. Clauses end at punctuation and at "but".
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n()/]+|\s[-–—]\s|\b(?:но|однако|бирок|but)\b", re.IGNORECASE)
_NEGATIONS = frozenset(
    {"не", "нет", "без", "никогда", "ни", "жок", "эмес", "no", "not", "never", "without"}
    | {"жокмун", "жокпуз", "эмесмин", "эмеспиз", "don't", "didn't", "haven't", "dont", "didnt"}
)
# Kyrgyz verbs say "not" with -ба-/-бе-/-бо-/-бө- (-па- after voiceless) before the tense:
# билбейм, иштебеген, колдонбодум.
_KY_NEGATIVE_VERB = re.compile(
    r"^\w{2,}[бп][аеоө](?:ймын|йсыз|йм|йт|ган|ген|гон|гөн|гам|гем|дым|дим|дум|дүм|ды|ди|ду|дү)$"
)


def _negated(clause: str) -> bool:
    words = normalize(clause).replace("'", "").split()
    return any(w in _NEGATIONS or _KY_NEGATIVE_VERB.match(w) for w in words)


def affirmed(text: str) -> list[str]:
    """Return the clauses of a text that do not say "not" (the whole text when none
    does: "права кат. С" is one skill, not "права кат" and "С")."""
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c.strip()]
    kept = [c for c in clauses if not _negated(c)]
    return [text] if len(kept) == len(clauses) else kept


# ---- the vocabulary ------------------------------------------------------------------


def language_concept(code: str) -> str:
    """Return the concept of speaking a language given by its ISO 639-1 code."""
    return f"lang_{code.strip().casefold()}"


def similar_word(word: str, known: Iterable[str]) -> bool:
    """Return whether a folded word is one of `known` or, if a long Cyrillic word, one
    typo away from one of them."""
    known = known if isinstance(known, (set, frozenset)) else set(known)
    if word in known:
        return True
    if len(word) < FUZZY_MIN_LEN or not _CYRILLIC.search(word):
        return False
    return any(abs(len(word) - len(k)) <= 1 and _within_one_edit(word, k) for k in known)


@dataclass(frozen=True)
class SkillScan:
    """What one text says: the concepts it names and its folded terms.

    `words` are all its folded stems (typos corrected towards vocabulary words);
    `leftover` those that no concept's term took.
    """

    concepts: frozenset[str]
    words: tuple[str, ...]
    leftover: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkillTerm:
    """One row of the vocabulary: a term of one concept in one language."""

    concept: str
    lang: str
    term: str


class SkillVocabulary:
    """Skill concepts with their terms, broader concepts, and lookup in free text."""

    def __init__(
        self, entries: Iterable[SkillTerm], broader: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        self.entries = list(entries)
        self._broader = {k: frozenset(v) for k, v in (broader or {}).items()}
        # Keys are sorted tuples of folded stems: word order inside a term is free
        # ("категория водительская", "C категориясы").
        self._phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._max_len = 1
        for entry in self.entries:
            # Stemmed in each context, as the occupation vocabulary does (an unmarked
            # word stems differently in a Kyrgyz and a Russian text).
            for hint in (None, "ky", "ru"):
                key = tuple(sorted(fold(t) for t in terms(entry.term, hint)))
                if key:
                    self._phrases[key].add(entry.concept)
                    self._max_len = max(self._max_len, min(len(key), MAX_PHRASE_LEN))
        self._words = {w for key in self._phrases for w in key}
        self._deletion_index: dict[str, set[str]] = defaultdict(set)
        for word in self._words:
            if len(word) >= FUZZY_MIN_LEN - 1:
                self._deletion_index[word].add(word)
                for d in _deletions(word):
                    self._deletion_index[d].add(word)
        self._corrections: dict[str, str] = {}
        self._scans: dict[str, SkillScan] = {}

    @classmethod
    def from_tsv(cls, path: Path, broader: Path | None = None) -> SkillVocabulary:
        """Load concepts (concept, lang, term) and, optionally, broader concepts."""
        with path.open(encoding="utf-8", newline="") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            entries = [
                SkillTerm(row["concept"].strip(), row["lang"].strip(), row["term"].strip())
                for row in rows
            ]
        relations: dict[str, list[str]] = {}
        if broader is not None:
            with broader.open(encoding="utf-8", newline="") as fh:
                lines = (line for line in fh if not line.startswith("#"))
                for row in csv.DictReader(lines, delimiter="\t"):
                    relations[row["concept"].strip()] = row["broader"].split()
        return cls(entries, relations)

    @classmethod
    @cache
    def default(cls) -> SkillVocabulary:
        """Return the shipped vocabulary (``data/skills.tsv``, ``data/skill_broader.tsv``)."""
        return cls.from_tsv(DATA_FILE, BROADER_FILE)

    def concepts(self) -> frozenset[str]:
        """Return every concept with terms."""
        return frozenset(entry.concept for entry in self.entries)

    def languages(self, texts: Iterable[str]) -> list[str]:
        """Return the ISO 639-1 codes of the languages texts name ("English", "орус
        тили"), sorted: a language course's skills name the language it teaches."""
        prefix = language_concept("")
        return sorted(
            {
                concept.removeprefix(prefix)
                for text in texts
                for concept in self.scan(text).concepts
                if concept.startswith(prefix)
            }
        )

    def closure(self, concepts: Iterable[str]) -> frozenset[str]:
        """Return the concepts with every broader concept they imply."""
        out: set[str] = set()
        stack = list(concepts)
        while stack:
            concept = stack.pop()
            if concept not in out:
                out.add(concept)
                stack.extend(self._broader.get(concept, ()))
        return frozenset(out)

    @staticmethod
    def is_trait(concept: str) -> bool:
        """Return whether a concept is a personal quality rather than a skill."""
        return concept.startswith(TRAIT)

    def _correct(self, word: str) -> str:
        """Map a folded word onto a vocabulary word one typo away, if exactly one is."""
        if word in self._words or len(word) < FUZZY_MIN_LEN or not _CYRILLIC.search(word):
            return word
        if word not in self._corrections:
            candidates: set[str] = set(self._deletion_index.get(word, ()))
            for d in _deletions(word):
                candidates |= self._deletion_index.get(d, set())
            matches = sorted(c for c in candidates if _within_one_edit(word, c))
            self._corrections[word] = matches[0] if len(matches) == 1 else word
        return self._corrections[word]

    def scan(self, text: str) -> SkillScan:
        """Return the concepts a text names (longest terms first) and its folded words."""
        cached = self._scans.get(text)
        if cached is not None:
            return cached
        words = [self._correct(fold(t)) for t in terms(text)]
        concepts: set[str] = set(licence_categories(text))
        used = [False] * len(words)
        i = 0
        while i < len(words):
            for length in range(min(self._max_len, len(words) - i), 0, -1):
                named = self._phrases.get(tuple(sorted(words[i : i + length])))
                if named:
                    concepts |= named
                    used[i : i + length] = [True] * length
                    i += length
                    break
            else:
                i += 1
        scan = SkillScan(
            concepts=frozenset(concepts),
            words=tuple(words),
            leftover=tuple(w for w, taken in zip(words, used, strict=True) if not taken),
        )
        if len(self._scans) > 100_000:  # texts repeat; an unbounded cache would not
            self._scans.clear()
        self._scans[text] = scan
        return scan
