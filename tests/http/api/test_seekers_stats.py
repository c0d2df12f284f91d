"""Seekers registered by partners, and the programme's figures."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Course, Enrolment, Match, Seeker, User
from models.base import utcnow
from models.enums import EnrolmentStatus, MatchStatus
from service.usecases.stats import age_bands
from tests.http.api.conftest import Caller, add_seeker, seeker_body, vacancy_body


def test_partner_registers_and_reads_a_seeker(partner: Caller) -> None:
    created = partner.post("/api/v1/seekers", json=seeker_body())
    assert created.status_code == 201, created.get_json()
    seeker = created.get_json()
    assert seeker["consent"] is True and seeker["visible_to_employers"] is True
    assert seeker["contactable"] is False and seeker["preferred_language"] == "ru"
    assert seeker["phone"] == "+996700111222"  # stored as E.164
    code = seeker.pop("activation_code")  # shown once, never read back
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}", code)
    read = partner.get(f"/api/v1/seekers/{seeker['id']}")
    assert read.get_json() == seeker


def test_seekers_and_vacancies_speak_any_iso_639_language(
    partner: Caller, employer: Caller
) -> None:
    body = seeker_body(languages=["ky", "UZ", "tg", "dng", "ko", "uz"])
    created = partner.post("/api/v1/seekers", json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["languages"] == ["ky", "uz", "tg", "dng", "ko"]
    posted = employer.post("/api/v1/vacancies", json=vacancy_body(languages=["uz", "tr"]))
    assert posted.status_code == 201, posted.get_json()
    assert posted.get_json()["languages"] == ["uz", "tr"]


@pytest.mark.parametrize("codes", [["xx"], ["ky", "qqq"], ["english"]])
def test_an_unknown_language_code_is_refused(partner: Caller, codes: list[str]) -> None:
    answer = partner.post("/api/v1/seekers", json=seeker_body(languages=codes))
    assert answer.status_code == 422
    assert "languages" in answer.get_json()["errors"]


def test_a_phone_that_is_no_number_is_refused(partner: Caller) -> None:
    answer = partner.post("/api/v1/seekers", json=seeker_body(phone="+996 12"))
    assert answer.status_code == 422
    assert "phone" in answer.get_json()["errors"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("consent", False),
        ("birth_year", date.today().year - 5),
        ("birth_year", 1800),
        ("phone", "abc"),
        ("gender", "unknown"),
        ("education_level", "phd"),
        ("employment_types", ["gig"]),
        ("full_name", ""),
    ],
)
def test_seeker_validation(partner: Caller, field: str, value: object) -> None:
    response = partner.post("/api/v1/seekers", json=seeker_body(**{field: value}))
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_consent_is_required(partner: Caller) -> None:
    body = seeker_body()
    del body["consent"]
    response = partner.post("/api/v1/seekers", json=body)
    assert response.status_code == 422 and "consent" in response.get_json()["errors"]


def test_staff_limited_to_regions_register_only_seekers_of_them(staff: Caller, db: Session) -> None:
    # They could not reach a seeker of another region afterwards.
    user = db.get(User, staff.id)
    user.regions = ["osh"]
    db.commit()
    before = db.scalar(select(func.count(Seeker.id)))
    elsewhere = staff.post(
        "/api/v1/seekers", json=seeker_body(region="bishkek"), headers={"Accept-Language": "ru"}
    )
    assert elsewhere.status_code == 422
    assert elsewhere.get_json()["errors"]["region"] == [
        "Вы можете регистрировать только соискателей своих областей."
    ]
    assert db.scalar(select(func.count(Seeker.id))) == before
    assert staff.post("/api/v1/seekers", json=seeker_body(region="osh")).status_code == 201


def test_deleted_seeker_is_not_found(partner: Caller, db: Session) -> None:
    seeker = add_seeker(db, deleted_at=utcnow(), full_name=None, phone=None, email=None)
    assert partner.get(f"/api/v1/seekers/{seeker.id}").status_code == 404


def test_age_bands_follow_the_youth_setting() -> None:
    assert [b[0] for b in age_bands(14, 28)] == [
        "under_14",
        "14-28",
        "29-35",
        "36-45",
        "46-55",
        "56+",
    ]
    assert [b[0] for b in age_bands(15, 40)] == ["under_15", "15-40", "41-45", "46-55", "56+"]


def test_stats_follow_the_definitions(staff: Caller, employer: Caller, db: Session) -> None:
    year = date.today().year
    young_woman = add_seeker(
        db, gender="female", birth_year=year - 20, region="osh", lost_job_due_to_covid=True
    )
    man = add_seeker(db, gender="male", birth_year=year - 40, region="osh")
    add_seeker(db, gender="female", birth_year=year - 30, consent=False)  # not registered
    add_seeker(db, gender="female", birth_year=year - 30, withdrawn_at=utcnow())  # withdrew
    # A deleted stub still counts: it consented and did not withdraw.
    add_seeker(
        db,
        gender="female",
        birth_year=year - 50,
        region="naryn",
        deleted_at=utcnow(),
        full_name=None,
        phone=None,
        email=None,
    )
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    match = employer.post(
        "/api/v1/matches", json={"vacancy_id": vacancy, "seeker_id": young_woman.id}
    ).get_json()
    for status in ("interview", "hired"):
        employer.patch(f"/api/v1/matches/{match['id']}", json={"status": status})
    db.add(Match(seeker_id=man.id, vacancy_id=vacancy, status=MatchStatus.REJECTED))
    course = Course(title="Шитьё", provider="ЦОК", language="ru")
    db.add(course)
    db.flush()
    db.add_all(
        [
            Enrolment(
                course_id=course.id, seeker_id=young_woman.id, status=EnrolmentStatus.COMPLETED
            ),
            Enrolment(course_id=course.id, seeker_id=man.id, status=EnrolmentStatus.DROPPED),
            Enrolment(course_id=course.id, gender="female", birth_year=year - 25, region="talas"),
        ]
    )
    db.commit()

    stats = staff.get("/api/v1/stats").get_json()
    assert stats["registered"] == 3
    assert stats["matched"] == 1
    assert stats["match_rate"] == round(1 / 3, 4)
    assert (stats["trained"], stats["completed"]) == (2, 1)
    # Among the trained: the young woman (20) and the woman in Talas (25), not the man
    # who dropped out.
    assert stats["trained_women_share"] == 1.0
    assert (stats["trained_youth_share"], stats["trained_youth_un_share"]) == (1.0, 0.5)
    assert stats["women_share"] == round(2 / 3, 4)
    assert stats["youth_share"] == round(1 / 3, 4)  # 14-35 by law: the woman of 20
    assert stats["youth_un_share"] == round(1 / 3, 4)  # 15-24 (UN): the same woman
    assert stats["funnel"] == {"applied": 0, "contacted": 1, "interview": 1, "hired": 1}
    gender = stats["breakdown"]["gender"]
    assert gender["female"]["registered"] == 2 and gender["female"]["matched"] == 1
    assert gender["female"]["trained"] == 2 and gender["male"]["trained"] == 0
    assert stats["breakdown"]["age_band"]["14-35"]["registered"] == 1
    assert stats["breakdown"]["age_band"]["14-35"]["trained"] == 2
    assert stats["breakdown"]["region"]["osh"]["registered"] == 2
    assert stats["breakdown"]["region"]["talas"]["trained"] == 1
    assert stats["breakdown"]["region"]["bishkek"]["registered"] == 0
    assert stats["breakdown"]["covid"]["affected"]["matched"] == 1
    assert stats["breakdown"]["disability"]["without_disability"]["registered"] == 3


def test_stats_of_an_empty_programme(viewer: Caller) -> None:
    stats = viewer.get("/api/v1/stats").get_json()
    assert stats["registered"] == 0 and stats["match_rate"] is None
