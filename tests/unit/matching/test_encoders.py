"""Encoders: the fake is deterministic, concatenation weights cosines, real models load offline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest

from matching.encoders import (
    DEFAULT_ENCODER,
    CenteredEncoder,
    ConcatEncoder,
    Encoder,
    HashingEncoder,
    centering_path,
    encode_views,
    fit_centering,
    load_encoder,
)
from matching.ranker import Matcher
from matching.types import SeekerProfile, VacancyDoc

TEXTS = ["продавец кассир", "водитель такси", "ашпозчу", "python developer"]


def test_hashing_encoder_is_deterministic_and_unit_length() -> None:
    first = HashingEncoder(64).encode(TEXTS)
    second = HashingEncoder(64).encode(TEXTS)
    assert first.dtype == np.float32 and first.shape == (4, 64)
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-5)


def test_hashing_encoder_satisfies_protocol() -> None:
    assert isinstance(HashingEncoder(), Encoder)
    assert isinstance(load_encoder("hashing"), HashingEncoder)


def test_concat_cosine_is_weighted_mean_of_part_cosines() -> None:
    a, b = HashingEncoder(64), HashingEncoder(128)
    concat = ConcatEncoder([(a, 3.0), (b, 1.0)])
    left, right = ["продавец кассир", "водитель"], ["кассир в магазин", "водитель такси"]
    expected = 0.75 * np.sum(a.encode(left) * a.encode(right), axis=1) + 0.25 * np.sum(
        b.encode(left) * b.encode(right), axis=1
    )
    got = np.sum(concat.encode(left) * concat.encode(right), axis=1)
    np.testing.assert_allclose(got, expected, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(concat.encode(left), axis=1), 1.0, rtol=1e-5)
    assert concat.dim == 192


def test_load_encoder_parses_weighted_specs() -> None:
    encoder = load_encoder("hashing*0.25+hashing*0.75")
    assert isinstance(encoder, ConcatEncoder)
    assert [w for _, w in encoder.parts] == [0.25, 0.75]


@pytest.mark.slow
def test_default_encoder_loads_offline_and_ranks_russian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = load_encoder(DEFAULT_ENCODER)
    assert isinstance(encoder, ConcatEncoder) and encoder.dim == 512 + 384
    # Centring keeps each part's role at query time (USE on every view, MiniLM once).
    assert [getattr(part, "per_view", False) for part, _ in encoder.parts] == [True, False]
    vectors = encoder.encode(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    matcher = Matcher(encoder)
    matcher.upsert_vacancies(
        [
            VacancyDoc("cook", "Повар", "Ресторан ищет повара горячего цеха", ("кулинария",)),
            VacancyDoc("driver", "Водитель грузовика", "Перевозка грузов по стране", ("права C",)),
            VacancyDoc("nurse", "Медсестра", "Поликлиника, уход за пациентами", ("уколы",)),
            VacancyDoc("dev", "Software developer", "Backend services in Python", ("python",)),
        ]
    )
    ranking = matcher.rank_vacancies(
        SeekerProfile("s", "шофёр", ("вождение грузовых машин",)), 4, today=date(2024, 1, 1)
    )
    assert ranking.items[0].id == "driver"


@pytest.mark.slow
def test_sentence_transformer_single_text_path_gives_the_batch_vector() -> None:
    """The one-text shortcut (ranking's hot path) equals what encode() gives in a batch."""
    import torch

    encoder = load_encoder("minilm")
    texts = ["Швея на оверлок, опыт 3 года", "truck driver", "ашпозчу"]
    batch = encoder.encode(texts)
    threads = torch.get_num_threads()
    single = np.vstack([encoder.encode([text]) for text in texts])
    assert torch.get_num_threads() == threads  # the one-thread forward gives them back
    assert single.dtype == np.float32 and single.shape == batch.shape
    np.testing.assert_allclose(single, batch, atol=1e-5)


class _Counting(HashingEncoder):
    """A slow part (not per_view) that records what it was asked to encode."""

    per_view = False

    def __init__(self) -> None:
        super().__init__(dim=32)
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


def test_encode_views_sends_only_the_anchor_to_slow_parts() -> None:
    slow, fast = _Counting(), HashingEncoder(dim=16)
    concat = ConcatEncoder([(fast, 0.5), (slow, 0.5)])
    views = ["швея", "швея оверлок", "швея пошив"]
    rows = encode_views(concat, views, anchor="швея")
    assert slow.seen == ["швея"]
    assert rows.shape == (3, 48)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    # Each row's fast slice is that view's own vector; the slow slice is shared.
    assert np.allclose(rows[:, :16], np.sqrt(0.5) * fast.encode(views), atol=1e-6)
    assert np.allclose(rows[0, 16:], rows[2, 16:])


def test_encode_views_of_a_single_encoder_encodes_every_view() -> None:
    encoder = HashingEncoder(dim=16)
    views = ["a b", "a b c"]
    assert np.allclose(encode_views(encoder, views, anchor="a"), encoder.encode(views))


REFERENCE = ["швея", "водитель", "повар", "ашпозчу", "айдоочу", "driver", "cook", "кассир"]


def test_centered_encoder_removes_the_reference_mean_and_directions() -> None:
    inner = HashingEncoder(dim=64)
    mean, directions = fit_centering(inner, REFERENCE, 3)
    encoder = CenteredEncoder(inner, mean, directions)
    assert isinstance(encoder, Encoder) and encoder.dim == 64
    rows = encoder.encode([*REFERENCE, "оверлок швея"])
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-5)
    # Nothing of the removed directions is left in any vector.
    np.testing.assert_allclose(rows @ directions.T, 0.0, atol=1e-5)
    # An empty text stays a zero vector instead of becoming "minus the mean".
    assert not encoder.encode([""]).any()


class _SharedPart(HashingEncoder):
    """Every text is mostly one common vector plus a little of its own (anisotropy)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        common = np.zeros(self.dim, dtype=np.float32)
        common[0] = 4.0
        own = super().encode(texts)
        mixed = common + own
        return (mixed / np.linalg.norm(mixed, axis=1, keepdims=True)).astype(np.float32)


def _mean_off_diagonal_cosine(rows: np.ndarray) -> float:
    cosines = rows @ rows.T
    return float((cosines.sum() - np.trace(cosines)) / (len(rows) ** 2 - len(rows)))


def test_centring_spreads_texts_that_share_a_common_part() -> None:
    inner = _SharedPart(dim=64)
    mean, directions = fit_centering(inner, REFERENCE, 1)
    texts = ["тигуучу", "сатуучу", "курьер", "nurse", "teacher"]
    assert _mean_off_diagonal_cosine(inner.encode(texts)) > 0.9
    assert (
        abs(_mean_off_diagonal_cosine(CenteredEncoder(inner, mean, directions).encode(texts))) < 0.3
    )


def test_centered_encoder_name_changes_with_its_statistics() -> None:
    inner = HashingEncoder(dim=64)
    mean, directions = fit_centering(inner, REFERENCE, 3)
    name = CenteredEncoder(inner, mean, directions).name
    assert name.startswith("hashing-64~c3.")
    assert CenteredEncoder(inner, mean, directions).name == name
    assert CenteredEncoder(inner, 0.5 * mean, directions).name != name
    assert CenteredEncoder(inner, mean, directions[:2]).name != name


def test_centering_needs_shipped_statistics_and_a_model() -> None:
    with pytest.raises(ValueError, match=r"--encoder hashing$"):
        load_encoder("hashing~c3")
    with pytest.raises(ValueError, match="holds only 8 directions"):
        load_encoder("minilm~c9")
    with pytest.raises(ValueError, match="names no model"):
        load_encoder("~c3")
    # Only "~c" and digits at the end mean centring; other names stay model paths.
    for path in ("/models/mini~cased", "~carol/model"):
        encoder = load_encoder(path)
        assert not isinstance(encoder, CenteredEncoder) and encoder.name == path


def test_centred_encoder_loads_its_model_on_first_use() -> None:
    class _Lazy(HashingEncoder):
        @property
        def dim(self) -> int:
            raise AssertionError("asked for its size before encoding")

        @dim.setter
        def dim(self, value: int) -> None:
            self._dim = value

        def encode(self, texts: Sequence[str]) -> np.ndarray:
            out = np.zeros((len(texts), self._dim), dtype=np.float32)
            out[:, 0] = 1.0
            return out

    inner = _Lazy(dim=8)
    encoder = CenteredEncoder(inner, np.zeros(8), np.zeros((0, 8)))
    assert encoder.encode(["a"]).shape == (1, 8)
    with pytest.raises(ValueError, match="statistics of size 4"):
        CenteredEncoder(inner, np.zeros(4), np.zeros((0, 4))).encode(["a"])


def test_default_encoder_is_centred_on_shipped_statistics() -> None:
    for part in ("use-m3", "minilm"):
        assert f"{part}~c3*" in DEFAULT_ENCODER
        assert centering_path(part).exists()


@pytest.mark.slow
@pytest.mark.parametrize("spec", ["use-m3", "minilm"])
def test_shipped_centering_is_what_the_fit_script_gives(spec: str) -> None:
    """The statistics under matching/data come from the vocabulary, not from elsewhere."""
    from scripts.fit_centering import fit

    fresh = fit(load_encoder(spec))
    with np.load(centering_path(spec)) as shipped:
        np.testing.assert_allclose(shipped["mean"], fresh["mean"], atol=1e-4)
        # The directions the default uses (sign fixed by the fit).
        np.testing.assert_allclose(shipped["components"][:3], fresh["components"][:3], atol=1e-3)
