"""Pages in a real browser (Debian's Chromium driven by Playwright), with an axe audit."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the app under gunicorn, as `make run` does, on a fresh SQLite file."""
    folder = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.db'}",
        "JUMUSH_ENCODER": "hashing",
    }
    subprocess.run(
        [sys.executable, "-m", "service.cli", "db", "upgrade"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "service:create_app()",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not become ready")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required (.ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


def test_home_page_switches_language_and_passes_axe(server: str, browser: object) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # A small phone: the pages are read on cheap phones first.
    page = browser.new_page(viewport={"width": 360, "height": 640})  # type: ignore[attr-defined]
    page.goto(f"{server}/?lang=ru")
    assert "потерявшим работу" in page.inner_text("main")
    page.click("text=Кыргызча")
    assert page.locator("html").get_attribute("lang") == "ky"
    assert "жумушунан ажыраган" in page.inner_text("main")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.close()


def test_a_missing_page_is_a_readable_page(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    response = page.goto(f"{server}/no-such-page?lang=en")
    assert response is not None and response.status == 404
    assert page.inner_text("[role=alert]") == "Not found."
    page.close()
