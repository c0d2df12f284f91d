"""The skill-gap benchmark's scoring, on the real labelled set with oracle recommenders."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.types import SeekerProfile
from scripts.bench_skill_gaps import SET, Labels, Score, evaluate, load

HERE = Path(__file__).resolve().parents[2] / SET


@pytest.mark.skipif(not HERE.exists(), reason="benchmarks/skill_gaps is not in this checkout")
def test_an_oracle_scores_one_and_the_opposite_zero() -> None:
    data = load(HERE)
    ranked = {p.id: [] for p in data.seekers}

    def oracle(profile: SeekerProfile, _: object) -> list[str]:
        return sorted(data.labels[profile.id].should)

    def contrarian(profile: SeekerProfile, _: object) -> list[str]:
        return sorted(data.labels[profile.id].should_not)

    best = evaluate(data, ranked, oracle)["all"]
    assert (best.right, best.wrong, best.right == best.should) == (best.should, 0, True)
    assert best.not_pushed == best.fit_seekers > 0
    worst = evaluate(data, ranked, contrarian)["all"]
    assert worst.right == 0 and worst.wrong > 0
    assert worst.not_pushed < worst.fit_seekers


def test_unjudged_pairs_count_neither_way_and_nothing_is_no_push() -> None:
    labels = Labels(should=frozenset({"c1"}), should_not=frozenset({"c2"}))
    score = Score()
    score.add("s1", ["c1", "c2", "c3"], labels)
    assert (score.recommended, score.right, score.wrong, score.should) == (3, 1, 1, 1)
    fit = Labels(should=frozenset(), should_not=frozenset({"c2"}))
    score.add("s2", ["c3"], fit)  # unjudged only: still no push
    score.add("s3", ["c2"], fit)
    assert (score.fit_seekers, score.not_pushed) == (2, 1)
    assert score.violators == {"s1", "s3"}
    assert score.row() == "3 | 0.333 | 0.200 | 1.000 (1/1) | 2 (2) | 0.500 (1/2)"
