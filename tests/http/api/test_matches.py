"""Matches: one per pair, the transition table, events with actor and time, obsolescence."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy.orm import Session

from models.enums import MatchStatus
from service.usecases.matches import ALLOWED_TARGETS, OPEN_STATUSES, TRANSITIONS
from tests.http.api.conftest import Caller, add_seeker, vacancy_body


def _vacancy(employer: Caller, **fields: object) -> int:
    return int(employer.post("/api/v1/vacancies", json=vacancy_body(**fields)).get_json()["id"])


def _move(caller: Caller, match_id: int, status: str) -> int:
    return int(caller.patch(f"/api/v1/matches/{match_id}", json={"status": status}).status_code)


def test_transition_table_is_the_design() -> None:
    chain = ["suggested", "applied", "contacted", "interview", "hired"]
    for before, after in itertools.pairwise(chain):
        assert MatchStatus(after) in TRANSITIONS[MatchStatus(before)]
    for status in OPEN_STATUSES:
        assert {MatchStatus.REJECTED, MatchStatus.WITHDRAWN, MatchStatus.OBSOLETE} <= TRANSITIONS[
            status
        ]
    for final in ("hired", "rejected", "withdrawn", "obsolete"):
        assert TRANSITIONS[MatchStatus(final)] == frozenset()
    assert MatchStatus.OBSOLETE not in ALLOWED_TARGETS["staff"]


def test_partner_applies_then_employer_moves_it_on(
    employer: Caller, partner: Caller, db: Session
) -> None:
    vacancy = _vacancy(employer)
    seeker = add_seeker(db, registered_by_user_id=partner.id)
    applied = partner.post("/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id})
    assert applied.status_code == 201 and applied.get_json()["status"] == "applied"
    match_id = applied.get_json()["id"]
    for status in ("contacted", "interview"):
        assert (
            employer.patch(f"/api/v1/matches/{match_id}", json={"status": status}).status_code
            == 200
        )
    events = employer.get(f"/api/v1/matches/{match_id}").get_json()["events"]
    assert [(e["from_status"], e["to_status"], e["actor_kind"]) for e in events] == [
        (None, "applied", "user"),
        ("applied", "contacted", "employer"),
        ("contacted", "interview", "employer"),
    ]
    assert events[0]["actor_id"] == partner.id and events[1]["actor_id"] == employer.id
    assert all(e["at"] for e in events)


def test_one_match_per_pair(employer: Caller, partner: Caller, db: Session) -> None:
    vacancy, seeker = _vacancy(employer), add_seeker(db, registered_by_user_id=partner.id)
    body = {"vacancy_id": vacancy, "seeker_id": seeker.id}
    assert employer.post("/api/v1/matches", json=body).status_code == 201
    again = partner.post("/api/v1/matches", json=body)
    assert again.status_code == 409 and again.get_json()["error"] == "conflict"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (["interview", "hired"], "contacted"),  # back
        ([], "hired"),  # skipping the interview
        (["rejected"], "interview"),  # out of a final status
        (["interview", "hired"], "rejected"),
    ],
)
def test_illegal_transitions_answer_409(
    employer: Caller, db: Session, path: list[str], status: str
) -> None:
    vacancy, seeker = _vacancy(employer), add_seeker(db)
    match = employer.post(
        "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id}
    ).get_json()
    for step in path:
        assert (
            employer.patch(f"/api/v1/matches/{match['id']}", json={"status": step}).status_code
            == 200
        )
    response = employer.patch(f"/api/v1/matches/{match['id']}", json={"status": status})
    assert response.status_code == 409
    assert response.get_json()["error"] == "conflict"


def test_roles_set_only_their_statuses(employer: Caller, partner: Caller, db: Session) -> None:
    vacancy, seeker = _vacancy(employer), add_seeker(db, registered_by_user_id=partner.id)
    match = partner.post(
        "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id}
    ).get_json()
    assert (
        employer.patch(f"/api/v1/matches/{match['id']}", json={"status": "withdrawn"}).status_code
        == 403
    )
    assert _move(partner, match["id"], "hired") == 403
    assert (
        partner.patch(f"/api/v1/matches/{match['id']}", json={"status": "withdrawn"}).status_code
        == 200
    )


def test_unknown_status_is_422(employer: Caller, db: Session) -> None:
    vacancy, seeker = _vacancy(employer), add_seeker(db)
    match = employer.post(
        "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id}
    ).get_json()
    response = employer.patch(f"/api/v1/matches/{match['id']}", json={"status": "married"})
    assert response.status_code == 422 and "status" in response.get_json()["errors"]


def test_hiring_makes_other_open_matches_obsolete(
    employer: Caller, other_employer: Caller, staff: Caller, db: Session
) -> None:
    seeker = add_seeker(db)
    mine, theirs, done = _vacancy(employer), _vacancy(other_employer), _vacancy(other_employer)
    hired = employer.post("/api/v1/matches", json={"vacancy_id": mine, "seeker_id": seeker.id})
    open_elsewhere = staff.post(
        "/api/v1/matches", json={"vacancy_id": theirs, "seeker_id": seeker.id}
    )
    rejected = staff.post("/api/v1/matches", json={"vacancy_id": done, "seeker_id": seeker.id})
    staff.patch(f"/api/v1/matches/{rejected.get_json()['id']}", json={"status": "rejected"})
    match_id = hired.get_json()["id"]
    employer.patch(f"/api/v1/matches/{match_id}", json={"status": "interview"})
    assert _move(employer, match_id, "hired") == 200

    other = staff.get(f"/api/v1/matches/{open_elsewhere.get_json()['id']}").get_json()
    assert other["status"] == "obsolete"
    assert other["events"][-1]["actor_kind"] == "system"
    assert other["events"][-1]["actor_id"] is None
    still = staff.get(f"/api/v1/matches/{rejected.get_json()['id']}").get_json()
    assert still["status"] == "rejected"


def test_employer_cannot_contact_invisible_or_unregistered_seekers(
    employer: Caller, db: Session
) -> None:
    vacancy = _vacancy(employer)
    hidden = add_seeker(db, visible_to_employers=False)
    no_consent = add_seeker(db, consent=False)
    for seeker in (hidden, no_consent):
        response = employer.post(
            "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": seeker.id}
        )
        assert response.status_code == 404


def test_closed_vacancy_takes_no_new_matches(
    employer: Caller, partner: Caller, db: Session
) -> None:
    vacancy = _vacancy(employer)
    employer.patch(f"/api/v1/vacancies/{vacancy}", json={"status": "closed"})
    response = partner.post(
        "/api/v1/matches",
        json={
            "vacancy_id": vacancy,
            "seeker_id": add_seeker(db, registered_by_user_id=partner.id).id,
        },
    )
    assert response.status_code == 409


def test_expired_or_suspended_employers_vacancies_take_no_applications(
    employer: Caller, partner: Caller, staff: Caller, db: Session
) -> None:
    from datetime import date, timedelta

    from sqlalchemy import func, select

    from models import Match, Vacancy

    expired = _vacancy(employer)
    row = db.get(Vacancy, expired)
    assert row is not None
    row.valid_through = date.today() - timedelta(days=1)
    db.commit()
    answer = partner.post(
        "/api/v1/matches",
        json={
            "vacancy_id": expired,
            "seeker_id": add_seeker(db, registered_by_user_id=partner.id).id,
        },
    )
    assert answer.status_code == 409
    suspended = _vacancy(employer)
    staff.patch(f"/api/v1/employers/{employer.id}", json={"status": "suspended"})
    answer = partner.post(
        "/api/v1/matches",
        json={
            "vacancy_id": suspended,
            "seeker_id": add_seeker(db, registered_by_user_id=partner.id, phone="+996700000333").id,
        },
    )
    assert answer.status_code == 409  # a suspended employer never receives a contact
    assert db.scalar(select(func.count()).select_from(Match)) == 0
