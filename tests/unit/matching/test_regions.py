"""Regions as data: names found in free text, and how a vacancy's place stands to a seeker."""

from __future__ import annotations

import pytest

from matching.regions import PLACES, Regions
from models.enums import Region


@pytest.fixture(scope="module")
def regions() -> Regions:
    return Regions.default()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Токмоктон Бишкекке каттап иштейм", {"chuy", "bishkek"}),
        ("летом хочу поработать на Иссык-Куле", {"issyk_kul"}),
        ("Ысык-Көлгө барам", {"issyk_kul"}),
        ("ысык колго барам", {"issyk_kul"}),  # without Kyrgyz letters
        ("Чолпон-Атада жайкы сезон", {"issyk_kul"}),
        ("summer in Cholpon-Ata", {"issyk_kul"}),
        ("живу в Кара-Балте, могу ездить в Бишкек", {"chuy", "bishkek"}),
        ("Ошко көчүп барам", {"osh_city"}),
        ("oshko baram", {"osh_city"}),
        ("Кызыл-Кыяга көчүп жатабыз", {"batken"}),
        ("Жалал-Абадда", {"jalal_abad"}),
        ("worked in Bishkek", {"bishkek"}),
    ],
)
def test_a_text_names_the_regions_of_its_towns_in_any_case_and_script(
    regions: Regions, text: str, named: set[str]
) -> None:
    assert regions.named_in(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "Москвада 4 жыл цехте иштегем",  # abroad: no region of ours
        "ошол жерде иштегем",  # "that place": not Osh
        "ошондо келдим",  # "then": starts like Osh, is none of its forms
        "кантип иштейм",  # "how do I work": not Kant
        "",
    ],
)
def test_words_that_only_look_like_a_town_name_name_no_region(regions: Regions, text: str) -> None:
    assert regions.named_in(text) == frozenset()


def test_every_region_of_the_service_has_names_and_neighbours(regions: Regions) -> None:
    codes = {region.value for region in Region}
    assert {region for region, _ in regions.patterns} == codes
    assert set().union(*regions.adjacent) == codes
    for region in codes:
        assert regions.named_in(region.replace("_", " ")) <= codes


def place(regions: Regions, region: str, **seeker: object) -> str:
    fields = {"home": "chuy", "named": frozenset(), "work_area": "", "seasonal": False}
    fields.update(seeker)
    return regions.place(region=region, employment_type="full_time", **fields)  # type: ignore[arg-type]


def test_places_follow_what_the_seeker_said(regions: Regions) -> None:
    assert place(regions, "chuy") == "home"
    assert place(regions, "issyk_kul", named=frozenset({"issyk_kul"})) == "home"
    assert place(regions, "bishkek") == "commute"
    assert place(regions, "bishkek", work_area="own_region") == "far"
    assert place(regions, "talas") == "far"
    assert place(regions, "talas", work_area="neighbouring") == "near"
    assert place(regions, "batken", work_area="neighbouring") == "far"
    assert place(regions, "batken", work_area="anywhere") == "anywhere"
    assert place(regions, "issyk_kul", seasonal=True) == "seasonal"
    assert place(regions, "", seasonal=True) == "unknown"
    assert place(regions, "osh", home="") == "unknown"
    assert {place(regions, r.value) for r in Region} <= set(PLACES)


def test_seasonal_work_elsewhere_counts_only_for_seasonal_jobs_or_destinations(
    regions: Regions,
) -> None:
    kwargs = {"home": "naryn", "named": frozenset(), "work_area": "", "seasonal": True}
    assert regions.place(region="batken", employment_type="seasonal", **kwargs) == "seasonal"
    assert regions.place(region="batken", employment_type="full_time", **kwargs) == "far"
