"""A job seeker's whole way in a real browser with JavaScript off, on a 360 px phone:
register in Kyrgyz, see why vacancies fit, apply, switch to Russian, edit the profile,
sign out and in, download the data, delete the account. Every page is weighed and
audited with axe-core (in a second, scripted tab: axe itself is JavaScript)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import PHONE, shot

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "тоо жана суу 2024"
BUDGET = 100 * 1024


class Weigher:
    """Adds up what each page load transfers, and notes any request to another host."""

    def __init__(self, page: Any, base: str) -> None:
        self.host = urlsplit(base).netloc
        self.total = 0
        self.foreign: list[str] = []
        page.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        if urlsplit(request.url).netloc != self.host:
            self.foreign.append(request.url)
        sizes = request.sizes()
        self.total += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def start(self) -> None:
        self.total = 0


def audit(browser: Any, url: str, cookies: list[dict[str, Any]]) -> list[str]:
    """Return the serious and critical axe-core violations of a page."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=PHONE)
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto(url)
    results = Axe().run(page)
    context.close()
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_a_seeker_goes_the_whole_way_with_javascript_off(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    weigher = Weigher(page, server)
    weights: dict[str, int] = {}
    problems: dict[str, list[str]] = {}

    def visit(name: str, *, screenshot: bool = True) -> None:
        weights[name] = weigher.total
        if screenshot:
            shot(page, name)
        violations = audit(browser, page.url, context.cookies())
        if violations:
            problems[name] = violations

    # Home, in Kyrgyz.
    weigher.start()
    page.goto(f"{server}/?lang=ky")
    assert page.locator("html").get_attribute("lang") == "ky"
    visit("01-home-ky")

    # Register: first with a mistake, then right.
    weigher.start()
    page.click("main >> text=Катталуу")
    visit("02-register-ky")
    page.fill("[name=full_name]", "Айгүл Асанова")
    page.fill("[name=phone]", "0555 12")
    page.check("#f-gender-female")
    page.fill("[name=birth_year]", "1988")
    page.select_option("[name=region]", "bishkek")
    page.fill("[name=desired_position]", "тигүүчү")
    page.fill("[name=skills]", "тигүү машинасы\nпошив")
    page.check("#f-languages-ky")
    page.check("#f-languages-ru")
    page.select_option("[name=other_language]", "fa")
    page.check("#f-lost_job_due_to_covid-yes")
    page.check("#f-disability-no")
    page.fill("[name=password]", PASSWORD)
    weigher.start()
    page.click("form >> button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#f-phone").input_value() == "0555 12"  # the answers stay
    assert page.locator("[name=full_name]").input_value() == "Айгүл Асанова"
    visit("03-register-errors-ky")
    page.fill("[name=phone]", "0555 123 457")
    page.fill("[name=password]", PASSWORD)
    page.check("#f-consent")
    page.click("form >> button[type=submit]")
    # The click returns once the redirect commits; wait for the page to load, then
    # fetch it afresh with a new navigation (a reload sent while the first page is
    # still loading can reach a frame Chromium has already swapped out).
    page.wait_for_url("**/me/recommendations", wait_until="load")

    # Recommendations, explained in Kyrgyz.
    weigher.start()
    page.goto(page.url)
    first = page.locator(".card").first
    assert first.is_visible()
    assert first.locator(".why li").count() >= 1
    visit("04-recommendations-ky")

    # Apply to the first one; follow it.
    title = first.locator("h2").inner_text()
    weigher.start()
    first.locator("button[type=submit]").click()
    assert page.url.split("?")[0].endswith("/me/applications")
    assert title in page.inner_text("main")
    visit("05-applications-ky")

    # Switch to Russian; edit the profile.
    weigher.start()
    page.click("nav.langs >> text=Русский")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.click("nav.main >> text=Профиль")
    visit("06-profile-ru")
    page.fill("[name=desired_position]", "швея-мотористка")
    page.click("form >> button.primary")
    assert "saved=1" in page.url
    assert page.locator(".success").is_visible()

    # A vacancy's public page.
    weigher.start()
    page.goto(f"{server}/vacancies?q=швея")
    visit("07-vacancies-ru")
    page.locator(".card h2 a").first.click()
    visit("08-vacancy-ru")

    # Sign out, sign in again.
    page.click("nav.main >> button")
    assert page.url.rstrip("/") == server
    weigher.start()
    page.goto(f"{server}/login")
    visit("09-login-ru")
    page.fill("[name=phone]", "+996555123457")
    page.fill("[name=password]", PASSWORD)
    page.click("form >> button[type=submit]")
    assert page.url.endswith("/me/recommendations")

    # Download everything stored.
    page.goto(f"{server}/me")
    with page.expect_download() as download:
        page.click("a[href='/me/data.json']")
    with open(download.value.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["seeker"]["full_name"] == "Айгүл Асанова"
    assert data["seeker"]["desired_position"] == "швея-мотористка"
    assert data["matches"][0]["events"][0]["to_status"] == "applied"

    # Delete the account.
    weigher.start()
    page.goto(f"{server}/me/delete")
    visit("10-delete-ru")
    page.fill("[name=password]", PASSWORD)
    page.click("form >> button.danger")
    visit("11-deleted-ru")
    page.goto(f"{server}/me")
    assert "/login" in page.url  # signed out everywhere

    context.close()
    assert weigher.foreign == []
    over = {name: size for name, size in weights.items() if size > BUDGET}
    assert over == {}, weights
    assert problems == {}, problems


@pytest.mark.parametrize("lang", ["uz", "ru", "en"])
def test_registration_reads_in_every_seeker_language(server: str, browser: Any, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/register?lang={lang}")
    text = page.inner_text("main")
    expected = {"uz": "Рўйхатдан ўтиш", "ru": "Регистрация", "en": "Register"}[lang]
    assert expected in text
    if lang == "uz":
        shot(page, "12-register-uz")
    context.close()
