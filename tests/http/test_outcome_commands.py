"""`jumush export-outcomes` and `jumush fit-outcomes`: a small database's outcomes,
drawn from a known score model, exported and fitted back through the command line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.orm import Session

from matching.scoring import DATA_FILE, ScoreModel
from models import Match
from models.enums import ActorKind, MatchStatus
from service.usecases.clock import utcnow
from service.usecases.matches import record_transition
from tests.support import CommandRunner, make_employer, make_seeker, make_vacancy
from tests.unit.test_outcome_learning import KNOWN, draw_grades, draw_signals

S = MatchStatus
# The way each grade's matches went (see service/usecases/outcomes.py).
PATH_OF_GRADE = {
    0: [S.APPLIED, S.REJECTED],
    1: [S.APPLIED, S.CONTACTED, S.INTERVIEW, S.REJECTED],
    2: [S.CONTACTED, S.INTERVIEW, S.HIRED],
}
SEEKERS, VACANCIES = 20, 12


@pytest.fixture
def outcomes(session: Session) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Store 240 matches with signals and outcomes drawn from KNOWN, plus some that the
    export leaves out; return the drawn signals and grades."""
    rng = np.random.default_rng(11)
    n = SEEKERS * VACANCIES
    signals = draw_signals(n, rng)
    grades = draw_grades(KNOWN, signals, rng)
    employer = make_employer(session)
    vacancies = [make_vacancy(session, employer) for _ in range(VACANCIES)]
    seekers = [make_seeker(session, full_name=f"Тест Издөөчү {i}") for i in range(SEEKERS)]
    now = utcnow()
    for i, grade in enumerate(grades):
        match = Match(
            seeker_id=seekers[i // VACANCIES].id,
            vacancy_id=vacancies[i % VACANCIES].id,
            status=S.APPLIED,
            signals={name: float(values[i]) for name, values in signals.items()},
            signals_model="abc123def456",
            signals_encoder="hashing-256",
        )
        for status in PATH_OF_GRADE[int(grade)]:
            record_transition(match, status, ActorKind.SYSTEM, None, now, None)
        session.add(match)
    unanswered = make_seeker(session)
    match = Match(seeker_id=unanswered.id, vacancy_id=vacancies[0].id, status=S.APPLIED)
    match.signals = dict.fromkeys(signals, 0.5)
    record_transition(match, S.APPLIED, ActorKind.SYSTEM, None, now, None)
    session.add(match)
    session.commit()
    return signals, grades


def test_outcomes_go_out_and_come_back_as_the_model_fitted_on_them(
    runner: CommandRunner,
    outcomes: tuple[dict[str, np.ndarray], np.ndarray],
    tmp_path: Path,
) -> None:
    signals, grades = outcomes
    exported, model_file = tmp_path / "outcomes.jsonl", tmp_path / "model.json"
    result = runner.invoke("export-outcomes", "--out", str(exported))
    assert result.exit_code == 0, result.output
    assert f"exported {len(grades)} outcomes" in result.output
    assert "left out: 1 applied (no judgement yet)" in result.output
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["grade"] for line in lines) == sorted(grades.tolist())
    assert "Тест Издөөчү" not in exported.read_text(encoding="utf-8")

    result = runner.invoke(
        "fit-outcomes", "--in", str(exported), "--out", str(model_file), "--min-pairs", "100"
    )
    assert result.exit_code == 0, result.output
    fitted = ScoreModel.from_json(model_file.read_text(encoding="utf-8"))
    # The export carried every pair's signals and grade intact: the command's model is the
    # one fitted on what was stored.
    direct = ScoreModel.fit(signals, grades)
    for part, same in ((fitted.relevant, direct.relevant), (fitted.takeable, direct.takeable)):
        assert part.coef == pytest.approx(same.coef, abs=1e-6)
        assert part.intercept == pytest.approx(same.intercept, abs=1e-6)
    assert fitted.about["pairs"] == len(grades) and fitted.about["fitted_on"] == ["outcomes"]
    assert fitted.about["held_out"]["pairs"] == pytest.approx(len(grades) / 4, abs=2)
    output = result.output
    assert f"{len(grades)} graded pairs" in output
    assert "relevant: text " in output and "takeable: occupation_same " in output
    assert "held out: " in output and "shipped" in output and "relevant_auc" in output
    assert f"wrote {model_file}" in output


def test_fitting_too_few_outcomes_is_refused_in_one_line(
    runner: CommandRunner,
    outcomes: tuple[dict[str, np.ndarray], np.ndarray],
    tmp_path: Path,
) -> None:
    exported, model_file = tmp_path / "outcomes.jsonl", tmp_path / "model.json"
    assert runner.invoke("export-outcomes", "--out", str(exported)).exit_code == 0
    result = runner.invoke(
        "fit-outcomes", "--in", str(exported), "--out", str(model_file), "--min-pairs", "1000"
    )
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "too few outcomes to fit" in line and "need at least 1000 pairs" in line
    assert not model_file.exists()


def test_fitting_writes_beside_the_shipped_model_never_over_it(
    runner: CommandRunner,
    outcomes: tuple[dict[str, np.ndarray], np.ndarray],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = hashlib.sha256(DATA_FILE.read_bytes()).hexdigest()
    exported = tmp_path / "outcomes.jsonl"
    assert runner.invoke("export-outcomes", "--out", str(exported)).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = runner.invoke("fit-outcomes", "--in", str(exported), "--min-pairs", "100")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outcome_model.json").exists()
    assert hashlib.sha256(DATA_FILE.read_bytes()).hexdigest() == shipped
