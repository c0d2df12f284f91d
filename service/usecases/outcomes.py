"""Learning from outcomes: the signals a match had when it was opened, exported with the
outcome that followed, and the matcher's score model fitted on them.

Grades are those of the labelled sets the shipped model was fitted on (matching.scoring):
0 not the seeker's kind of work, 1 relevant, 2 a job the seeker can take. An outcome
maps to a grade by what the employer did, the only judgement of the pair on record:
- hired: 2;
- contacted or interview reached, and no hire (whatever happened next: still open,
  rejected, withdrawn, or obsolete because hired elsewhere): 1, since the employer saw
  enough in the pair to reach out;
- rejected before any contact: 0;
- left out, as they judge nothing yet: applied with no answer (an unanswered application
  is not a refusal, and counting it as one would teach the model that recent pairs are
  bad), withdrawn or obsolete before any contact (the seeker's reasons, or a job found
  elsewhere, say nothing about the pair), and suggestions nobody acted on.
A match still open at contacted or interview may yet end in a hire: it is exported at the
grade it has now, and `final` says whether its story has ended.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import IO, Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.features import SIGNALS
from matching.scoring import ScoreModel
from models import Match, Seeker
from models.enums import MatchStatus
from service.usecases.indexing import LiveIndex, seeker_profile

log = logging.getLogger("jumush.outcomes")

S = MatchStatus

# Furthest stage first: the stage a match reached, read from its funnel flags.
STAGES_FURTHEST_FIRST = (S.HIRED, S.INTERVIEW, S.CONTACTED, S.APPLIED)
ENDED = frozenset({S.HIRED, S.REJECTED, S.WITHDRAWN, S.OBSOLETE})

# Each grade must have this many pairs to be fitted on, and this many more to be held out:
# fewer than ten of a kind and a logistic part learns the handful, not the rule.
MIN_PER_GRADE = 10
HELD_OUT_SHARE = 0.25


def model_digest(model: ScoreModel) -> str:
    """Return a short digest that names a score model (its JSON, `about` included)."""
    return hashlib.sha256(model.to_json().encode()).hexdigest()[:12]


@dataclass(frozen=True)
class PairSignals:
    """A pair's signals as the matcher had them, with the score model and encoder."""

    signals: dict[str, float]
    model: str
    encoder: str


def pair_signals(
    *, session: Session, matcher: LiveIndex, seeker: Seeker, vacancy_id: int, today: date
) -> PairSignals | None:
    """Return the signals of a seeker and a vacancy as the matcher has them now, or None
    when it cannot rank the pair (vacancy not indexed, profile too empty, any failure)."""
    try:
        matcher.sync(session, today)
        ranking = matcher.rank_vacancies(
            seeker_profile(seeker), 1, only_ids=[str(vacancy_id)], today=today
        )
    except Exception:
        # A record for learning must never cost a seeker the application it goes with.
        log.warning("pair signals not recorded", exc_info=True, extra={"vacancy": vacancy_id})
        # A failed catch-up may leave half-stored vectors or a failed transaction behind.
        session.rollback()
        return None
    if not ranking.items:
        return None
    # Always the seeker-to-vacancy direction, so every record is read the same way
    # whoever opened the match (the two directions differ only in the text signals).
    (item,) = ranking.items
    return PairSignals(
        signals={name: round(float(value), 6) for name, value in item.signals.items()},
        model=model_digest(matcher.matcher.model),
        encoder=matcher.encoder.name[:200],
    )


def record_signals(match: Match, recorded: PairSignals | None) -> None:
    """Keep the pair's signals on the match (null when there are none)."""
    match.signals = None if recorded is None else dict(recorded.signals)
    match.signals_model = None if recorded is None else recorded.model
    match.signals_encoder = None if recorded is None else recorded.encoder


def furthest_stage(
    applied: bool, contacted: bool, interview: bool, hired: bool
) -> MatchStatus | None:
    """Return the furthest funnel stage a match reached (None: only suggested)."""
    reached = {S.APPLIED: applied, S.CONTACTED: contacted, S.INTERVIEW: interview, S.HIRED: hired}
    return next((stage for stage in STAGES_FURTHEST_FIRST if reached[stage]), None)


def grade_of(status: MatchStatus, reached: MatchStatus | None) -> int | None:
    """Return the grade an outcome maps to, or None when it judges nothing yet (see above)."""
    if status is S.HIRED:
        return 2
    if reached in (S.CONTACTED, S.INTERVIEW):
        return 1
    if status is S.REJECTED:
        return 0
    return None


def outcome_name(status: MatchStatus, reached: MatchStatus | None) -> str:
    """Return how a match ended, or the furthest stage an open one reached."""
    if status in ENDED or reached is None:
        return status.value
    return reached.value


@dataclass
class ExportSummary:
    """What an export wrote, by outcome, and what it left out, by why."""

    written: Counter[str] = field(default_factory=Counter)
    left_out: Counter[str] = field(default_factory=Counter)


def export_outcomes(*, session: Session, out: IO[str], since: date | None = None) -> ExportSummary:
    """Write one JSON line per match that has signals and a graded outcome: the signals,
    the outcome, its grade, the score model and encoder; no personal data and no ids (each
    line gets a random pair token). Only seekers who consent and have not left count."""
    query = (
        select(
            Match.status,
            Match.reached_applied,
            Match.reached_contacted,
            Match.reached_interview,
            Match.reached_hired,
            Match.signals,
            Match.signals_model,
            Match.signals_encoder,
        )
        .join(Seeker, Seeker.id == Match.seeker_id)
        .where(
            Seeker.consent.is_(True),
            Seeker.withdrawn_at.is_(None),
            Seeker.deleted_at.is_(None),
            Match.status != S.SUGGESTED,
        )
        .order_by(Match.id)
        .execution_options(yield_per=1000)
    )
    if since is not None:
        query = query.where(Match.created_at >= datetime.combine(since, time(), tzinfo=UTC))
    summary = ExportSummary()
    for row in session.execute(query):
        status = S(row.status)
        reached = furthest_stage(
            row.reached_applied, row.reached_contacted, row.reached_interview, row.reached_hired
        )
        outcome = outcome_name(status, reached)
        grade = grade_of(status, reached)
        if grade is None:
            summary.left_out[f"{outcome} (no judgement yet)"] += 1
            continue
        if not row.signals:
            summary.left_out["no signals recorded"] += 1
            continue
        line = {
            "pair": secrets.token_hex(8),
            "outcome": outcome,
            "reached": None if reached is None else reached.value,
            "final": status in ENDED,
            "grade": grade,
            "signals": row.signals,
            "model": row.signals_model,
            "encoder": row.signals_encoder,
        }
        out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        summary.written[outcome] += 1
    return summary


class OutcomeFileError(ValueError):
    """An exported outcomes file that cannot be read (the message names the line)."""


class TooFewOutcomes(ValueError):
    """Too few graded pairs to fit on (the message says how many of each there are)."""


@dataclass(frozen=True)
class OutcomePairs:
    """Graded pairs read from an export: signals (name -> values) and grades."""

    signals: dict[str, np.ndarray]
    grades: np.ndarray
    outcomes: Counter[str]
    models: Counter[str]
    encoders: Counter[str]
    # Lines lacking a signal the model needs (recorded by an older matcher).
    incomplete: int = 0

    def __len__(self) -> int:
        return len(self.grades)

    def subset(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Return the signals of the given rows."""
        return {name: values[rows] for name, values in self.signals.items()}


def read_outcomes(lines: Iterable[str]) -> OutcomePairs:
    """Read the JSON lines written by `export_outcomes`."""
    columns: dict[str, list[float]] = {name: [] for name in SIGNALS}
    grades: list[int] = []
    outcomes: Counter[str] = Counter()
    models: Counter[str] = Counter()
    encoders: Counter[str] = Counter()
    incomplete = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            grade, signals = line["grade"], line["signals"]
        except (ValueError, KeyError, TypeError) as exc:
            raise OutcomeFileError(f"line {number}: not an exported outcome ({exc})") from None
        if grade not in (0, 1, 2) or not isinstance(signals, dict):
            raise OutcomeFileError(f"line {number}: grade must be 0, 1 or 2, signals an object")
        if any(not isinstance(signals.get(name), int | float) for name in SIGNALS):
            incomplete += 1
            continue
        for name in SIGNALS:
            columns[name].append(float(signals[name]))
        grades.append(int(grade))
        outcomes[str(line.get("outcome"))] += 1
        models[str(line.get("model"))] += 1
        encoders[str(line.get("encoder"))] += 1
    return OutcomePairs(
        signals={name: np.asarray(values, dtype=np.float64) for name, values in columns.items()},
        grades=np.asarray(grades, dtype=np.int64),
        outcomes=outcomes,
        models=models,
        encoders=encoders,
        incomplete=incomplete,
    )


@dataclass(frozen=True)
class HeldOut:
    """Figures on pairs neither model was fitted on: the fitted one and the shipped one."""

    pairs: int
    fitted: dict[str, float]
    shipped: dict[str, float]


@dataclass(frozen=True)
class OutcomeFit:
    """A score model fitted on outcomes, and how it did on pairs held out of its fit."""

    model: ScoreModel
    grades: dict[int, int]
    held_out: HeldOut | None
    # Why there are no held-out figures, when there are none.
    held_out_note: str = ""


def grade_counts(grades: np.ndarray) -> dict[int, int]:
    """Return how many pairs have each grade."""
    return {grade: int(np.sum(grades == grade)) for grade in (0, 1, 2)}


def fit_outcomes(
    *,
    pairs: OutcomePairs,
    baseline: ScoreModel,
    min_pairs: int,
    c: float = 1.0,
    seed: int = 0,
    about: dict[str, Any] | None = None,
) -> OutcomeFit:
    """Fit the score model on graded pairs; with enough of each grade, first fit it on three
    quarters (split at random, stratified by grade) and compare it with `baseline` on the
    rest. Raise TooFewOutcomes below `min_pairs` or MIN_PER_GRADE of any grade."""
    counts = grade_counts(pairs.grades)
    if len(pairs) < min_pairs or min(counts.values()) < MIN_PER_GRADE:
        raise TooFewOutcomes(
            f"too few outcomes to fit: {len(pairs)} graded pairs "
            f"(grade 0, rejected before contact: {counts[0]}; grade 1, contacted or "
            f"interviewed: {counts[1]}; grade 2, hired: {counts[2]}); "
            f"need at least {min_pairs} pairs and {MIN_PER_GRADE} of each grade"
        )
    held_out, note = None, ""
    needed = int(np.ceil(MIN_PER_GRADE / HELD_OUT_SHARE))
    if min(counts.values()) >= needed:
        held_out = _held_out(pairs, baseline, c=c, seed=seed)
    else:
        note = (
            f"no held-out figures: they need {needed} pairs of each grade "
            f"({MIN_PER_GRADE} in the held-out quarter)"
        )
    details = {
        **(about or {}),
        "fitted_on": ["outcomes"],
        "pairs": len(pairs),
        "grades": {str(g): n for g, n in counts.items()},
        "outcomes": dict(sorted(pairs.outcomes.items())),
        "C": c,
        "held_out": None
        if held_out is None
        else {
            "pairs": held_out.pairs,
            "split": f"random, stratified by grade, seed {seed}",
            "fitted": held_out.fitted,
            "shipped": held_out.shipped,
        },
    }
    model = ScoreModel.fit(pairs.signals, pairs.grades, c=c, about=details)
    return OutcomeFit(model=model, grades=counts, held_out=held_out, held_out_note=note)


def _held_out(pairs: OutcomePairs, baseline: ScoreModel, *, c: float, seed: int) -> HeldOut:
    # The export has no seeker ids (by design), so the split is by pair: one seeker's pairs
    # may fall on both sides, which flatters both models alike.
    rng = np.random.default_rng(seed)
    test = np.zeros(len(pairs), dtype=bool)
    for grade in (0, 1, 2):
        rows = np.flatnonzero(pairs.grades == grade)
        test[rng.choice(rows, size=round(len(rows) * HELD_OUT_SHARE), replace=False)] = True
    fitted = ScoreModel.fit(pairs.subset(~test), pairs.grades[~test], c=c)
    signals, grades = pairs.subset(test), pairs.grades[test]
    return HeldOut(
        pairs=int(test.sum()),
        fitted=part_figures(fitted, signals, grades),
        shipped=part_figures(baseline, signals, grades),
    )


def part_figures(
    model: ScoreModel, signals: dict[str, np.ndarray], grades: np.ndarray
) -> dict[str, float]:
    """Return each part's log-loss and AUC on graded pairs: `relevant` on all of them
    (grade >= 1), `takeable` on the relevant ones (grade 2)."""
    from sklearn.metrics import log_loss, roc_auc_score

    relevant = (grades >= 1).astype(int)
    p_relevant = model.relevant.probability(signals)
    some = relevant == 1
    p_takeable = model.takeable.probability({n: v[some] for n, v in signals.items()})
    hired = (grades[some] == 2).astype(int)
    return {
        "relevant_log_loss": round(float(log_loss(relevant, p_relevant, labels=[0, 1])), 4),
        "relevant_auc": round(float(roc_auc_score(relevant, p_relevant)), 4),
        "takeable_log_loss": round(float(log_loss(hired, p_takeable, labels=[0, 1])), 4),
        "takeable_auc": round(float(roc_auc_score(hired, p_takeable)), 4),
    }
