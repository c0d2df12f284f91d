"""Retention: inactive seekers get notice, then lose their personal data, and the
figures stay where they were. Every time is fixed, never read from the wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, Match, MatchEvent, Seeker
from models.enums import ActorKind, MatchStatus
from service.usecases.errors import InvalidInput
from service.usecases.retention import (
    RetentionPolicy,
    anonymisation_due,
    apply_retention,
    welcome_back,
)
from service.usecases.seeker_accounts import PERSONAL_FIELDS, blank
from service.usecases.stats import compute_stats
from tests.support import make_employer, make_seeker, make_vacancy

POLICY = RetentionPolicy(inactive_days=365, notice_days=30)
NOW = datetime(2027, 6, 1, 3, 0, tzinfo=UTC)


def _person(session: Session, name: str, last_active: datetime) -> Seeker:
    return make_seeker(
        session,
        full_name=name,
        phone="+996555" + str(abs(hash(name)) % 10**6).zfill(6),
        email=f"{name.lower()}@example.invalid",
        locality="Токмок",
        experience="Беш жыл тигүү цехинде",
        skills=["пошив"],
        languages=["ky"],
        gender="female",
        birth_year=1991,
        region="chuy",
        lost_job_due_to_covid=True,
        created_at=last_active,
        last_active_at=last_active,
    )


def _actions(session: Session, seeker: Seeker) -> list[str]:
    return list(
        session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity_kind == "seeker", AuditEvent.entity_id == seeker.id)
            .order_by(AuditEvent.id)
        )
    )


def test_a_seeker_inactive_for_the_period_gets_notice_and_an_active_one_does_not(
    session: Session,
) -> None:
    away = _person(session, "Away", NOW - timedelta(days=365))
    recent = _person(session, "Recent", NOW - timedelta(days=364))
    session.commit()

    run = apply_retention(session=session, policy=POLICY, now=NOW)

    assert (run.noticed, run.anonymised) == (1, 0)
    assert away.retention_notice_at == NOW and away.full_name == "Away"
    assert recent.retention_notice_at is None
    assert anonymisation_due(away, POLICY.notice_days) == NOW + timedelta(days=30)
    assert _actions(session, away) == ["seeker.retention_notice"]


def test_after_the_notice_runs_out_personal_data_go_and_the_stub_and_matches_stay(
    session: Session,
) -> None:
    seeker = _person(session, "Gulnara", NOW - timedelta(days=400))
    vacancy = make_vacancy(session, make_employer(session))
    match = Match(seeker_id=seeker.id, vacancy_id=vacancy.id, status=MatchStatus.HIRED)
    match.events.append(
        MatchEvent(
            to_status=MatchStatus.HIRED,
            actor_kind=ActorKind.USER,
            note="Gulnara phoned on +996555000111",
        )
    )
    session.add(match)
    session.commit()
    before = compute_stats(session=session, year=2027)

    apply_retention(session=session, policy=POLICY, now=NOW)
    assert seeker.deleted_at is None  # notice given, not yet run out
    too_soon = apply_retention(session=session, policy=POLICY, now=NOW + timedelta(days=29))
    assert (too_soon.noticed, too_soon.anonymised) == (0, 0)
    run = apply_retention(session=session, policy=POLICY, now=NOW + timedelta(days=30))

    assert (run.noticed, run.anonymised) == (0, 1)
    session.refresh(seeker)
    assert {name: getattr(seeker, name) for name in PERSONAL_FIELDS} == {
        name: blank(name) for name in PERSONAL_FIELDS
    }
    assert (seeker.gender, seeker.birth_year, seeker.region, seeker.lost_job_due_to_covid) == (
        "female",
        1991,
        "chuy",
        True,
    )
    assert seeker.deleted_at == NOW + timedelta(days=30)
    kept = session.scalars(select(Match).where(Match.seeker_id == seeker.id)).one()
    assert kept.status is MatchStatus.HIRED and [e.note for e in kept.events] == [None]
    assert compute_stats(session=session, year=2027) == before
    assert _actions(session, seeker) == ["seeker.retention_notice", "seeker.anonymised_inactive"]


def test_running_it_again_at_the_same_time_changes_nothing(session: Session) -> None:
    _person(session, "First", NOW - timedelta(days=500))
    _person(session, "Second", NOW - timedelta(days=500))
    session.commit()
    apply_retention(session=session, policy=POLICY, now=NOW)
    later = NOW + timedelta(days=31)

    first = apply_retention(session=session, policy=POLICY, now=later)
    events = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    again = apply_retention(session=session, policy=POLICY, now=later)

    assert (first.noticed, first.anonymised) == (0, 2)
    assert (again.noticed, again.anonymised) == (0, 0)
    assert session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) == events


def test_a_dry_run_counts_and_writes_nothing(session: Session) -> None:
    noticed = _person(session, "Noticed", NOW - timedelta(days=800))
    _person(session, "Idle", NOW - timedelta(days=400))
    _person(session, "Busy", NOW - timedelta(days=3))
    noticed.retention_notice_at = NOW - timedelta(days=45)
    session.commit()

    run = apply_retention(session=session, policy=POLICY, now=NOW, dry_run=True)

    assert (run.noticed, run.anonymised, run.dry_run) == (1, 1, True)
    session.expire_all()
    assert session.scalar(select(Seeker.full_name).where(Seeker.id == noticed.id)) == "Noticed"
    assert session.scalars(select(Seeker.retention_notice_at)).all().count(None) == 2
    assert session.scalar(select(AuditEvent.id)) is None


def test_signing_in_under_notice_keeps_the_account_and_says_so_once(session: Session) -> None:
    seeker = _person(session, "Back", NOW - timedelta(days=370))
    session.commit()
    apply_retention(session=session, policy=POLICY, now=NOW)

    told = welcome_back(session=session, seeker=seeker, now=NOW + timedelta(days=10))
    told_again = welcome_back(session=session, seeker=seeker, now=NOW + timedelta(days=11))
    run = apply_retention(session=session, policy=POLICY, now=NOW + timedelta(days=40))

    assert (told, told_again) == (True, False)
    assert (run.noticed, run.anonymised) == (0, 0)
    assert seeker.full_name == "Back" and seeker.retention_notice_at is None
    assert _actions(session, seeker) == ["seeker.retention_notice", "seeker.retention_notice_shown"]


def test_activity_recorded_after_the_notice_by_any_path_stops_the_anonymising(
    session: Session,
) -> None:
    seeker = _person(session, "Later", NOW - timedelta(days=370))
    session.commit()
    apply_retention(session=session, policy=POLICY, now=NOW)
    # A write that moved the activity date but left the notice (an older code path).
    seeker.last_active_at = NOW + timedelta(days=1)
    session.commit()

    run = apply_retention(session=session, policy=POLICY, now=NOW + timedelta(days=31))

    assert run.anonymised == 0 and seeker.deleted_at is None


@pytest.mark.parametrize("days", [{"inactive_days": 0}, {"notice_days": -1}])
def test_a_period_below_one_day_is_refused(days: dict[str, int]) -> None:
    with pytest.raises(InvalidInput):
        RetentionPolicy(**{"inactive_days": 365, "notice_days": 30, **days})


def test_changing_the_profile_or_being_applied_for_by_a_partner_ends_the_notice(
    session: Session,
) -> None:
    from models import User
    from service.usecases.casework import apply_for
    from service.usecases.seeker_accounts import update_profile

    partner = User(email="partner@example.invalid", role="partner")
    session.add(partner)
    session.flush()
    editing = _person(session, "Editing", NOW - timedelta(days=400))
    helped = _person(session, "Helped", NOW - timedelta(days=400))
    helped.registered_by_user_id = partner.id
    vacancy = make_vacancy(session, make_employer(session))
    session.commit()
    apply_retention(session=session, policy=POLICY, now=NOW)

    update_profile(session=session, seeker=editing, fields={"desired_position": "тикувчи"})
    apply_for(session=session, user=partner, seeker_id=helped.id, vacancy_id=vacancy.id)

    assert (editing.retention_notice_at, helped.retention_notice_at) == (None, None)
    # Activity is read from the wall clock there, so well after the fixed notice time.
    assert editing.last_active_at and editing.last_active_at > NOW - timedelta(days=400)
    later = apply_retention(session=session, policy=POLICY, now=NOW + timedelta(days=31))
    assert later.anonymised == 0
