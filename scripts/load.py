"""Load: many clients at once against gunicorn, then a check that every accepted write is
stored and nothing else is.

Reproduce: .venv/bin/python -m scripts.load --database-url postgresql://…/db
           [--clients 50] [--seconds 60] [--encoder hashing] [--workers 2]
           [--db-outage 10 [--outage-at 20]] [--target http://127.0.0.1:8000]

Starts gunicorn with the production configuration (service/platform/gunicorn_conf.py) on
the database given (migrated, the demo data loaded if it is empty, reindexed), unless
--target names a server already running on that database. Each client is a thread that
until the time is up picks, at random by weight, one of: /healthz (the baseline), public
pages (home, search, a vacancy), a registration through the web form (GET the page for
its CSRF token, POST every field, as a browser does), a seeker's own recommendations page,
a registration through the API (a partner's token), a seeker's recommendations through
the API, and a vacancy posted with an employer's key.

Afterwards: every answer must be the one expected (any 5xx, a refused connection or an
unexpected status is an error); every write answered 201 or redirected to the
recommendations must be in the database, and nothing else: the run's rows (seekers by
phone, vacancies by external_id) and every table's row count before and after.

--db-outage N puts a TCP proxy (scripts/db_proxy.py) between gunicorn and the database
and cuts it for N seconds: a request that needs the database may then answer 503 with
Retry-After (JSON under /api, an HTML page elsewhere) and must be answered normally again
once the line is back. All clients come from one address, so the server started here gets
rate limits too high to refuse them (a --target keeps its own). The exit status is 0 only
when nothing failed.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import random
import re
import socket
import subprocess  # nosec B404  # starts this project's own commands, never a shell
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from models.base import Base
from scripts.bench_warm import jumush
from scripts.db_proxy import DatabaseProxy

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
# Rate limits high enough for every client at once from one address (see the docstring).
UNLIMITED = {
    "JUMUSH_RATELIMIT_DEFAULT": "1000000 per minute",
    "JUMUSH_RATELIMIT_REGISTRATION": "1000000 per hour",
    "JUMUSH_RATELIMIT_SEEKER_REGISTRATION": "1000000 per hour",
    "JUMUSH_RATELIMIT_SIGN_IN": "1000000 per minute",
}
# Mobile operators' prefixes that phonenumbers accepts for Kyrgyzstan.
OPERATORS = ("555", "700", "707", "770", "777", "500", "502", "505", "550", "220", "222")
SEARCHES = ("швея", "водитель", "повар", "бухгалтер", "сатуучу", "курулуш", "teacher")
POSITIONS = ("тигүүчү", "водитель такси", "повар", "бухгалтер", "сатуучу", "электрик")
REGIONS = ("bishkek", "osh", "chuy", "jalal_abad", "osh_city", "issyk_kul")
# Relative frequency of each operation.
WEIGHTS = {
    "GET /healthz": 20,
    "GET /": 5,
    "GET /vacancies?q=": 10,
    "GET /vacancies/<id>": 10,
    "register (form)": 8,
    "GET /me/recommendations": 12,
    "POST /api/v1/seekers": 8,
    "GET /api/v1/seekers/<id>/recommendations": 12,
    "POST /api/v1/vacancies": 10,
}
BASELINE = "GET /healthz"
# Operations whose answer needs no database (so say nothing about its recovery).
WITHOUT_DATABASE = {"GET /healthz", "GET /", "GET /register"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sqlalchemy_url(url: str) -> str:
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass
class Answer:
    """One HTTP answer: status (0: no answer), headers and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class _Stay(urllib.request.HTTPRedirectHandler):
    # A registration's redirect is its answer: it is read, not followed.
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


class Client:
    """One browser or API caller: its own cookies, redirects not followed."""

    def __init__(self, base: str, token: str | None = None) -> None:
        self.base = base
        self.token = token
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _Stay()
        )

    def call(
        self,
        method: str,
        path: str,
        *,
        form: list[tuple[str, str]] | None = None,
        body: dict[str, Any] | None = None,
    ) -> Answer:
        data = None
        request = urllib.request.Request(self.base + path, method=method)
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        elif body is not None:
            data = json.dumps(body).encode()
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        request.data = data
        try:
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, dict(exc.headers), exc.read())
        except OSError as exc:
            return Answer(0, {}, repr(exc).encode())


@dataclass
class Writes:
    """What the clients wrote: keys of each accepted write, and of each one attempted."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    seekers_accepted: set[str] = field(default_factory=set)
    seekers_tried: set[str] = field(default_factory=set)
    vacancies_accepted: set[str] = field(default_factory=set)
    vacancies_tried: set[str] = field(default_factory=set)
    signed_in: list[Client] = field(default_factory=list)
    api_seekers: list[int] = field(default_factory=list)
    vacancy_ids: list[int] = field(default_factory=list)


@dataclass
class Outage:
    """When the database line was cut and restored, in seconds from the start."""

    starts: float
    seconds: float
    grace: float = 5.0

    def covers(self, began: float, ended: float) -> bool:
        """Tell whether a request that ran from `began` to `ended` may have met the outage."""
        return began <= self.starts + self.seconds + self.grace and ended >= self.starts


@dataclass
class Record:
    """Every timed request of one operation, and what went wrong."""

    times: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    unavailable: int = 0
    errors: list[str] = field(default_factory=list)


class Run:
    """The clients' shared state: records per operation, writes, the clock."""

    def __init__(self, base: str, args: argparse.Namespace, employer_key: str, partner: str):
        self.base = base
        self.args = args
        self.employer_key = employer_key
        self.partner = partner
        self.run_id = uuid.uuid4().hex[:8]
        self.records: dict[str, Record] = defaultdict(Record)
        self.lock = threading.Lock()
        self.writes = Writes()
        self.started = time.perf_counter()
        self.outage: Outage | None = None
        # When (s from the start) the last 503 was answered, and the first success of an
        # operation that needs the database after the line came back.
        self.last_unavailable: float | None = None
        self.load_before = 0.0
        self.recovered_at: float | None = None
        self._numbers = iter(range(10**9))
        # A phone range of this run's own: a random block of one operator's numbers.
        self._phone_base = random.randrange(0, 900_000)  # nosec B311  # test data
        self._operator = random.choice(OPERATORS)  # nosec B311  # test data

    def now(self) -> float:
        return time.perf_counter() - self.started

    def next_number(self) -> int:
        with self.lock:
            return next(self._numbers)

    def phone(self, n: int) -> str:
        return f"0{self._operator} {(self._phone_base + n) % 1_000_000:06d}"

    def timed(
        self,
        operation: str,
        call: Callable[[], Answer],
        expected: set[int],
        check: Callable[[Answer], str | None] | None = None,
    ) -> Answer | None:
        """Make one request and record its time and outcome; return it if it was expected."""
        began = self.now()
        answer = call()
        ended = self.now()
        record = self.records[operation]
        problem = None
        if answer.status in expected:
            problem = check(answer) if check else None
        elif answer.status == 503 and self.outage and self.outage.covers(began, ended):
            problem = _check_unavailable(operation, answer)
            if problem is None:
                with self.lock:
                    record.unavailable += 1
                    record.statuses[503] += 1
                    self.last_unavailable = max(self.last_unavailable or ended, ended)
                return None
        else:
            problem = f"status {answer.status}: {answer.body[:200]!r}"
        with self.lock:
            record.statuses[answer.status] += 1
            if problem:
                record.errors.append(f"{began:.1f}s {problem}")
            else:
                record.times.append((ended - began) * 1000)
                back = self.outage and self.outage.starts + self.outage.seconds
                if back and ended > back and operation not in WITHOUT_DATABASE:
                    self.recovered_at = min(self.recovered_at or ended, ended)
        return None if problem else answer


def _check_unavailable(operation: str, answer: Answer) -> str | None:
    # The one error shape: JSON under /api, an HTML page elsewhere, always with Retry-After.
    if "Retry-After" not in answer.headers:
        return "503 without Retry-After"
    kind = answer.headers.get("Content-Type", "")
    if "/api/" in operation:
        if "application/json" not in kind or answer.json().get("error") != "unavailable":
            return f"503 not in the API's error shape: {answer.body[:200]!r}"
    elif not operation.endswith("healthz") and "text/html" not in kind:
        return f"503 page is not HTML: {kind}"
    return None


def registration_form(run: Run, n: int) -> list[tuple[str, str]]:
    """A complete registration as the web form sends it."""
    return [
        ("full_name", f"Нагрузка {run.run_id} {n}"),
        ("phone", run.phone(n)),
        ("password", "тоо жана суу 2024"),
        ("gender", "female" if n % 2 else "male"),
        ("birth_year", str(1970 + n % 35)),
        ("region", REGIONS[n % len(REGIONS)]),
        ("desired_position", POSITIONS[n % len(POSITIONS)]),
        ("skills", "пошив\nкасса"),
        ("languages", "ky"),
        ("languages", "ru"),
        ("lost_job_due_to_covid", "yes"),
        ("disability", "no"),
        ("visible_to_employers", "yes"),
        ("consent", "yes"),
    ]


def _e164(phone: str) -> str:
    return "+996" + phone.replace(" ", "")[1:]


def register_form(run: Run, rng: random.Random) -> None:
    browser = Client(run.base)
    page = run.timed("GET /register", lambda: browser.call("GET", "/register"), {200})
    if page is None:
        return
    token = TOKEN.search(page.body.decode())
    if token is None:
        run.records["GET /register"].errors.append("no CSRF token on /register")
        return
    n = run.next_number()
    phone = run.phone(n)
    with run.writes.lock:
        run.writes.seekers_tried.add(_e164(phone))
    fields = [("csrf_token", token.group(1)), *registration_form(run, n)]

    def landed(answer: Answer) -> str | None:
        if not answer.headers.get("Location", "").endswith("/me/recommendations"):
            return f"registration did not land on recommendations: {answer.headers}"
        return None

    if run.timed(
        "register (form)", lambda: browser.call("POST", "/register", form=fields), {302}, landed
    ):
        with run.writes.lock:
            run.writes.seekers_accepted.add(_e164(phone))
            run.writes.signed_in.append(browser)


def seeker_page(run: Run, rng: random.Random) -> None:
    with run.writes.lock:
        browser = rng.choice(run.writes.signed_in) if run.writes.signed_in else None
    if browser is None:
        register_form(run, rng)
        return
    run.timed("GET /me/recommendations", lambda: browser.call("GET", "/me/recommendations"), {200})


def register_api(run: Run, rng: random.Random) -> None:
    n = run.next_number()
    phone = run.phone(n)
    body = {
        "full_name": f"Нагрузка API {run.run_id} {n}",
        "phone": phone,
        "gender": "female" if n % 2 else "male",
        "birth_year": 1970 + n % 35,
        "region": REGIONS[n % len(REGIONS)],
        "desired_position": POSITIONS[n % len(POSITIONS)],
        "skills": ["пошив", "швейная машина"],
        "lost_job_due_to_covid": True,
        "consent": True,
        "preferred_language": "ky",
    }
    partner = Client(run.base, run.partner)
    with run.writes.lock:
        run.writes.seekers_tried.add(_e164(phone))
    answer = run.timed(
        "POST /api/v1/seekers", lambda: partner.call("POST", "/api/v1/seekers", body=body), {201}
    )
    if answer:
        with run.writes.lock:
            run.writes.seekers_accepted.add(_e164(phone))
            run.writes.api_seekers.append(int(answer.json()["id"]))


def recommendations_api(run: Run, rng: random.Random) -> None:
    with run.writes.lock:
        seeker = rng.choice(run.writes.api_seekers) if run.writes.api_seekers else None
    if seeker is None:
        register_api(run, rng)
        return
    partner = Client(run.base, run.partner)
    path = f"/api/v1/seekers/{seeker}/recommendations?limit=10"

    def ranked(answer: Answer) -> str | None:
        return None if isinstance(answer.json().get("items"), list) else "no items"

    run.timed(
        "GET /api/v1/seekers/<id>/recommendations",
        lambda: partner.call("GET", path),
        {200},
        ranked,
    )


def post_vacancy(run: Run, rng: random.Random) -> None:
    n = run.next_number()
    external_id = f"load-{run.run_id}-{n}"
    body = {
        "external_id": external_id,
        "title": rng.choice(("Швея-мотористка", "Водитель такси", "Повар", "Бухгалтер")),
        "description": "Нагрузочная проверка: работа в смену, обучение на месте.",
        "skills": ["пошив", "касса"],
        "region": rng.choice(REGIONS),
        "employment_type": "full_time",
        "salary_min": 20000,
        "salary_max": 30000,
        "positions": 1,
        "valid_through": "2099-12-31",
    }
    employer = Client(run.base, run.employer_key)
    with run.writes.lock:
        run.writes.vacancies_tried.add(external_id)
    answer = run.timed(
        "POST /api/v1/vacancies",
        lambda: employer.call("POST", "/api/v1/vacancies", body=body),
        {201},
    )
    if answer:
        with run.writes.lock:
            run.writes.vacancies_accepted.add(external_id)
            run.writes.vacancy_ids.append(int(answer.json()["id"]))


def page(run: Run, operation: str, path: str) -> None:
    visitor = Client(run.base)
    run.timed(operation, lambda: visitor.call("GET", path), {200})


def one_operation(run: Run, rng: random.Random, operation: str) -> None:
    """Do one operation of the mix."""
    if operation == "GET /healthz":
        page(run, operation, "/healthz")
    elif operation == "GET /":
        page(run, operation, "/")
    elif operation == "GET /vacancies?q=":
        page(run, operation, "/vacancies?q=" + urllib.parse.quote(rng.choice(SEARCHES)))
    elif operation == "GET /vacancies/<id>":
        with run.writes.lock:
            ids = run.writes.vacancy_ids
            vacancy = rng.choice(ids) if ids else None
        if vacancy is None:
            post_vacancy(run, rng)
        else:
            page(run, operation, f"/vacancies/{vacancy}")
    elif operation == "register (form)":
        register_form(run, rng)
    elif operation == "GET /me/recommendations":
        seeker_page(run, rng)
    elif operation == "POST /api/v1/seekers":
        register_api(run, rng)
    elif operation == "GET /api/v1/seekers/<id>/recommendations":
        recommendations_api(run, rng)
    elif operation == "POST /api/v1/vacancies":
        post_vacancy(run, rng)


def client_loop(run: Run, seed: int, deadline: float) -> None:
    """Pick operations by weight until the time is up; the first client begins with every
    operation once, so that even a short run covers the whole mix."""
    rng = random.Random(seed)  # nosec B311  # seeded mix of requests
    names, weights = list(WEIGHTS), list(WEIGHTS.values())
    if seed == 0:
        for operation in names:
            one_operation(run, rng, operation)
    while run.now() < deadline:
        one_operation(run, rng, rng.choices(names, weights)[0])


# --- the database, before and after ---------------------------------------------------


def row_counts(engine: Engine) -> dict[str, int]:
    """Count the rows of every table the service's models define."""
    with engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


def stored_keys(engine: Engine, phones: set[str], external_ids: set[str]) -> tuple[set, set]:
    """Return which of these phones (seekers) and external ids (vacancies) are stored."""
    seekers = Base.metadata.tables["seekers"]
    vacancies = Base.metadata.tables["vacancies"]
    with engine.connect() as connection:
        found_phones = {
            row[0]
            for chunk in _chunks(sorted(phones))
            for row in connection.execute(select(seekers.c.phone).where(seekers.c.phone.in_(chunk)))
        }
        found_ids = {
            row[0]
            for chunk in _chunks(sorted(external_ids))
            for row in connection.execute(
                select(vacancies.c.external_id).where(vacancies.c.external_id.in_(chunk))
            )
        }
    return found_phones, found_ids


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def expected_growth(seekers: int, vacancies: int) -> dict[str, tuple[int, int]]:
    """Return, per table, the least and most rows the accepted writes may add.

    A registration (web or API) stores its seeker, an audit event and a change for the
    matcher's index; a vacancy its row and a change. Embeddings are derived: a process may
    store the vectors of new records as it ranks them, at most one each.
    """
    growth = {table.name: (0, 0) for table in Base.metadata.sorted_tables}
    growth["seekers"] = (seekers, seekers)
    growth["vacancies"] = (vacancies, vacancies)
    growth["audit_events"] = (seekers, seekers)
    growth["changes"] = (seekers + vacancies, seekers + vacancies)
    growth["embeddings"] = (0, seekers + vacancies)
    return growth


# --- the server ------------------------------------------------------------------------


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int, log_path: Path) -> Iterator[str]:
    """Run gunicorn with the production configuration until the block ends."""
    port = _free_port()
    # O_APPEND: the workers write their lines to one file at once without overwriting.
    log = log_path.open("a")
    server = subprocess.Popen(  # nosec B603  # gunicorn under this interpreter
        [sys.executable, "-m", "gunicorn", "--config", "python:service.platform.gunicorn_conf",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "service:create_app()"],
        env=env, cwd=ROOT, stdout=log, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(3000):
            if Client(base).call("GET", "/readyz").status == 200:
                break
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited; its log: {log.name}")
            time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not become ready; its log: {log.name}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print(f"gunicorn's log: {log.name}", file=sys.stderr)


def server_times(log_path: Path, since: float) -> list[str]:
    """Return, per route, the time spent inside the application (its request log)."""
    times: dict[str, list[float]] = defaultdict(list)
    for line in log_path.read_text(errors="replace").splitlines():
        if not line.startswith("{"):
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("message") != "request" or entry.get("ms") is None:
            continue
        stamp, _, millis = entry["time"].partition(",")
        at = time.mktime(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) + int(millis or 0) / 1000
        if at >= since:
            times[f"{entry['method']} {entry['route']} {entry['status']}"].append(entry["ms"])
    lines = [
        "| route, status (time inside the application) | requests | p50 ms | p95 ms | p99 ms |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, values in sorted(times.items(), key=lambda item: -len(item[1])):
        p50, p95, p99 = (_percentile(values, q) for q in (0.5, 0.95, 0.99))
        lines.append(f"| {name} | {len(values)} | {p50:.1f} | {p95:.1f} | {p99:.1f} |")
    return lines


def employer_key(base: str) -> str:
    """Register an employer and return its API key."""
    inn = "0" + "".join(random.choice("0123456789") for _ in range(13))  # nosec B311  # test data
    answer = Client(base).call(
        "POST",
        "/api/v1/employers",
        body={
            "name": f"Нагрузка {inn}",
            "inn": inn,
            "contact_person": "Айгүл Осмонова",
            "phone": "+996 555 123 456",
            "email": f"load-{inn}@example.org",
            "region": "bishkek",
            "size": "small",
        },
    )
    if answer.status != 201:
        raise RuntimeError(f"employer registration answered {answer.status}: {answer.body!r}")
    return str(answer.json()["api_key"])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def report(run: Run, seconds: float) -> list[str]:
    """Return the results as markdown lines."""
    base = run.records[BASELINE].times
    b50, b95 = _percentile(base, 0.5), _percentile(base, 0.95)
    lines = [
        "| operation | requests | per second | p50 ms | p95 ms | p99 ms "
        "| p50 ÷ /healthz p50 | p95 ÷ /healthz p95 | 503 (outage) | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    order = [BASELINE, *(name for name in run.records if name != BASELINE)]
    for name in order:
        record = run.records[name]
        times = record.times
        p50, p95, p99 = (_percentile(times, q) for q in (0.5, 0.95, 0.99))
        lines.append(
            f"| {name} | {len(times)} | {len(times) / seconds:.1f} | {p50:.1f} | {p95:.1f} "
            f"| {p99:.1f} | {p50 / b50:.1f} | {p95 / b95:.1f} | {record.unavailable} "
            f"| {len(record.errors)} |"
        )
    total = sum(len(r.times) for r in run.records.values())
    lines.append(f"\nanswered as expected: {total} requests, {total / seconds:.1f} per second")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the load, check the database, print a markdown table; 0 when nothing failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--target", default="", help="a running server on that database")
    parser.add_argument("--partner-token", default="", help="with --target: a partner's token")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--encoder", default="", help="JUMUSH_ENCODER; empty: the default")
    parser.add_argument("--db-outage", type=float, default=0.0, help="cut the database N s")
    parser.add_argument("--outage-at", type=float, default=None, help="default: a third in")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="jumush-load-"))
    database = args.database_url or f"sqlite:///{folder / 'load.db'}"
    engine = create_engine(_sqlalchemy_url(database))
    env = {
        **os.environ,
        **UNLIMITED,
        "DATABASE_URL": database,
        "JUMUSH_SESSION_STORAGE_URI": str(folder / "sessions"),
        # The production default: one JSON line per request, with the time it took inside
        # the application, so the report can tell queueing from work.
        "JUMUSH_LOG_LEVEL": "INFO",
        "JUMUSH_SECRET_KEY": uuid.uuid4().hex,
    }
    if args.encoder:
        env["JUMUSH_ENCODER"] = args.encoder
    proxy: DatabaseProxy | None = None
    if args.db_outage:
        if args.target:
            parser.error("--db-outage starts its own server: leave out --target")
        url = make_url(_sqlalchemy_url(database))
        if url.get_backend_name() != "postgresql":
            parser.error("--db-outage needs a database server (PostgreSQL)")
        proxy = DatabaseProxy(url.host or "127.0.0.1", url.port or 5432)
        env["DATABASE_URL"] = url.set(host="127.0.0.1", port=proxy.port).render_as_string(
            hide_password=False
        )

    with contextlib.ExitStack() as stack:
        if proxy is not None:
            stack.enter_context(proxy)
        if args.target:
            base, partner = args.target.rstrip("/"), args.partner_token
            if not partner:
                parser.error("--target needs --partner-token")
        else:
            for step in (("db", "upgrade"), ("seed-demo", "--if-empty"), ("reindex",)):
                jumush({**env, "DATABASE_URL": database}, *step)
            email = f"load-{uuid.uuid4().hex[:8]}@example.org"
            # A throwaway partner account of this run: the API needs only its token.
            password = uuid.uuid4().hex
            partner = jumush(
                {**env, "DATABASE_URL": database, "JUMUSH_NEW_USER_PASSWORD": password},
                "create-user", "--email", email, "--role", "partner",
            ).strip().splitlines()[-1]  # fmt: skip
            log_path = folder / "gunicorn.log"
            base = stack.enter_context(serve(env, args.workers, log_path))
        run = Run(base, args, employer_key(base), partner)
        with engine.connect() as connection:
            run.writes.vacancy_ids = list(
                connection.scalars(text("SELECT id FROM vacancies WHERE status = 'open' LIMIT 500"))
            )
        before = row_counts(engine)
        for _ in range(20):  # warm every worker's matcher path before anything is timed
            Client(base).call("GET", "/vacancies?q=" + urllib.parse.quote("швея"))
        run.load_before = os.getloadavg()[0]
        run.started = time.perf_counter()
        wall_start = time.time()
        if proxy is not None:
            run.outage = Outage(
                starts=args.seconds / 3 if args.outage_at is None else args.outage_at,
                seconds=args.db_outage,
            )
            threading.Thread(target=_cut, args=(run, proxy, run.outage), daemon=True).start()
        threads = [
            threading.Thread(target=client_loop, args=(run, seed, args.seconds), daemon=True)
            for seed in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = run.now()
        ready = Client(base).call("GET", "/readyz").status
        after = row_counts(engine)

    verdict = _verdict(run, engine, before, after, elapsed, ready)
    if not args.target:
        print()
        print("\n".join(server_times(log_path, wall_start)))
    return verdict


def _cut(run: Run, proxy: DatabaseProxy, outage: Outage) -> None:
    time.sleep(max(0.0, outage.starts - run.now()))
    proxy.cut()
    time.sleep(outage.seconds)
    proxy.restore()


def _verdict(
    run: Run,
    engine: Engine,
    before: dict[str, int],
    after: dict[str, int],
    elapsed: float,
    ready: int,
) -> int:
    writes = run.writes
    phones, external_ids = stored_keys(engine, writes.seekers_tried, writes.vacancies_tried)
    lost = len(writes.seekers_accepted - phones) + len(writes.vacancies_accepted - external_ids)
    extra = len(phones - writes.seekers_accepted) + len(external_ids - writes.vacancies_accepted)
    growth = expected_growth(len(writes.seekers_accepted), len(writes.vacancies_accepted))
    unexplained = {
        name: after[name] - before[name]
        for name in before
        if not growth[name][0] <= after[name] - before[name] <= growth[name][1]
    }
    errors = sum(len(record.errors) for record in run.records.values())

    print(
        f"clients: {run.args.clients}, {elapsed:.0f} s, gunicorn workers: {run.args.workers}, "
        f"encoder: {run.args.encoder or 'default'}, database: {engine.url.get_backend_name()}"
    )
    if run.outage:
        back = run.outage.starts + run.outage.seconds

        def since_back(moment: float | None) -> str:
            return "never" if moment is None else f"{moment - back:+.1f} s"

        print(
            f"database cut at {run.outage.starts:.0f} s for {run.outage.seconds:.0f} s; from "
            f"the moment it came back: first success needing the database answered at "
            f"{since_back(run.recovered_at)}, last 503 answered at "
            f"{since_back(run.last_unavailable)}"
        )
    print(f"load average (1 min) before / after: {run.load_before:.1f} / {os.getloadavg()[0]:.1f}")
    print()
    print("\n".join(report(run, elapsed)))
    print(
        f"\nwrites accepted: {len(writes.seekers_accepted)} seekers, "
        f"{len(writes.vacancies_accepted)} vacancies; lost: {lost}; stored but not "
        f"accepted: {extra}; tables that grew otherwise: {unexplained or 'none'}"
    )
    print(f"errors: {errors}; /readyz after the run: {ready}")
    for name, record in run.records.items():
        for line in record.errors[:5]:
            print(f"  {name}: {line}")
    failed = errors or lost or extra or unexplained or ready != 200
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
