"""Programme staff in a real browser: sign in with a password and a TOTP second factor,
read the targets dashboard, filter it, export the figures and sign out for good; a
viewer's password-only access; a partner registering a seeker who then activates the
account; and an axe-core audit of every staff page."""

from __future__ import annotations

import itertools
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

import pyotp
import pytest

from tests.e2e.conftest import jumush, shot
from tests.e2e.test_seeker_journey import audit

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "staff password 2024"
DESKTOP = {"width": 1280, "height": 900}
SESSION_COOKIE = "jumush_session"
_phones = itertools.count(1)


def new_user(env: dict[str, str], role: str) -> str:
    """Create a programme user of `role` with PASSWORD and return its unique e-mail."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.org"
    jumush(env, "create-user", "--email", email, "--role", role, "--password", PASSWORD)
    return email


def unique_phone() -> str:
    """Return a Kyrgyz mobile number no other test in this run uses."""
    return f"0555 44 {33 + next(_phones):02d} {uuid.uuid4().int % 100:02d}"


def registered(page: Any) -> int:
    """Read the figure on the "Seekers registered" card."""
    text = page.inner_text("#card-registered .value")
    digits = text.replace("\u00a0", "").replace(" ", "")
    assert digits.isdigit(), text
    return int(digits)


def fill_password(page: Any, email: str) -> None:
    """Fill and submit the first step of the staff sign-in form."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def enrol(page: Any) -> pyotp.TOTP:
    """On the enrolment page, read the key, prove a code and return the TOTP."""
    assert page.url.split("?")[0].endswith("/staff/login/enrol")
    totp = pyotp.TOTP(page.inner_text("code.key").replace(" ", ""))
    page.get_by_label("Six-digit code").fill(totp.now())
    page.get_by_role("button", name="Confirm and sign in").click()
    return totp


def signed_in(browser: Any, server: str, env: dict[str, str], role: str) -> tuple[Any, Any]:
    """Create a user of `role`, sign in (enrolling TOTP) and return its context and page."""
    email = new_user(env, role)
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}/staff/login?lang=en")
    fill_password(page, email)
    enrol(page)
    assert urlsplit(page.url).path == "/staff"
    return context, page


def download(page: Any, selector: str) -> bytes:
    """Click a download link and return the file's bytes."""
    with page.expect_download() as info:
        page.click(selector)
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def test_staff_enrol_a_second_factor_read_filter_export_and_sign_out(
    server: str, server_env: dict[str, str], browser: Any
) -> None:
    email = new_user(server_env, "staff")
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()

    # The dashboard asks to sign in first.
    page.goto(f"{server}/staff?lang=en")
    assert "/staff/login" in page.url
    shot(page, "staff-login")
    fill_password(page, email)

    # First sign-in: set up the second factor.
    assert page.url.endswith("/staff/login/enrol")
    assert page.locator("img.qr").is_visible()
    shot(page, "staff-enrol")
    totp = enrol(page)

    # The dashboard (where the sign-in was asked for): cards and charts.
    assert urlsplit(page.url).path == "/staff"
    assert page.inner_text("h1") == "Programme targets"
    everyone = registered(page)
    charts = page.locator("img.chart")
    assert charts.count() >= 3
    widths = charts.evaluate_all("images => images.map(image => image.naturalWidth)")
    assert all(width > 0 for width in widths), widths
    shot(page, "staff-dashboard")

    # A region's figures.
    page.get_by_label("Region", exact=True).select_option("osh")
    page.get_by_role("button", name="Show").click()
    assert "region=osh" in page.url
    assert registered(page) <= everyone
    shot(page, "staff-dashboard-filtered")

    # The figures, as CSV and XLSX (with the region filter).
    csv = download(page, "#exports-title ~ ul.exports li:first-child a:text-is('CSV')")
    assert csv.decode("utf-8").lstrip("\ufeff").startswith("dimension,group,registered")
    xlsx = download(page, "#exports-title ~ ul.exports li:first-child a:text-is('XLSX')")
    assert xlsx.startswith(b"PK")

    # Sign out: the old session cookie opens nothing afterwards.
    copied = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
    assert copied
    page.get_by_role("button", name="Sign out").click()
    assert "/staff/login" in page.url
    context.close()
    replay = browser.new_context()
    replay.add_cookies(copied)
    stale = replay.new_page()
    stale.goto(f"{server}/staff")
    assert urlsplit(stale.url).path == "/staff/login"
    replay.close()

    # Second sign-in: the code page, with the next time step's code.
    again = browser.new_context()
    page = again.new_page()
    page.goto(f"{server}/staff/login?lang=en")
    fill_password(page, email)
    assert page.url.endswith("/staff/login/code")
    page.get_by_label("Six-digit code").fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Sign in").click()
    assert urlsplit(page.url).path == "/staff"
    assert page.inner_text("h1") == "Programme targets"
    again.close()


def test_a_viewer_signs_in_with_a_password_only_and_exports_figures(
    server: str, server_env: dict[str, str], browser: Any
) -> None:
    email = new_user(server_env, "viewer")
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}/staff/login?lang=en")
    fill_password(page, email)
    assert urlsplit(page.url).path == "/staff"
    menu = page.locator("nav.main")
    assert menu.get_by_role("link", name="Targets").is_visible()
    assert menu.get_by_role("link", name="Seekers").count() == 0
    csv = download(page, "ul.exports li:first-child a:text-is('CSV')")
    assert csv.decode("utf-8").lstrip("\ufeff").startswith("dimension,group,registered")
    response = page.goto(f"{server}/staff/seekers")
    assert response is not None and response.status == 403
    context.close()


def test_staff_pages_have_no_serious_accessibility_violations(
    server: str, server_env: dict[str, str], browser: Any
) -> None:
    context, page = signed_in(browser, server, server_env, "admin")
    cookies = context.cookies()
    page.goto(f"{server}/staff/employers")
    employer = page.locator("table.figures tbody a").first.get_attribute("href")
    page.goto(f"{server}/staff/seekers")
    seeker = page.locator("table.figures tbody a").first.get_attribute("href")
    assert employer and seeker
    pages = {
        "targets": "/staff",
        "targets-osh": "/staff?region=osh",
        "seekers": "/staff/seekers",
        "seeker-new": "/staff/seekers/new",
        "employers": "/staff/employers",
        "employer": employer,
        "seeker": seeker,
        "courses": "/staff/courses",
        "course-new": "/staff/courses/new",
        "course": "/staff/courses/1",
        "course-edit": "/staff/courses/1/edit",
        "users": "/staff/users",
        "user-new": "/staff/users/new",
        "audit": "/staff/audit",
    }
    problems: dict[str, list[str]] = {}

    # The sign-in page, for someone not signed in.
    anonymous = browser.new_context(viewport=DESKTOP)
    login = anonymous.new_page()
    login.goto(f"{server}/staff/login")
    shot(login, "staff-signin")
    anonymous.close()
    if violations := audit(browser, f"{server}/staff/login", []):
        problems["signin"] = violations

    for name, path in pages.items():
        response = page.goto(f"{server}{path}")
        assert response is not None and response.status == 200, (name, response)
        shot(page, f"staff-{name}")
        if violations := audit(browser, f"{server}{path}", cookies):
            problems[name] = violations
    context.close()
    assert problems == {}, problems


def test_a_partner_registers_a_seeker_who_then_activates_the_account(
    server: str, server_env: dict[str, str], browser: Any
) -> None:
    context, page = signed_in(browser, server, server_env, "partner")
    name = f"Бактыгүл Сыдыкова {uuid.uuid4().hex[:4]}"
    page.goto(f"{server}/staff/seekers/new")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Mobile phone number").fill(unique_phone())
    page.check("#f-gender-female")
    page.get_by_label("Year of birth").fill("1995")
    page.get_by_label("Region where you live").select_option("osh")
    page.get_by_label("What job are you looking for?").fill("бухгалтер")
    page.get_by_label("Your skills").fill("1C, Excel")
    page.check("#f-lost_job_due_to_covid-no")
    page.check("#f-disability-no")
    page.check("#f-consent")
    page.get_by_role("button", name="Register the seeker").click()

    # The code, shown once.
    assert page.inner_text("h1") == "Seeker registered"
    code = page.inner_text("#activation-code").strip()
    assert code
    shot(page, "staff-seeker-registered")

    # The seeker chooses a password with it.
    seeker_context = browser.new_context()
    seeker = seeker_context.new_page()
    seeker.goto(f"{server}/activate?lang=en")
    seeker.get_by_label("Activation code").fill(code)
    seeker.get_by_label("New password").fill("ала-тоо жана ысык-көл")
    seeker.get_by_role("button", name="Activate").click()
    assert seeker.url.endswith("/me/recommendations")
    seeker_context.close()

    # The partner sees the seeker, now with an own account.
    page.goto(f"{server}/staff/seekers")
    row = page.locator("table.figures tbody tr", has_text=name)
    assert row.count() == 1
    assert "yes" in row.inner_text()
    context.close()
