"""A partner registers where a seeker can work with the seeker's own form."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Seeker
from models.enums import WorkArea
from tests.http.staff.conftest import StaffBrowser
from tests.http.web.conftest import registration, seasonal_checked


def test_a_partner_registers_where_the_seeker_can_work(
    signed_in: Callable[..., StaffBrowser], db: Session
) -> None:
    partner = signed_in("partner")
    form = registration(phone="0555 44 33 22", work_area="neighbouring", seasonal_work="yes")
    del form["password"]

    page = partner.get("/staff/seekers/new?lang=ru").get_data(as_text=True)
    assert "Где вы можете работать?" in page and 'name="seasonal_work"' in page
    wrong = partner.send("/staff/seekers/new?lang=en", {**form, "work_area": "abroad"})
    assert wrong.status_code == 422 and 'href="#f-work_area"' in partner.last
    assert seasonal_checked(partner.last)
    assert partner.send("/staff/seekers/new", form).status_code == 200
    seeker = db.scalar(select(Seeker).where(Seeker.phone == "+996555443322"))
    assert seeker is not None
    assert seeker.work_area is WorkArea.NEIGHBOURING and seeker.seasonal_work is True
