"""Every ORM change to a vacancy or seeker leaves a change-counter row."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Change, Employer, Seeker, Vacancy
from models.enums import EntityKind


def changes(session: Session) -> list[tuple[EntityKind, int]]:
    return [(c.kind, c.entity_id) for c in session.scalars(select(Change).order_by(Change.id))]


def test_insert_update_delete_are_recorded(session: Session) -> None:
    emp = Employer(
        name="E",
        inn="12345678901234",
        contact_person="A",
        phone="1",
        email="e@example.invalid",
        region="osh",
        size="micro",
    )
    session.add(emp)
    session.flush()
    assert changes(session) == []  # employers are not indexed
    v = Vacancy(employer_id=emp.id, title="Повар", region="osh", employment_type="shift")
    s = Seeker(gender="female", region="osh", consent=True)
    session.add_all([v, s])
    session.commit()
    assert sorted(changes(session)) == sorted(
        [(EntityKind.VACANCY, v.id), (EntityKind.SEEKER, s.id)]
    )
    v.title = "Повар-кондитер"
    session.commit()
    session.delete(s)
    session.commit()
    assert changes(session)[2:] == [(EntityKind.VACANCY, v.id), (EntityKind.SEEKER, s.id)]


def test_loading_without_changing_records_nothing(session: Session) -> None:
    emp = Employer(
        name="E",
        inn="12345678901234",
        contact_person="A",
        phone="1",
        email="e@example.invalid",
        region="osh",
        size="micro",
    )
    session.add(emp)
    session.flush()
    session.add(
        Vacancy(employer_id=emp.id, title="Швея", region="osh", employment_type="full_time")
    )
    session.commit()
    before = len(changes(session))
    vacancy = session.scalars(select(Vacancy)).one()
    vacancy.title = vacancy.title  # same value: not a modification
    session.commit()
    assert len(changes(session)) == before
