"""Latin → Cyrillic transliteration and telling English from Latin-script Kyrgyz/Russian."""

from __future__ import annotations

import re
from functools import cache

from matching.text.chars import _CYRILLIC_RE, _VOWELS, _read_word_list, normalize


@cache
def _english_words() -> frozenset[str]:
    return _read_word_list("english_words.txt")


@cache
def _latin_ambiguous() -> frozenset[str]:
    return _read_word_list("latin_ambiguous.txt")


@cache
def _cyrillic_function_words() -> frozenset[str]:
    return _read_word_list("stopwords_ky.txt") | _read_word_list("stopwords_ru.txt")


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
