"""Shared test settings and helpers (importable as `tests.support`)."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from click.testing import CliRunner, Result
from flask import Flask
from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url

from models import Course, Employer, Enrolment, Match, MatchEvent, Seeker, Vacancy
from models.enums import ActorKind
from service.cli import cli

DATABASE_URL = os.environ.get("DATABASE_URL", "") or "sqlite://"
ON_POSTGRES = (
    make_url(DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1)).get_backend_name()
    == "postgresql"
)

TEST_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "RATELIMIT_ENABLED": False,
    "ENCODER": "hashing",
}


class CommandRunner:
    """Invoke `jumush` commands against the test application."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def invoke(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), obj=self.app, input=input)


_counter = iter(range(10**6))


def make_employer(session: Any, **fields: Any) -> Any:
    """Add an employer with valid defaults."""
    from models import Employer

    n = next(_counter)
    values: dict[str, Any] = {
        "name": f"Test employer {n}",
        "inn": f"{20000000000000 + n}",
        "contact_person": "Test",
        "phone": "+996000000000",
        "email": f"hr{n}@example.invalid",
        "region": "bishkek",
        "size": "small",
    }
    values.update(fields)
    employer = Employer(**values)
    session.add(employer)
    session.flush()
    return employer


def make_vacancy(session: Any, employer: Any, **fields: Any) -> Any:
    """Add an open vacancy with valid defaults."""
    from models import Vacancy

    values: dict[str, Any] = {
        "employer_id": employer.id,
        "title": "Швея",
        "region": "bishkek",
        "employment_type": "full_time",
        "skills": [],
        "description": "",
    }
    values.update(fields)
    vacancy = Vacancy(**values)
    session.add(vacancy)
    session.flush()
    return vacancy


def make_seeker(session: Any, **fields: Any) -> Any:
    """Add a registered, visible seeker with valid defaults."""
    from models import Seeker

    values: dict[str, Any] = {
        "gender": "female",
        "birth_year": 1990,
        "region": "bishkek",
        "consent": True,
        "desired_position": "швея",
        "skills": [],
        "preferred_language": "ru",
    }
    values.update(fields)
    seeker = Seeker(**values)
    session.add(seeker)
    session.flush()
    return seeker


def make_market(session: Any) -> dict[str, Any]:
    """Store one employer's seamstress and driver vacancies in Bishkek and a cook in Osh."""
    emp = make_employer(session)
    vacancies = {
        "seamstress": make_vacancy(
            session,
            emp,
            title="Швея-мотористка",
            description="Пошив одежды на швейной машине",
            skills=["швейная машина", "пошив"],
            salary_max=30000,
        ),
        "driver": make_vacancy(
            session,
            emp,
            title="Водитель такси",
            description="Работа в такси по Бишкеку",
            skills=["права категории B"],
        ),
        "cook": make_vacancy(
            session,
            emp,
            title="Повар",
            description="Повар в кафе, горячий цех",
            skills=["приготовление блюд"],
            region="osh",
        ),
    }
    session.commit()
    return vacancies


# --- a digest of everything seeded, by natural keys (ids differ between databases) -------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return tuple(value)
    return value


def _fields(obj: Any, **replace: Any) -> tuple[tuple[str, Any], ...]:
    """Return every column but the id, with foreign keys replaced by natural keys."""
    columns = [c.key for c in inspect(type(obj)).column_attrs if c.key != "id"]
    return tuple((key, _plain(replace.get(key, getattr(obj, key)))) for key in columns)


def demo_digest(session: Any) -> str:
    """Hash every seeded row by natural keys, so two databases with other ids compare."""
    employers = {e.id: e for e in session.scalars(select(Employer))}
    vacancies = {v.id: v for v in session.scalars(select(Vacancy))}
    seekers = {x.id: x for x in session.scalars(select(Seeker))}
    courses = {c.id: c for c in session.scalars(select(Course))}
    events: dict[int, list[Any]] = {}
    for e in session.scalars(select(MatchEvent).order_by(MatchEvent.id)):
        actor = {
            ActorKind.SEEKER: lambda i: seekers[i].phone,
            ActorKind.EMPLOYER: lambda i: employers[i].inn,
        }.get(e.actor_kind, lambda i: i)(e.actor_id)
        events.setdefault(e.match_id, []).append(_fields(e, match_id=None, actor_id=actor))
    rows: list[Any] = [
        *(_fields(e) for e in employers.values()),
        *(_fields(v, employer_id=employers[v.employer_id].inn) for v in vacancies.values()),
        *(_fields(x) for x in seekers.values()),
        *(_fields(c) for c in courses.values()),
        *(
            (
                _fields(
                    m,
                    seeker_id=seekers[m.seeker_id].phone,
                    vacancy_id=vacancies[m.vacancy_id].external_id,
                ),
                tuple(events[m.id]),
            )
            for m in session.scalars(select(Match))
        ),
        *(
            _fields(
                e,
                course_id=courses[e.course_id].title,
                seeker_id=seekers[e.seeker_id].phone if e.seeker_id else None,
            )
            for e in session.scalars(select(Enrolment))
        ),
    ]
    assert rows
    return hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()


def sign_in_limited_app(tmp_path: Any, limit: str = "3 per minute") -> Flask:
    """An app on a fresh in-memory database whose sign-in forms are rate-limited."""
    from service import create_app
    from service.platform.db import get_db
    from service.platform.migrate import upgrade

    app = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": "sqlite://",
            "SESSION_STORAGE_URI": str(tmp_path / "sessions"),
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_SIGN_IN": limit,
        }
    )
    upgrade(get_db(app).engine)
    return app
