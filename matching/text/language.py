"""Language guessing and the term pipeline: terms, is_meaningful, fold, iter_terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from matching.text.chars import (
    _CYRILLIC_RE,
    _KY_SPECIFIC,
    _RU_SPECIFIC,
    _read_word_list,
    normalize,
    tokenize,
)
from matching.text.stemming import stem
from matching.text.transliterate import to_cyrillic


@cache
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for lang in ("ky", "ru", "en"):
        words |= _read_word_list(f"stopwords_{lang}.txt")
    return frozenset(words)


@cache
def _noninformative_stems() -> frozenset[str]:
    stems: set[str] = set()
    for line in _read_word_list("noninformative.txt", phrases=True):
        stems.update(terms(line))
    return frozenset(stems)


@cache
def _marker_words() -> tuple[frozenset[str], frozenset[str]]:
    return _read_word_list("stopwords_ky.txt"), _read_word_list("stopwords_ru.txt")


# Word shapes only Kyrgyz has: long vowels (айдоочу, шаар) and the agentive -чы or a
# longer -чу/-чү word (малчы, койчу, жумушчу; Russian хочу, лечу are short).
_KY_WORD_SHAPE = re.compile(r"(аа|оо|уу|ыы|ээ|өө|үү)|чы$|^\w{4,}ч[уү]$")


def guess_language(tokens: Sequence[str]) -> str | None:
    """Guess "ky", "ru" or None (mixed/unknown) from Cyrillic tokens of one text."""
    ky_words, ru_words = _marker_words()
    ky = ru = 0
    for tok in tokens:
        if len(tok) < 2 or not _CYRILLIC_RE.search(tok):
            continue  # one-letter prepositions (в, к, с) also open Kyrgyz-Russian phrases
        if (
            set(tok) & _KY_SPECIFIC
            or (tok in ky_words and tok not in ru_words)
            or _KY_WORD_SHAPE.search(tok)
        ):
            ky += 1
        elif set(tok) & _RU_SPECIFIC or (tok in ru_words and tok not in ky_words):
            ru += 1
    if ky and not ru:
        return "ky"
    if ru and not ky:
        return "ru"
    return None


def terms(text: str, lang: str | None = None) -> list[str]:
    """Return the stemmed content terms of a text (normalise, transliterate, stem).

    ``lang`` is used when the text itself gives no clue (a one-word term of a known
    language); otherwise the language is guessed from the text.
    """
    tokens = tokenize(to_cyrillic(normalize(text)))
    lang = guess_language(tokens) or lang
    stop = _stopwords()
    return [stem(tok, lang) for tok in tokens if _is_term(tok, stop)]


def _is_term(token: str, stop: frozenset[str]) -> bool:
    """Return whether a token is a content term (no stopword, number or lone letter)."""
    return not (token in stop or token.isdigit() or len(token) < 2)


# English words that join a job to what it is of: "lecturer of physics" is the same kind
# of job as "physics lecturer" (see OccupationVocabulary.scan); an article between them
# ("teacher of a dance school") does not break the link.
ENGLISH_LINKS = frozenset({"of"})
ENGLISH_ARTICLES = frozenset({"a", "an", "the"})


class Term(NamedTuple):
    """One term of a text, with what the text said around it."""

    stem: str
    linked: bool  # the word right before it in the text was an English link word
    latin: bool  # the text wrote it in Latin letters (English, or Latin-script Kyrgyz)


def linked_terms(text: str, lang: str | None = None) -> list[Term]:
    """Return `terms(text, lang)` with, for each, whether an English link word
    (ENGLISH_LINKS) came right before it and whether it was written in Latin letters.
    Only the occupation scan needs these marks, so `terms` does not compute them."""
    normalized = normalize(text)
    tokens = tokenize(to_cyrillic(normalized))
    # Transliteration maps each word to one word, so the written forms line up.
    written = tokenize(normalized)
    if len(written) != len(tokens):
        written = tokens
    lang = guess_language(tokens) or lang
    stop = _stopwords()
    out: list[Term] = []
    before = ""
    for tok, was in zip(tokens, written, strict=True):
        linked = before in ENGLISH_LINKS
        if tok not in ENGLISH_ARTICLES:
            before = tok
        if _is_term(tok, stop):
            out.append(Term(stem(tok, lang), linked, was.isascii()))
    return out


def is_meaningful(text: str) -> bool:
    """Return False for empty, symbol- or digit-only, or purely generic ("any job") text."""
    uninformative = _noninformative_stems()
    return any(t not in uninformative for t in terms(text))


# Letters that people substitute for each other when typing Kyrgyz on a Russian
# keyboard or in a hurry; matching keys fold them together.
# Latin c in "1C" stands for Cyrillic с (the 1С accounting suite).
_FOLD = str.maketrans(
    {"ң": "н", "ө": "о", "ү": "у", "щ": "ш", "э": "е", "й": "и", "ъ": "", "ь": "", "c": "с"}
)


def fold(term: str) -> str:
    """Fold a stemmed term to a lookup key tolerant of missing Kyrgyz letters."""
    return term.translate(_FOLD)


def iter_terms(texts: Iterable[str]) -> list[list[str]]:
    """Return ``terms`` for each text."""
    return [terms(t) for t in texts]
