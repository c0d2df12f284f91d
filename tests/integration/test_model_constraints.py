"""The database itself refuses inconsistent rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from models import (
    ApiKey,
    Course,
    Employer,
    Enrolment,
    Match,
    MatchEvent,
    Seeker,
    User,
)
from models.enums import ActorKind, MatchStatus, Region
from tests.support import make_employer, make_seeker, make_vacancy


def employer(session: Session, inn: str = "12345678901234") -> Employer:
    """An employer with a fixed INN, so a second one with the default collides."""
    return make_employer(session, inn=inn)  # type: ignore[no-any-return]


def refused(session: Session, fn: Any) -> None:
    with pytest.raises((IntegrityError, StatementError)), session.begin_nested():
        fn()
        session.flush()


def test_external_id_is_unique_per_employer(session: Session) -> None:
    a, b = employer(session), employer(session, inn="99999999999999")
    make_vacancy(session, a, external_id="X-1")
    make_vacancy(session, b, external_id="X-1")  # another employer may reuse it
    refused(session, lambda: make_vacancy(session, a, external_id="X-1"))


def test_salary_range_and_positions(session: Session) -> None:
    emp = employer(session)
    make_vacancy(session, emp, salary_min=20000, salary_max=20000)
    refused(session, lambda: make_vacancy(session, emp, salary_min=30000, salary_max=20000))
    refused(session, lambda: make_vacancy(session, emp, salary_min=-1))
    refused(session, lambda: make_vacancy(session, emp, positions=0))


def test_enum_values_are_checked_by_the_database(session: Session) -> None:
    emp = employer(session)
    v = make_vacancy(session, emp)
    # Bypass the ORM's own validation: the CHECK constraint must refuse it.
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(
            text("UPDATE vacancies SET region = 'atlantis' WHERE id = :id"), {"id": v.id}
        )
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(
            text("UPDATE vacancies SET employment_type = 'gig' WHERE id = :id"), {"id": v.id}
        )


def test_inn_must_have_14_characters(session: Session) -> None:
    refused(session, lambda: employer(session, inn="123"))


def test_inn_is_unique(session: Session) -> None:
    employer(session)
    refused(session, lambda: employer(session))


def test_foreign_keys_are_enforced(session: Session) -> None:
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(
            insert(Match).values(
                seeker_id=999_999,
                vacancy_id=999_999,
                status="applied",
                created_at=datetime.now(UTC),
                updated_at=datetime.now(UTC),
            )
        )


def test_one_match_per_pair_and_events_keep_history(session: Session) -> None:
    emp = employer(session)
    v, s = make_vacancy(session, emp), make_seeker(session)
    m = Match(seeker_id=s.id, vacancy_id=v.id, status=MatchStatus.APPLIED)
    m.events.append(MatchEvent(to_status=MatchStatus.APPLIED, actor_kind=ActorKind.USER))
    session.add(m)
    session.flush()
    refused(
        session,
        lambda: session.add(Match(seeker_id=s.id, vacancy_id=v.id, status=MatchStatus.CONTACTED)),
    )
    assert [e.to_status for e in m.events] == [MatchStatus.APPLIED]


def test_api_key_has_exactly_one_owner(session: Session) -> None:
    emp = employer(session)
    user = User(email="staff@example.invalid", role="staff")
    session.add(user)
    session.flush()
    session.add(ApiKey(employer_id=emp.id, prefix="jk", secret_hash="a" * 64))
    session.flush()
    refused(
        session,
        lambda: session.add(
            ApiKey(employer_id=emp.id, user_id=user.id, prefix="jk", secret_hash="b" * 64)
        ),
    )
    refused(session, lambda: session.add(ApiKey(prefix="jk", secret_hash="c" * 64)))


def test_course_dates_and_enrolment_person(session: Session) -> None:
    refused(
        session,
        lambda: session.add(
            Course(
                title="Sewing",
                provider="Lyceum 12",
                language="ky",
                starts_on=date(2026, 5, 1),
                ends_on=date(2026, 4, 1),
            )
        ),
    )
    course = Course(title="Sewing", provider="Lyceum 12", language="ky")
    session.add(course)
    session.flush()
    # Someone trained who is not a registered seeker still needs gender and region.
    refused(session, lambda: session.add(Enrolment(course_id=course.id)))
    session.add(Enrolment(course_id=course.id, gender="female", region=Region.NARYN))
    session.flush()


def test_timestamps_are_stored_and_returned_in_utc(session: Session) -> None:
    bishkek = timezone(timedelta(hours=6))
    s = Seeker(
        gender="male",
        region=Region.TALAS,
        consent=True,
        consented_at=datetime(2026, 3, 1, 12, 0, tzinfo=bishkek),
    )
    session.add(s)
    session.commit()
    session.expire_all()
    stored = session.scalar(select(Seeker.consented_at).where(Seeker.id == s.id))
    assert stored == datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    assert stored is not None and stored.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(session: Session) -> None:
    refused(
        session,
        lambda: session.add(
            Seeker(gender="male", region=Region.TALAS, consented_at=datetime(2026, 3, 1, 12, 0))
        ),
    )
