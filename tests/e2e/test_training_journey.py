"""Training in a real browser, on the demo data, with JavaScript off: a teacher who lacks
"work with children", which several teaching vacancies ask for, is shown the course that
teaches it; she enrols; programme staff mark the course completed with its skills added
(she agreed); her recommendations now rank those vacancies higher."""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import PHONE, shot
from tests.e2e.test_seeker_journey import BUDGET, Weigher, audit
from tests.e2e.test_staff_journey import DESKTOP, enrol, fill_password, new_user, unique_phone

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "тоо жана суу 2024"
# The demo's childcare course, in Russian: it teaches "работа с детьми" (work with
# children), which the demo's teacher vacancies ask for.
COURSE = "Помощник воспитателя"
SKILL = "работа с детьми"


def vacancy_ids(page: Any, selector: str) -> list[int]:
    """Return the vacancies linked under `selector`, in the page's order."""
    hrefs = page.locator(f"{selector} a[href^='/vacancies/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return [int(href.rsplit("/", 1)[1]) for href in hrefs]


def positions(page: Any, server: str, wanted: list[int]) -> list[int]:
    """Read /me/recommendations and return where each wanted vacancy stands (1 = first);
    one not on the page counts as just below its end."""
    page.goto(f"{server}/me/recommendations")
    ranked = vacancy_ids(page, "main ol.cards > li.card > h2")
    assert ranked, "no recommendations on the page"
    return [ranked.index(v) + 1 if v in ranked else len(ranked) + 1 for v in wanted]


def test_a_course_that_fills_a_skill_gap_lifts_the_vacancies_that_ask_for_it(
    server: str, server_env: dict[str, str], browser: Any
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    weigher = Weigher(page, server)
    name = f"Гүлзат Мамытова {uuid.uuid4().hex[:4]}"

    # A teacher registers, in Russian: lessons and lesson planning, no work with children.
    page.goto(f"{server}/register?lang=ru")
    page.fill("[name=full_name]", name)
    page.fill("[name=phone]", unique_phone())
    page.check("#f-gender-female")
    page.fill("[name=birth_year]", "1994")
    page.select_option("[name=region]", "bishkek")
    page.fill("[name=desired_position]", "Мугалим")
    page.fill("[name=skills]", "сабак берүү\nсабак пландоо")
    page.fill("[name=experience]", "Мектепте 1 жыл иштедим. Туруктуу жумуш издеп жатам.")
    page.check("#f-languages-ky")
    page.check("#f-lost_job_due_to_covid-yes")
    page.check("#f-disability-no")
    page.fill("[name=password]", PASSWORD)
    page.check("#f-consent")
    page.click("form >> button[type=submit]")
    assert urlsplit(page.url).path == "/me/recommendations"

    # Her recommendations end with the courses that would open more vacancies.
    section = page.locator("section.courses-for-you")
    assert COURSE in section.inner_text()

    # /me/courses: the course, why (which vacancies it opens), and the vacancies named.
    weigher.start()
    page.click("nav.main >> text=Курсы")
    assert urlsplit(page.url).path == "/me/courses"
    assert weigher.total < BUDGET and weigher.foreign == []
    card = page.locator("#for-you ~ ul.cards > li.card", has_text=COURSE)
    assert card.count() == 1
    sentence = card.locator("p").nth(1).inner_text()
    assert SKILL in sentence and "ваканси" in sentence, sentence
    opened = vacancy_ids(page, f"#{card.get_attribute('id')} details")
    assert len(opened) >= 3, opened  # several vacancies ask for the skill
    assert re.search(rf"\b{len(opened)}\b", sentence), sentence
    shot(page, "training-01-courses-ru")
    if violations := audit(browser, page.url, context.cookies()):
        pytest.fail(f"/me/courses: {violations}")
    before = positions(page, server, opened)

    # She enrols with one button.
    page.goto(f"{server}/me/courses")
    page.locator("#for-you ~ ul.cards > li.card", has_text=COURSE).locator("button").click()
    assert "done=enrolled" in page.url
    assert page.locator(".success").is_visible()
    mine = page.locator("#my-courses + ul.cards > li.card", has_text=COURSE)
    assert "Вы записаны" in mine.inner_text()
    shot(page, "training-02-enrolled-ru")

    # Programme staff mark it completed, with the skills added: she agreed.
    staff_context = browser.new_context(viewport=DESKTOP)
    staff = staff_context.new_page()
    staff.goto(f"{server}/staff/login?lang=en")
    fill_password(staff, new_user(server_env, "staff"))
    enrol(staff)
    staff.get_by_role("link", name="Courses", exact=True).click()
    staff.get_by_role("link", name=re.compile(COURSE)).first.click()
    staff.select_option("#f-status", "enrolled")
    staff.get_by_role("button", name="Show", exact=True).click()
    row = staff.locator("table.figures tbody tr", has_text=name)
    assert row.count() == 1
    row.get_by_label("Add the course's skills to the seeker's profile — the seeker agreed").check()
    shot(staff, "training-03-staff-course")
    row.get_by_role("button", name=re.compile("^Mark completed")).click()
    assert "done=skills" in staff.url
    done = staff.locator("table.figures tbody tr", has_text=name)
    assert "Completed" in done.inner_text() and "skills added to the profile" in done.inner_text()
    staff_context.close()

    # Her profile has the course's skills, and those vacancies rank higher.
    page.goto(f"{server}/me")
    assert SKILL in page.locator("[name=skills]").input_value()
    after = positions(page, server, opened)
    shot(page, "training-04-recommendations-after-ru")
    assert sum(after) < sum(before), (before, after)
    assert max(after) <= len(opened) + 2, (before, after)  # all of them near the top now
    page.goto(f"{server}/me/courses")
    assert "Вы завершили курс" in page.locator("#my-courses + ul.cards").inner_text()
    context.close()
