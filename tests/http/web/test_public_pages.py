"""Pages anyone may open: the vacancies and their shareable cards, the languages, the
security headers and the weight of every seeker page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from sqlalchemy.orm import Session

from models import Vacancy
from tests.http.api.conftest import Caller, vacancy_body
from tests.http.web.conftest import Visitor, registration
from tests.support import sign_in_limited_app

PAGE_BUDGET = 100 * 1024


def test_vacancies_are_searched_by_words_and_by_region(
    visitor: Visitor, employer: Caller, sewing_vacancy: dict[str, Any]
) -> None:
    cook = employer.post(
        "/api/v1/vacancies",
        json=vacancy_body(title="Повар", description="Горячий цех кафе", region="osh", skills=[]),
    ).get_json()
    found = visitor.get("/vacancies?q=швея").get_data(as_text=True)
    assert sewing_vacancy["title"] in found
    assert (
        found.index(sewing_vacancy["title"]) < found.find(cook["title"])
        or cook["title"] not in found
    )
    in_osh = visitor.get("/vacancies?region=osh").get_data(as_text=True)
    assert cook["title"] in in_osh and sewing_vacancy["title"] not in in_osh
    assert visitor.get("/vacancies?page=zzz&region=nowhere").status_code == 200


def test_a_vacancy_page_is_a_card_for_messengers_and_search_engines(
    visitor: Visitor, sewing_vacancy: dict[str, Any]
) -> None:
    answer = visitor.get(f"/vacancies/{sewing_vacancy['id']}")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert f'<meta property="og:title" content="{sewing_vacancy["title"]}' in page
    assert 'property="og:url"' in page and 'property="og:description"' in page
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    posting = json.loads(raw)
    assert posting["@type"] == "JobPosting" and posting["title"] == sewing_vacancy["title"]
    assert posting["hiringOrganization"]["name"]
    assert posting["baseSalary"]["currency"] == "KGS"
    assert "phone" not in raw and "@example.invalid" not in page  # no personal data


def test_a_closed_vacancy_says_so_and_a_suspended_employers_is_not_found(
    visitor: Visitor, db: Session, sewing_vacancy: dict[str, Any], staff: Caller
) -> None:
    vacancy = db.get(Vacancy, sewing_vacancy["id"])
    assert vacancy is not None
    vacancy.status = "closed"
    db.commit()
    page = visitor.get(f"/vacancies/{vacancy.id}?lang=en").get_data(as_text=True)
    assert "This vacancy is closed." in page and "ld+json" not in page
    staff.patch(f"/api/v1/employers/{vacancy.employer_id}", json={"status": "suspended"})
    assert visitor.get(f"/vacancies/{vacancy.id}").status_code == 404


def test_json_ld_cannot_be_broken_out_of(visitor: Visitor, employer: Caller) -> None:
    posted = employer.post(
        "/api/v1/vacancies", json=vacancy_body(title="Швея </script><script>alert(1)</script>")
    ).get_json()
    page = visitor.get(f"/vacancies/{posted['id']}").get_data(as_text=True)
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("lang", "tag"), [("ky", "ky"), ("ru", "ru"), ("uz", "uz-Cyrl"), ("en", "en")]
)
def test_the_chosen_language_is_remembered(visitor: Visitor, lang: str, tag: str) -> None:
    visitor.get(f"/?lang={lang}")
    page = visitor.get("/vacancies").get_data(as_text=True)
    assert f'<html lang="{tag}">' in page


def test_the_browser_language_is_the_first_guess(client: Any) -> None:
    page = client.get("/", headers={"Accept-Language": "uz-UZ,uz;q=0.9"}).get_data(as_text=True)
    assert '<html lang="uz-Cyrl">' in page


def test_every_page_sends_the_security_headers(
    visitor: Visitor, sewing_vacancy: dict[str, Any]
) -> None:
    public = [*SEEKER_PAGES[:5], f"/vacancies/{sewing_vacancy['id']}", "/no-such-page"]
    answers = [visitor.get(path) for path in public]
    visitor.send("/register", registration())
    answers += [visitor.get(path) for path in SEEKER_PAGES[5:]]
    for answer in answers:
        policy = answer.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert "default-src 'self'" in policy
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        page = answer.get_data(as_text=True)
        assert "<style" not in page and " style=" not in page  # nothing the policy blocks
        assert re.search(r"<script(?! type=\"application/ld\+json\")", page) is None


def test_production_adds_hsts_and_secure_cookies(app: Any) -> None:
    from service import create_app
    from tests.support import TEST_CONFIG

    prod = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": "sqlite://",
            "ENV": "production",
            "SECRET_KEY": "x" * 40,
            "RATELIMIT_STORAGE_URI": "memory://",
            "SESSION_STORAGE_URI": app.config["SESSION_STORAGE_URI"],
        }
    )
    client = prod.test_client()
    answer = client.get("/register")
    assert "max-age=" in answer.headers["Strict-Transport-Security"]
    cookie = client.get_cookie("jumush_session")
    assert cookie is not None and cookie.secure and cookie.http_only


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.urls.append(str(found["href"]))
        if tag in {"img", "script"} and found.get("src"):
            self.urls.append(str(found["src"]))


SEEKER_PAGES = (
    "/",
    "/register",
    "/login",
    "/activate",
    "/vacancies",
    "/me",
    "/me/recommendations",
    "/me/applications",
    "/me/found-job",
    "/me/delete",
)


def test_every_seeker_page_stays_within_100_kb_with_nothing_from_another_host(
    visitor: Visitor, sewing_vacancy: dict[str, Any]
) -> None:
    pages = [*SEEKER_PAGES[:5], f"/vacancies/{sewing_vacancy['id']}"]
    weights = {path: _weight(visitor, path) for path in pages}
    visitor.send("/register", registration())
    visitor.send(
        "/me/applications", {"vacancy_id": sewing_vacancy["id"]}, form="/me/recommendations"
    )
    weights |= {path: _weight(visitor, path) for path in SEEKER_PAGES[5:]}
    over = {path: size for path, size in weights.items() if size > PAGE_BUDGET}
    assert over == {}, weights


def _weight(visitor: Visitor, path: str) -> int:
    answer = visitor.get(path)
    assert answer.status_code == 200, path
    html = answer.get_data()
    assets = _Assets()
    assets.feed(html.decode())
    total = len(html)
    for url in assets.urls:
        assert url.startswith("/") and not url.startswith("//"), (path, url)
        asset = visitor.client.get(url)
        total += len(asset.get_data())
    return total


def test_sign_in_attempts_are_limited_per_address(tmp_path: Any) -> None:
    app = sign_in_limited_app(tmp_path)
    visitor = Visitor(app.test_client())
    statuses = [
        visitor.send(
            "/login?lang=en", {"phone": "0555000111", "password": "whatever it is"}
        ).status_code
        for _ in range(4)
    ]
    assert statuses == [422, 422, 422, 429]
    assert "Too many requests" in visitor.last
    assert visitor.get("/login").status_code == 200  # reading the form is not limited
