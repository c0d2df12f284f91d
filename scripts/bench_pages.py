"""Speed of the seekers' pages under gunicorn, beside the same server's /healthz.

Reproduce: .venv/bin/python -m scripts.bench_pages [--registrations 40] [--views 60]
           [--encoder hashing] [--workers 2]

Starts gunicorn on a fresh SQLite file with the demo data (as `make run` does), then,
from one client: /healthz requests (the baseline), registrations through the real form
(GET the page for its CSRF token, POST every field; Argon2 hashing included), and
views of /me/recommendations by the seekers just registered. The machine is shared and
noisy, so the table gives each figure beside /healthz measured in the same run.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess  # nosec B404  # starts this project's own commands, never a shell
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from scripts.ranking_metrics import machine_info

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> None:
    # This interpreter running the `jumush` command, the arguments in a list.
    command = [sys.executable, "-m", "service.cli", *args]
    subprocess.run(command, env=env, check=True, cwd=ROOT)  # nosec B603


class Browser:
    """A client that keeps cookies and follows redirects, as a phone's browser does."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, response.read().decode()

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        body = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=body, timeout=60) as response:
            return response.status, response.read().decode()


def _timed(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def registration(i: int) -> list[tuple[str, str]]:
    """A complete registration, each with its own phone number."""
    return [
        ("full_name", f"Бенчмарк {i}"),
        ("phone", f"0555 {100000 + i:06d}"[:12]),
        ("password", "тоо жана суу 2024"),
        ("gender", "female" if i % 2 else "male"),
        ("birth_year", str(1970 + i % 35)),
        ("region", ["bishkek", "osh", "chuy", "jalal_abad"][i % 4]),
        ("desired_position", ["тигүүчү", "водитель такси", "повар", "бухгалтер"][i % 4]),
        ("skills", "пошив\nкасса"),
        ("languages", "ky"),
        ("languages", "ru"),
        ("lost_job_due_to_covid", "yes"),
        ("disability", "no"),
        ("visible_to_employers", "yes"),
        ("consent", "yes"),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--registrations", type=int, default=40)
    parser.add_argument("--views", type=int, default=60)
    parser.add_argument("--healthz", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--encoder", default="", help="JUMUSH_ENCODER; empty: the default")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="jumush-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "JUMUSH_SESSION_STORAGE_URI": str(folder / "sessions"),
        "JUMUSH_LOG_LEVEL": "WARNING",
    }
    if args.encoder:
        env["JUMUSH_ENCODER"] = args.encoder
    for step in (("db", "upgrade"), ("seed-demo",), ("reindex",)):
        _run(env, *step)
    port = _free_port()
    server = subprocess.Popen(  # nosec B603  # gunicorn under this interpreter, a list
        [sys.executable, "-m", "gunicorn", "--config", "python:service.platform.gunicorn_conf",
         "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "service:create_app()"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if Browser(base).get("/readyz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        probe = Browser(base)
        for _ in range(20):  # warm every worker's matcher before anything is timed
            probe.get("/vacancies?q=" + urllib.parse.quote("швея"))
        health = [_timed(lambda: probe.get("/healthz")) for _ in range(args.healthz)]

        seekers: list[Browser] = []
        registered: list[float] = []
        started = time.perf_counter()
        for i in range(args.registrations):
            browser = Browser(base)

            def register(browser: Browser = browser, i: int = i) -> None:
                _, page = browser.get("/register")
                token = TOKEN.search(page)
                assert token, "no CSRF token on /register"
                status, landed = browser.post(
                    "/register", [("csrf_token", token.group(1)), *registration(i)]
                )
                assert status == 200 and "/logout" in landed, "registration failed"

            registered.append(_timed(register))
            seekers.append(browser)
        per_second = args.registrations / (time.perf_counter() - started)

        views = []
        for i in range(args.views):
            seeker = seekers[i % len(seekers)]
            views.append(_timed(lambda seeker=seeker: seeker.get("/me/recommendations")))
    finally:
        server.terminate()
        server.wait(timeout=10)

    h50, h95 = statistics.median(health), _pct(health, 0.95)
    r50, r95 = statistics.median(views), _pct(views, 0.95)
    g50, g95 = statistics.median(registered), _pct(registered, 0.95)
    print(machine_info())
    print(f"encoder: {args.encoder or 'default'}, gunicorn workers: {args.workers}\n")
    print("| measure | p50 ms | p95 ms | p50 / healthz p50 |")
    print("| --- | --- | --- | --- |")
    print(f"| GET /healthz (baseline, {args.healthz}) | {h50:.1f} | {h95:.1f} | 1.0 |")
    print(
        f"| registration: GET the form, POST it, land on recommendations ({args.registrations}) "
        f"| {g50:.1f} | {g95:.1f} | {g50 / h50:.0f} |"
    )
    print(f"| GET /me/recommendations ({args.views}) | {r50:.1f} | {r95:.1f} | {r50 / h50:.0f} |")
    print(f"\nregistrations per second, one client: {per_second:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
