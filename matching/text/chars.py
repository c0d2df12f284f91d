"""Character tables, normalising and tokenising, and the word lists under matching/data."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).parent.parent / "data"

# --------------------------------------------------------------------------------------
# Character tables
# --------------------------------------------------------------------------------------

# Code points that people (or keyboards and fonts) use in place of the Kyrgyz letters
# ң ө ү, plus ё, which Russian writers use inconsistently. Kazakh/Uzbek/Tajik letters
# come from neighbouring keyboard layouts that many people in Kyrgyzstan have installed.
_CHAR_MAP: dict[str, str] = {
    "ё": "е",
    "ӊ": "ң",  # U+04CA en with tail
    "ӈ": "ң",  # U+04C8 en with hook
    "ҥ": "ң",  # U+04A5 ligature en-ghe (Altai, Mari)
    "ŋ": "ң",  # Latin eng
    "ӧ": "ө",  # U+04E7 o with diaeresis (Altai)
    "ӫ": "ө",  # barred o with diaeresis
    "ѳ": "ө",  # fita
    "ɵ": "ө",  # Latin barred o
    "θ": "ө",  # Greek theta
    "ӱ": "ү",  # U+04F1 u with diaeresis (Altai)
    "ұ": "ү",  # Kazakh straight u with stroke
    "ғ": "г",
    "қ": "к",
    "ҳ": "х",
    "һ": "х",
    "ў": "у",
    "і": "и",  # Ukrainian/Kazakh dotted i
    "ї": "и",
    "є": "е",
    # Apostrophe look-alikes: Latin Kyrgyz writes o' u' for ө ү.
    "’": "'",
    "‘": "'",
    "ʻ": "'",
    "ʼ": "'",
    "`": "'",
    "´": "'",
}

# Latin letters that look like Cyrillic ones; only applied inside tokens that are
# mostly Cyrillic (a typist switched layouts mid-word), never to Latin words.
_HOMOGLYPHS_TO_CYRILLIC: dict[str, str] = {
    "a": "а",
    "b": "в",
    "c": "с",
    "e": "е",
    "h": "н",
    "k": "к",
    "m": "м",
    "o": "о",
    "p": "р",
    "t": "т",
    "x": "х",
    "y": "у",
    "i": "и",
    "ö": "ө",
    "ü": "ү",
    "ñ": "ң",
    "ý": "ү",
    "ÿ": "ү",
    "ŷ": "ү",
    "ỳ": "ү",
}

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[a-z\u00c0-\u024f]")
_APOSTROPHE_AFTER_LATIN = re.compile(r"(?<=[a-z])'")
_KY_SPECIFIC = frozenset("ңөү")
_RU_SPECIFIC = frozenset("щцъьэ")
_VOWELS = frozenset("аеиоуыэюяөү")


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat == "Mn"


def _fix_mixed_script(token: str) -> str:
    """Map Latin look-alikes to Cyrillic in a token that is mostly Cyrillic."""
    cyr = len(_CYRILLIC_RE.findall(token))
    lat = len(_LATIN_RE.findall(token))
    if cyr == 0 or lat == 0 or lat > cyr:
        return token
    return "".join(_HOMOGLYPHS_TO_CYRILLIC.get(ch, ch) for ch in token)


def normalize(text: str) -> str:
    """Return NFC, casefolded text with unified Kyrgyz letters and no punctuation."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = "".join(_CHAR_MAP.get(ch, ch) for ch in text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if _is_word_char(ch):
            out.append(ch)
        elif ch == "'" and i > 0 and "a" <= text[i - 1] <= "z":
            # Kept only after a Latin letter: o' and u' mean ө and ү in Latin Kyrgyz.
            out.append(ch)
        else:
            out.append(" ")
    # Combining marks left after NFC (no precomposed form exists) carry no meaning here.
    cleaned = "".join(ch for ch in "".join(out) if unicodedata.category(ch) != "Mn")
    return " ".join(_fix_mixed_script(tok) for tok in cleaned.split())


def tokenize(text: str) -> list[str]:
    """Split normalised text into word tokens, dropping stray apostrophes."""
    tokens = []
    for raw in text.split():
        tok = raw.replace("'", "")
        if tok:
            tokens.append(tok)
    return tokens


# --------------------------------------------------------------------------------------
# Data files
# --------------------------------------------------------------------------------------


def _read_word_list(name: str, *, phrases: bool = False) -> frozenset[str]:
    """Read a data file of words (many per line) or phrases (one per line); # comments."""
    words: set[str] = set()
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = normalize(line.split("#", 1)[0])
        if not line:
            continue
        if phrases:
            words.add(line)
        else:
            words.update(line.split())
    return frozenset(words)


def read_words(name: str) -> frozenset[str]:
    """Return the normalised words of a word-list file under ``matching/data``."""
    return _read_word_list(name)
