"""Conservative stemming of Kyrgyz, Russian and English tokens."""

from __future__ import annotations

from matching.text.chars import _CYRILLIC_RE, _KY_SPECIFIC, _LATIN_RE, _RU_SPECIFIC, _VOWELS

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
