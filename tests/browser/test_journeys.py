"""Each role's main journey in a real Chromium, with screenshots of the main pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_candidate_signs_up_uploads_a_cv_registers_joins_and_gets_calendar_and_badge(
    page: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()

    page.goto("/signup")
    page.get_by_label("Full name").fill("Mei Lin")
    page.get_by_label("E-mail").fill("mei@example.org")
    page.get_by_label("Password").fill("short")
    page.get_by_label("Your time zone").fill("Asia/Taipei")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("#password-error")).to_contain_text("at least 10 characters")
    screenshot(page, "signup-error")
    page.get_by_label("Password").fill("Lantern-Festival-27")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="My profile")).to_be_visible()
    page.get_by_label("Headline").fill("MSc student in machine learning")
    page.get_by_label("Skills").fill("Python, PyTorch, MLOps")
    page.get_by_label("Graduation year").fill("2027")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Profile saved.")).to_be_visible()
    screenshot(page, "profile")

    page.goto("/me/cv")
    cv = tmp_path / "mei-cv.txt"
    cv.write_text("Mei Lin\nSKILLS\nPython, PyTorch, Kubernetes\nEXPERIENCE\nML intern, 2025")
    page.get_by_label(re.compile("CV file")).set_input_files(str(cv))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("CV uploaded.")).to_be_visible()
    expect(page.locator("pre.cvtext")).to_contain_text("PyTorch, Kubernetes")
    screenshot(page, "cv")

    page.goto("/")
    page.get_by_role("link", name="AI in Action").click()
    expect(page.get_by_role("heading", name="AI in Action")).to_be_visible()
    screenshot(page, "event")
    page.get_by_role("link", name="Register / CV-sharing consent").click()
    page.get_by_label(re.compile("Share my CV")).check()
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".badge-code")).to_have_text(re.compile(r"^TF-[A-Z2-9]{8}$"))
    expect(page.locator(".qr svg")).to_be_visible()
    screenshot(page, "badge")

    page.goto("/events/ai-day/sessions")
    page.get_by_role("button", name="Sign up for Personal branding").click()
    expect(page.get_by_text("You have a seat.").first).to_be_visible()
    screenshot(page, "sessions")

    page.goto("/me/agenda")
    expect(page.get_by_role("heading", name="Personal branding")).to_be_visible()
    expect(page.get_by_text("10:00 CST").first).to_be_visible()  # 02:00 UTC in Asia/Taipei
    screenshot(page, "agenda")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"\.ics")).click()
    ics = Path(download.value.path()).read_text()
    assert "BEGIN:VCALENDAR" in ics and "SUMMARY:Personal branding" in ics


def test_recruiter_sees_the_shortlist_views_a_cv_and_rates(page: Any) -> None:
    from playwright.sync_api import expect

    log_in(page, "recruiter.a@example.org")
    page.get_by_role("link", name="Our roles").first.click()
    screenshot(page, "recruiter-roles")
    page.get_by_role("link", name="Shortlist for ML Engineer").click()
    expect(page.get_by_role("heading", name="Cand1")).to_be_visible()
    page.get_by_role("link", name="View CV of Cand1").click()
    expect(page.locator("pre.cvtext")).to_contain_text("PyTorch")
    page.go_back()
    page.get_by_label("Rating after meeting").select_option("4")
    page.get_by_label("Note").fill("Clear on PyTorch internals; invite to round two.")
    page.get_by_role("button", name="Save rating for Cand1").click()
    expect(page.get_by_text("Rating saved.")).to_be_visible()
    expect(page.get_by_text("rated 4/5")).to_be_visible()
    screenshot(page, "shortlist")


def test_organiser_checks_a_badge_in_and_sees_the_dashboard(
    page: Any, fair: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    from talentfoundry.services import candidates
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import User

    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        cand1 = db.get(User, fair["world"]["cand1"].id)
        code = candidates.my_attendance(db, cand1, fair["world"]["event"]).badge_code

    log_in(page, "organiser@example.org")
    page.get_by_role("link", name="My events").click()
    page.get_by_role("link", name="Check-in desk for AI in Action").click()
    expect(page.get_by_label("Badge code")).to_be_focused()  # ready for the scanner
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(page.locator(".result")).to_contain_text("Cand1")
    expect(page.locator(".result")).to_contain_text("Checked in")
    expect(page.locator("#count-onsite")).to_have_text("1")
    screenshot(page, "checkin")
    page.get_by_label("Badge code").fill(code)
    page.get_by_role("button", name="Check in").click()
    expect(page.locator(".result")).to_contain_text("Already checked in")

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Live dashboard")).to_be_visible()
    expect(page.locator("figure img")).to_have_count(3)
    # The plots are drawn by the server on request: wait until each has arrived and decoded.
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "dashboard")


def test_staff_see_their_students(page: Any) -> None:
    from playwright.sync_api import expect

    log_in(page, "staff@example.org")
    page.get_by_role("link", name="Students").click()
    expect(page.get_by_role("heading", name="Students of North University")).to_be_visible()
    expect(page.get_by_role("cell", name="Cand1")).to_be_visible()
    expect(page.get_by_role("cell", name="Cand2")).to_have_count(0)
    screenshot(page, "students")
