"""Occupation decides before place: a metamorphic test over both labelled sets.

For every seeker, a vacancy whose occupation the seeker names (in what they want or did)
never ranks below one whose occupation is unrelated to everything the seeker names, when
the named one is moved to the worst place, type and pay for the seeker and the unrelated
one to the best: region far away and not remote against the seeker's own region and
remote, a type they did not ask for against one they did, pay below against above their
expectation. Texts, and so vectors, stay as they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from matching.encoders import DEFAULT_ENCODER, Encoder, HashingEncoder, load_encoder
from matching.features import loosely_shared, seeker_features, vacancy_features
from matching.occupations import OccupationVocabulary
from matching.ranker import Matcher
from matching.regions import Regions
from matching.types import SeekerProfile, VacancyDoc
from models.enums import EmploymentType, Region
from scripts.bench_multilingual import TODAY, LabelledSet, load
from tests.unit.matching.conftest import seeker, vacancies

SETS = [Path("benchmarks/multilingual"), Path("benchmarks/market")]
REGIONS = [r.value for r in Region]
TYPES = [t.value for t in EmploymentType]


def _far_region(profile: SeekerProfile, regions: Regions) -> str:
    """Return a region that is neither the seeker's, nor named by them, nor near."""
    named = regions.named_in(profile.desired_position, profile.experience)
    for region in REGIONS:
        if region == profile.region or region in named or region in regions.seasonal:
            continue
        if any(frozenset((base, region)) in regions.adjacent for base in {profile.region, *named}):
            continue
        return region
    raise AssertionError(f"no far region for {profile}")


def worst(doc: VacancyDoc, profile: SeekerProfile, regions: Regions) -> VacancyDoc:
    """Move a vacancy to the worst place, type and pay for the seeker."""
    unwanted = [t for t in TYPES if t not in profile.employment_types and t != "seasonal"]
    pay = max((profile.salary_expectation or 0) - 1000, 0)
    return dataclasses.replace(
        doc,
        id=f"named:{doc.id}",
        region=_far_region(profile, regions),
        remote=False,
        employment_type=unwanted[0] if profile.employment_types else doc.employment_type,
        salary_min=pay,
        salary_max=pay,
    )


def best(doc: VacancyDoc, profile: SeekerProfile) -> VacancyDoc:
    """Move a vacancy to the best place, type and pay for the seeker."""
    pay = (profile.salary_expectation or 0) + 100_000
    return dataclasses.replace(
        doc,
        id=f"unrelated:{doc.id}",
        region=profile.region,
        remote=True,
        employment_type=(profile.employment_types or (doc.employment_type,))[0],
        salary_min=pay,
        salary_max=pay,
    )


def pairs_of(
    profile: SeekerProfile, docs: list[VacancyDoc], vocabulary: OccupationVocabulary
) -> tuple[list[VacancyDoc], list[VacancyDoc]]:
    """Return the vacancies whose occupation the seeker names, and the unrelated ones."""
    ours = seeker_features(profile, vocabulary, Regions.default())
    everything = ours.codes | ours.guesses
    named, unrelated = [], []
    for doc in docs:
        theirs = vacancy_features(doc, vocabulary)
        if theirs.codes & ours.core_codes:
            named.append(doc)
        elif theirs.occupations and not loosely_shared(everything, theirs.occupations, vocabulary):
            unrelated.append(doc)
    return named, unrelated


def violations(
    encoder: Encoder,
    profiles: list[SeekerProfile],
    docs: list[VacancyDoc],
    ranker: type[Matcher] = Matcher,
) -> Iterator[str]:
    """Yield every (seeker, named, unrelated) triple ranked the wrong way round."""
    vocabulary = OccupationVocabulary.default()
    regions = Regions.default()
    vectors = dict(zip([d.id for d in docs], Matcher(encoder).encode_vacancies(docs), strict=True))
    for profile in profiles:
        named, unrelated = pairs_of(profile, docs, vocabulary)
        if not named or not unrelated:
            continue
        moved = [worst(d, profile, regions) for d in named] + [best(d, profile) for d in unrelated]
        matcher = ranker(encoder, vocabulary=vocabulary)
        ids = [d.id.split(":", 1)[1] for d in moved]
        matcher.upsert_vacancies(moved, np.stack([vectors[i] for i in ids]))
        ranked = [i.id for i in matcher.rank_vacancies(profile, len(moved), today=TODAY).items]
        lowest_named = max(ranked.index(f"named:{d.id}") for d in named)
        highest_unrelated = min(ranked.index(f"unrelated:{d.id}") for d in unrelated)
        if lowest_named > highest_unrelated:
            yield f"seeker {profile.id}: {ranked[highest_unrelated]} above {ranked[lowest_named]}"


@cache
def labelled(path: Path) -> LabelledSet:
    return load(path)


def test_the_sample_seekers_see_their_occupation_before_any_unrelated_job() -> None:
    profiles = [
        seeker(),
        seeker(desired_position="ашпозчу", skills=(), experience="", region="naryn"),
        seeker(desired_position="водитель", skills=("вождение",), region="osh"),
        seeker(desired_position="швея", experience="шила в цеху", employment_types=()),
    ]
    assert list(violations(HashingEncoder(), profiles, vacancies())) == []


def test_the_check_fails_when_place_decides() -> None:
    """Under a score that puts remote work first, an unrelated remote job in the seeker's
    region beats their own occupation far away, and the check says so."""

    class RemoteFirst(Matcher):
        def _rank(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            ranking = super()._rank(*args, **kwargs)
            items = sorted(ranking.items, key=lambda i: -(i.signals["remote"] + i.score))
            return dataclasses.replace(ranking, items=tuple(items))

    profile = seeker(desired_position="ашпозчу", skills=(), experience="", region="naryn")
    assert list(violations(HashingEncoder(), [profile], vacancies(), RemoteFirst))


@pytest.mark.slow
@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_seeker_of_both_sets_sees_their_occupation_first_with_the_real_encoder(
    path: Path,
) -> None:
    data = labelled(path)
    found = list(violations(real_encoder(), data.seekers, data.vacancies))
    assert found == []


@cache
def real_encoder() -> Encoder:
    return load_encoder(DEFAULT_ENCODER)
