"""Where a seeker can work, and seasonal work away from home, on the seekers' pages (the
partners' registration of a seeker, the same form, is in tests/http/staff)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Seeker
from models.enums import WorkArea
from tests.http.web.conftest import (
    PASSWORD,
    Visitor,
    chosen_area,
    registration,
    seasonal_checked,
)


def only_seeker(db: Session) -> Seeker:
    db.expire_all()
    [seeker] = db.scalars(select(Seeker)).all()
    return seeker


def test_the_form_asks_where_one_can_work_in_the_pages_language(visitor: Visitor) -> None:
    page = visitor.get("/register?lang=ky").get_data(as_text=True)
    assert "Кайда иштей аласыз?" in page
    for value, label in [
        ("own_region", "Өз аймагымда гана"),
        ("neighbouring", "Өз аймагымда жана коңшу аймактарда"),
        ("anywhere", "Кыргызстандын каалаган жеринде"),
    ]:
        assert f'type="radio" id="f-work_area-{value}" name="work_area" value="{value}"' in page
        assert f'<label for="f-work_area-{value}">{label}</label>' in page
    assert chosen_area(page) == []  # nothing is said for the seeker
    assert not seasonal_checked(page)
    assert "мезгилдүү жумушка да макулмун" in page
    russian = visitor.get("/register?lang=ru").get_data(as_text=True)
    assert "Где вы можете работать?" in russian and "летом на Иссык-Куле" in russian
    uzbek = visitor.get("/register?lang=uz").get_data(as_text=True)
    assert "Қаерда ишлай оласиз?" in uzbek and "ёзда Иссиқкўлда" in uzbek


def test_registering_stores_where_one_can_work(visitor: Visitor, db: Session) -> None:
    answer = visitor.send("/register", registration(work_area="anywhere", seasonal_work="yes"))
    assert answer.status_code == 302
    seeker = only_seeker(db)
    assert seeker.work_area is WorkArea.ANYWHERE and seeker.seasonal_work is True


def test_registering_without_an_answer_stores_none(visitor: Visitor, db: Session) -> None:
    assert visitor.send("/register", registration()).status_code == 302
    seeker = only_seeker(db)
    assert seeker.work_area is None and seeker.seasonal_work is False


def test_an_unknown_work_area_is_marked_and_every_answer_kept(
    visitor: Visitor, db: Session
) -> None:
    answer = visitor.send(
        "/register?lang=en", registration(work_area="abroad", seasonal_work="yes")
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert '<a href="#f-work_area">Where can you work?: Choose one of:' in page
    assert (
        '<fieldset class="field has-error" id="f-work_area" aria-describedby="e-work_area-1"'
        in (page)
    )
    assert 'aria-invalid="true"' in page
    assert seasonal_checked(page)  # the other answers stay
    assert 'value="Айгүл Асанова"' in page
    assert db.scalars(select(Seeker)).all() == []


def test_a_wrong_answer_elsewhere_keeps_the_chosen_work_area(visitor: Visitor) -> None:
    answer = visitor.send(
        "/register?lang=en",
        registration(phone="12", work_area="neighbouring", seasonal_work="yes"),
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and 'href="#f-phone"' in page
    assert 'href="#f-work_area"' not in page
    assert chosen_area(page) == ["neighbouring"]
    assert seasonal_checked(page)


def test_the_profile_page_shows_and_saves_where_one_can_work(visitor: Visitor, db: Session) -> None:
    visitor.send("/register", registration(work_area="own_region"))
    page = visitor.get("/me").get_data(as_text=True)
    assert chosen_area(page) == ["own_region"] and not seasonal_checked(page)
    profile = registration(password=None, consent=None)
    saved = visitor.send("/me", {**profile, "work_area": "neighbouring", "seasonal_work": "yes"})
    assert saved.status_code == 302
    seeker = only_seeker(db)
    assert seeker.work_area is WorkArea.NEIGHBOURING and seeker.seasonal_work is True
    page = visitor.get("/me").get_data(as_text=True)
    assert chosen_area(page) == ["neighbouring"] and seasonal_checked(page)
    # Unticking the box is an answer too.
    assert visitor.send("/me", {**profile, "work_area": "neighbouring"}).status_code == 302
    assert only_seeker(db).seasonal_work is False


def test_a_wrong_work_area_on_the_profile_page_changes_nothing(
    visitor: Visitor, db: Session
) -> None:
    visitor.send("/register", registration(work_area="own_region"))
    profile = registration(password=None, consent=None)
    answer = visitor.send("/me?lang=en", {**profile, "work_area": "moon", "seasonal_work": "yes"})
    assert answer.status_code == 422
    assert 'href="#f-work_area"' in answer.get_data(as_text=True)
    seeker = only_seeker(db)
    assert seeker.work_area is WorkArea.OWN_REGION and seeker.seasonal_work is False


def test_the_data_download_holds_them_and_deletion_blanks_them(
    visitor: Visitor, db: Session
) -> None:
    visitor.send("/register", registration(work_area="anywhere", seasonal_work="yes"))
    data = json.loads(visitor.get("/me/data.json").get_data(as_text=True))
    assert data["seeker"]["work_area"] == "anywhere"
    assert data["seeker"]["seasonal_work"] is True
    assert visitor.send("/me/delete", {"password": PASSWORD}).status_code == 200
    stub = only_seeker(db)
    assert stub.deleted_at is not None
    assert stub.work_area is None and stub.seasonal_work is False
