"""Property tests of the matcher's text handling through HTTP: a seeker or a vacancy with
any Unicode text in its free-text fields, up to their limits, is created (201) or refused
(4xx), never a 500; once created, its recommendations, courses or candidates answer 200
with finite scores, and a vacancy's public page and the public search show it."""

from __future__ import annotations

import math
from itertools import count
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.http.api.conftest import Caller, make_user, register, seeker_body, vacancy_body
from tests.strategies import ANY_CHAR

pytestmark = pytest.mark.slow

# The examples of a test share the one application the `app` fixture gives, on purpose.
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_phones = count(100_000)

# Words of the languages people write, mixed with any character, so that the matcher's
# stemming, transliteration and vocabularies see real shapes and not only noise.
WORDS = st.sampled_from(
    ["швея", "тигүүчү", "айдоочу", "водитель", "категория C", "tiguuchu", "o'qituvchi", "1С"]
)


@st.composite
def free_text(draw: st.DrawFn, limit: int) -> str:
    """Any text of up to `limit` characters (NUL aside, which is refused on its own)."""
    chars = st.characters(codec="utf-8", exclude_characters="\x00")
    piece = draw(st.lists(WORDS | st.text(chars, max_size=12), min_size=1, max_size=6))
    seed = " ".join(piece) or "x"
    length = draw(st.sampled_from([len(seed), limit // 10, limit - 1, limit]))
    return (seed * (length // len(seed) + 1))[: max(length, 1)]


def _finite_scores(items: list[dict[str, Any]]) -> None:
    for item in items:
        assert isinstance(item["score"], float) and math.isfinite(item["score"]), item


@pytest.fixture
def callers(app: Flask) -> tuple[Caller, Caller]:
    client = app.test_client()
    employer = register(client)
    partner = make_user(app, client, "partner")
    # Something to rank against on both sides.
    assert employer.post("/api/v1/vacancies", json=vacancy_body()).status_code == 201
    assert partner.post("/api/v1/seekers", json=seeker_body()).status_code == 201
    return employer, partner


@given(
    position=free_text(200),
    experience=free_text(5000),
    skills=st.lists(free_text(100), max_size=50),
    name=st.text(ANY_CHAR, min_size=1, max_size=200),
)
@EXAMPLES
@example(position="\u0301", experience="ǅ" * 5000, skills=["\ufeff"] * 50, name="\x1f")
def test_a_seeker_with_any_texts_is_registered_or_refused_and_then_ranked(
    callers: tuple[Caller, Caller], position: str, experience: str, skills: list[str], name: str
) -> None:
    """A seeker with any texts gets 201 or 4xx; once registered, recommendations and
    courses for them answer 200 with finite scores."""
    _employer, partner = callers
    body = seeker_body(
        full_name=name,
        phone=f"+996 700 {next(_phones)}",
        desired_position=position,
        experience=experience,
        skills=skills,
    )
    answer = partner.post("/api/v1/seekers", json=body)
    event(f"seeker {answer.status_code}")
    assert answer.status_code in {201, 409, 422}, answer.get_data(as_text=True)[:500]
    if answer.status_code != 201:
        return
    seeker_id = answer.get_json()["id"]
    ranked = partner.get(f"/api/v1/seekers/{seeker_id}/recommendations")
    assert ranked.status_code == 200, ranked.get_data(as_text=True)[:500]
    _finite_scores(ranked.get_json()["items"])
    courses = partner.get(f"/api/v1/seekers/{seeker_id}/courses")
    assert courses.status_code == 200, courses.get_data(as_text=True)[:500]
    _finite_scores(courses.get_json()["items"])


@given(
    title=free_text(200),
    description=free_text(20_000),
    skills=st.lists(free_text(100), max_size=50),
    locality=st.text(ANY_CHAR, max_size=100),
)
@EXAMPLES
@example(title="</script><script>", description="\u2028" * 20_000, skills=["ﬁ"], locality="")
def test_a_vacancy_with_any_texts_is_posted_or_refused_and_then_ranked(
    callers: tuple[Caller, Caller], title: str, description: str, skills: list[str], locality: str
) -> None:
    """A vacancy with any texts gets 201 or 4xx; once posted, its candidates answer 200
    with finite scores, and its public page and the public search answer 200."""
    employer, _partner = callers
    body = vacancy_body(title=title, description=description, skills=skills, locality=locality)
    answer = employer.post("/api/v1/vacancies", json=body)
    event(f"vacancy {answer.status_code}")
    assert answer.status_code in {201, 422}, answer.get_data(as_text=True)[:500]
    if answer.status_code != 201:
        return
    vacancy_id = answer.get_json()["id"]
    ranked = employer.get(f"/api/v1/vacancies/{vacancy_id}/candidates")
    assert ranked.status_code == 200, ranked.get_data(as_text=True)[:500]
    _finite_scores(ranked.get_json()["items"])
    page = employer.client.get(f"/vacancies/{vacancy_id}")
    assert page.status_code == 200
    search = employer.client.get("/vacancies", query_string={"q": title[:200]})
    assert search.status_code == 200
