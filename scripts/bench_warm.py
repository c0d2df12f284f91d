"""Time to ready, first request per worker, and memory per worker under gunicorn.

Reproduce: .venv/bin/python -m scripts.bench_warm [--vacancies 3000] [--vectors real]
           [--modes cold,per-worker,preload] [--workers 2] [--requests 20] [--encoder SPEC]

Fills a fresh SQLite file with N synthetic vacancies (scripts.bench_speed's generator)
and a few seekers, and stores their vectors: `jumush reindex` with the real encoder, or,
with `--vectors random`, random unit vectors stored under the encoder's name and each
text's hash (encoding 100,000 vacancies takes about an hour; the seekers are still
encoded for real, and every query is). Then, for each mode, it starts gunicorn:

- `cold`: the command before the warm-up (no config): the first request loads the matcher;
- `per-worker`: service/platform/gunicorn_conf.py with JUMUSH_PRELOAD=false;
- `preload`: the same config with JUMUSH_PRELOAD=true (the default).

It measures the time until /readyz answers from the first worker and from every worker;
then in each worker alone (the others stopped with SIGSTOP) the first
GET /api/v1/seekers/<id>/recommendations, the median of the next 20 (--requests) and,
as the baseline, /healthz. Every key is marked used just before, so that no first request
pays the write of a key's last use, which comes once a minute whatever the worker. Then
each process's memory from /proc/<pid>/smaps_rollup: RSS, PSS (each shared page
divided among the processes sharing it; their sum is the server's real footprint) and
USS (pages of its own). gunicorn runs with --timeout 900
in every mode so that a stopped or cold worker is not killed while measured.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess  # nosec B404  # starts this project's own commands, never a shell
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models import ApiKey, Embedding, Employer, Seeker, Vacancy
from models.enums import EmployerSize, EmploymentType, EntityKind, Gender, Region
from scripts import bench_speed
from scripts.ranking_metrics import machine_info
from service.cli import GUNICORN_CONF
from service.platform.db import make_engine
from service.platform.matcher import build_matcher
from service.usecases.indexing import text_hash, vacancy_doc

ROOT = Path(__file__).resolve().parents[1]
MODES = ("cold", "per-worker", "preload")
CHUNK = 5000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def jumush(env: dict[str, str], *args: str) -> str:
    """Run a `jumush` command in a fresh interpreter with `env`; return what it printed."""
    done = subprocess.run(  # nosec B603  # the `jumush` command, arguments in a list
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def fill(url: str, vacancies: int, seekers: int, vectors: str, encoder: str) -> float:
    """Store the synthetic vacancies and seekers (and random vectors); return seconds."""
    started = time.perf_counter()
    engine = make_engine(url)
    with Session(engine) as session:
        employer = Employer(
            name="ДЕМО бенчмарк", inn="00000000000001", contact_person="ДЕМО",
            phone="+996000000000", email="bench@example.invalid", region=Region.BISHKEK,
            size=EmployerSize.SMALL,
        )  # fmt: skip
        session.add(employer)
        session.flush()
        docs = bench_speed.vacancies(vacancies, seed=4)
        for start in range(0, len(docs), CHUNK):
            rows = [
                {
                    "employer_id": employer.id,
                    "title": doc.title,
                    "description": doc.description,
                    "skills": list(doc.skills),
                    "region": Region(doc.region),
                    "employment_type": EmploymentType(doc.employment_type),
                    "salary_min": doc.salary_min,
                    "salary_max": doc.salary_max,
                    "remote": doc.remote,
                    "languages": list(doc.languages),
                }
                for doc in docs[start : start + CHUNK]
            ]
            session.execute(insert(Vacancy), rows)
        for n, profile in enumerate(bench_speed.seekers(seekers, seed=2)):
            session.add(
                Seeker(
                    gender=Gender.FEMALE if n % 2 else Gender.MALE, birth_year=1990,
                    region=Region(profile.region), consent=True,
                    desired_position=profile.desired_position, skills=list(profile.skills),
                    experience=profile.experience,
                    employment_types=list(profile.employment_types),
                    salary_expectation=profile.salary_expectation,
                    languages=list(profile.languages),
                )
            )  # fmt: skip
        session.commit()
        if vectors == "random":
            _store_random_vectors(session, encoder)
    engine.dispose()
    return time.perf_counter() - started


def _store_random_vectors(session: Session, encoder: str) -> None:
    """Store a random unit vector for every vacancy, as `reindex` would store a real one."""
    matcher = build_matcher({"ENCODER": encoder}).matcher
    name, dim = matcher.encoder.name, matcher.encoder.dim
    rng = np.random.default_rng(5)
    ids = list(session.scalars(select(Vacancy.id).order_by(Vacancy.id)))
    for start in range(0, len(ids), CHUNK):
        rows = session.scalars(select(Vacancy).where(Vacancy.id.in_(ids[start : start + CHUNK])))
        batch = []
        for vacancy in rows:
            vector = rng.normal(size=dim).astype("<f4")
            vector /= np.linalg.norm(vector)
            batch.append(
                {
                    "kind": EntityKind.VACANCY,
                    "entity_id": vacancy.id,
                    "model_name": name,
                    "text_hash": text_hash(matcher.vacancy_text(vacancy_doc(vacancy))),
                    "dim": dim,
                    "vector": vector.tobytes(),
                }
            )
        session.execute(insert(Embedding), batch)
        session.commit()
        session.expunge_all()


def key_used_now(url: str) -> None:
    """Mark every API key as used just now (see `run_mode`)."""
    engine = make_engine(url)
    with Session(engine) as session:
        session.execute(update(ApiKey).values(last_used_at=datetime.now(UTC)))
        session.commit()
    engine.dispose()


@dataclass
class Client:
    """GET requests to the server, each on a new connection as gunicorn's sync workers want."""

    base: str
    token: str = ""

    def get(self, path: str, timeout: float = 900) -> tuple[int, dict[str, Any]]:
        request = urllib.request.Request(self.base + path)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            # self.base is http://127.0.0.1:<port>, built by this script.
            with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")

    def timed(self, path: str) -> float:
        started = time.perf_counter()
        status, body = self.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"GET {path}: {status} {body}")
        return elapsed


def children(pid: int) -> list[int]:
    """Return the child processes (gunicorn's workers) of a process."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return sorted(int(p) for p in text.split())


def cpu_ms(pid: int) -> float:
    """Return the CPU time (user + system, every thread) a process has used, in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def page_faults(pid: int) -> int:
    """Return the minor page faults of a process so far (each a page copied or mapped):
    a forked worker's copy-on-write shows here, whatever the machine's load."""
    return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[7])


def memory(pid: int) -> dict[str, float]:
    """Return RSS, PSS and USS in MB from /proc/<pid>/smaps_rollup."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        fields[name] = int(rest.split()[0])
    uss = fields["Private_Clean"] + fields["Private_Dirty"]
    return {"rss": fields["Rss"] / 1024, "pss": fields["Pss"] / 1024, "uss": uss / 1024}


@dataclass
class Result:
    """One mode's measurements."""

    mode: str
    ready_first: float = 0.0
    ready_all: float = 0.0
    rows: list[dict[str, Any]] = field(default_factory=list)
    total_pss_ready: float = 0.0
    total_pss: float = 0.0


def wait_ready(
    client: Client, master: int, workers: int, started: float
) -> tuple[float, float, dict[int, float]]:
    """Return the seconds until /readyz answered 200 first, and from every worker, and
    each worker's time (perf_counter) of its first 200: the end of its warm-up."""
    first = 0.0
    seen: dict[int, float] = {}

    def probe(_: int) -> int | None:
        try:
            status, body = client.get("/readyz", timeout=5)
        except OSError:
            return None
        return int(body["matcher"]["pid"]) if status == 200 else None

    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        while time.perf_counter() - started < 3600:
            answered = {p for p in pool.map(probe, range(2 * workers)) if p is not None}
            if answered and not first:
                first = time.perf_counter() - started
            now = time.perf_counter()
            for pid in answered:
                seen.setdefault(pid, now)
            pids = children(master)
            if len(pids) == workers and set(pids) <= set(seen):
                return first, time.perf_counter() - started, seen
            time.sleep(0.05)
    raise RuntimeError("gunicorn did not become ready within an hour")


def in_worker_alone(worker: int, others: list[int], measure: Callable[[], Any]) -> Any:
    """Run `measure` while every other worker is stopped, so that `worker` answers."""
    for pid in others:
        os.kill(pid, signal.SIGSTOP)
    try:
        return measure()
    finally:
        for pid in others:
            os.kill(pid, signal.SIGCONT)


def run_mode(
    mode: str, env: dict[str, str], args: argparse.Namespace, token: str, seekers: list[int]
) -> Result:
    """Start gunicorn in `mode` and measure it."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn"]
    if mode != "cold":
        command += ["--config", f"python:{GUNICORN_CONF}"]
    command += [
        "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--timeout", "900",
        "service:create_app()",
    ]  # fmt: skip
    mode_env = {**env, "JUMUSH_PRELOAD": "true" if mode == "preload" else "false"}
    client = Client(f"http://127.0.0.1:{port}", token)
    result = Result(mode)
    started = time.perf_counter()
    server = subprocess.Popen(  # nosec B603  # gunicorn under this interpreter, a list
        command, env=mode_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        result.ready_first, result.ready_all, last_busy = wait_ready(
            client, server.pid, args.workers, started
        )
        workers = children(server.pid)
        result.total_pss_ready = sum(memory(p)["pss"] for p in [server.pid, *workers])
        for worker in workers:

            def measure(worker: int = worker) -> dict[str, Any]:
                status, ready = client.get("/readyz")
                assert status == 200 and ready["matcher"]["pid"] == worker, ready
                paths = [
                    f"/api/v1/seekers/{seekers[i % len(seekers)]}/recommendations?limit=10"
                    for i in range(args.requests + 1)
                ]
                # A key's last use is written at most once a minute, by whichever request
                # comes first: not a cost of a fresh worker, so no worker's first pays it.
                key_used_now(env["DATABASE_URL"])
                idle_before_first = time.perf_counter() - last_busy[worker]
                faults = page_faults(worker)
                first = client.timed(paths[0])
                cpu, faults_first = cpu_ms(worker), page_faults(worker) - faults
                following = [client.timed(path) for path in paths[1:]]
                cpu = (cpu_ms(worker) - cpu) / args.requests
                faults_next = (page_faults(worker) - faults - faults_first) / args.requests
                # The first request's seeker again: at once; after the same write from
                # another process (SQLite's page cache); and after the worker sat idle as
                # long as before its first request. A seeker's own cost, and what a pause
                # costs on a shared machine, are not costs of a fresh worker.
                again = client.timed(paths[0])
                key_used_now(env["DATABASE_URL"])
                again_after_write = client.timed(paths[0])
                time.sleep(idle_before_first)
                key_used_now(env["DATABASE_URL"])
                again_after_idle = client.timed(paths[0])
                health = [client.timed("/healthz") for _ in range(20)]
                matcher = ready["matcher"]
                loaded = (
                    "by its first request"
                    if matcher["loaded_by"] is None
                    else f"{'here' if matcher['loaded_by'] == worker else 'master'}, "
                    f"{matcher['load_seconds']:.1f} s"
                )
                return {
                    "process": f"worker {worker}",
                    "loaded": loaded,
                    "first": first,
                    "next": statistics.median(following),
                    "next_p90": statistics.quantiles(following, n=10)[-1],
                    "again": again,
                    "again_after_write": again_after_write,
                    "again_after_idle": again_after_idle,
                    "idle": idle_before_first,
                    "cpu": cpu,
                    "faults": f"{faults_first:,} / {faults_next:,.0f}",
                    "healthz": statistics.median(health),
                }

            others = [p for p in workers if p != worker]
            result.rows.append(in_worker_alone(worker, others, measure))
        processes = [server.pid, *workers]
        result.rows.insert(0, {"process": f"master {server.pid}"})
        for row, pid in zip(result.rows, processes, strict=True):
            row.update(memory(pid))
        result.total_pss = sum(row["pss"] for row in result.rows)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)
    return result


def _ms(row: dict[str, Any], key: str) -> str:
    return f"{row[key]:,.1f}" if key in row else "—"


def table(results: list[Result], requests: int) -> str:
    """Return the markdown table of every mode."""
    lines = [
        "| mode | ready s: first / every worker | process | matcher loaded | "
        f"first recommendation ms | next {requests}: median / p90 ms, CPU ms each | "
        "first's seeker again: at once / after a write / after the same idle time ms | "
        f"page faults: first / each of next {requests} | "
        "/healthz median ms (baseline) | RSS MB | PSS MB | USS MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        ready = f"{result.ready_first:.1f} / {result.ready_all:.1f}"
        for n, row in enumerate(result.rows):
            following = (
                f"{row['next']:.1f} / {row['next_p90']:.1f}, {row['cpu']:.0f}"
                if "next" in row
                else "—"
            )
            idle = f" ({row['idle']:.1f} s idle)" if "idle" in row else ""
            lines.append(
                f"| {result.mode if n == 0 else ''} | {ready if n == 0 else ''} | "
                f"{row['process']} | {row.get('loaded', '')} | {_ms(row, 'first')} | "
                f"{following} | {_ms(row, 'again')} / {_ms(row, 'again_after_write')} / "
                f"{_ms(row, 'again_after_idle')}{idle} | "
                f"{row.get('faults', '—')} | {_ms(row, 'healthz')} | "
                f"{row['rss']:,.0f} | {row['pss']:,.0f} | {row['uss']:,.0f} |"
            )
        lines.append(
            f"| | | all processes (PSS sum) | | | | | | | {result.total_pss:,.0f} "
            f"(at ready {result.total_pss_ready:,.0f}) | |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vacancies", type=int, default=3000)
    parser.add_argument("--seekers", type=int, default=25)
    parser.add_argument("--vectors", choices=("real", "random"), default="real")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--requests", type=int, default=20, help="recommendations after the first, per worker"
    )
    parser.add_argument("--encoder", default="", help="JUMUSH_ENCODER; empty: the default")
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")

    folder = Path(tempfile.mkdtemp(prefix="jumush-warm-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JUMUSH_SESSION_STORAGE_URI": str(folder / "sessions"),
        "JUMUSH_LOG_LEVEL": "WARNING",
        "JUMUSH_NEW_USER_PASSWORD": "bench password 2024",  # nosec B105  # throwaway bench user
    }
    if args.encoder:
        env["JUMUSH_ENCODER"] = args.encoder
    jumush(env, "db", "upgrade")
    filled = fill(url, args.vacancies, args.seekers, args.vectors, args.encoder)
    started = time.perf_counter()
    indexed = jumush(env, "reindex").strip()
    reindexed = time.perf_counter() - started
    token = jumush(env, "create-user", "--email", "bench@example.invalid", "--role", "staff")
    token = token.strip().splitlines()[-1]
    engine = make_engine(url)
    with Session(engine) as session:
        seekers = list(session.scalars(select(Seeker.id).order_by(Seeker.id)))
    engine.dispose()

    results = [run_mode(mode, env, args, token, seekers) for mode in modes]
    print(machine_info())
    print(
        f"encoder: {args.encoder or 'default'}, {args.vacancies:,} vacancies "
        f"({args.vectors} stored vectors), {len(seekers)} seekers, "
        f"{args.workers} gunicorn workers; data {filled:.0f} s, reindex {reindexed:.0f} s "
        f"({indexed})\n"
    )
    print(table(results, args.requests))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
