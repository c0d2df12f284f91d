"""Ranked candidates for an employer's vacancy and vacancies for a seeker, with contact
details only where the seeker allowed them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.http.api.conftest import Caller, add_seeker, vacancy_body

SEAMSTRESS = vacancy_body(
    title="Швея-мотористка",
    description="Пошив одежды на швейной машине",
    skills=["швейная машина", "пошив"],
)


def _seamstresses(db: Session) -> dict[str, Any]:
    return {
        "private": add_seeker(db, desired_position="швея", skills=["пошив", "швейная машина"]),
        "contactable": add_seeker(
            db, desired_position="швея-мотористка", skills=["пошив"], contactable=True
        ),
        "hidden": add_seeker(
            db, desired_position="швея", skills=["пошив"], visible_to_employers=False
        ),
    }


def test_candidates_are_ranked_and_explained(employer: Caller, db: Session) -> None:
    seekers = _seamstresses(db)
    add_seeker(db, desired_position="водитель такси", skills=["права категории B"])
    vacancy = employer.post("/api/v1/vacancies", json=SEAMSTRESS).get_json()["id"]
    response = employer.get(
        f"/api/v1/vacancies/{vacancy}/candidates", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    ids = [item["seeker_id"] for item in body["items"]]
    assert seekers["hidden"].id not in ids
    assert set(ids[:2]) == {seekers["private"].id, seekers["contactable"].id}
    first = body["items"][0]
    assert first["explanation"] and all(isinstance(e, str) for e in first["explanation"])
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)
    for item in body["items"]:
        assert "gender" not in item and "birth_year" not in item and "disability" not in item


def test_contact_details_only_when_allowed(employer: Caller, partner: Caller, db: Session) -> None:
    seekers = _seamstresses(db)
    applicant = add_seeker(
        db,
        desired_position="швея",
        skills=["пошив"],
        full_name="Жазгүл",
        registered_by_user_id=partner.id,
    )
    vacancy = employer.post("/api/v1/vacancies", json=SEAMSTRESS).get_json()["id"]
    applied = partner.post(
        "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": applicant.id}
    )
    assert applied.status_code == 201, applied.get_json()
    items = employer.get(f"/api/v1/vacancies/{vacancy}/candidates").get_json()["items"]
    by_id = {item["seeker_id"]: item for item in items}
    private = by_id[seekers["private"].id]
    assert (private["full_name"], private["phone"], private["email"]) == (None, None, None)
    assert private["contact_visible"] is False
    assert by_id[seekers["contactable"].id]["phone"] == "+996555000111"
    assert by_id[applicant.id]["full_name"] == "Жазгүл"
    assert by_id[applicant.id]["match_status"] == "applied"


def test_limit_is_bounded(employer: Caller) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=SEAMSTRESS).get_json()["id"]
    response = employer.get(f"/api/v1/vacancies/{vacancy}/candidates?limit=0")
    assert response.status_code == 422 and "limit" in response.get_json()["errors"]


def test_recommendations_for_a_seeker(employer: Caller, partner: Caller) -> None:
    seamstress = employer.post("/api/v1/vacancies", json=SEAMSTRESS).get_json()["id"]
    employer.post(
        "/api/v1/vacancies",
        json=vacancy_body(
            title="Водитель такси", description="Работа в такси", skills=["права категории B"]
        ),
    )
    seeker = partner.post(
        "/api/v1/seekers",
        json={
            "full_name": "Гүлнара",
            "phone": "+996700111222",
            "gender": "female",
            "birth_year": 1990,
            "region": "bishkek",
            "desired_position": "швея",
            "skills": ["пошив", "швейная машина"],
            "consent": True,
            "preferred_language": "en",
        },
    ).get_json()
    response = partner.get(f"/api/v1/seekers/{seeker['id']}/recommendations?limit=5")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["items"][0]["vacancy_id"] == seamstress
    assert body["items"][0]["vacancy"]["title"] == "Швея-мотористка"
    assert body["items"][0]["explanation"] and body["missing"] == []


def test_an_empty_profile_gets_no_ranking_but_a_message(partner: Caller, db: Session) -> None:
    seeker = add_seeker(
        db, desired_position=None, skills=[], experience=None, registered_by_user_id=partner.id
    )
    response = partner.get(f"/api/v1/seekers/{seeker.id}/recommendations")
    assert response.status_code == 200
    body = response.get_json()
    assert body["items"] == [] and body["missing"] and body["message"]


@pytest.mark.parametrize("path", ["/api/v1/seekers/{id}/recommendations"])
def test_recommendations_access(
    path: str, employer: Caller, viewer: Caller, anonymous: Caller, staff: Caller, db: Session
) -> None:
    seeker = add_seeker(db)
    url = path.format(id=seeker.id)
    assert employer.get(url).status_code == 403
    assert viewer.get(url).status_code == 403
    assert anonymous.get(url).status_code == 401
    assert staff.get(url).status_code == 200
    assert staff.get(path.format(id=999999)).status_code == 404


def test_candidates_access(
    employer: Caller, other_employer: Caller, partner: Caller, anonymous: Caller
) -> None:
    vacancy = employer.post("/api/v1/vacancies", json=SEAMSTRESS).get_json()["id"]
    url = f"/api/v1/vacancies/{vacancy}/candidates"
    assert employer.get(url).status_code == 200
    assert other_employer.get(url).status_code == 404
    assert partner.get(url).status_code == 403
    assert anonymous.get(url).status_code == 401
