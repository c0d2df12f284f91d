"""Pages in a real browser (Debian's Chromium driven by Playwright), with an axe audit."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_home_page_switches_language_and_passes_axe(server: str, browser: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # A small phone: the pages are read on cheap phones first.
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.goto(f"{server}/?lang=ru")
    assert "потерявшим работу" in page.inner_text("main")
    page.click("nav.langs >> text=Кыргызча")
    assert page.locator("html").get_attribute("lang") == "ky"
    assert "жумушунан ажыраган" in page.inner_text("main")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.close()


def test_a_missing_page_is_a_readable_page(server: str, browser: Any) -> None:
    page = browser.new_page()
    response = page.goto(f"{server}/no-such-page?lang=en")
    assert response is not None and response.status == 404
    assert page.inner_text("[role=alert]") == "Not found."
    page.close()
