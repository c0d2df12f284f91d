"""The matcher's inputs cannot carry protected or reporting-only attributes."""

from __future__ import annotations

import dataclasses

import pytest

from matching.types import Ranking, SeekerProfile, VacancyDoc

FORBIDDEN = {
    "gender",
    "sex",
    "birth_year",
    "age",
    "age_band",
    "disability",
    "lost_job_due_to_covid",
    "covid",
    "covid_affected",
    "full_name",
    "phone",
    "email",
}


@pytest.mark.parametrize("cls", [SeekerProfile, VacancyDoc])
def test_inputs_have_no_protected_fields(cls: type) -> None:
    names = {field.name for field in dataclasses.fields(cls)}
    assert not names & FORBIDDEN


def test_types_are_frozen() -> None:
    profile = SeekerProfile(id="1", desired_position="швея")
    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.region = "osh"  # type: ignore[misc]


def test_ranking_defaults_to_empty() -> None:
    assert Ranking() == Ranking(items=(), missing=())
