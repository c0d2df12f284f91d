"""Where a seeker is willing to work, and seasonal work away from home, through the API."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Seeker
from models.enums import WorkArea
from tests.http.api.conftest import Caller, seeker_body


def test_a_partner_registers_where_a_seeker_works_and_reads_it_back(
    partner: Caller, db: Session
) -> None:
    body = seeker_body(work_area="neighbouring", seasonal_work=True)
    created = partner.post("/api/v1/seekers", json=body)
    assert created.status_code == 201, created.get_json()
    seeker = created.get_json()
    assert seeker["work_area"] == "neighbouring" and seeker["seasonal_work"] is True
    read = partner.get(f"/api/v1/seekers/{seeker['id']}").get_json()
    assert read["work_area"] == "neighbouring" and read["seasonal_work"] is True
    stored = db.scalar(select(Seeker).where(Seeker.id == seeker["id"]))
    assert stored is not None
    assert stored.work_area is WorkArea.NEIGHBOURING and stored.seasonal_work is True


@pytest.mark.parametrize("fields", [{}, {"work_area": None, "seasonal_work": False}])
def test_a_seeker_who_says_nothing_has_no_work_area_and_no_seasonal_work(
    partner: Caller, fields: dict[str, Any]
) -> None:
    created = partner.post("/api/v1/seekers", json=seeker_body(**fields))
    assert created.status_code == 201, created.get_json()
    seeker = created.get_json()
    # Both are always in the answer, null and false when not said.
    assert seeker["work_area"] is None and seeker["seasonal_work"] is False


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("work_area", "abroad", "own_region, neighbouring, anywhere"),
        ("work_area", "", "own_region, neighbouring, anywhere"),
        ("work_area", 1, "own_region, neighbouring, anywhere"),
        ("seasonal_work", "yes", "Enter true or false."),
        ("seasonal_work", "true", "Enter true or false."),
        ("seasonal_work", 1, "Enter true or false."),
        ("seasonal_work", None, "This field may not be empty (null)."),
    ],
)
def test_a_wrong_work_area_or_seasonal_answer_is_refused_by_name(
    partner: Caller, db: Session, field: str, value: object, says: str
) -> None:
    answer = partner.post("/api/v1/seekers?lang=en", json=seeker_body(**{field: value}))
    assert answer.status_code == 422
    body = answer.get_json()
    assert body["error"] == "invalid" and body["message"]
    assert list(body["errors"]) == [field]
    assert any(says in message for message in body["errors"][field]), body["errors"]
    assert db.scalar(select(Seeker.id)) is None


def test_the_openapi_document_describes_both_fields(client: FlaskClient) -> None:
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for name in ("SeekerIn", "SeekerOut", "SeekerCreatedOut"):
        properties = schemas[name]["properties"]
        assert properties["work_area"]["enum"] == ["own_region", "neighbouring", "anywhere", None]
        assert properties["work_area"]["nullable"] is True
        assert properties["seasonal_work"]["type"] == "boolean"
    assert "work_area" not in schemas["SeekerIn"].get("required", [])
    assert "seasonal_work" in schemas["SeekerOut"]["required"]
