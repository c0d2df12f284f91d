"""Languages people speak and vacancies ask for: any ISO 639 code that Babel can name."""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel import Locale

from service.usecases.errors import InvalidInput
from service.usecases.messages import msg

# Spoken in Kyrgyzstan but not named by CLDR; service.i18n.labels names them.
UNNAMED_BY_CLDR = frozenset({"dng"})  # Dungan
# ISO 639-1 and 639-3 codes CLDR names (uz, tg, tr, ko, zh, de, ...), not variants.
SPOKEN: frozenset[str] = UNNAMED_BY_CLDR | frozenset(
    str(code) for code in Locale("en").languages if re.fullmatch(r"[a-z]{2,3}", str(code))
)
# Shown first on forms: the languages most spoken in Kyrgyzstan, then common foreign ones.
COMMON = ("ky", "ru", "uz", "en", "tg", "kk", "dng", "ug", "tr", "zh", "ko", "de")


def spoken_languages(codes: Iterable[str], *, field: str = "languages") -> list[str]:
    """Return the codes lower-cased, each once and in order; refuse any unknown code."""
    out: list[str] = []
    for raw in codes:
        code = raw.strip().lower()
        if code not in SPOKEN:
            raise InvalidInput(
                errors={
                    field: [
                        msg(
                            "%(code)s is not a language code. Use ISO 639 codes such as "
                            "ky, ru, uz or tg.",
                            code=raw[:20],
                        )
                    ]
                }
            )
        if code not in out:
            out.append(code)
    return out
