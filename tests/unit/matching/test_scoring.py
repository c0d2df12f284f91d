"""The learnt score: tiers, monotone weights, the shipped model, and fitting."""

from __future__ import annotations

import numpy as np
import pytest

from matching.features import (
    OCCUPATION_KNOWN,
    SIGNALS,
    relevance_signals,
    seeker_features,
    vacancy_features,
)
from matching.occupations import OccupationVocabulary
from matching.regions import Regions
from matching.scoring import FIT_INPUTS, MONOTONE, RELEVANCE_INPUTS, Logistic, ScoreModel
from matching.types import SeekerProfile, VacancyDoc


def signals(n: int, rng: np.random.Generator, **fixed: float) -> dict[str, np.ndarray]:
    out = {name: rng.random(n) for name in SIGNALS}
    out["occupation"] = rng.choice([0.0, 0.5, 1.0], n)
    out["unrelated"] = np.zeros(n)
    out["occupation_known"] = np.ones(n)
    out.update({name: np.full(n, value) for name, value in fixed.items()})
    return out


def test_the_shipped_model_loads_and_keeps_its_monotone_weights_non_negative() -> None:
    model = ScoreModel.default()
    assert model.about["fitted_on"] == ["multilingual", "market"]
    assert model.relevant_unknown is not None and model.takeable_unknown is not None
    for part in (model.relevant, model.takeable, model.relevant_unknown, model.takeable_unknown):
        for name, weight in zip(part.names, part.coef, strict=True):
            assert name not in MONOTONE or weight >= 0, name


def test_an_unrelated_pair_ranks_below_every_other_whatever_its_signals() -> None:
    rng = np.random.default_rng(0)
    best = signals(200, rng, semantic=1.0, lexical=1.0, skills=1.0, remote=1.0, unrelated=1.0)
    worst = signals(200, rng, semantic=0.0, lexical=0.0, skills=0.0, occupation=0.0)
    model = ScoreModel.default()
    assert model.score(best).max() < model.score(worst).min()


def test_scores_lie_in_the_unit_interval() -> None:
    scores = ScoreModel.default().score(signals(1000, np.random.default_rng(1)))
    assert scores.min() >= 0 and scores.max() <= 1


def test_the_model_survives_a_json_round_trip() -> None:
    model = ScoreModel.default()
    again = ScoreModel.from_json(model.to_json())
    assert again == model
    rng = np.random.default_rng(2)
    batch = signals(50, rng)
    np.testing.assert_array_equal(again.score(batch), model.score(batch))


def test_a_pair_without_occupation_evidence_is_scored_by_the_twins_without_it() -> None:
    """When a side names no occupation the vocabulary knows, the occupation inputs say
    nothing: the score is the twins' (fitted without them), whatever those inputs hold."""
    model = ScoreModel.default()
    assert model.relevant_unknown is not None and model.takeable_unknown is not None
    rng = np.random.default_rng(5)
    batch = signals(300, rng, occupation_known=0.0)
    scores = model.score(batch)
    for occupation in (0.0, 0.5, 1.0):
        np.testing.assert_array_equal(
            model.score({**batch, "occupation": np.full(300, occupation)}), scores
        )
    relevant = model.relevant_unknown.probability(batch)
    takeable = model.takeable_unknown.probability(batch)
    np.testing.assert_allclose(scores, (1 + relevant * (1 + 2 * takeable) / 3) / 2, rtol=1e-6)
    # And with the evidence there, the occupation decides as before.
    known = signals(300, rng, occupation_known=1.0)
    assert (
        model.score({**known, "occupation": np.ones(300)})
        > model.score({**known, "occupation": np.zeros(300)})
    ).all()


def test_the_twins_are_fitted_without_the_occupation_inputs() -> None:
    rng = np.random.default_rng(6)
    batch = signals(4000, rng)
    grades = rng.integers(0, 3, 4000)
    fitted = ScoreModel.fit(batch, grades)
    assert fitted.relevant_unknown is not None and fitted.takeable_unknown is not None
    for twin in (fitted.relevant_unknown, fitted.takeable_unknown):
        assert not {"occupation_related", "occupation_same"} & set(twin.names)
    assert ScoreModel.from_json(fitted.to_json()) == fitted


def test_fitting_recovers_the_weights_that_made_the_grades() -> None:
    """Grades drawn from a known model are fitted back close to it (20k pairs: the
    standard error of each weight is about 0.1 at these sizes, so 0.5 is a wide margin
    that still tells a right weight from a wrong sign or a dropped input)."""
    rng = np.random.default_rng(3)
    fit_weights = {
        "occupation_same": 2.0,
        "remote": 1.5,
        "home": 2.0,
        "commute": 0.5,
        "near": -0.5,
        "seasonal": 1.0,
        "anywhere": 0.8,
        "unknown": -1.0,
        "employment_type": 1.5,
        "salary": 0.7,
        "languages": 0.3,
    }
    known = ScoreModel(
        Logistic(RELEVANCE_INPUTS, (4.0, 1.0, 2.0, 0.5), -3.0),
        Logistic(FIT_INPUTS, tuple(fit_weights[n] for n in FIT_INPUTS), -2.0),
    )
    batch = signals(20_000, rng)
    for name in ("remote", "home", "commute", "near", "seasonal", "anywhere", "unknown"):
        batch[name] = (rng.random(20_000) < 0.3).astype(float)
    relevant = rng.random(20_000) < known.relevant.probability(batch)
    exact = rng.random(20_000) < known.takeable.probability(batch)
    grades = np.where(relevant, np.where(exact, 2, 1), 0)
    fitted = ScoreModel.fit(batch, grades, c=100.0)
    np.testing.assert_allclose(fitted.relevant.coef, known.relevant.coef, atol=0.5)
    np.testing.assert_allclose(fitted.takeable.coef, known.takeable.coef, atol=0.5)


def test_a_monotone_input_that_fits_negative_is_dropped() -> None:
    rng = np.random.default_rng(4)
    batch = signals(5000, rng)
    # Relevance falls with skills in this made-up world: the fit must not learn that.
    grades = (
        rng.random(5000) < 1 / (1 + np.exp(-(3 * batch["semantic"] - 2 * batch["skills"])))
    ).astype(int)
    fitted = Logistic.fit(batch, grades, RELEVANCE_INPUTS)
    weights = dict(zip(fitted.names, fitted.coef, strict=True))
    assert weights["skills"] == 0.0
    assert weights["text"] > 1.0


@pytest.mark.parametrize(
    ("position", "title", "known"),
    [
        ("повар", "Повар в кафе", True),  # both name a job by a whole term
        ("lecturer", "Physics lecturer", False),  # only guessed ("physics" is unknown)
        ("повар", "Specialised seller of textiles", False),  # the vocabulary names none
        ("", "Повар в кафе", False),  # the seeker names none
    ],
)
def test_occupation_evidence_counts_as_known_only_when_both_sides_name_a_job(
    position: str, title: str, known: bool
) -> None:
    vocabulary = OccupationVocabulary.default()
    seeker = seeker_features(
        SeekerProfile(id="s", desired_position=position, skills=("тамак",)),
        vocabulary,
        Regions.default(),
    )
    vacancy = vacancy_features(VacancyDoc(id="v", title=title), vocabulary)
    assert relevance_signals(seeker, vacancy, vocabulary)[OCCUPATION_KNOWN] == float(known)
