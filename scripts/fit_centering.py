"""Fit the centering statistics of an encoder on the occupation vocabulary and ship them.

Reproduce: .venv/bin/python -m scripts.fit_centering [--encoder use-m3 --encoder minilm]
    [--refresh-terms]

Writes matching/data/centering-<name>.npz (mean and top principal directions of the
vectors of the vocabulary's terms, ky/ru/en). The terms are read from
matching/data/centering_terms.txt, a copy of the vocabulary's terms taken at the last fit
(--refresh-terms takes a new copy first), so that adding a job word to the vocabulary
leaves the encoders' names alone. A refit changes the encoder's stored name, so the
service re-encodes everything on the next `jumush reindex` (about an hour per 100k texts).
"""

from __future__ import annotations

import argparse

import numpy as np

from matching import text as textlib
from matching.encoders import (
    CENTERING_COMPONENTS,
    Encoder,
    centering_path,
    fit_centering,
    load_encoder,
)
from matching.occupations import OccupationVocabulary
from matching.ranker import prepare

TERMS_FILE = textlib.DATA_DIR / "centering_terms.txt"
TERMS_HEADER = """\
# The texts the shipped centering statistics were fitted on (scripts/fit_centering.py): the
# occupation vocabulary's terms, prepared, as of the fit. Kept apart from the vocabulary so
# that adding a job word does not change the encoders' names and force a full re-encode.
"""


def vocabulary_texts() -> list[str]:
    """Return the vocabulary's prepared terms as they are now, sorted."""
    return sorted({prepare(e.term) for e in OccupationVocabulary.default().entries} - {""})


def reference_texts() -> list[str]:
    """Return the prepared vocabulary terms the statistics are fitted on, sorted."""
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def fit(encoder: Encoder, texts: list[str] | None = None) -> dict[str, np.ndarray]:
    """Return the statistics of one encoder (on the vocabulary unless texts are given)."""
    mean, components = fit_centering(encoder, texts or reference_texts(), CENTERING_COMPONENTS)
    return {"mean": mean, "components": components}


def main(argv: list[str] | None = None) -> int:
    """Fit and write the statistics of each encoder given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--encoder", action="append", help="default: use-m3 and minilm")
    parser.add_argument("--refresh-terms", action="store_true", help="copy today's terms first")
    args = parser.parse_args(argv)
    if args.refresh_terms:
        TERMS_FILE.write_text(TERMS_HEADER + "\n".join(vocabulary_texts()) + "\n", "utf-8")
    texts = reference_texts()
    for spec in args.encoder or ["use-m3", "minilm"]:
        encoder = load_encoder(spec)
        path = centering_path(encoder.name)
        np.savez(path, **fit(encoder, texts))
        print(f"{path}: {len(texts)} texts, {CENTERING_COMPONENTS} directions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
