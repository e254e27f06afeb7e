"""Each role's main journey in a real Chromium, with screenshots of the main pages."""

from __future__ import annotations

import re
from datetime import timedelta
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
    expect(page.locator("#timezone")).to_have_value("Asia/Taipei")  # the device's zone
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("#password-error")).to_contain_text("at least 10 characters")
    screenshot(page, "signup-error")
    page.get_by_label("Password").fill("Lantern-Festival-27")
    page.get_by_role("button", name="Sign up").click()
    # Signing up never logs in (the answer must not tell a taken address from a new one).
    expect(page.get_by_text("Log in with this e-mail address and your password")).to_be_visible()
    expect(page.get_by_label("E-mail")).to_have_value("mei@example.org")
    page.get_by_label("Password").fill("Lantern-Festival-27")
    page.get_by_role("button", name="Log in").click()
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

    page.get_by_role("link", name="For you", exact=True).click()
    expect(page.get_by_role("heading", name="Recommended for you")).to_be_visible()
    best = page.locator("li.card").first
    expect(best.get_by_role("heading", name="ML Engineer")).to_be_visible()
    expect(best).to_contain_text("Matches: Python, PyTorch")
    expect(best.locator("meter")).to_be_visible()
    screenshot(page, "recommendations")
    page.get_by_role("button", name="Add to meetings I'd like (Beta Chips)").click()
    expect(page.get_by_text("Added to the companies you would like to meet")).to_be_visible()
    page.get_by_role("button", name="Apply for Verification Engineer at Beta Chips").click()
    expect(page.get_by_text("Application sent.")).to_be_visible()
    page.get_by_role("link", name="Companies I'd like to meet").first.click()
    page.get_by_label("Company").select_option(label="Acme AI")
    page.get_by_role("button", name="Add to my list").click()
    page.get_by_role("button", name="Up (Acme AI)").click()
    expect(page.get_by_text("Your list is saved.")).to_be_visible()
    expect(page.locator("ol.ranked .name")).to_have_text(["Acme AI", "Beta Chips"])
    screenshot(page, "meetings")

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
    page.get_by_role("link", name="Ranked candidates, explained").click()
    expect(page.get_by_role("heading", name="Cand1")).to_be_visible()
    cand1 = page.locator("li.card", has=page.get_by_role("heading", name="Cand1"))
    expect(cand1).to_contain_text("Python (primary)")
    expect(cand1.get_by_role("link", name="View CV of Cand1")).to_be_visible()
    page.get_by_label("Graduation year").fill("1990")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("matches these filters")).to_be_visible()
    page.get_by_label("Graduation year").fill("")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", name="Cand1")).to_be_visible()
    screenshot(page, "ranked-candidates")


def test_organiser_checks_a_badge_in_and_sees_the_dashboard(
    page: Any, fair: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    from talentfoundry.domain.timeutil import utcnow
    from talentfoundry.services import candidates
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import Event, User

    def move_fair(to: tuple[Any, Any] | None) -> tuple[Any, Any]:
        """Set the fair's hours (None: from an hour ago to eight hours on); return the old."""
        with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
            event = db.get(Event, fair["world"]["event"])
            old = (event.starts_at, event.ends_at)
            now = utcnow()
            today = (now - timedelta(hours=1), now + timedelta(hours=8))
            event.starts_at, event.ends_at = to or today
            return old

    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        cand1 = db.get(User, fair["world"]["cand1"].id)
        code = candidates.my_attendance(db, cand1, fair["world"]["event"]).badge_code

    log_in(page, "organiser@example.org")
    page.get_by_role("link", name="My events").click()
    page.get_by_role("link", name="Check-in desk for AI in Action").click()
    expect(page.locator("#checkin-window")).to_contain_text("07:00")  # months ahead: not open
    page.get_by_label("Badge code").fill(code)
    page.get_by_role("button", name="Check in").click()
    expect(page.locator("#badge_code-error")).to_contain_text("Check-in opens at 07:00")
    expect(page.locator("#count-onsite")).to_have_text("0")

    # The server runs on the real clock: the fair happens today while the desk works.
    hours = move_fair(None)
    try:
        # Open the desk afresh (a reload would send the refused scan again).
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
    finally:
        move_fair(hours)

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Live dashboard")).to_be_visible()
    expect(page.locator("figure img")).to_have_count(
        4
    )  # registrations, check-ins, sessions, skills
    # The plots are drawn by the server on request: wait until each has arrived and decoded.
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "dashboard")

    # Set-up: the event form, then a new session typed on the event's clocks.
    page.get_by_role("link", name="My events").click()
    page.get_by_role("link", name="Details of AI in Action").click()
    expect(page.get_by_label("Time zone of the event")).to_have_value("Asia/Taipei")
    expect(page.get_by_label("Starts (event time)")).to_have_value("2027-03-18T09:00")
    screenshot(page, "event-form")
    page.get_by_role("link", name="Sessions").click()
    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Kind").select_option("talk")
    page.get_by_label("Title").fill("Careers in chips")
    page.get_by_label(re.compile("^Starts")).fill("2027-03-18T14:00")
    page.get_by_label(re.compile("^Ends")).fill("2027-03-18T13:00")
    page.get_by_label("Mode").select_option("online")
    page.get_by_label("Online URL").fill("https://meet.example.org/chips")
    page.get_by_role("button", name="Save session").click()
    expect(page.locator("#ends_at-error")).to_be_visible()  # ends before it starts
    page.get_by_label(re.compile("^Ends")).fill("2027-03-18T15:00")
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text("Session saved.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Careers in chips"))
    expect(row).to_contain_text("14:00 CST")
    expect(row).to_contain_text("0 of unlimited")


def test_organiser_runs_the_interview_allocation_and_publishes(
    page: Any, fair: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    from talentfoundry.services import allocation
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import User

    world = fair["world"]
    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        for who, wishes in (("cand1", ["company_a", "company_b"]), ("cand2", ["company_a"])):
            candidate = db.get(User, world[who].id)
            allocation.set_requests(db, candidate, world["event"], [world[w] for w in wishes])

    log_in(page, "organiser@example.org")
    page.get_by_role("link", name="My events").click()
    page.get_by_role("link", name="Interview allocation for AI in Action").click()
    page.get_by_label("Meetings per candidate, at most").fill("2")
    page.get_by_role("button", name="Run the allocation").click()
    expect(page.get_by_text("Allocation computed.")).to_be_visible()
    figures = page.locator("#allocation-figures")
    expect(figures.get_by_role("row", name="Candidates with a meeting")).to_contain_text(
        re.compile(r"[1-9]")
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "allocation")
    page.get_by_role("button", name="Publish the allocation").click()  # without confirming
    expect(page.locator("#confirm-error")).to_be_visible()
    page.get_by_label(re.compile("I want to book these")).check()
    page.get_by_role("button", name="Publish the allocation").click()
    expect(page.get_by_text("Published: the meetings are booked")).to_be_visible()
    expect(page.get_by_role("heading", name="Latest run: published")).to_be_visible()


def test_placement_round_from_lists_to_results(page: Any, fair: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    from talentfoundry.services import placement_rounds
    from talentfoundry.store.db import make_session_factory, open_engine, transaction
    from talentfoundry.store.models import User

    world = fair["world"]
    log_in(page, "organiser@example.org")
    page.get_by_role("link", name="My events").click()
    page.get_by_role("link", name="Placement rounds for AI in Action").click()
    page.get_by_label("Name").fill("Summer internships")
    page.get_by_label(re.compile("Students rank until")).fill("2099-01-01T17:00")
    page.get_by_role("button", name="Create the round").click()
    expect(page.get_by_text("Round created as a draft.")).to_be_visible()
    round_id = int(page.url.split("/")[-1].split("?")[0])
    page.get_by_role("button", name="Open for choices").click()
    expect(page.get_by_text("Open for choices: students can rank")).to_be_visible()
    with open_engine(fair["db_url"]) as engine, transaction(make_session_factory(engine)) as db:
        placement_rounds.add_programme(
            db,
            db.get(User, world["recruiter_b"].id),
            round_id,
            organisation_id=world["company_b"],
            title="Chip design placement",
            kind="placement",
            capacity=1,
        )

    log_in(page, "recruiter.a@example.org")
    page.goto(f"/placement/rounds/{round_id}")
    page.get_by_label("Programme title").fill("ML internship")
    page.get_by_label("Places").fill("1")
    page.get_by_role("button", name="Add programme").click()
    expect(page.get_by_text("Programme added.")).to_be_visible()

    log_in(page, "cand1@example.org")
    page.get_by_role("link", name="Placements").click()
    page.get_by_role("link", name="Summer internships").click()
    page.get_by_label("Programme").select_option(label="Chip design placement (Beta Chips)")
    page.get_by_role("button", name="Add to my list").click()
    page.get_by_label("Programme").select_option(label="ML internship (Acme AI)")
    page.get_by_role("button", name="Add to my list").click()
    page.get_by_role("button", name="Up (ML internship)").click()
    expect(page.locator("ol.ranked .name").first).to_contain_text("ML internship")
    expect(page.get_by_text("GMT your time")).to_be_visible()  # cand1 lives in Europe/London
    screenshot(page, "placement-student")

    log_in(page, "recruiter.a@example.org")
    page.goto(f"/placement/rounds/{round_id}")
    page.get_by_role("link", name="Rank the applicants for ML internship").click()
    page.get_by_label("Rank for Cand1").fill("1")
    page.get_by_role("button", name="Save ranking").click()
    expect(page.get_by_text("Ranking saved.")).to_be_visible()
    screenshot(page, "placement-ranking")

    log_in(page, "organiser@example.org")
    page.goto(f"/placement/rounds/{round_id}")
    page.get_by_role("button", name="Close choices").click()
    expect(page.get_by_text("Choices closed: students' lists are final.")).to_be_visible()
    page.get_by_role("button", name="Run the round").click()
    expect(page.get_by_text("1 of 1 students placed")).to_be_visible()
    page.get_by_label(re.compile("Students will see their results")).check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_text("Published: students see their results.")).to_be_visible()
    screenshot(page, "placement-round")

    log_in(page, "cand1@example.org")
    page.goto(f"/placement/rounds/{round_id}")
    expect(page.locator(".result")).to_contain_text("ML internship")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my result (CSV)").click()
    assert "ML internship" in Path(download.value.path()).read_text()


def test_staff_open_the_skills_gap(page: Any) -> None:
    from playwright.sync_api import expect

    log_in(page, "staff@example.org")
    page.get_by_role("link", name="Skills gap").click()
    expect(page.get_by_role("heading", name="Skills gap")).to_be_visible()
    expect(page.get_by_text("Demanded skills none of your students offer").first).to_be_visible()
    expect(page.get_by_role("cell", name="PyTorch")).to_be_visible()
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "skills-gap")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the numbers (CSV)").click()
    assert Path(download.value.path()).read_text().startswith("sector,skill,demand")


def test_staff_see_their_students(page: Any) -> None:
    from playwright.sync_api import expect

    log_in(page, "staff@example.org")
    page.get_by_role("link", name="Students").click()
    expect(page.get_by_role("heading", name="Students of North University")).to_be_visible()
    expect(page.get_by_role("cell", name="Cand1")).to_be_visible()
    expect(page.get_by_role("cell", name="Cand2")).to_have_count(0)
    screenshot(page, "students")


def test_visitor_filters_roles_without_reloading_the_page(page: Any) -> None:
    """HTMX: changing a filter swaps the results in place and keeps the URL shareable."""
    from playwright.sync_api import expect

    page.goto("/roles")
    page.evaluate("window.__marker = 'same page'")  # gone if the browser navigated
    total = page.locator("#role-results p").first.inner_text()
    page.get_by_label("Work mode").select_option("onsite")
    expect(page.locator("#role-results p").first).not_to_have_text(total)
    assert page.evaluate("window.__marker") == "same page"
    assert "work_mode=onsite" in page.url
    screenshot(page, "roles")


def _tab_to(page: Any, locator: Any, limit: int = 60) -> None:
    """Press Tab until ``locator`` has the focus (as a keyboard user would), failing after
    ``limit`` presses; each focused control must show a visible focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("e => e === document.activeElement"):
            outline = locator.evaluate("e => getComputedStyle(e).outlineStyle")
            assert outline != "none", "the focused control shows no focus ring"
            return
    raise AssertionError(f"{locator} is not reachable with Tab in {limit} presses")


def test_a_candidate_logs_in_and_asks_for_a_meeting_with_the_keyboard_only(page: Any) -> None:
    """No mouse: Tab to each control, type, Enter; the same outcome as with a mouse."""
    from playwright.sync_api import expect

    from tests.integration.worldbuilder import PASSWORD

    page.goto("/login")
    _tab_to(page, page.get_by_label("E-mail"))
    page.keyboard.type("cand2@example.org")
    _tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/me")

    _tab_to(page, page.get_by_role("link", name="For you", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Recommended for you")).to_be_visible()
    best = page.locator("li.card").first
    expect(best.get_by_role("heading", name="Verification Engineer")).to_be_visible()
    _tab_to(page, page.get_by_role("button", name="Add to meetings I'd like (Beta Chips)"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Added to the companies you would like to meet")).to_be_visible()
