"""Text normalisation for Kyrgyz, Russian and English job texts, re-exported from its layers."""

# The pipeline is ``normalize`` → ``to_cyrillic`` → tokenize → drop stopwords → ``stem``
# (see ``terms``). Everything language-specific lives in tables (module constants and
# files under ``matching/data``) so that the rules can be read and extended without
# touching the control flow. Layers import only from earlier ones: chars (tables,
# normalize, word lists) ← transliterate, stemming ← language (guess_language, terms).

from __future__ import annotations

from matching.text.chars import DATA_DIR as DATA_DIR
from matching.text.chars import normalize, read_words, tokenize
from matching.text.language import fold, guess_language, is_meaningful, terms
from matching.text.language import iter_terms as iter_terms
from matching.text.stemming import EN_ENDINGS as EN_ENDINGS
from matching.text.stemming import KY_SUFFIXES as KY_SUFFIXES
from matching.text.stemming import RU_ENDINGS as RU_ENDINGS
from matching.text.stemming import stem
from matching.text.transliterate import is_latin_english, to_cyrillic

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
