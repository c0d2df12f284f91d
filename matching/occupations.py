"""ISCO-08 occupation vocabulary in Kyrgyz, Russian and English.

``OccupationVocabulary.codes`` finds the job terms in a free text and returns their
ISCO-08 unit-group codes. Terms are compared after ``matching.text.terms`` (normalised,
transliterated, stemmed) and ``fold`` (ң/ө/ү typed as н/о/у), so "тигуучулор",
"tiguuchu" and "тигүүчү" are one term. Multi-word terms win over the single words inside
them ("водитель автобуса" is a bus driver, not any driver), and Cyrillic words of six
letters or more (Latin-script Kyrgyz is transliterated first) also match with one typo.
An English one-word term right after an unknown English word ("python developer")
names a kind of that job the vocabulary does not know: ``scan`` reports its code as a
guess, which the ranker counts like a related occupation, not the same one.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matching.regions import Regions
from matching.text import fold, read_words, stem, terms
from matching.text.language import Term, linked_terms

__all__ = ["LANGS", "OccupationVocabulary", "TermEntry"]

DATA_FILE = Path(__file__).with_name("data") / "occupations.tsv"
RELATED_FILE = Path(__file__).with_name("data") / "related_occupations.tsv"
LANGS: tuple[str, ...] = ("ky", "ru", "en")

# Typos are forgiven only in longer words: short ones differ from other job words by a
# single letter too often (повар/товар, врач/грач).
FUZZY_MIN_LEN = 6
MAX_PHRASE_LEN = 6
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@cache
def _english_qualifiers() -> frozenset[str]:
    """Return the stems of words that leave the occupation as it is (see ``scan``), as
    English and as the text pipeline reads them (it may take "kyrgyz" for Latin-script
    Kyrgyz and write it in Cyrillic)."""
    words = read_words("english_qualifiers.txt")
    return frozenset(stem(word, "en") for word in words) | {
        term for word in words for term in terms(word)
    }


@cache
def _place(word: str) -> bool:
    """Return whether a word names a place of Kyrgyzstan ("Bishkek taxi driver")."""
    return bool(Regions.default().named_in(word))


@cache
def _related_pairs() -> frozenset[frozenset[str]]:
    """Return the pairs of codes that a line of related_occupations.tsv puts together."""
    pairs: set[frozenset[str]] = set()
    for line in RELATED_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        codes = line.split("\t")[0].split()
        pairs.update(frozenset((a, b)) for a in codes for b in codes if a != b)
    return frozenset(pairs)


@dataclass(frozen=True, slots=True)
class TermEntry:
    """One row of the vocabulary: a term of one occupation in one language."""

    isco08: str
    lang: str
    term: str
    preferred: bool


def _within_one_edit(a: str, b: str) -> bool:
    """Return True if a and b differ by at most one insertion, deletion, substitution
    or adjacent transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer: a must be b with one character removed.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class OccupationVocabulary:
    """Job terms of ISCO-08 unit groups and lookup of codes in free text."""

    def __init__(self, entries: Iterable[TermEntry]) -> None:
        self._entries: list[TermEntry] = list(entries)
        self._labels: dict[tuple[str, str], str] = {}
        self._by_code: dict[str, list[TermEntry]] = defaultdict(list)
        # Keys are tuples of folded stems; a one-word term is a 1-tuple.
        self._phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self._max_len = 1
        for entry in self._entries:
            self._by_code[entry.isco08].append(entry)
            if entry.preferred:
                self._labels[(entry.isco08, entry.lang)] = entry.term
            # Unmarked words stem differently in a Kyrgyz and a Russian context (швея
            # stays швея in "швея керек" but loses -я in "требуется швея"), and texts
            # mix both, so a term is indexed as stemmed in each context.
            for hint in (None, "ky", "ru"):
                stems = terms(entry.term, hint)
                key = tuple(fold(t) for t in stems)
                if not key:
                    continue
                self._phrases[key].add(entry.isco08)
                self._max_len = max(self._max_len, min(len(key), MAX_PHRASE_LEN))
        # Vocabulary words (any position of any phrase) and their one-deletion
        # neighbourhoods, to map a typo in the text onto a known word.
        self._words: set[str] = {w for key in self._phrases for w in key}
        self._deletion_index: dict[str, set[str]] = defaultdict(set)
        for word in self._words:
            if len(word) >= FUZZY_MIN_LEN - 1:
                self._deletion_index[word].add(word)
                for d in _deletions(word):
                    self._deletion_index[d].add(word)
        self._corrections: dict[str, str | None] = {}

    # ---------------------------------------------------------------- construction

    @classmethod
    def from_tsv(cls, path: Path) -> OccupationVocabulary:
        """Load a vocabulary from a TSV file with isco08, lang, term, preferred columns."""
        with path.open(encoding="utf-8", newline="") as fh:
            lines = (line for line in fh if not line.startswith("#"))
            reader = csv.DictReader(lines, delimiter="\t")
            entries = [
                TermEntry(
                    isco08=row["isco08"].strip(),
                    lang=row["lang"].strip(),
                    term=row["term"].strip(),
                    preferred=row["preferred"].strip() == "1",
                )
                for row in reader
            ]
        return cls(entries)

    @classmethod
    @cache
    def default(cls) -> OccupationVocabulary:
        """Return the shipped vocabulary (``matching/data/occupations.tsv``), loaded once."""
        return cls.from_tsv(DATA_FILE)

    # ---------------------------------------------------------------- lookups

    @property
    def entries(self) -> list[TermEntry]:
        """Return every vocabulary row."""
        return list(self._entries)

    def all_codes(self) -> list[str]:
        """Return every ISCO-08 code in the vocabulary, sorted."""
        return sorted(self._by_code)

    def label(self, code: str, lang: str) -> str:
        """Return the preferred label of a code in ky, ru or en (English as fallback)."""
        for candidate in (lang, "en", "ru", "ky"):
            found = self._labels.get((code, candidate))
            if found is not None:
                return found
        raise KeyError(code)

    def terms_for(self, code: str, lang: str | None = None) -> list[str]:
        """Return the terms of a code, preferred label first, optionally in one language."""
        rows = [e for e in self._by_code.get(code, []) if lang is None or e.lang == lang]
        rows.sort(key=lambda e: (LANGS.index(e.lang) if e.lang in LANGS else 9, not e.preferred))
        return [e.term for e in rows]

    def related(self, code_a: str, code_b: str) -> bool:
        """Return True if two ISCO-08 codes share a minor group (first three digits) or a
        line of related_occupations.tsv (the same trade in another setting)."""
        if len(code_a) >= 3 and len(code_b) >= 3 and code_a[:3] == code_b[:3]:
            return True
        return frozenset((code_a, code_b)) in _related_pairs()

    def _correct(self, word: str) -> str | None:
        """Map a folded text word onto a vocabulary word, allowing one typo if long."""
        if word in self._words:
            return word
        # Typos are forgiven in Cyrillic (Kyrgyz and Russian typed on a phone, Latin-script
        # Kyrgyz after transliteration). An English word one letter from a job word is
        # usually another real word (writer/waiter): on the ESCO queries 1 in 28 such
        # corrections named the right occupation group.
        if len(word) < FUZZY_MIN_LEN or not _CYRILLIC.search(word):
            return None
        if word in self._corrections:
            return self._corrections[word]
        candidates: set[str] = set(self._deletion_index.get(word, ()))
        for d in _deletions(word):
            candidates |= self._deletion_index.get(d, set())
        matches = sorted(
            c for c in candidates if len(c) >= FUZZY_MIN_LEN - 1 and _within_one_edit(word, c)
        )
        # Two equally close vocabulary words: refuse to guess.
        result = matches[0] if len(matches) == 1 else None
        self._corrections[word] = result
        return result

    def codes(self, text: str) -> frozenset[str]:
        """Return the ISCO-08 codes of the job terms found in a text (guesses included)."""
        sure, guessed = self.scan(text)
        return sure | guessed

    def scan(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        """Return (codes named by whole terms, codes only guessed from a modified term).

        An English term under a modifier names a kind of that job the vocabulary does not
        know, so its code is a guess: a one-word term right after an English word that is
        not part of a term found ("python developer", "tourist receptionist"), a longer
        one after a word the vocabulary does not know at all ("grocery shop manager";
        "school bus driver" stays a bus driver), and any term followed by "of" and an
        unknown word ("lecturer of physics", as "physics lecturer"). On ESCO's English
        titles a lone head under a modifier named the right ISCO group 39 % of the time, a
        whole phrase 74-86 %. Qualifiers that keep the job ("experienced", "part-time",
        "female", "need") and places ("Bishkek driver") are no such modifier. Russian and
        Kyrgyz put the head first and inflect it, so they are not judged so.
        """
        found = linked_terms(text)
        words = [self._correct(fold(term.stem)) for term in found]
        sure: set[str] = set()
        guessed: set[str] = set()
        matched: set[int] = set()
        i = 0
        while i < len(words):
            for length in range(min(self._max_len, len(words) - i), 0, -1):
                window = words[i : i + length]
                if any(w is None for w in window):
                    continue
                codes = self._phrases.get(tuple(w for w in window if w is not None))
                if codes:
                    end = i + length
                    before = i - 1 not in matched and self._modifies(found, i, i - 1, length > 1)
                    after = end < len(found) and found[end].linked and self._modifies(found, i, end)
                    (guessed if before or after else sure).update(codes)
                    matched.update(range(i, end))
                    i = end
                    break
            else:
                i += 1
        return frozenset(sure), frozenset(guessed - sure)

    def _modifies(self, terms: list[Term], head: int, j: int, unknown: bool = True) -> bool:
        """Return whether word j makes the English term at `head` a kind of it: a word
        written in Latin letters (the pipeline may have read an English one as Latin-script
        Kyrgyz and written it in Cyrillic: "psychology"), no qualifier or place, and (if
        `unknown`) no word of any term of the vocabulary."""
        if not 0 <= j < len(terms) or not terms[head].stem.isascii():
            return False
        word = terms[j].stem
        return (
            terms[j].latin
            and word.isalpha()
            and not (unknown and fold(word) in self._words)
            and word not in _english_qualifiers()
            and not _place(word)
        )
