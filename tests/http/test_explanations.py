"""The matcher's reasons and messages, said in the language each result asks for."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy.orm import Session

from matching.types import Reason
from service.i18n import babel_locale
from service.i18n.reasons import explain, say_reason
from service.platform.matcher import get_matcher
from service.usecases.recommendations import recommend_candidates, recommend_vacancies
from tests.support import make_market, make_seeker


def test_explanations_speak_the_seekers_language(app: Flask, session: Session) -> None:
    make_market(session)
    seeker = make_seeker(
        session,
        desired_position="тигүүчү",
        skills=["пошив"],
        preferred_language="ky",
        region="bishkek",
    )
    session.commit()
    ranked = recommend_vacancies(session=session, matcher=get_matcher(app), seeker=seeker, limit=1)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        result = explain(ranked)
    text = " ".join(result.items[0].explanation)
    assert "Бишкек" in text  # the region, named in Kyrgyz
    assert "In your region" not in text


def test_candidate_explanations_speak_to_the_employer(app: Flask, session: Session) -> None:
    vacancies = make_market(session)
    make_seeker(session, desired_position="швея", skills=["пошив"], region="bishkek")
    session.commit()
    ranked = recommend_candidates(
        session=session,
        matcher=get_matcher(app),
        vacancy=vacancies["seamstress"],
        limit=1,
        lang="en",
    )
    with app.test_request_context("/", headers={"Accept-Language": "ru"}):
        result = explain(ranked)
    text = " ".join(result.items[0].explanation)
    assert "Lives in the vacancy's region: Bishkek" in text
    assert "you have" not in text


def test_an_empty_profile_is_told_what_to_add_in_its_language(app: Flask, session: Session) -> None:
    make_market(session)
    seeker = make_seeker(
        session, desired_position="любая работа", skills=[], preferred_language="ky"
    )
    session.commit()
    ranked = recommend_vacancies(session=session, matcher=get_matcher(app), seeker=seeker, limit=5)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        result = explain(ranked)
    assert result.items == []
    assert result.message and result.message.startswith("Сунуштарды алуу үчүн")


@pytest.mark.parametrize(
    ("terms", "lang", "seeker_says", "employer_says"),
    [
        (("mentioned",), "ky", "Сиз иштегиңиз келген жер: Ысык-Көл", "Бул жерде иштегиси келет"),
        (("nearby",), "ru", "Рядом с вашим регионом: Чуйская область", "Живёт рядом с регионом"),
        (("seasonal",), "uz", "Сиз рози бўлган мавсумий иш", None),
        (("seasonal",), "en", "Seasonal work, which you accept", "Accepts seasonal work"),
        ((), "en", "In your region", "Lives in the vacancy's region"),
    ],
)
def test_a_place_the_seeker_named_near_or_seasonal_is_said_as_such(
    app: Flask,
    terms: tuple[str, ...],
    lang: str,
    seeker_says: str,
    employer_says: str | None,
) -> None:
    region = {"mentioned": "issyk_kul", "nearby": "chuy"}.get(terms[0] if terms else "", "osh")
    reason = Reason("region", terms=terms, value=region)
    with app.test_request_context("/"), force_locale(babel_locale(lang)):
        assert seeker_says in say_reason(reason, lang)
        if employer_says is not None:
            assert employer_says in say_reason(reason, lang, audience="employer")
