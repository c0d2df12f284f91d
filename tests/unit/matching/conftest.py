"""Fixtures for the matching tests: a fast deterministic encoder and a few vacancies."""

from __future__ import annotations

from datetime import date

import pytest

from matching.encoders import HashingEncoder
from matching.occupations import OccupationVocabulary
from matching.ranker import Matcher
from matching.skills import SkillVocabulary
from matching.types import SeekerProfile, VacancyDoc

TODAY = date(2024, 6, 1)


def vacancies() -> list[VacancyDoc]:
    """Return a small mixed-language set of open vacancies."""
    return [
        VacancyDoc(
            "cashier",
            "Продавец-кассир",
            "Работа в продуктовом магазине, касса",
            ("кассовый аппарат", "продажи", "1С"),
            "bishkek",
            False,
            "full_time",
            20000,
            30000,
            ("ru",),
            date(2024, 12, 31),
        ),
        VacancyDoc(
            "driver",
            "Водитель такси",
            "Нужен водитель со своим авто, категория B",
            ("вождение", "знание города"),
            "osh",
            False,
            "shift",
            None,
            40000,
            ("ru", "ky"),
            None,
        ),
        VacancyDoc(
            "cook",
            "Ашпозчу",
            "Кафеге ашпозчу керек, тамак жасоо тажрыйбасы",
            ("тамак жасоо", "кулинария"),
            "bishkek",
            False,
            "full_time",
            25000,
            35000,
            ("ky",),
            None,
        ),
        VacancyDoc(
            "seamstress",
            "Швея",
            "Швейный цех ищет швею, пошив одежды",
            ("шитьё", "швейная машина"),
            "chuy",
            False,
            "full_time",
            18000,
            25000,
            ("ru",),
            None,
        ),
        VacancyDoc(
            "dev",
            "Python developer",
            "Remote backend work on Flask services",
            ("python", "sql", "flask"),
            "",
            True,
            "full_time",
            80000,
            120000,
            ("en", "ru"),
            None,
        ),
        VacancyDoc(
            "teacher",
            "Мугалим",
            "Мектепке англис тили мугалими керек",
            ("англис тили", "окутуу"),
            "naryn",
            False,
            "part_time",
            15000,
            20000,
            ("ky", "en"),
            None,
        ),
    ]


def seeker(**changes: object) -> SeekerProfile:
    """Return a cashier-minded seeker in Bishkek, with fields overridden."""
    base = SeekerProfile(
        id="s1",
        desired_position="продавец",
        skills=("касса",),
        experience="3 года работал в магазине",
        region="bishkek",
        employment_types=("full_time",),
        salary_expectation=22000,
        languages=("ru", "ky"),
        preferred_language="ru",
    )
    fields = {**base.__dict__, **changes}
    return SeekerProfile(**fields)  # type: ignore[arg-type]


@pytest.fixture(params=["no vocabulary", "vocabulary"])
def matcher(request: pytest.FixtureRequest) -> Matcher:
    """Return a matcher over the sample vacancies with the fake encoder, run once without
    and once with the occupation and skill vocabularies (as the service builds it), so
    that every contract holds for both."""
    with_vocabularies = request.param == "vocabulary"
    m = Matcher(
        HashingEncoder(),
        vocabulary=OccupationVocabulary.default() if with_vocabularies else None,
        skills=SkillVocabulary.default() if with_vocabularies else None,
    )
    m.upsert_vacancies(vacancies())
    return m
