"""Learning from outcomes without a database: grades of outcomes, reading an export, and
fitting the score model back from outcomes drawn from a known one."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from matching.features import PLACE_SIGNALS, SIGNALS
from matching.scoring import FIT_INPUTS, RELEVANCE_INPUTS, Logistic, ScoreModel
from models.enums import MatchStatus
from service.usecases.outcomes import (
    MIN_PER_GRADE,
    OutcomeFileError,
    TooFewOutcomes,
    fit_outcomes,
    furthest_stage,
    grade_of,
    outcome_name,
    read_outcomes,
)

S = MatchStatus

# A known model to draw outcomes from: relevance weights positive (the fit keeps them so),
# one fit weight negative ("near", which may be), none equal to another's neighbour by
# less than 0.5, so that two inputs swapped by a bug cannot pass for each other.
KNOWN = ScoreModel(
    relevant=Logistic(RELEVANCE_INPUTS, (4.0, 1.5, 1.0, 2.0), -4.0),
    takeable=Logistic(
        FIT_INPUTS,
        # occupation_same, remote, home, commute, near, seasonal, anywhere, unknown,
        # employment_type, salary, languages
        (1.0, 2.0, 2.5, 1.5, -0.5, 1.0, 2.0, 0.5, 1.5, 1.0, 0.8),
        -3.5,
    ),
)


def draw_signals(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Draw the signals of n pairs, each of the kind the matcher produces: similarities
    and shares in [0, 1], the occupation and the type and pay fits on 0 / 0.5 / 1, and
    exactly one place of the eight (remote, the six place signals, or far: none)."""
    where = rng.integers(0, 2 + len(PLACE_SIGNALS), n)
    signals = {
        "semantic": rng.uniform(0, 1, n),
        "lexical": rng.uniform(0, 1, n),
        "occupation": rng.choice([0.0, 0.5, 1.0], n),
        "occupation_known": np.ones(n),
        "skills": rng.uniform(0, 1, n),
        "employment_type": rng.choice([0.0, 0.5, 1.0], n),
        "salary": rng.choice([0.0, 0.5, 1.0], n),
        "languages": rng.uniform(0, 1, n),
        "unrelated": np.zeros(n),
    }
    for column, name in enumerate(("remote", *PLACE_SIGNALS)):
        signals[name] = (where == column).astype(np.float64)
    assert set(signals) == set(SIGNALS)
    # As stored: six decimals (service.usecases.outcomes.pair_signals).
    return {name: np.round(values, 6) for name, values in signals.items()}


def draw_grades(model: ScoreModel, signals: dict[str, Any], rng: np.random.Generator) -> Any:
    """Draw each pair's grade as the model reads grades: relevant with the relevant part's
    probability, then, if relevant, takeable with the takeable part's."""
    n = len(signals["semantic"])
    relevant = rng.uniform(size=n) < model.relevant.probability(signals)
    takeable = rng.uniform(size=n) < model.takeable.probability(signals)
    return np.where(relevant, np.where(takeable, 2, 1), 0)


def test_fitting_recovers_the_weights_outcomes_were_drawn_from() -> None:
    rng = np.random.default_rng(2020)
    signals = draw_signals(40_000, rng)
    grades = draw_grades(KNOWN, signals, rng)
    fitted = ScoreModel.fit(signals, grades)
    # Tolerance: at 40,000 pairs (about 24,000 relevant ones for the takeable part) the
    # standard error of every coefficient and intercept, from the inverse Fisher
    # information at the known weights, is at most 0.05 (relevant) and 0.07 (takeable);
    # 0.3 is over four of them for each (a miss by chance: under 1e-4 for all seventeen
    # together), and the seed is fixed anyway. The default C = 1 shrinks by about w / 1000
    # here, nothing next to that. A fit that swapped two inputs, dropped one, or read
    # the text input another way misses by 0.5 or more.
    for part, known in ((fitted.relevant, KNOWN.relevant), (fitted.takeable, KNOWN.takeable)):
        assert part.names == known.names
        assert part.coef == pytest.approx(known.coef, abs=0.3)
        assert part.intercept == pytest.approx(known.intercept, abs=0.3)


@pytest.mark.parametrize(
    ("path", "outcome", "grade"),
    [
        (["applied", "contacted", "interview", "hired"], "hired", 2),
        (["contacted", "interview", "hired"], "hired", 2),
        (["applied", "contacted", "interview"], "interview", 1),
        (["contacted"], "contacted", 1),
        (["applied", "contacted", "rejected"], "rejected", 1),
        (["contacted", "interview", "withdrawn"], "withdrawn", 1),
        (["applied", "contacted", "obsolete"], "obsolete", 1),
        (["applied", "rejected"], "rejected", 0),
        (["suggested", "rejected"], "rejected", 0),
        (["applied"], "applied", None),  # no answer yet
        (["applied", "withdrawn"], "withdrawn", None),  # the seeker's reasons
        (["applied", "obsolete"], "obsolete", None),  # hired elsewhere first
        (["suggested"], "suggested", None),
    ],
)
def test_outcomes_map_to_grades_by_what_the_employer_did(
    path: list[str], outcome: str, grade: int | None
) -> None:
    reached = {stage: stage in path for stage in ("applied", "contacted", "interview", "hired")}
    furthest = furthest_stage(**reached)
    status = S(path[-1])
    assert (outcome_name(status, furthest), grade_of(status, furthest)) == (outcome, grade)


def _line(grade: int, **signals: float) -> str:
    values = dict.fromkeys(SIGNALS, 0.5) | signals
    return json.dumps({"grade": grade, "outcome": "x", "signals": values, "model": "m"})


def test_reading_an_export_skips_pairs_missing_a_signal_and_names_a_broken_line() -> None:
    partial = json.dumps({"grade": 1, "signals": {"semantic": 0.5}})
    pairs = read_outcomes([_line(2, semantic=0.9), "", partial, _line(0)])
    assert len(pairs) == 2 and pairs.incomplete == 1
    assert pairs.grades.tolist() == [2, 0] and pairs.signals["semantic"].tolist() == [0.9, 0.5]
    with pytest.raises(OutcomeFileError, match="line 2"):
        read_outcomes([_line(1), "{not json"])
    with pytest.raises(OutcomeFileError, match="line 1"):
        read_outcomes([_line(3)])


def _lines(n: int, seed: int = 7) -> list[str]:
    rng = np.random.default_rng(seed)
    signals = draw_signals(n, rng)
    grades = draw_grades(KNOWN, signals, rng)
    return [
        json.dumps({"grade": int(g), "signals": {k: float(v[i]) for k, v in signals.items()}})
        for i, g in enumerate(grades)
    ]


def _pairs(n: int) -> Any:
    return read_outcomes(_lines(n))


def test_too_few_outcomes_are_refused_in_one_line() -> None:
    with pytest.raises(TooFewOutcomes, match="need at least 500 pairs") as refused:
        fit_outcomes(pairs=_pairs(300), baseline=ScoreModel.default(), min_pairs=500)
    assert "\n" not in str(refused.value)
    # Enough pairs, but one grade with fewer than MIN_PER_GRADE of its kind.
    lines = _lines(300)
    hires = [line for line in lines if json.loads(line)["grade"] == 2]
    others = [line for line in lines if json.loads(line)["grade"] < 2]
    few_hires = read_outcomes(others + hires[: MIN_PER_GRADE - 1])
    with pytest.raises(TooFewOutcomes, match=f"grade 2, hired: {MIN_PER_GRADE - 1}\\)"):
        fit_outcomes(pairs=few_hires, baseline=ScoreModel.default(), min_pairs=10)
    fit_outcomes(pairs=read_outcomes(others + hires[:MIN_PER_GRADE]), baseline=KNOWN, min_pairs=10)


def test_held_out_figures_favour_the_model_fitted_on_the_programmes_own_outcomes() -> None:
    fit = fit_outcomes(pairs=_pairs(4000), baseline=ScoreModel.default(), min_pairs=100)
    assert fit.held_out is not None and fit.held_out.pairs == pytest.approx(1000, abs=2)
    fitted, shipped = fit.held_out.fitted, fit.held_out.shipped
    # Outcomes drawn from KNOWN: a model fitted on them predicts them better than the
    # shipped model, fitted on hand-graded sets, does.
    assert fitted["relevant_log_loss"] < shipped["relevant_log_loss"]
    assert fitted["takeable_log_loss"] < shipped["takeable_log_loss"]
    assert fitted["relevant_auc"] > 0.7 and fitted["takeable_auc"] > 0.7
    about = fit.model.about
    assert about["pairs"] == 4000 and about["held_out"]["pairs"] == fit.held_out.pairs
    assert sum(about["grades"].values()) == 4000
    small = fit_outcomes(pairs=_pairs(120), baseline=ScoreModel.default(), min_pairs=100)
    assert small.held_out is None and "held-out" in small.held_out_note
