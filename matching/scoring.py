"""The learnt score: relevance decides first, fit orders within it.

score = (tier + p_relevant * (1 + 2 * p_takeable) / 3) / 2, where
- p_relevant = P(grade >= 1 | relevance signals): is it the seeker's kind of work;
- p_takeable = P(grade = 2 | grade >= 1, occupation and fit signals): can they take it
  (region or remote, type, pay, language);
- the middle term is the expected gain 2^grade - 1 (over 3) of nDCG's grading;
- tier is 0 when both sides name occupations and the vacancy's are unrelated to what the
  seeker wants or did, else 1: no place, type or pay lifts an unrelated occupation over
  a related one.
Both parts are logistic regressions fitted with scikit-learn on graded pairs
(scripts/fit_weights.py); relevance weights are kept non-negative, so that adding a skill
or a shared word can never lower a score.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from matching.features import FIT, OCCUPATION_KNOWN, UNRELATED

DATA_FILE = Path(__file__).with_name("data") / "score_model.json"

# Model inputs derived from the signals. The occupation signal (0, 0.5, 1) enters as two
# steps, "at least related" and "the same", so non-negative weights keep it monotone.
# Semantic and lexical similarity enter as one "text" input with lexical at a sixth of
# semantic: the labelled sets cannot tell their ratio apart (held-out figures move by at
# most 0.002 from 0.1 to 1), while English title retrieval (ESCO) loses 0.03 MRR@10 at the
# ratio a free fit picks (benchmarks/RESULTS.md). A sixth is the ratio the hand-tuned
# weights had (0.1 : 0.6), chosen on ESCO in an earlier round.
LEXICAL_SHARE = 1 / 6
RELEVANCE_INPUTS = ("text", "occupation_related", "occupation_same", "skills")
FIT_INPUTS = ("occupation_same", *FIT)
# The twins' inputs, for pairs where a side names no known occupation.
OCCUPATIONS = frozenset({"occupation_related", "occupation_same"})
RELEVANCE_UNKNOWN = tuple(n for n in RELEVANCE_INPUTS if n not in OCCUPATIONS)
FIT_UNKNOWN = tuple(n for n in FIT_INPUTS if n not in OCCUPATIONS)
# Inputs whose weight must not be negative: more of them never makes a pair worse.
MONOTONE = frozenset({*RELEVANCE_INPUTS, "occupation_same"})


def inputs(signals: Mapping[str, np.ndarray | float], names: Sequence[str]) -> np.ndarray:
    """Return the model's input matrix (pairs x names) from signals (name -> values)."""
    occupation = np.atleast_1d(np.asarray(signals["occupation"], dtype=np.float64))
    derived = {
        "occupation_related": (occupation >= 0.5).astype(np.float64),
        "occupation_same": (occupation >= 1.0).astype(np.float64),
        "text": np.asarray(signals["semantic"], dtype=np.float64)
        + LEXICAL_SHARE * np.asarray(signals["lexical"], dtype=np.float64),
    }
    columns = [
        derived[name] if name in derived else np.asarray(signals[name], dtype=np.float64)
        for name in names
    ]
    return np.column_stack([np.broadcast_to(c, occupation.shape) for c in columns])


@dataclass(frozen=True)
class Logistic:
    """One logistic regression: named inputs, their weights and the intercept."""

    names: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, signals: Mapping[str, np.ndarray | float]) -> np.ndarray:
        """Return P(positive) for every pair."""
        z = inputs(signals, self.names) @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def fit(
        cls,
        signals: Mapping[str, np.ndarray],
        target: np.ndarray,
        names: Sequence[str],
        *,
        c: float = 1.0,
        weight: np.ndarray | None = None,
    ) -> Logistic:
        """Fit on pairs; inputs in MONOTONE whose weight comes out negative are dropped
        (weight 0) and the rest refitted, until every such weight is non-negative."""
        from sklearn.linear_model import LogisticRegression

        kept = list(names)
        while True:
            x = inputs(signals, kept)
            usable = [n for n, column in zip(kept, x.T, strict=True) if np.ptp(column) > 0]
            if len(usable) < len(kept):
                kept = usable
                continue
            model = LogisticRegression(C=c, max_iter=2000).fit(x, target, sample_weight=weight)
            weights = dict(zip(kept, model.coef_[0], strict=True))
            negative = [n for n in kept if n in MONOTONE and weights[n] < 0]
            if not negative:
                break
            kept.remove(min(negative, key=lambda n: weights[n]))
        return cls(
            names=tuple(names),
            coef=tuple(float(weights.get(n, 0.0)) for n in names),
            intercept=float(model.intercept_[0]),
        )


@dataclass(frozen=True)
class ScoreModel:
    """The two fitted parts and where they were fitted."""

    relevant: Logistic
    takeable: Logistic
    about: dict[str, Any] = field(default_factory=dict, compare=False)
    # Twins without the occupation inputs, for pairs whose occupation evidence is missing.
    relevant_unknown: Logistic | None = None
    takeable_unknown: Logistic | None = None

    def score(self, signals: Mapping[str, np.ndarray]) -> np.ndarray:
        """Return every pair's score in [0, 1] (see the module's docstring)."""
        relevant = self.relevant.probability(signals)
        takeable = self.takeable.probability(signals)
        if self.relevant_unknown is not None and self.takeable_unknown is not None:
            known = np.asarray(signals[OCCUPATION_KNOWN], dtype=np.float64) > 0
            relevant = np.where(known, relevant, self.relevant_unknown.probability(signals))
            takeable = np.where(known, takeable, self.takeable_unknown.probability(signals))
        gain = relevant * (1 + 2 * takeable)
        tier = 1.0 - np.asarray(signals[UNRELATED], dtype=np.float64)
        return ((tier + gain / 3) / 2).astype(np.float32)

    @classmethod
    def fit(
        cls,
        signals: Mapping[str, np.ndarray],
        grades: np.ndarray,
        *,
        c: float = 1.0,
        weight: np.ndarray | None = None,
        about: Mapping[str, Any] | None = None,
    ) -> ScoreModel:
        """Fit both parts on graded pairs (0, 1, 2): all pairs for relevance, pairs of
        grade >= 1 for what makes a relevant job one the seeker can take. `weight` weighs
        pairs (e.g. so that each source counts alike)."""
        grades = np.asarray(grades)
        some = grades >= 1
        some_signals = {name: np.asarray(values)[some] for name, values in signals.items()}
        some_weight = None if weight is None else np.asarray(weight)[some]

        def relevant(names: Sequence[str]) -> Logistic:
            return Logistic.fit(signals, grades >= 1, names, c=c, weight=weight)

        def takeable(names: Sequence[str]) -> Logistic:
            return Logistic.fit(some_signals, grades[some] == 2, names, c=c, weight=some_weight)

        # The twins are fitted on every pair: P(relevant | text, skills) with the
        # occupation left unobserved, the estimate a pair without it deserves.
        return cls(
            relevant(RELEVANCE_INPUTS),
            takeable(FIT_INPUTS),
            dict(about or {}),
            relevant(RELEVANCE_UNKNOWN),
            takeable(FIT_UNKNOWN),
        )

    def to_json(self) -> str:
        """Return the model as JSON, for matching/data/score_model.json."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, raw: str) -> ScoreModel:
        """Read a model written by `to_json`."""
        data = json.loads(raw)

        def part(values: dict[str, Any]) -> Logistic:
            return Logistic(tuple(values["names"]), tuple(values["coef"]), values["intercept"])

        twins = [data.get(name) for name in ("relevant_unknown", "takeable_unknown")]
        return cls(
            part(data["relevant"]),
            part(data["takeable"]),
            data.get("about", {}),
            *(part(twin) if twin else None for twin in twins),
        )

    @classmethod
    @cache
    def default(cls) -> ScoreModel:
        """Return the shipped model, fitted by scripts/fit_weights.py."""
        return cls.from_json(DATA_FILE.read_text(encoding="utf-8"))
