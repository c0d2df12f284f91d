"""A real server and a real browser: gunicorn as `make run` starts it, on demo data, and
Debian's Chromium driven by Playwright (no browser download)."""

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
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Screenshots of the pages, for people to look at (not compared by the tests).
ARTIFACTS = ROOT / "artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment the server runs with: `jumush` commands given it act on its data."""
    folder = tmp_path_factory.mktemp("e2e")
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.db'}",
        "JUMUSH_ENCODER": "hashing",
        "JUMUSH_SESSION_STORAGE_URI": str(folder / "sessions"),
    }


def jumush(env: dict[str, str], *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a `jumush` command against the server's database, as an operator would."""
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        **kwargs,
    )


@pytest.fixture(scope="session")
def server(server_env: dict[str, str]) -> Iterator[str]:
    """Serve the app under gunicorn as production does (its config, two workers), on a fresh
    SQLite file with demo data."""
    env = server_env
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "service.cli", *command],
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
            # The configuration production uses (Dockerfile, `jumush serve`): matcher
            # warmed before the workers take traffic.
            "--config",
            "python:service.platform.gunicorn_conf",
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
        for _ in range(300):
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required (make test installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot under artifacts/screenshots."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
