"""An employer's day, end to end through the test client."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.http.api.conftest import Caller, add_seeker, vacancy_body


def test_employer_day(employer: Caller, partner: Caller, db: Session) -> None:
    created = employer.post("/api/v1/vacancies", json=vacancy_body(external_id="A-1"))
    assert created.status_code == 201, created.get_json()
    vacancy = created.get_json()
    assert vacancy["status"] == "open" and vacancy["skills"] == ["шитьё", "оверлок"]

    listed = employer.get("/api/v1/vacancies")
    assert listed.status_code == 200
    assert [v["id"] for v in listed.get_json()["items"]] == [vacancy["id"]]

    seeker = add_seeker(db)
    match = employer.post(
        "/api/v1/matches", json={"vacancy_id": vacancy["id"], "seeker_id": seeker.id}
    )
    assert match.status_code == 201, match.get_json()
    match_id = match.get_json()["id"]
    assert match.get_json()["status"] == "contacted"
    for status in ("interview", "hired"):
        moved = employer.patch(f"/api/v1/matches/{match_id}", json={"status": status})
        assert moved.status_code == 200, moved.get_json()
    assert [e["to_status"] for e in moved.get_json()["events"]] == [
        "contacted",
        "interview",
        "hired",
    ]
