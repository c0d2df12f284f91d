"""The dashboard, GET /api/v1/stats and the exports give the same numbers: on small
hand-computed fixtures and on the demo data; filters and regions narrow all three."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import openpyxl
import pytest
from flask import Flask
from sqlalchemy.orm import Session

from models import Match, MatchEvent
from models.enums import ActorKind, MatchStatus, Region
from service.demo import seed_demo
from tests.http.api.conftest import add_seeker, make_user, register, vacancy_body
from tests.http.staff.conftest import StaffBrowser

Make = Callable[..., StaffBrowser]


def _hire(db: Session, seeker_id: int, vacancy_id: int, at: datetime | None = None) -> None:
    match = Match(seeker_id=seeker_id, vacancy_id=vacancy_id, status=MatchStatus.HIRED)
    for status in (
        MatchStatus.APPLIED,
        MatchStatus.CONTACTED,
        MatchStatus.INTERVIEW,
        MatchStatus.HIRED,
    ):
        match.events.append(
            MatchEvent(to_status=status, actor_kind=ActorKind.SYSTEM, **({"at": at} if at else {}))
        )
    db.add(match)
    db.commit()


@pytest.fixture
def twenty(app: Flask, client: Any, db: Session) -> dict[str, Any]:
    """20 registered seekers, 7 of them women; 2 hired (one of them twice); one deleted
    stub among them; and one seeker who never consented."""
    employer = register(client, size="small")
    vacancies = [
        employer.post("/api/v1/vacancies", json=vacancy_body(title=f"Швея {n}")).get_json()["id"]
        for n in range(2)
    ]
    seekers = []
    for n in range(20):
        fields: dict[str, Any] = {
            "gender": "female" if n < 7 else "male",
            "region": "osh" if n % 2 else "bishkek",
            "phone": f"+99655510{n:04d}",
        }
        if n == 19:  # deleted their data: the stub still counts
            fields.update(full_name=None, phone=None, email=None, deleted_at=datetime.now(UTC))
        seekers.append(add_seeker(db, **fields))
    add_seeker(db, gender="female", consent=False, phone="+996555199999")
    _hire(db, seekers[0].id, vacancies[0])  # a woman in Bishkek, hired twice
    _hire(db, seekers[0].id, vacancies[1])
    _hire(db, seekers[19].id, vacancies[0])  # the deleted stub (a man in Osh)
    return {"seekers": seekers, "employer": employer}


def _page_cards(page: str) -> dict[str, str]:
    cards = {}
    for key, value in re.findall(
        r'<li class="target[a-z ]*" id="card-([a-z_]+)">.*?<p class="value">([^<]*)</p>', page, re.S
    ):
        cards[key] = value.replace("\u00a0", " ").strip()
    return cards


def _row(page: str, table: str, group: str) -> list[str]:
    body = page.split(f'id="table-{table}"', 1)[1].split("</table>", 1)[0]
    row = body.split(f'data-group="{group}"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
    return [re.sub(r"<[^>]+>", "", cell).replace("\u00a0", " ").strip() for cell in cells]


def _csv(response: Any) -> dict[tuple[str, str], dict[str, str]]:
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return {(row["dimension"], row["group"]): row for row in csv.DictReader(io.StringIO(text))}


def _xlsx(response: Any) -> dict[tuple[str, str], dict[str, Any]]:
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    rows = list(book["figures"].iter_rows(values_only=True))
    header = rows[0]
    return {(r[0], r[1]): dict(zip(header, r, strict=True)) for r in rows[1:]}


def test_twenty_seekers_seven_women_two_hired_agree_everywhere(
    app: Flask, client: Any, twenty: dict[str, Any], signed_in: Make
) -> None:
    api = make_user(app, client, "staff").get("/api/v1/stats").get_json()
    assert (api["registered"], api["matched"]) == (20, 2)
    assert (api["match_rate"], api["women_share"]) == (0.1, 0.35)
    assert api["msme_supported"] == 1 and api["msme_reached"] == 1
    assert api["funnel"]["hired"] == 2 and api["furthest_stage"]["hired"] == 2
    assert api["breakdown"]["gender"]["female"]["matched"] == 1
    assert api["breakdown"]["region"]["osh"]["matched"] == 1

    staff = signed_in("staff")
    page = staff.get("/staff?lang=en").get_data(as_text=True)
    cards = _page_cards(page)
    assert cards["registered"] == "20" and cards["matched"] == "10 %"
    assert cards["women_share"] == "35 %" and cards["msme"] == "1"
    female = _row(page, "gender", "female")
    # Group, registered, matched, rate, gap in points against the overall 10 %.
    assert female[:5] == ["Women", "7", "1", "14.3 %", "+4.3"]
    male = _row(page, "gender", "male")
    assert male[:5] == ["Men", "13", "1", "7.7 %", "−2.3"]

    figures = _csv(staff.get("/staff/exports/figures.csv"))
    total = figures[("total", "all")]
    assert (total["registered"], total["matched"], total["match_rate"]) == ("20", "2", "0.1")
    assert (total["women"], total["women_share"]) == ("7", "0.35")
    assert figures[("gender", "female")]["matched"] == "1"
    book = _xlsx(staff.client.get("/staff/exports/figures.xlsx"))
    assert (
        book[("total", "all")]["registered"] == 20 and book[("total", "all")]["match_rate"] == 0.1
    )
    assert book[("region", "osh")]["matched"] == api["breakdown"]["region"]["osh"]["matched"]


def test_small_counts_are_suppressed_only_in_exports_that_leave_the_programme(
    twenty: dict[str, Any], signed_in: Make
) -> None:
    viewer = signed_in("viewer")
    kept = _csv(viewer.get("/staff/exports/figures.csv"))
    hidden = _csv(viewer.get("/staff/exports/figures.csv?suppress=1"))
    assert kept[("gender", "female")]["matched"] == "1"
    assert hidden[("gender", "female")]["matched"] == "<5"
    assert hidden[("gender", "female")]["match_rate"] == "<5"  # its share would reveal it
    assert hidden[("gender", "female")]["registered"] == "7"
    assert hidden[("total", "all")]["registered"] == "20"
    assert hidden[("funnel", "hired")]["registered"] == "<5"
    zeros = hidden[("gender", "other")]
    assert zeros["registered"] == "0"  # nobody is nobody: zeros are not suppressed


def test_a_region_limited_user_sees_only_their_regions_everywhere(
    app: Flask, client: Any, twenty: dict[str, Any], signed_in: Make, db: Session
) -> None:
    from service.platform.db import get_db
    from service.usecases.accounts import update_user

    osh_staff = signed_in("staff", regions=["osh"])
    token_user = make_user(app, client, "staff")
    with get_db(app).sessions() as session:
        update_user(
            session=session,
            user_id=token_user.id,
            role="staff",
            regions=["osh"],
            active=True,
            actor_id=token_user.id,
        )
    api = token_user.get("/api/v1/stats").get_json()
    assert (api["registered"], api["matched"]) == (10, 1)
    assert api["breakdown"]["region"]["bishkek"]["registered"] == 0
    # Asking for another region gives nothing of it.
    assert token_user.get("/api/v1/stats?region=bishkek").get_json()["registered"] == 0

    page = osh_staff.get("/staff?lang=en").get_data(as_text=True)
    assert _page_cards(page)["registered"] == "10"
    assert 'value="bishkek"' not in page  # the filter offers only their regions
    refused = osh_staff.get("/staff?region=bishkek&lang=en")
    assert refused.status_code == 422 and "your own regions" in refused.get_data(as_text=True)
    assert _csv(osh_staff.get("/staff/exports/figures.csv"))[("total", "all")]["registered"] == "10"
    matches = osh_staff.get("/staff/exports/matches.csv").get_data(as_text=True)
    assert matches.count("\r\n") == 2  # the header and the Osh seeker's hire

    everyone = signed_in("staff")
    filtered = everyone.get("/staff?region=osh&lang=en").get_data(as_text=True)
    assert _page_cards(filtered) == _page_cards(page)


def test_the_period_selects_people_by_when_they_registered(
    app: Flask, client: Any, db: Session, signed_in: Make
) -> None:
    old = add_seeker(db, created_at=datetime(2025, 3, 10, 12, tzinfo=UTC), phone="+996555200001")
    add_seeker(db, created_at=datetime(2026, 11, 2, 9, tzinfo=UTC), phone="+996555200002")
    del old
    staff = signed_in("staff")
    api = make_user(app, client, "viewer")
    for query, count in (
        ("from=2026-01-01", 1),
        ("to=2025-12-31", 1),
        ("from=2025-03-10&to=2025-03-10", 1),
        ("from=2025-03-11&to=2026-11-01", 0),
    ):
        assert api.get(f"/api/v1/stats?{query}").get_json()["registered"] == count, query
        page = staff.get(f"/staff?{query}&lang=en").get_data(as_text=True)
        assert _page_cards(page)["registered"] == str(count), query
        rows = _csv(staff.get(f"/staff/exports/figures.csv?{query}"))
        assert rows[("total", "all")]["registered"] == str(count), query


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "from"),
        ("from=2026-05-01&to=2026-04-01", "to"),
        ("region=mars", "region"),
    ],
)
def test_a_wrong_filter_is_a_marked_form_and_a_422(signed_in: Make, query: str, field: str) -> None:
    staff = signed_in("viewer")
    answer = staff.get(f"/staff?{query}&lang=en")
    assert answer.status_code == 422
    assert "There is a problem" in staff.last and f'href="#f-{field}"' in staff.last
    assert staff.get(f"/staff/exports/figures.csv?{query}").status_code == 422


def test_the_api_refuses_a_wrong_period_with_json(app: Flask, client: Any) -> None:
    answer = make_user(app, client, "viewer").get("/api/v1/stats?from=2026-05-01&to=2026-04-01")
    assert answer.status_code == 422 and "to" in answer.get_json()["errors"]


def test_the_demo_figures_agree_on_the_page_the_api_and_the_exports(
    app: Flask, client: Any, db: Session, signed_in: Make
) -> None:
    seed_demo(session=db)
    api = make_user(app, client, "admin").get("/api/v1/stats").get_json()
    admin = signed_in("admin")
    page = admin.get("/staff?lang=en").get_data(as_text=True)
    cards = _page_cards(page)
    assert cards["registered"] == f"{api['registered']:,}".replace(",", " ")
    assert cards["msme"] == str(api["msme_supported"])
    figures = _csv(admin.get("/staff/exports/figures.csv"))
    book = _xlsx(admin.client.get("/staff/exports/figures.xlsx"))
    for dimension, groups in api["breakdown"].items():
        for group, shown in groups.items():
            for name in ("registered", "matched", "trained", "completed"):
                assert figures[(dimension, group)][name] == str(shown[name])
                assert book[(dimension, group)][name] == shown[name]
            row = _row(page, dimension, group)
            assert row[1:3] == [str(shown["registered"]), str(shown["matched"])], (dimension, group)
    for stage, count in api["funnel"].items():
        assert figures[("funnel", stage)]["registered"] == str(count)


def test_charts_are_svg_drawn_here_with_no_script_and_nothing_from_elsewhere(
    twenty: dict[str, Any], signed_in: Make
) -> None:
    import base64

    page = signed_in("viewer").get("/staff").get_data(as_text=True)
    charts = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(charts) >= 3
    for chart in charts:
        svg = base64.b64decode(chart).decode()
        assert "<script" not in svg
        assert not re.search(r'(href|src)="(https?:)?//', svg)
        assert "@import" not in svg
    assert "<table" in page and "<caption>" in page  # each chart has its data beside it


def test_weeks_count_registrations_and_hires_from_monday_to_sunday(
    client: Any, db: Session
) -> None:
    from datetime import date

    from service.usecases.stats import Scope, weekly

    employer = register(client)
    vacancy = employer.post("/api/v1/vacancies", json=vacancy_body()).get_json()["id"]
    monday, sunday = datetime(2026, 11, 2, 8, tzinfo=UTC), datetime(2026, 11, 8, 23, tzinfo=UTC)
    first = add_seeker(db, created_at=monday, phone="+996555300001")
    add_seeker(db, created_at=sunday, phone="+996555300002")
    add_seeker(db, created_at=datetime(2026, 11, 9, 0, 30, tzinfo=UTC), phone="+996555300003")
    _hire(db, first.id, vacancy, at=datetime(2026, 11, 10, 12, tzinfo=UTC))
    weeks = weekly(session=db, scope=Scope(), today=date(2026, 11, 20))
    assert [(w.starts, w.registrations, w.hires) for w in weeks] == [
        (date(2026, 11, 2), 2, 0),
        (date(2026, 11, 9), 1, 1),
        (date(2026, 11, 16), 0, 0),
    ]
    osh = weekly(session=db, scope=Scope(regions=frozenset({Region.OSH})), today=date(2026, 11, 20))
    assert [(w.registrations, w.hires) for w in osh] == [(0, 0)]  # nobody in Osh yet


@pytest.mark.parametrize(
    "query", ["from=0001-01-01", "to=0001-01-03", "from=2020-01-01&to=9999-12-31"]
)
def test_days_outside_2000_to_2100_are_refused_calmly_everywhere(
    app: Flask, client: Any, signed_in: Make, query: str
) -> None:
    api = make_user(app, client, "viewer").get(f"/api/v1/stats?{query}")
    assert api.status_code == 422
    staff = signed_in("viewer")
    assert staff.get(f"/staff?{query}&lang=en").status_code == 422
    assert "Choose a day between 2000 and 2100." in staff.last
    assert staff.get(f"/staff/exports/figures.xlsx?{query}").status_code == 422


def test_the_widest_period_allowed_counts_everyone(
    app: Flask, client: Any, twenty: dict[str, Any], signed_in: Make
) -> None:
    query = "from=2000-01-01&to=2100-12-31"
    api = make_user(app, client, "viewer").get(f"/api/v1/stats?{query}")
    assert api.status_code == 200 and api.get_json()["registered"] == 20
    staff = signed_in("viewer")
    assert staff.get(f"/staff?{query}&lang=en").status_code == 200
    assert _page_cards(staff.last)["registered"] == "20"
    assert staff.client.get(f"/staff/exports/figures.xlsx?{query}").status_code == 200


def test_an_unknown_export_format_is_not_found(signed_in: Make) -> None:
    staff = signed_in("admin")
    for path in ("figures.pdf", "matches.json", "seekers.txt", "audit.html"):
        assert staff.get(f"/staff/exports/{path}").status_code == 404, path


# --- people trained: the ten people of tests/integration/training_people.py -------------


@pytest.fixture
def ten_trained(db: Session) -> dict[str, int]:
    from service.usecases import clock
    from tests.integration.training_people import add_trained_people

    return add_trained_people(db, year=clock.today().year)


def _card_part(page: str, card: str, part: str) -> str:
    """The value and note of one line of a card (e.g. the training card's "completed")."""
    found = re.search(rf'id="card-{card}-{part}">\s*<dt>[^<]*</dt>\s*<dd>(.*?)</dd>', page, re.S)
    assert found, (card, part)
    text = re.sub(r"<progress.*?</progress>", "", found.group(1), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", text).replace("\u00a0", " ").split())


def test_ten_people_trained_agree_on_the_api_the_dashboard_and_the_exports(
    app: Flask, client: Any, ten_trained: dict[str, int], signed_in: Make
) -> None:
    from tests.integration.training_people import BY_GROUP

    api = make_user(app, client, "staff").get("/api/v1/stats").get_json()
    assert (api["trained"], api["completed"]) == (10, 4)  # per enrolment: 13 and 5
    assert api["trained_women_share"] == 0.6
    assert (api["trained_youth_share"], api["trained_youth_un_share"]) == (0.5, 0.4)
    assert api["women_share"] == 0.625  # of the 8 registered seekers: unchanged
    staff = signed_in("staff")
    page = staff.get("/staff?lang=en").get_data(as_text=True)
    assert _page_cards(page)["trained"] == "10"
    assert _card_part(page, "trained", "completed") == "4 Target: 1 000"
    assert _card_part(page, "trained", "women") == "60 % Target: 40 %"
    youth = _card_part(page, "trained", "youth")
    assert youth == "50 % Ages 14–35 by Kyrgyz law; 40 % by the UN band (15–24)"
    figures = _csv(staff.get("/staff/exports/figures.csv"))
    total = figures[("total", "all")]
    assert [total[c] for c in ("trained", "completed", "trained_women", "trained_youth")] == [
        "10",
        "4",
        "6",
        "5",
    ]
    assert (total["trained_women_share"], total["trained_youth_share"]) == ("0.6", "0.5")
    assert (total["trained_youth_un"], total["trained_youth_un_share"]) == ("4", "0.4")
    book = _xlsx(staff.client.get("/staff/exports/figures.xlsx"))
    assert (book[("total", "all")]["trained"], book[("total", "all")]["completed"]) == (10, 4)
    # Every group of every breakdown, the same in all three (nobody's groups: nought).
    for dimension, groups in api["breakdown"].items():
        for group, shown in groups.items():
            expected = BY_GROUP[dimension].get(group, (0, 0))
            assert (shown["trained"], shown["completed"]) == expected, (dimension, group)
            row = _row(page, dimension, group)
            assert row[5:7] == [str(n) for n in expected], (dimension, group)
            exported = figures[(dimension, group)]
            assert (exported["trained"], exported["completed"]) == tuple(map(str, expected))
    assert api["breakdown"]["region"]["bishkek"]["trained_women_share"] == 0.6667


@pytest.mark.parametrize(
    ("query", "trained", "completed", "women"),
    [
        ("region=bishkek", 3, 2, "66.7 %"),  # S1, S3, S7
        ("region=talas", 1, 1, "100 %"),  # N1, who is no seeker, by her enrolments' region
        ("from=2026-03-01&to=2026-03-31", 6, 2, "66.7 %"),  # course B's people
        ("from=2026-02-04", 9, 3, "55.6 %"),  # S2 began on the 3rd; S1 counts by B only
        ("region=osh&to=2026-02-28", 2, 0, "50 %"),  # S2 and N2 (S6 began in March)
    ],
)
def test_the_region_and_the_period_narrow_the_people_trained_everywhere(
    app: Flask,
    client: Any,
    ten_trained: dict[str, int],
    signed_in: Make,
    query: str,
    trained: int,
    completed: int,
    women: str,
) -> None:
    api = make_user(app, client, "viewer").get(f"/api/v1/stats?{query}").get_json()
    assert (api["trained"], api["completed"]) == (trained, completed)
    staff = signed_in("viewer")
    page = staff.get(f"/staff?{query}&lang=en").get_data(as_text=True)
    assert _page_cards(page)["trained"] == str(trained)
    assert _card_part(page, "trained", "completed").split()[0] == str(completed)
    assert _card_part(page, "trained", "women").startswith(women)
    total = _csv(staff.get(f"/staff/exports/figures.csv?{query}"))[("total", "all")]
    assert (total["trained"], total["completed"]) == (str(trained), str(completed))


def test_a_region_limited_user_counts_only_the_people_trained_in_their_regions(
    ten_trained: dict[str, int], signed_in: Make
) -> None:
    osh = signed_in("staff", regions=["osh", "talas"])
    page = osh.get("/staff?lang=en").get_data(as_text=True)
    # S2, S6, N2 in Osh and N1 in Talas; S8 and N4 only dropped out.
    assert _page_cards(page)["trained"] == "4"
    assert _card_part(page, "trained", "completed").split()[0] == "1"
    total = _csv(osh.get("/staff/exports/figures.csv"))[("total", "all")]
    assert (total["trained"], total["completed"], total["trained_women_share"]) == ("4", "1", "0.5")


def test_small_numbers_of_people_trained_are_hidden_in_exports_that_leave_the_programme(
    ten_trained: dict[str, int], signed_in: Make
) -> None:
    figures = _csv(signed_in("viewer").get("/staff/exports/figures.csv?suppress=1"))
    total = figures[("total", "all")]
    assert (total["trained"], total["completed"]) == ("10", "<5")
    assert (total["trained_women"], total["trained_women_share"]) == ("6", "0.6")
    assert (total["trained_youth_un"], total["trained_youth_un_share"]) == ("<5", "<5")
    men, women = figures[("gender", "male")], figures[("gender", "female")]
    assert men["trained"] == "<5"
    assert women["trained"] == "x"  # else 10 - 6 would give the four men away
    assert women["trained_women_share"] == "x"  # a share would give its whole away
    assert figures[("region", "bishkek")]["trained"] == "<5"
    assert figures[("region", "issyk_kul")]["trained"] == "0"


def test_the_openapi_schema_describes_the_training_figures(client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    stats = spec["components"]["schemas"]["StatsOut"]
    names = ("trained", "completed", "trained_women_share", "trained_youth_share")
    for name in (*names, "trained_youth_un_share"):
        assert name in stats["properties"] and name in stats["required"], name
    groups = spec["components"]["schemas"]["FiguresOut"]["properties"]
    assert {"trained_women_share", "trained_youth_share"} <= set(groups)
