"""Speed of the staff dashboard's figures on PostgreSQL, beside a count(*) of the seekers.

Reproduce: .venv/bin/python -m scripts.bench_dashboard [--seekers 100000] [--events 300000]
           [--runs 7] [--budget-ms 1000] [--keep] [--index "CREATE INDEX ..."]
Smoke run: .venv/bin/python -m scripts.bench_dashboard --seekers 2000 --events 6000

Needs PostgreSQL at 127.0.0.1:5432 with trust auth for user postgres (--server changes it).
Drops and recreates the database `jumush_bench` (--database; never the tests' `test`),
builds the schema with the project's migrations (as `jumush db upgrade` does), loads
seeded random data with COPY (employers, vacancies, seekers, matches with their status
histories, courses, enrolments) and runs VACUUM ANALYZE; --keep reuses a loaded database.

One dashboard view is what the staff page asks for: `compute_stats` then `weekly`, in a
fresh session, (a) unfiltered, (b) for one region, (c) for one region and the last 90
days. Each round times `SELECT count(*) FROM seekers` (the baseline) and the three views,
after one warm-up round; the table gives median and max beside the baseline's median, as
the machine is shared and noisy. The unfiltered view's statements are recorded, the five
slowest listed, and the slowest explained with EXPLAIN (ANALYZE, BUFFERS). Each --index
statement is then created, the views timed again, and the index dropped. Exits 1 when
the unfiltered view's median exceeds --budget-ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from models.enums import (
    ActorKind,
    EmployerSize,
    EmploymentType,
    EnrolmentStatus,
    Gender,
    MatchStatus,
    Region,
)
from models.match import FUNNEL_STAGES
from scripts.ranking_metrics import machine_info
from service.platform.db import make_engine
from service.platform.migrate import upgrade
from service.usecases.stats import Scope, YouthBands, compute_stats, weekly

S = MatchStatus
REGION_WEIGHTS = {
    Region.BISHKEK: 30,
    Region.OSH_CITY: 10,
    Region.CHUY: 15,
    Region.OSH: 13,
    Region.JALAL_ABAD: 12,
    Region.BATKEN: 6,
    Region.TALAS: 4,
    Region.NARYN: 4,
    Region.ISSYK_KUL: 6,
}
SIZE_WEIGHTS = {
    EmployerSize.MICRO: 45,
    EmployerSize.SMALL: 30,
    EmployerSize.MEDIUM: 15,
    EmployerSize.LARGE: 10,
}
GENDER_WEIGHTS = {Gender.FEMALE: 52, Gender.MALE: 45, Gender.OTHER: 1, Gender.UNDISCLOSED: 2}
# Status histories by their number of events (weights 30/25/20/15/10: 2.5 events a match).
HISTORIES: dict[int, list[list[MatchStatus]]] = {
    1: [[S.SUGGESTED], [S.APPLIED]],
    2: [[S.APPLIED, S.CONTACTED], [S.APPLIED, S.REJECTED], [S.SUGGESTED, S.APPLIED]],
    3: [
        [S.APPLIED, S.CONTACTED, S.INTERVIEW],
        [S.APPLIED, S.CONTACTED, S.REJECTED],
        [S.SUGGESTED, S.APPLIED, S.CONTACTED],
    ],
    4: [
        [S.APPLIED, S.CONTACTED, S.INTERVIEW, S.HIRED],
        [S.APPLIED, S.CONTACTED, S.INTERVIEW, S.REJECTED],
        [S.SUGGESTED, S.APPLIED, S.CONTACTED, S.INTERVIEW],
    ],
    5: [
        [S.SUGGESTED, S.APPLIED, S.CONTACTED, S.INTERVIEW, S.HIRED],
        [S.SUGGESTED, S.APPLIED, S.CONTACTED, S.INTERVIEW, S.REJECTED],
    ],
}
LENGTH_WEIGHTS = {1: 30, 2: 25, 3: 20, 4: 15, 5: 10}
ACTORS = {S.SUGGESTED: ActorKind.SYSTEM, S.APPLIED: ActorKind.SEEKER}
JOBS = ["Швея", "Водитель такси", "Повар", "Продавец-кассир", "Бухгалтер", "Охранник"]
AGGREGATES = {"Hashed": "HashAggregate", "Sorted": "GroupAggregate", "Mixed": "MixedAggregate"}
TABLES = ("employers", "vacancies", "seekers", "matches", "match_events", "courses", "enrolments")


@dataclass
class Data:
    """The rows to load, table by table, in an order the foreign keys accept."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()


def _json(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


def employers(rng: random.Random, count: int, now: datetime) -> list[dict[str, Any]]:
    """Make employers of every size across the regions, joined over the last 20 months."""
    return [
        {
            "id": i,
            "name": f"Компания {i}",
            "inn": f"{20_000_000_000_000 + i}",
            "contact_person": f"Контакт {i}",
            "phone": f"+99655{i:07d}",
            "email": f"hr{i}@example.kg",
            "region": _pick(rng, REGION_WEIGHTS).value,
            "sector": rng.choice(["торговля", "швейное", "общепит", "транспорт"]),
            "size": _pick(rng, SIZE_WEIGHTS).value,
            "status": "active",
            "created_at": now - timedelta(days=600 * rng.random()),
        }
        for i in range(1, count + 1)
    ]


def vacancies(
    rng: random.Random, count: int, firms: list[dict[str, Any]], now: datetime
) -> list[dict[str, Any]]:
    """Make vacancies, each posted after its employer joined; 30 % of them closed."""
    rows = []
    for i in range(1, count + 1):
        firm = rng.choice(firms)
        created = _between(rng, firm["created_at"], now)
        closed = rng.random() < 0.3
        low = rng.randrange(15, 60) * 1000
        rows.append(
            {
                "id": i,
                "employer_id": firm["id"],
                "title": rng.choice(JOBS),
                "description": "",
                "skills": _json(["касса", "пошив"]),
                "region": firm["region"],
                "salary_min": low,
                "salary_max": low + rng.randrange(0, 30) * 1000,
                "employment_type": rng.choice(list(EmploymentType)).value,
                "remote": False,
                "positions": rng.randint(1, 5),
                "languages": _json(["ru", "ky"]),
                "valid_through": (created + timedelta(days=60)).date(),
                "status": "closed" if closed else "open",
                "created_at": created,
                "updated_at": created,
                "closed_at": _between(rng, created, now) if closed else None,
            }
        )
    return rows


def seekers(rng: random.Random, count: int, now: datetime) -> list[dict[str, Any]]:
    """Make seekers registered over the last 18 months, more of them lately, oldest first."""
    joined = sorted(now - timedelta(days=548 * rng.random() ** 1.5) for _ in range(count))
    rows = []
    for i, created in enumerate(joined, start=1):
        consent = rng.random() < 0.97
        deleted = rng.random() < 0.01
        found = rng.random() < 0.06
        rows.append(
            {
                "id": i,
                "full_name": None if deleted else f"Соискатель {i}",
                "phone": None if deleted else f"+996700{i:06d}",
                "gender": _pick(rng, GENDER_WEIGHTS).value,
                "birth_year": None if rng.random() < 0.03 else rng.randint(1960, 2010),
                "region": _pick(rng, REGION_WEIGHTS).value,
                "desired_position": None if deleted else rng.choice(JOBS),
                "skills": _json([] if deleted else ["касса"]),
                "languages": _json(["ky", "ru"]),
                "employment_types": _json(["full_time"]),
                "lost_job_due_to_covid": rng.random() < 0.35,
                "disability": rng.random() < 0.05,
                "consent": consent,
                "consented_at": created if consent else None,
                "withdrawn_at": _between(rng, created, now) if rng.random() < 0.02 else None,
                "deleted_at": _between(rng, created, now) if deleted else None,
                "visible_to_employers": not deleted,
                "contactable": False,
                "preferred_language": rng.choice(["ky", "ru"]),
                "failed_logins": 0,
                "session_version": 0,
                "found_work_at": _between(rng, created, now) if found else None,
                "found_work_where": "на базаре" if found else None,
                "found_work_vacancy_id": None,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows


def _lengths(rng: random.Random, matches: int, events: int) -> list[int]:
    """Draw each match's number of events so that they add up to exactly `events`."""
    lengths = rng.choices(list(LENGTH_WEIGHTS), weights=list(LENGTH_WEIGHTS.values()), k=matches)
    gap = events - sum(lengths)
    while gap:
        i = rng.randrange(matches)
        step = 1 if gap > 0 else -1
        if 1 <= lengths[i] + step <= 5:
            lengths[i] += step
            gap -= step
    return lengths


def matches(
    rng: random.Random,
    events: int,
    count: int,
    people: list[dict[str, Any]],
    posts: list[dict[str, Any]],
    now: datetime,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Make unique seeker-vacancy matches and their histories, `events` events in all."""
    count = max(count, -(-events // 5))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < count:
        pairs.add((rng.randrange(len(people)), rng.randrange(len(posts))))
    rows, history = [], []
    for match_id, ((s, v), length) in enumerate(
        zip(sorted(pairs), _lengths(rng, count, events), strict=True), start=1
    ):
        seeker, post = people[s], posts[v]
        at = _between(rng, max(seeker["created_at"], post["created_at"]), now)
        path = rng.choice(HISTORIES[length])
        created = at
        for previous, status in zip([None, *path], path, strict=False):
            actor = ACTORS.get(status, ActorKind.EMPLOYER)
            history.append(
                {
                    "id": len(history) + 1,
                    "match_id": match_id,
                    "from_status": previous.value if previous else None,
                    "to_status": status.value,
                    "actor_kind": actor.value,
                    "actor_id": {ActorKind.SEEKER: seeker["id"], ActorKind.EMPLOYER: 1}.get(actor),
                    "at": at,
                }
            )
            if status is S.HIRED and seeker["found_work_at"] is None and rng.random() < 0.5:
                seeker.update(found_work_at=at, found_work_vacancy_id=post["id"])
            at += (now - at) * rng.uniform(0.05, 0.4) + timedelta(seconds=1)
        rows.append(
            {
                "id": match_id,
                "seeker_id": seeker["id"],
                "vacancy_id": post["id"],
                "status": path[-1].value,
                "created_at": created,
                "updated_at": history[-1]["at"],
                # The funnel stages the history passed, as the model's listener keeps them.
                **{f"reached_{stage.value}": stage in path for stage in FUNNEL_STAGES},
            }
        )
    return rows, history


def courses(count: int, now: datetime) -> list[dict[str, Any]]:
    """Make a catalogue of courses."""
    return [
        {
            "id": i,
            "title": f"Курс {i}",
            "provider": "Учебный центр",
            "description": "",
            "skills": _json(["пошив"]),
            "language": "ru",
            "created_at": now - timedelta(days=400),
        }
        for i in range(1, count + 1)
    ]


def enrolments(
    rng: random.Random, count: int, people: list[dict[str, Any]], catalogue: int, now: datetime
) -> list[dict[str, Any]]:
    """Make enrolments: 85 % of seekers (one per course), the rest people described alone."""
    rows: list[dict[str, Any]] = []
    taken: set[tuple[int, int]] = set()
    while len(rows) < count:
        course = rng.randint(1, catalogue)
        row: dict[str, Any] = {"course_id": course, "seeker_id": None}
        if rng.random() < 0.85:
            seeker = rng.choice(people)
            if (course, seeker["id"]) in taken:
                continue
            taken.add((course, seeker["id"]))
            row.update(seeker_id=seeker["id"], gender=None, birth_year=None, region=None)
            start = seeker["created_at"]
        else:
            row.update(
                gender=_pick(rng, GENDER_WEIGHTS).value,
                birth_year=rng.randint(1965, 2008),
                region=_pick(rng, REGION_WEIGHTS).value,
            )
            start = now - timedelta(days=365)
        status = rng.choices(list(EnrolmentStatus), weights=[45, 40, 15])[0]
        enrolled = _between(rng, start, now)
        done = status is EnrolmentStatus.COMPLETED
        row.update(
            id=len(rows) + 1,
            status=status.value,
            enrolled_at=enrolled,
            completed_at=_between(rng, enrolled, now) if done else None,
        )
        rows.append(row)
    return rows


def generate(args: argparse.Namespace, now: datetime) -> Data:
    """Make every table's rows from the seeded generator."""
    rng = random.Random(args.seed)  # nosec B311  # seeded, reproducible data; no secret
    firms = employers(rng, args.employers or max(20, args.seekers // 50), now)
    posts = vacancies(rng, args.vacancies or max(100, args.seekers // 5), firms, now)
    people = seekers(rng, args.seekers, now)
    pairs, history = matches(
        rng, args.events, args.matches or args.events * 2 // 5, people, posts, now
    )
    catalogue = courses(60, now)
    enrolled = enrolments(rng, args.enrolments or args.seekers // 5, people, len(catalogue), now)
    return Data(
        {
            "employers": firms,
            "vacancies": posts,
            "seekers": people,
            "matches": pairs,
            "match_events": history,
            "courses": catalogue,
            "enrolments": enrolled,
        }
    )


def _admin(server: str) -> psycopg.Connection[Any]:
    return psycopg.connect(f"{server} dbname=postgres", autocommit=True)


def recreate_database(server: str, name: str) -> None:
    """Drop the bench database (ending its sessions) and create it empty."""
    assert name != "test", "the test suite uses the database `test`"
    with _admin(server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def loaded(server: str, name: str) -> bool:
    """Tell whether the bench database exists and holds seekers."""
    try:
        with psycopg.connect(f"{server} dbname={name}") as conn:
            found = conn.execute("SELECT to_regclass('seekers') IS NOT NULL").fetchone()
            if not (found and found[0]):
                return False
            return conn.execute("SELECT 1 FROM seekers LIMIT 1").fetchone() is not None
    except psycopg.OperationalError:
        return False


def load(server: str, name: str, data: Data) -> None:
    """COPY every table's rows in, move the id sequences past them, VACUUM ANALYZE."""
    with psycopg.connect(f"{server} dbname={name}") as conn:
        for table, rows in data.tables.items():
            columns = list(dict.fromkeys(key for row in rows[:1000] for key in row))
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with conn.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row([row.get(column) for column in columns])
            # `table` comes from the constant TABLES, never from input.
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # nosec B608
                f"(SELECT max(id) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


class Recorder:
    """Record each SQL statement's text, parameters and duration while `label` is set."""

    def __init__(self, engine: Engine) -> None:
        self.label: str | None = None
        self.calls: dict[str, list[float]] = defaultdict(list)
        self.params: dict[str, Any] = {}
        # The first take()'s slowest statement and its parameters, explained before and after.
        self.slowest: tuple[str, Any] = ("", None)
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        conn.info.setdefault("started", []).append(time.perf_counter())

    def _after(self, conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        elapsed = (time.perf_counter() - conn.info["started"].pop()) * 1000
        if self.label is not None:
            self.calls[statement].append(elapsed)
            self.params[statement] = params

    def take(self) -> dict[str, float]:
        """Return each statement's median ms so far, slowest first, and start afresh."""
        medians = {sql: statistics.median(ms) for sql, ms in self.calls.items()}
        self.calls = defaultdict(list)
        ranked = dict(sorted(medians.items(), key=lambda item: -item[1]))
        if ranked and not self.slowest[0]:
            first = next(iter(ranked))
            self.slowest = (first, self.params[first])
        return ranked


@dataclass(frozen=True)
class Case:
    """One timed call: a name and what to run."""

    name: str
    run: Callable[[], None]


def cases(engine: Engine, today: date) -> list[Case]:
    """Return the baseline and the three dashboard views."""
    osh = frozenset({Region.OSH})

    def baseline() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM seekers")).scalar_one()

    def view(scope: Scope) -> Callable[[], None]:
        def run() -> None:
            with Session(engine) as session:
                compute_stats(session=session, year=today.year, youth=YouthBands(), scope=scope)
                weekly(session=session, scope=scope, today=today)

        return run

    return [
        Case("baseline: SELECT count(*) FROM seekers", baseline),
        Case("(d) GET /staff, the whole page (charts, tables), no filter", page(engine)),
        Case("(a) dashboard, no filter", view(Scope())),
        Case("(b) dashboard, region osh", view(Scope(regions=osh))),
        Case(
            "(c) dashboard, region osh, last 90 days",
            view(Scope(regions=osh, since=today - timedelta(days=89), until=today)),
        ),
    ]


def page(engine: Engine) -> Callable[[], None]:
    """Return a run that asks for the rendered dashboard as a signed-in viewer would."""
    import re
    import tempfile

    from service import create_app
    from service.usecases.accounts import create_user

    url = engine.url.render_as_string(hide_password=False)
    app = create_app(
        {
            "DATABASE_URL": url,
            "ENCODER": "hashing",
            "RATELIMIT_ENABLED": False,
            "SESSION_STORAGE_URI": tempfile.mkdtemp(prefix="bench-sessions-"),
        }
    )
    email, password = f"bench-{time.time_ns()}@example.kg", "a long bench password"
    with Session(engine) as session:
        create_user(session=session, email=email, role="viewer", password=password)
    client = app.test_client()
    form = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, "no CSRF token on /staff/login"
    answer = client.post(
        "/staff/login", data={"csrf_token": token.group(1), "email": email, "password": password}
    )
    assert answer.status_code == 302, answer.status_code

    def run() -> None:
        response = client.get("/staff")
        assert response.status_code == 200, response.status_code

    return run


def time_rounds(
    todo: list[Case], runs: int, recorder: Recorder, recorded: str
) -> dict[str, list[float]]:
    """Time every case once per round, one warm-up round first; record one case's SQL."""
    times: dict[str, list[float]] = defaultdict(list)
    for round_ in range(runs + 1):
        for case in todo:
            recorder.label = case.name if round_ and case.name == recorded else None
            start = time.perf_counter()
            case.run()
            if round_:
                times[case.name].append((time.perf_counter() - start) * 1000)
    recorder.label = None
    return times


def table(times: dict[str, list[float]], suffix: str = "") -> Iterator[str]:
    """Yield markdown rows: median, max, and the median over the baseline's median."""
    base = statistics.median(next(iter(times.values())))
    for name, values in times.items():
        median = statistics.median(values)
        yield f"| {name}{suffix} | {median:.1f} | {max(values):.1f} | {median / base:.1f} |"


def _walk(node: dict[str, Any]) -> Iterator[tuple[float, dict[str, Any]]]:
    children = node.get("Plans", [])
    inner = sum(c["Actual Total Time"] * c["Actual Loops"] for c in children)
    yield node["Actual Total Time"] * node["Actual Loops"] - inner, node
    for child in children:
        yield from _walk(child)


def _node(own: float, node: dict[str, Any]) -> str:
    kind = AGGREGATES.get(node.get("Strategy", ""), "") if node["Node Type"] == "Aggregate" else ""
    where = "".join(
        f" {word} {node[key]}"
        for key, word in (("Relation Name", "on"), ("Index Name", "using"))
        if key in node
    )
    return (
        f"{kind or node['Node Type']}{where} {own:.0f} ms "
        f"({node['Actual Rows']} rows x {node['Actual Loops']} loops)"
    )


def explain(engine: Engine, statement: str, params: Any) -> tuple[str, str]:
    """Return the statement's EXPLAIN (ANALYZE, BUFFERS) text and its three costliest nodes."""
    with engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
        lines = "\n".join(row[0] for row in plan)
        raw = conn.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, params
        ).scalar_one()
    root = (raw if isinstance(raw, list) else json.loads(raw))[0]
    costliest = sorted(_walk(root["Plan"]), key=lambda pair: -pair[0])[:3]
    nodes = "; ".join(_node(own, node) for own, node in costliest)
    return (
        lines,
        f"{root['Execution Time']:.0f} ms in all; own time of the costliest nodes: {nodes}",
    )


def _indexes(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
        return set(conn.exec_driver_sql(sql).scalars())


def try_indexes(
    engine: Engine, statements: list[str], todo: list[Case], runs: int, recorder: Recorder
) -> tuple[list[str], dict[str, float], str]:
    """Create the indexes, time the views again, explain the slowest, drop the indexes."""
    slowest, params = recorder.slowest
    before = _indexes(engine)
    with engine.begin() as conn:
        for sql in statements:
            conn.exec_driver_sql(sql)
        conn.exec_driver_sql("ANALYZE")
    try:
        times = time_rounds(todo, runs, recorder, todo[2].name)
        cost = explain(engine, slowest, params)[1]
        return list(table(times, ", with the index")), recorder.take(), cost
    finally:
        with engine.begin() as conn:
            for name in _indexes(engine) - before:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')


def _short(statement: str, width: int = 100) -> str:
    flat = " ".join(statement.split()).replace("|", "\\|")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def statements(before: dict[str, float], after: dict[str, float], count: int) -> Iterator[str]:
    """Yield a markdown table of the slowest statements, with the index when one was tried."""
    extra = ("", "") if not after else (" ms with the index |", " --- |")
    yield f"| ms |{extra[0]} statement |"
    yield f"| --- |{extra[1]} --- |"
    for sql, ms in list(before.items())[:count]:
        tried = f" {after[sql]:.1f} |" if sql in after else (" - |" if after else "")
        yield f"| {ms:.1f} |{tried} `{_short(sql)}` |"
    totals = f" {sum(after.values()):.1f} |" if after else ""
    yield f"| {sum(before.values()):.1f} |{totals} all {len(before)} statements of one view |"


def describe(server: str, name: str) -> list[str]:
    """Return the server's version and settings, and each table's row count."""
    settings = ("shared_buffers", "work_mem", "jit", "max_parallel_workers_per_gather")
    with psycopg.connect(f"{server} dbname={name}") as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
        shown = ", ".join(
            f"{s} {conn.execute(f'SHOW {s}').fetchone()[0]}"  # type: ignore[index]
            for s in settings
        )
        counts = ", ".join(
            f"{t} {conn.execute(f'SELECT count(*) FROM {t}').fetchone()[0]:,}"  # type: ignore[index]  # nosec B608  # TABLES
            for t in TABLES
        )
    return [f"PostgreSQL {version} ({shown})", f"rows: {counts}"]


def headline(engine: Engine, today: date) -> str:
    """Return the unfiltered figures' main numbers, to show what the data looks like."""
    with Session(engine) as session:
        figures = compute_stats(session=session, year=today.year).as_dict()
    shown = ("registered", "matched", "match_rate", "trained", "women_share", "msme_reached")
    return ", ".join(f"{key} {figures[key]}" for key in shown) + f", funnel {figures['funnel']}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--matches", type=int, default=0, help="0: 2/5 of --events")
    parser.add_argument("--employers", type=int, default=0, help="0: --seekers / 50")
    parser.add_argument("--vacancies", type=int, default=0, help="0: --seekers / 5")
    parser.add_argument("--enrolments", type=int, default=0, help="0: --seekers / 5")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--budget-ms", type=float, default=1000.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--top", type=int, default=5, help="slowest statements to list")
    parser.add_argument("--server", default="host=127.0.0.1 port=5432 user=postgres")
    parser.add_argument("--database", default="jumush_bench")
    parser.add_argument("--keep", action="store_true", help="reuse the database when loaded")
    parser.add_argument("--index", action="append", default=[], help="CREATE INDEX to try")
    return parser


def prepare(args: argparse.Namespace, engine: Engine, now: datetime) -> str:
    """Build and load the bench database unless --keep finds it loaded; say which."""
    if args.keep and loaded(args.server, args.database):
        return "reused (--keep)"
    started = time.perf_counter()
    recreate_database(args.server, args.database)
    upgrade(engine)
    load(args.server, args.database, generate(args, now))
    return f"generated and loaded in {time.perf_counter() - started:.0f} s"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print markdown tables, fail when over the budget."""
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    today = datetime.now(UTC).date()
    conninfo = psycopg.conninfo.conninfo_to_dict(args.server)
    url = "postgresql+psycopg://{user}@{host}:{port}/".format(**conninfo) + args.database
    engine = make_engine(url)  # the service's own engine settings
    note = prepare(args, engine, datetime.combine(today, datetime.min.time(), UTC))

    recorder = Recorder(engine)
    todo = cases(engine, today)
    times = time_rounds(todo, args.runs, recorder, todo[2].name)
    slow = recorder.take()
    slowest, params = recorder.slowest
    plan, cost = explain(engine, slowest, params)
    tried, after, after_cost = (
        try_indexes(engine, args.index, todo, args.runs, recorder) if args.index else ([], {}, "")
    )
    figures = headline(engine, today)
    engine.dispose()

    print(machine_info())
    print("\n".join(describe(args.server, args.database)) + f"\ndata: {note}, today {today}")
    print(f"figures (a): {figures}\n")
    print(f"{args.runs} rounds after 1 warm-up; each view is compute_stats + weekly\n")
    print("| measure | median ms | max ms | median / baseline |")
    print("| --- | --- | --- | --- |")
    print("\n".join([*table(times), *tried]))
    print(f"\nslowest statements of (a), median per call over {args.runs} views:\n")
    print("\n".join(statements(slow, after, args.top)))
    print(f"\nslowest statement:\n{slowest}\n\nEXPLAIN (ANALYZE, BUFFERS):\n{plan}")
    print(f"\nmain cost: {cost}")
    if after_cost:
        print(f"main cost with the index: {after_cost}")
    print(f"\ntotal run time: {time.perf_counter() - started:.0f} s")
    median = statistics.median(times[todo[1].name])
    verdict = "FAIL" if median > args.budget_ms else "OK"
    sign = ">" if median > args.budget_ms else "<="
    print(
        f"\n{verdict}: unfiltered dashboard median {median:.0f} ms {sign} {args.budget_ms:.0f} ms"
    )
    return 1 if median > args.budget_ms else 0


if __name__ == "__main__":
    raise SystemExit(main())
