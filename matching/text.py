"""Text normalisation for Kyrgyz, Russian and English job texts.

The pipeline is ``normalize`` → ``to_cyrillic`` → tokenize → drop stopwords → ``stem``
(see ``terms``). Everything language-specific lives in tables (module constants and
files under ``matching/data``) so that the rules can be read and extended without
touching the control flow.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

__all__ = [
    "fold",
    "guess_language",
    "is_latin_english",
    "is_meaningful",
    "normalize",
    "read_words",
    "stem",
    "terms",
    "to_cyrillic",
    "tokenize",
]

DATA_DIR = Path(__file__).with_name("data")

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


@cache
def _english_words() -> frozenset[str]:
    return _read_word_list("english_words.txt")


@cache
def _latin_ambiguous() -> frozenset[str]:
    return _read_word_list("latin_ambiguous.txt")


@cache
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for lang in ("ky", "ru", "en"):
        words |= _read_word_list(f"stopwords_{lang}.txt")
    return frozenset(words)


@cache
def _cyrillic_function_words() -> frozenset[str]:
    return _read_word_list("stopwords_ky.txt") | _read_word_list("stopwords_ru.txt")


@cache
def _noninformative_stems() -> frozenset[str]:
    stems: set[str] = set()
    for line in _read_word_list("noninformative.txt", phrases=True):
        stems.update(terms(line))
    return frozenset(stems)


# --------------------------------------------------------------------------------------
# Latin → Cyrillic
# --------------------------------------------------------------------------------------

_VOWELS_LATIN = frozenset("aeiouyöü")

# Longest-first multi-letter mappings of informal Latin Kyrgyz/Russian.
# Context-dependent letters (y, i, e, ng, ia) are handled in _transliterate_token.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "е"),  # ё is normalised to е everywhere
    ("ye", "е"),
    ("o'", "ө"),
    ("u'", "ү"),
    ("g'", "г"),
    ("oe", "ө"),
    ("ue", "ү"),
)

_SINGLE: dict[str, str] = {
    "a": "а",
    "b": "б",
    "c": "к",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "q": "к",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "в",
    "x": "кс",
    "z": "з",
    "ö": "ө",
    "ü": "ү",
    "ñ": "ң",
    "ç": "ч",
    "ş": "ш",
    "ğ": "г",
    "ı": "ы",
    "'": "",
}

# Russian words whose "oe"/"ue" is two vowels, not ө/ү.
_OE_UE_EXCEPTION_PREFIXES: tuple[str, ...] = ("poe", "aloe", "koe", "due", "sue", "nue")
# Russian stems in which a vowel + "i" + consonant is two syllables (строитель, поиск),
# where the default reading of "ai/oi/ei/ui" before a consonant as ай/ой/ей/уй is wrong.
_VOWEL_I_EXCEPTION_PREFIXES: tuple[str, ...] = (
    "stroi",
    "proi",
    "poi",
    "voi",
    "zai",
    "nai",
    "uvoi",
    "geroi",
    "koi-",
)
# Loanwords ending in -ng keep нг (тренинг, маркетинг); Kyrgyz ң is far rarer word-finally.
_LONG_VOWELS_KY = ("aa", "oo", "uu", "ee", "yy", "öö", "üü")

# Markers that a Latin token is English rather than transliterated Kyrgyz/Russian.
_EN_MARKERS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p), w)
    for p, w in (
        (r"w", 2),
        (r"q", 2),
        (r"th", 2),
        (r"ck", 1),
        (r"ph", 1),
        (r"ght", 2),
        (r"c(?!h)", 1),
        (r"tion$|sion$", 2),
        (r"ment$|ness$|ship$|able$|ible$|ful$|less$|ous$", 1),
        (r"ive$", 1),
        (r"ea", 1),
        (r"ou", 1),
        (r"(?<!e)ed$", 1),
        (r"^[a-z]+ly$", 1),
        (r"[aeiou][bcdfgklmnprstvz]e$", 1),  # silent final e: make, service
    )
)
_TR_MARKERS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p), w)
    for p, w in (
        (r"zh", 2),
        (r"kh", 2),
        (r"shch", 2),
        (r"(?<!s)ch(u|y|i|ü)$", 2),  # Kyrgyz agentive -чу/-чы/-чи/-чү
        (r"uu|yy|üü|öö", 2),
        (r"[öüñ]", 2),
        (r"o'|u'", 2),
        (r"(lar|ler|lor|dar|der|dor|tar|tor)$", 1),
        (r"(dan|den|tan|ten|nyn|nin|dyn|tyn)$", 1),
        (r"(iya|iye|nyy|niy|skiy|skaya|ovka|shik|shchik|chik|tel|ist|ost)$", 1),
        (r"^j[aeiouy]", 1),  # Kyrgyz ж written j: jumush, jardamchy
        (r"y[bcdfghjklmnpqrstvz]", 1),  # y as ы before a consonant: kyzmat, kyrgyz
        (r"ts", 1),
    )
)

_ENGLISH_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("ing", ""),
    ("ers", "er"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("er", ""),
    ("ly", ""),
)


def _in_english_lexicon(token: str) -> bool:
    words = _english_words()
    if token in words:
        return True
    for suffix, repl in _ENGLISH_SUFFIXES:
        if (
            token.endswith(suffix)
            and len(token) - len(suffix) >= 3
            and token[: -len(suffix)] + repl in words
        ):
            return True
    return False


# Per-token verdicts before context is taken into account.
_EN, _TR, _UNSURE_EN, _UNSURE_TR = "en", "tr", "unsure_en", "unsure_tr"


def _classify_latin(token: str) -> str:
    bare = token.replace("'", "")
    if bare in _latin_ambiguous():
        return _UNSURE_EN
    if _in_english_lexicon(bare):
        return _EN
    if _transliterate_token(bare) in _cyrillic_function_words():
        return _TR  # kerek, uchun, ishchu: a Kyrgyz/Russian function word
    en = sum(weight for p, weight in _EN_MARKERS if p.search(token))
    tr = sum(weight for p, weight in _TR_MARKERS if p.search(token))
    if en > tr:
        return _EN
    if tr > en:
        return _TR
    return _UNSURE_TR


def is_latin_english(token: str) -> bool:
    """Return True if a Latin token, seen on its own, would be kept as English."""
    return _classify_latin(normalize(token)) in (_EN, _UNSURE_EN)


def _is_russian_shch(tok: str, i: int) -> bool:
    """Tell Russian щ (ищу, уборщик) from Kyrgyz ш + ч (курулушчу) at position i."""
    return tok.startswith(("ishch", "shch")) or tok[i + 4 : i + 6] in ("ik", "it", "in", "ei")


def _transliterate_token(tok: str) -> str:
    out: list[str] = []
    i = 0
    n = len(tok)
    kyrgyz_like = any(v in tok for v in _LONG_VOWELS_KY)
    while i < n:
        ch = tok[i]
        prev = tok[i - 1] if i > 0 else ""
        nxt = tok[i + 1] if i + 1 < n else ""
        rest = tok[i:]
        # ng → ң before a vowel (жаңы, оңой) or, in Kyrgyz-looking words, before a
        # consonant (оңдоочу); word-final -ng stays нг (тренинг, маркетинг).
        if rest.startswith("ng") and i > 0:
            after = tok[i + 2] if i + 2 < n else ""
            if (after and after in _VOWELS_LATIN) or (after and kyrgyz_like):
                out.append("ң")
                i += 2
                continue
        if rest.startswith(("oe", "ue")) and tok.startswith(_OE_UE_EXCEPTION_PREFIXES):
            out.append(_SINGLE[ch])
            i += 1
            continue
        if rest.startswith("ia"):
            if prev and prev in "aeou":  # krasnaia → красная
                out.append("я")
                i += 2
                continue
            if i + 2 == n:  # word-final -ia: kompania → компания
                out.append("ия")
                i += 2
                continue
        if rest.startswith("shch") and not _is_russian_shch(tok, i):
            out.append("шч")  # Kyrgyz -ш + agentive -чу: курулушчу, жумушчу
            i += 4
            continue
        matched = False
        for latin, cyr in _DIGRAPHS:
            if rest.startswith(latin):
                if latin in ("ya", "yu", "yo", "ye") and prev and prev not in _VOWELS_LATIN:
                    # After a consonant y is ы/soft sign territory: "kyya" is rare, but
                    # Russian "semya" → семья; keep the iotated vowel, add no soft sign.
                    pass
                out.append(cyr)
                i += len(latin)
                matched = True
                break
        if matched:
            continue
        if ch == "y":
            # y after a vowel is й (chay, aylyk, u'y); elsewhere ы (kyrgyz, kyzmat).
            after_vowel = bool(out) and out[-1] != "" and out[-1][-1] in _VOWELS
            out.append("й" if after_vowel else "ы")
        elif ch == "i" and prev in ("a", "e", "o", "u") and (not nxt or nxt not in _VOWELS_LATIN):
            # ai/oi/ei/ui before a consonant or at the end read as a diphthong: aidoochu.
            if tok.startswith(_VOWEL_I_EXCEPTION_PREFIXES) and i < 5:
                out.append("и")
            else:
                out.append("й")
        elif ch == "e" and (i == 0 or (prev == "e" and i == 1)):
            out.append("э")  # word-initial e: эмгек, экономист, электрик
        elif ch == "e" and prev == "e":
            out.append("э")  # Kyrgyz long ээ
        else:
            out.append(_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


_LATIN_TOKEN_RE = re.compile(r"[a-z\u00c0-\u024f']+")


def to_cyrillic(text: str) -> str:
    """Transliterate Latin-script Kyrgyz/Russian tokens to Cyrillic, leaving English alone."""
    tokens = text.split()
    verdicts: list[str | None] = []
    en_votes = 0
    cyr_votes = 0
    for tok in tokens:
        low = tok.casefold()
        if _CYRILLIC_RE.search(low):
            verdicts.append(None)
            cyr_votes += 1
        elif len(low) < 2:
            # Lone letters are licence categories (B, C, D) or initials, not words.
            verdicts.append(None)
        elif _LATIN_TOKEN_RE.fullmatch(low) and any(c.isalpha() for c in low):
            own = _classify_latin(low)
            verdicts.append(own)
            if own == _EN:
                en_votes += 1
            elif own == _TR:
                cyr_votes += 1
        else:
            verdicts.append(None)
    out: list[str] = []
    for tok, verdict in zip(tokens, verdicts, strict=True):
        if verdict is None or verdict == _EN:
            out.append(tok)
            continue
        if verdict in (_UNSURE_EN, _UNSURE_TR) and (
            en_votes > cyr_votes or (en_votes == cyr_votes and verdict == _UNSURE_EN)
        ):
            out.append(tok)
            continue
        out.append(_transliterate_token(tok.casefold()))
    return " ".join(out)


# --------------------------------------------------------------------------------------
# Stemming
# --------------------------------------------------------------------------------------

_KY_SPECIFIC = frozenset("ңөү")
_RU_SPECIFIC = frozenset("щцъьэ")
_VOWELS = frozenset("аеиоуыэюяөү")
_VOICELESS = frozenset("кпстфхцчшщ")
_VOICED = frozenset("бвгджзлмнңрй")

# Kyrgyz vowel harmony: the vowel allowed in a suffix after the previous vowel, for
# four-way "A" (а/е/о/ө) and "I" (ы/и/у/ү) archiphonemes. After у both а and о are
# accepted for A because people without a Kyrgyz keyboard type ү as у (тигуучулор).
_HARMONY_A: dict[str, str] = {
    "а": "а",
    "ы": "а",
    "я": "а",
    "у": "ао",
    "ю": "а",
    "е": "е",
    "и": "е",
    "э": "е",
    "о": "о",
    "ө": "ө",
    "ү": "ө",
}
_HARMONY_I: dict[str, str] = {
    "а": "ы",
    "ы": "ы",
    "я": "ы",
    "е": "и",
    "и": "и",
    "э": "и",
    "о": "у",
    "у": "у",
    "ю": "у",
    "ө": "ү",
    "ү": "ү",
}

# Which sound may precede a suffix's first consonant (Kyrgyz consonant assimilation).
#   V = vowel, VOICED = voiced consonant, VOICELESS = voiceless consonant, RJ = р or й.
_KY_ONSET_CLASSES: dict[str, frozenset[str]] = {
    "V": _VOWELS,
    "RJ": frozenset("рй"),
    "VOICED": _VOICED,
    "VOICED_NOT_RJ": _VOICED - frozenset("рй"),
    "VOICELESS": _VOICELESS,
    "POSS": frozenset("ыиуүсн"),
}

# (slot, template, allowed preceding classes). Slots are stripped from the end of the
# word in order CASE → POSS → PLURAL, at most one suffix per slot. "A" and "I" are
# harmony archiphonemes. The agentive -чы/-чи/-чу/-чү is never listed: it carries the
# occupation (айдоочу "driver", сатуучу "seller").
KY_SUFFIXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # plural
    ("plural", "лAр", ("V", "RJ")),
    ("plural", "дAр", ("VOICED_NOT_RJ",)),
    ("plural", "тAр", ("VOICELESS",)),
    # 3rd person possessive (izafet: автобус айдоочусу, мектеп мугалими)
    ("poss", "сI", ("V",)),
    ("poss", "I", ("VOICED", "VOICELESS")),
    # case after a 3rd person possessive: айдоочусуна, мугалиминде, ишин
    ("case_after_poss", "нA", ("POSS",)),
    ("case_after_poss", "ндA", ("POSS",)),
    ("case_after_poss", "нAн", ("POSS",)),
    ("case_after_poss", "нIн", ("POSS",)),
    ("case_after_poss", "н", ("POSS",)),
    # locative, ablative, attributive locative
    ("case", "дA", ("V", "VOICED")),
    ("case", "тA", ("VOICELESS",)),
    ("case", "дAн", ("V", "VOICED")),
    ("case", "тAн", ("VOICELESS",)),
    ("case", "дAгI", ("V", "VOICED")),
    ("case", "тAгI", ("VOICELESS",)),
    # dative
    ("case", "гA", ("V", "VOICED")),
    ("case", "кA", ("VOICELESS",)),
    # genitive
    ("case", "нIн", ("V",)),
    ("case", "дIн", ("VOICED",)),
    ("case", "тIн", ("VOICELESS",)),
    # accusative
    ("case", "нI", ("V",)),
    ("case", "дI", ("VOICED",)),
    ("case", "тI", ("VOICELESS",)),
)

# Stems that a suffix may not produce: the agentive and long vowels end words that
# only look like they carry a possessive (эсепчи, тигүү, тажрыйбалуу).
_KY_PROTECTED_ENDINGS: tuple[str, ...] = ("чы", "чи", "чу", "чү")
# Shortest stem a Kyrgyz suffix may leave, with the common short roots allowed anyway.
_KY_MIN_STEM = 3
_SHORT_STEMS: frozenset[str] = frozenset({"иш", "ош", "үй", "уй", "ат", "ай", "суу", "жол"})

# Russian inflectional endings, stripped once, longest first. Agentive suffixes
# (-тель, -ник, -щик, -чик, -ист) are never endings here.
RU_ENDINGS: tuple[str, ...] = (
    "иями",
    "ями",
    "ами",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ией",
    "ой",
    "ей",
    "ий",
    "ый",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ых",
    "их",
    "ов",
    "ев",
    "ах",
    "ях",
    "ам",
    "ям",
    "ом",
    "ем",
    "ую",
    "юю",
    "ия",
    "ии",
    "ию",
    "ье",
    "ья",
    "ью",
    "ы",
    "и",
    "а",
    "я",
    "у",
    "ю",
    "е",
    "о",
    "ь",
)
_RU_MIN_STEM = 3
# Endings that no Kyrgyz suffix chain produces; a word ending in them is Russian
# (швейного would otherwise read as Kyrgyz швейно + dative -го).
_RU_LONG_ENDINGS: tuple[str, ...] = ("ого", "его", "ому", "ему", "ыми", "ами", "ями")

# English plural endings for Latin tokens (drivers → driver).
EN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("sses", "ss"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("xes", "x"),
    ("s", ""),
)


def _expand(template: str) -> list[tuple[str, str]]:
    """Return (surface, archiphoneme pattern) pairs for a suffix template."""
    forms = [("", "")]
    for ch in template:
        if ch == "A":
            forms = [(s + v, p + "A") for s, p in forms for v in "аеоө"]
        elif ch == "I":
            forms = [(s + v, p + "I") for s, p in forms for v in "ыиуү"]
        else:
            forms = [(s + ch, p + ch) for s, p in forms]
    return forms


_KY_TABLE: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
for _slot, _template, _classes in KY_SUFFIXES:
    _allowed = frozenset().union(*(_KY_ONSET_CLASSES[c] for c in _classes))
    for _surface, _pattern in _expand(_template):
        _KY_TABLE.setdefault(_slot, []).append((_surface, _pattern, _allowed))
for _forms in _KY_TABLE.values():
    _forms.sort(key=lambda f: -len(f[0]))


def _last_vowel(word: str) -> str:
    for ch in reversed(word):
        if ch in _VOWELS:
            return ch
    return ""


def _harmonic(stem: str, surface: str, pattern: str) -> bool:
    prev = _last_vowel(stem)
    if not prev:
        return False
    for ch, arch in zip(surface, pattern, strict=True):
        if arch == "A":
            if ch not in _HARMONY_A.get(prev, ""):
                return False
            prev = ch
        elif arch == "I":
            if ch not in _HARMONY_I.get(prev, ""):
                return False
            prev = ch
        elif ch in _VOWELS:
            prev = ch
    return True


def _stem_ok(stem: str) -> bool:
    if stem in _SHORT_STEMS:
        return True
    return len(stem) >= _KY_MIN_STEM and any(c in _VOWELS for c in stem)


def _strip_ky_slot(word: str, slot: str) -> str | None:
    for surface, pattern, allowed in _KY_TABLE.get(slot, []):
        if not word.endswith(surface) or len(word) == len(surface):
            continue
        stem = word[: -len(surface)]
        if stem[-1] not in allowed or not _stem_ok(stem):
            continue
        # A long vowel (тигүү, тажрыйбалуу) or the agentive is not a possessive.
        if slot == "poss" and (stem[-1] == surface[0] or word.endswith(_KY_PROTECTED_ENDINGS)):
            continue
        if not _harmonic(stem, surface, pattern):
            continue
        return stem
    return None


def _stem_kyrgyz(word: str) -> str | None:
    """Strip Kyrgyz case, possessive and plural suffixes; None if nothing matched."""
    current = word
    changed = False
    case = _strip_ky_slot(word, "case")
    after_poss = _strip_ky_slot(word, "case_after_poss")
    poss_stem = _strip_ky_slot(after_poss, "poss") if after_poss is not None else None
    # "-тун" is both genitive (автобус-тун) and possessive + accusative (автобуст-у-н);
    # the genitive is far more common in job titles (мектептин мугалими).
    if poss_stem is not None and not (
        case is not None and after_poss == word[:-1] and word.endswith("н")
    ):
        current, changed = poss_stem, True
    else:
        if case is not None:
            current, changed = case, True
        poss = _strip_ky_slot(current, "poss")
        if poss is not None:
            current, changed = poss, True
    plural = _strip_ky_slot(current, "plural")
    if plural is not None:
        current, changed = plural, True
    return current if changed else None


def _stem_russian(word: str, *, protect_agentive: bool = True) -> str:
    # A Kyrgyz agentive (эсепчи) or long vowel (тажрыйбалуу) that reached the Russian
    # rules because no Kyrgyz suffix was found is a whole word, not a Russian ending.
    if protect_agentive and word.endswith(_KY_PROTECTED_ENDINGS):
        return word
    if len(word) >= 2 and word[-1] == word[-2] and word[-1] in _VOWELS:
        return word
    for ending in RU_ENDINGS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if len(stem) >= _RU_MIN_STEM and any(c in _VOWELS for c in stem):
                return stem
    return word


def _stem_english(word: str) -> str:
    if len(word) <= 4 or word.endswith(("ss", "us", "is")):
        return word
    for ending, repl in EN_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + repl
    return word


def stem(token: str, lang: str | None = None) -> str:
    """Strip inflectional suffixes from one normalised token, conservatively.

    ``lang`` ("ky", "ru", "en" or None) is a hint about the surrounding text; a token's
    own letters override it (ң ө ү mean Kyrgyz, щ ц ъ ь э mean Russian).
    """
    if not token or token.isdigit():
        return token
    if _LATIN_RE.search(token) and not _CYRILLIC_RE.search(token):
        return _stem_english(token)
    letters = set(token)
    if letters & _KY_SPECIFIC:
        ky = _stem_kyrgyz(token)
        return ky if ky is not None else token
    if letters & _RU_SPECIFIC or lang == "ru" or token.endswith(_RU_LONG_ENDINGS):
        return _stem_russian(token, protect_agentive=lang != "ru")
    ky = _stem_kyrgyz(token)
    if ky is not None:
        return ky
    if lang == "ky":
        return token
    return _stem_russian(token)


# --------------------------------------------------------------------------------------
# Pipeline
# --------------------------------------------------------------------------------------


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
    out: list[str] = []
    for tok in tokens:
        if tok in stop or tok.isdigit() or len(tok) < 2:
            continue
        out.append(stem(tok, lang))
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
