"""Where a seeker is willing to work reaches the matcher's profile of them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models import Seeker
from models.enums import WorkArea
from service.usecases.indexing import seeker_profile
from service.usecases.seeker_accounts import update_profile
from tests.support import make_seeker


def test_seeker_profile_carries_work_area_and_seasonal_work(session: Session) -> None:
    seeker = make_seeker(session, region="naryn", desired_position="повар")
    session.commit()
    said_nothing = seeker_profile(seeker)
    assert (said_nothing.work_area, said_nothing.seasonal) == ("", False)

    update_profile(
        session=session,
        seeker=seeker,
        fields={"work_area": WorkArea.NEIGHBOURING, "seasonal_work": True},
    )
    session.expire_all()
    stored = session.get(Seeker, seeker.id)
    assert stored is not None
    profile = seeker_profile(stored)
    # A plain string as the matcher's vocabulary has it, never the enum's repr.
    assert profile.work_area == "neighbouring" and type(profile.work_area) is str
    assert profile.seasonal is True
    assert profile.region == "naryn"


def test_every_work_area_maps_to_its_value(session: Session) -> None:
    for area in WorkArea:
        seeker = make_seeker(session, work_area=area)
        assert seeker_profile(seeker).work_area == area.value
