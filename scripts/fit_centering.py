"""Fit the centering statistics of an encoder on the occupation vocabulary and ship them.

Reproduce: .venv/bin/python -m scripts.fit_centering [--encoder use-m3 --encoder minilm]

Writes matching/data/centering-<name>.npz (mean and top principal directions of the
vectors of every vocabulary term, ky/ru/en). A refit changes the encoder's stored name,
so the service re-encodes on the next `jumush reindex`.
"""

from __future__ import annotations

import argparse

import numpy as np

from matching.encoders import (
    CENTERING_COMPONENTS,
    Encoder,
    centering_path,
    fit_centering,
    load_encoder,
)
from matching.occupations import OccupationVocabulary
from matching.ranker import prepare


def reference_texts() -> list[str]:
    """Return the prepared vocabulary terms the statistics are fitted on, sorted."""
    return sorted({prepare(e.term) for e in OccupationVocabulary.default().entries} - {""})


def fit(encoder: Encoder, texts: list[str] | None = None) -> dict[str, np.ndarray]:
    """Return the statistics of one encoder (on the vocabulary unless texts are given)."""
    mean, components = fit_centering(encoder, texts or reference_texts(), CENTERING_COMPONENTS)
    return {"mean": mean, "components": components}


def main(argv: list[str] | None = None) -> int:
    """Fit and write the statistics of each encoder given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--encoder", action="append", help="default: use-m3 and minilm")
    args = parser.parse_args(argv)
    texts = reference_texts()
    for spec in args.encoder or ["use-m3", "minilm"]:
        encoder = load_encoder(spec)
        path = centering_path(encoder.name)
        np.savez(path, **fit(encoder, texts))
        print(f"{path}: {len(texts)} texts, {CENTERING_COMPONENTS} directions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
