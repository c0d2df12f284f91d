"""Ranking quality through the API with the real default encoder, on a labelled set.

Every other test above unit level runs on the hashing fake encoder (`TEST_CONFIG`), so a
service that broke with the real model (a packaged model or its centring statistics
missing, vectors of another size in the database, an indexing or language slip between
the benchmark and the views) would pass them all. Here the multilingual benchmark
(`benchmarks/multilingual`: 80 vacancies, 96 seekers in Kyrgyz, Russian, English and
mixed, graded pairs) goes through the service as integrators send it: an employer posts
the vacancies, a partner registers the seekers, and each seeker's
`GET /api/v1/seekers/<id>/recommendations?limit=10` is scored with the benchmark's own
metrics. The whole set, not a subset: about a minute a test on 2 busy shared cores.

What the floors guard is the service end to end (encoder, vocabularies, shipped score
model, index, API), not the encoder's own share: with the hashing fake in its place the
service scores the same on this set (nDCG@10 0.989, MRR@10 0.995 on 2026-12-02), since
the occupation vocabulary names the job of every vacancy and of 91 of the 96 seekers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import service.platform.matcher as platform_matcher
from matching.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from matching.types import SeekerProfile, VacancyDoc
from scripts.bench_multilingual import LabelledSet, load
from scripts.ranking_metrics import ndcg, reciprocal_rank
from service.platform.matcher import get_matcher
from tests.http.api.conftest import Caller, make_user, register, seeker_body, vacancy_body

pytestmark = pytest.mark.slow

SET = Path("benchmarks/multilingual")

# Floors a margin below what the service measured on 2026-12-02 at commit c7f603a, on
# SQLite and PostgreSQL alike (the ranking is deterministic): nDCG@10 0.985 and MRR@10
# 0.995 over all 96 seekers, 0.983 / 1.000 over the 39 who write Kyrgyz (0.989 / 0.995
# and 0.987 / 1.000 with the skill-concept signal then in progress). The nDCG floor is
# above the hand-tuned weights the matcher had before its weights were learnt (0.878
# all, 0.846 Kyrgyz); the learnt model is fitted on this set, so these are in-sample. A
# drop below a floor is a regression to explain, not noise. The full figures, with
# baselines, per language and out of sample: `python -m scripts.bench_multilingual` and
# `python -m scripts.fit_weights --dry-run` (benchmarks/RESULTS.md).
FLOOR = {"all": (0.93, 0.95), "ky": (0.93, 0.95)}


@dataclass(frozen=True)
class Scores:
    """Mean nDCG@10 and MRR@10 of a group of seekers."""

    ndcg: float
    mrr: float
    seekers: int


@pytest.fixture(scope="module")
def load_shared() -> Callable[[str], Encoder]:
    """Return `load_encoder` with each spec loaded once for the module (models load once)."""
    loaded: dict[str, Encoder] = {}

    def shared(spec: str) -> Encoder:
        if spec not in loaded:
            loaded[spec] = load_encoder(spec)
        return loaded[spec]

    return shared


@pytest.fixture
def real_app(
    app: Flask, load_shared: Callable[[str], Encoder], monkeypatch: pytest.MonkeyPatch
) -> Flask:
    """The `app` fixture's application with the setting production ships: the default."""
    monkeypatch.setattr(platform_matcher, "load_encoder", load_shared)
    app.config["ENCODER"] = ""
    return app


@pytest.fixture(scope="module")
def labelled() -> LabelledSet:
    return load(SET)


def test_the_service_ranks_the_labelled_set_above_its_floors(
    real_app: Flask,
    client: FlaskClient,
    labelled: LabelledSet,
    load_shared: Callable[[str], Encoder],
) -> None:
    scores = _score_through_api(real_app, client, labelled, labelled.vacancies)
    # An empty setting is the benchmarked default, not the tests' fake.
    assert get_matcher(real_app).encoder is load_shared(DEFAULT_ENCODER)
    assert scores["all"].seekers == len(labelled.seekers)
    for group, (ndcg_floor, mrr_floor) in FLOOR.items():
        assert scores[group].ndcg >= ndcg_floor, (group, scores[group])
        assert scores[group].mrr >= mrr_floor, (group, scores[group])


def test_the_floors_fail_when_the_vacancies_texts_are_shuffled(
    real_app: Flask, client: FlaskClient, labelled: LabelledSet
) -> None:
    # Same places, types, pay and languages, each with another vacancy's words: if this
    # still reached the floors, they would not be measuring the ranking (measured with
    # the figures above: nDCG@10 0.10-0.11, MRR@10 0.06-0.07).
    scores = _score_through_api(real_app, client, labelled, _shuffled_texts(labelled.vacancies))
    for group, (ndcg_floor, mrr_floor) in FLOOR.items():
        assert scores[group].ndcg < ndcg_floor, (group, scores[group])
        assert scores[group].mrr < mrr_floor, (group, scores[group])


def _score_through_api(
    app: Flask, client: FlaskClient, labelled: LabelledSet, vacancies: list[VacancyDoc]
) -> dict[str, Scores]:
    """Post the vacancies and seekers, ask each seeker's top 10; score them by group."""
    employer = register(client)
    vacancy_ids = {}  # the service's id -> the set's
    for doc in vacancies:
        response = employer.post("/api/v1/vacancies", json=_vacancy(doc))
        assert response.status_code == 201, response.get_json()
        vacancy_ids[response.get_json()["id"]] = doc.id
    partner = make_user(app, client, "partner")
    per_group: dict[str, list[tuple[float, float]]] = {}
    for profile in labelled.seekers:
        ranked = [vacancy_ids[i] for i in _recommended(partner, profile)]
        grades = labelled.qrels.get(profile.id, {})
        best = {v for v, g in grades.items() if g == 2}
        result = (ndcg(ranked, grades), reciprocal_rank(ranked, best))
        for group in labelled.groups[profile.id]:
            per_group.setdefault(group, []).append(result)
    return {
        group: Scores(mean(r[0] for r in rows), mean(r[1] for r in rows), len(rows))
        for group, rows in per_group.items()
    }


def _recommended(partner: Caller, profile: SeekerProfile) -> list[int]:
    """Register a seeker through the API and return their ten recommended vacancy ids."""
    response = partner.post("/api/v1/seekers", json=_seeker(profile))
    assert response.status_code == 201, response.get_json()
    seeker_id = response.get_json()["id"]
    response = partner.get(f"/api/v1/seekers/{seeker_id}/recommendations?limit=10")
    assert response.status_code == 200, response.get_json()
    return [item["vacancy_id"] for item in response.get_json()["items"]]


def _vacancy(doc: VacancyDoc) -> dict[str, Any]:
    """Return the API body of a set's vacancy (open, no closing date, as in the set)."""
    return vacancy_body(
        external_id=f"multilingual-{doc.id}",
        title=doc.title,
        description=doc.description,
        skills=list(doc.skills),
        region=doc.region,
        remote=doc.remote,
        employment_type=doc.employment_type,
        salary_min=doc.salary_min,
        salary_max=doc.salary_max,
        languages=list(doc.languages),
        valid_through=None,
    )


def _seeker(profile: SeekerProfile) -> dict[str, Any]:
    """Return the API body of a set's seeker (what the matcher reads, and valid rest)."""
    return seeker_body(
        full_name=f"Seeker {profile.id}",
        phone=f"+996 700 {int(profile.id):06d}",
        email=f"seeker{profile.id}@example.invalid",
        desired_position=profile.desired_position,
        skills=list(profile.skills),
        experience=profile.experience,
        region=profile.region,
        employment_types=list(profile.employment_types),
        salary_expectation=profile.salary_expectation,
        languages=list(profile.languages),
        preferred_language=profile.preferred_language,
    )


def _shuffled_texts(vacancies: list[VacancyDoc]) -> list[VacancyDoc]:
    """Return the vacancies with titles, descriptions and skills dealt out among them."""
    texts = [(v.title, v.description, v.skills) for v in vacancies]
    random.Random(14).shuffle(texts)
    return [
        replace(v, title=title, description=description, skills=skills)
        for v, (title, description, skills) in zip(vacancies, texts, strict=True)
    ]
