"""Candidate pages: sign-up, profile, CV upload, registration with consent, workshops with the
waitlist, agenda and .ics, badge, data export and account deletion."""

from __future__ import annotations

import html
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, csrf_of, page_login, page_sign_up
from tests.integration.worldbuilder import PASSWORD

pytestmark = pytest.mark.integration


def _text(response: Any) -> str:
    return html.unescape(response.text)


def test_signup_validates_each_field_and_logs_the_new_candidate_in(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = csrf_of(client.get("/signup").text)
    bad = client.post(
        "/signup",
        data={
            "email": "not-an-email",
            "password": "short",
            "full_name": "New Person",
            "timezone": "Mars/Olympus",
            "csrf": token,
        },
    )
    assert bad.status_code == 422
    page = _text(bad)
    assert 'id="email-error"' in page
    assert 'value="not-an-email"' in page  # the typed value is kept
    # The time zone is a hidden field the browser fills in: one unknown here becomes UTC, kept.
    assert 'name="timezone" value="UTC"' in page
    taken = client.post(
        "/signup",
        data={
            "email": "cand1@example.org",
            "password": "Another-pass-7",
            "full_name": "Copy Cat",
            "timezone": "UTC",
            "csrf": token,
        },
        follow_redirects=False,
    )
    # The same answer as for a new address (no "already exists", nobody logged in), and the
    # account is untouched.
    assert (taken.status_code, taken.headers["location"]) == (
        303,
        "/login?msg=signed-up&email=cand1%40example.org&next=/me/profile%3Fwelcome%3D1",
    )
    assert "set-cookie" not in taken.headers or "Max-Age" not in taken.headers["set-cookie"]
    assert "already" not in _text(taken)
    copy_cat = {"email": "cand1@example.org", "password": "Another-pass-7"}
    refused = client.post("/api/v1/auth/token", json=copy_cat)
    assert (refused.status_code, refused.json()["detail"]) == (401, "Wrong e-mail or password.")
    weak = client.post(
        "/signup",
        data={
            "email": "new@example.org",
            "password": "short",
            "full_name": "New Person",
            "timezone": "UTC",
            "csrf": token,
        },
    )
    assert 'id="password-error"' in weak.text
    assert "at least 10 characters" in _text(weak)
    ok = client.post(
        "/signup",
        data={
            "email": "new@example.org",
            "password": "Fresh-start-42",
            "full_name": "New Person",
            "timezone": "Europe/Berlin",
            "csrf": token,
        },
    )
    assert ok.status_code == 200 and ok.url.path == "/login"
    assert "Thank you. Log in with this e-mail address and your password to continue." in ok.text
    assert 'value="new@example.org"' in ok.text
    welcome = client.post(
        "/login",
        data={
            "email": "new@example.org",
            "password": "Fresh-start-42",
            "csrf": csrf_of(ok.text),
            "next": "/me/profile?welcome=1",
        },
    )
    assert welcome.url.path == "/me/profile"
    assert "Welcome!" in welcome.text and "New Person" in welcome.text


def test_signup_without_csrf_is_refused(client: TestClient, world: dict[str, Any], db: Any) -> None:
    from sqlalchemy import select

    from talentfoundry.store.models import User

    response = client.post(
        "/signup",
        data={"email": "x@example.org", "password": "Fresh-start-42", "full_name": "X"},
        headers=HTML,
    )
    assert response.status_code == 403
    assert (
        "The form expired or came from another site; reload the page and try again."
        in response.text
    )
    assert db.scalar(select(User.id).where(User.email == "x@example.org")) is None  # no account


def test_profile_edit_saves_every_field_and_shows_errors_next_to_them(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "cand2@example.org")
    form = {
        "csrf": token,
        "headline": "MSc student, chip design",
        "institution": "",
        "programme": "MSc Electronics",
        "graduation_year": "2027",
        "experience_years": "1.5",
        "experience": "Intern at a fab",
        "skills": "Verilog, UVM, verilog",
        "sectors_wanted": "microelectronics",
        "locations_wanted": "Hsinchu, Taipei",
        "work_authorisation": "student_visa",
        "overseas": "yes",
        "university_id": str(world["university"]),
        "consent_contact": "yes",
    }
    saved = client.post("/me/profile", data=form)
    assert saved.status_code == 200 and "Profile saved." in saved.text
    page = client.get("/me/profile").text
    assert 'value="Verilog, UVM"' in page  # duplicates folded
    assert 'value="2027"' in page and 'value="1.5"' in page
    assert f'<option value="{world["university"]}" selected' in page
    assert 'id="overseas" name="overseas" type="checkbox" value="yes" checked' in page
    bad = client.post("/me/profile", data=form | {"graduation_year": "1800"})
    assert bad.status_code == 422
    assert 'id="graduation_year-error"' in bad.text
    assert 'value="1800"' in bad.text  # what was typed stays for correction


def test_cv_upload_shows_the_text_and_bad_files_show_an_error_at_the_field(
    client: TestClient, world: dict[str, Any]
) -> None:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    token = page_login(client, "cand2@example.org")
    ok = client.post(
        "/me/cv",
        data={"csrf": token},
        files={"file": ("me.txt", b"Cand Two\nSKILLS: Verilog, SystemVerilog, FPGA")},
    )
    assert ok.status_code == 200 and "CV uploaded." in ok.text
    assert "SystemVerilog, FPGA" in ok.text
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "secret CV")
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    bad = client.post("/me/cv", data={"csrf": token}, files={"file": ("cv.pdf", locked.getvalue())})
    assert bad.status_code in (415, 422)
    assert 'id="file-error"' in bad.text and "password-protected" in _text(bad)
    assert "SystemVerilog, FPGA" in bad.text  # the previous CV is kept
    empty = client.post("/me/cv", data={"csrf": token}, files={"file": ("cv.txt", b"")})
    assert "The file is empty." in empty.text


def test_registration_records_the_consent_and_leads_to_the_badge(
    client: TestClient, world: dict[str, Any]
) -> None:
    page_sign_up(client, "fresh@example.org", "Fresh-start-42", "Fresh Face")
    form = client.get("/events/ai-day/register").text
    assert "Share my CV" in form
    badge = client.post(
        "/events/ai-day/register", data={"csrf": csrf_of(form), "consent_share_cv": "yes"}
    )
    assert badge.url.path == "/events/ai-day/badge"
    assert "<svg" in badge.text and 'role="img"' in badge.text
    assert "Fresh Face" in badge.text and 'class="badge-code"' in badge.text
    me = client.get("/me").text
    assert "CV shared with exhibitors" in me


def test_workshop_sign_up_waitlist_position_and_cancel(
    client: TestClient, world: dict[str, Any]
) -> None:
    # The workshop has one seat: cand1 takes it, cand2 waits at position 1, then gets it.
    token1 = page_login(client, "cand1@example.org")
    joined = client.post(f"/sessions/{world['workshop']}/join", data={"csrf": token1})
    assert "You have a seat." in joined.text
    token2 = page_login(client, "cand2@example.org")
    page = client.get("/events/ai-day/sessions").text
    assert "Join the waitlist" in page and "Full" in page
    waiting = client.post(f"/sessions/{world['workshop']}/join", data={"csrf": token2})
    assert "Waitlist position 1" in waiting.text
    agenda = client.get("/me/agenda").text
    assert "Personal branding" in agenda and "waitlisted" in agenda
    token1 = page_login(client, "cand1@example.org")
    left = client.post(f"/sessions/{world['workshop']}/leave", data={"csrf": token1})
    assert "You are no longer signed up." in left.text
    page_login(client, "cand2@example.org")
    assert "You have a seat." in client.get("/events/ai-day/sessions").text


def test_agenda_shows_booth_and_room_in_the_viewers_zone_and_exports_ics(
    client: TestClient, world: dict[str, Any]
) -> None:
    from icalendar import Calendar

    page_login(client, "cand1@example.org")
    booked = client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][0]}, headers=world["cand1"].headers
    )
    assert booked.status_code == 201, booked.text
    agenda = client.get("/me/agenda").text
    assert "Interview with Acme AI" in agenda
    assert "Booth A-1" in agenda
    # 01:00 UTC in Europe/London (cand1's zone) in March is 01:00 GMT.
    assert "01:00 GMT" in agenda
    ics = client.get("/me/agenda.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "attachment" in ics.headers["content-disposition"]
    calendar = Calendar.from_ical(ics.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Interview with Acme AI"]
    assert str(events[0]["location"]) == "Booth A-1"


def test_pages_send_anonymous_visitors_to_login_and_other_roles_away(
    client: TestClient, world: dict[str, Any]
) -> None:
    for url in ("/me/profile", "/me/cv", "/me/agenda", "/me/agenda.ics", "/me/data"):
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303, url
        assert response.headers["location"] == f"/login?next={url}", url
    page_login(client, "recruiter.a@example.org")
    for url in ("/me/profile", "/me/cv", "/me/agenda", "/events/ai-day/sessions"):
        refused = client.get(url, headers=HTML)
        assert refused.status_code == 403, url
        assert "This page is for candidates." in refused.text, url


def test_a_badge_is_only_ever_the_viewers_own(client: TestClient, world: dict[str, Any]) -> None:
    page_login(client, "cand1@example.org")
    mine = client.get("/events/ai-day/badge").text
    page_login(client, "cand2@example.org")
    theirs = client.get("/events/ai-day/badge").text
    assert "Cand1" in mine and "Cand1" not in theirs
    assert csrf_of(mine) != csrf_of(theirs)
    page_login(client, "staff@example.org")  # not registered for the event
    missing = client.get("/events/ai-day/badge", headers=HTML)
    assert missing.status_code == 404
    assert "You are not registered for this event." in missing.text
    assert "Cand1" not in missing.text and "Cand2" not in missing.text


def test_data_export_is_a_json_download_behind_csrf(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "cand1@example.org")
    forged = client.post("/me/data/export")
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text
    assert "cand1@example.org" not in forged.text  # no data without the token
    response = client.post("/me/data/export", data={"csrf": token})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "cand1@example.org"
    assert data["events"][0]["consent_share_cv"] is True


def test_account_deletion_needs_the_password(client: TestClient, world: dict[str, Any]) -> None:
    token = page_login(client, "cand2@example.org")
    wrong = client.post("/me/delete", data={"csrf": token, "password": "nope"})
    assert wrong.status_code == 401
    assert 'id="password-error"' in wrong.text and "was not deleted" in wrong.text
    gone = client.post("/me/delete", data={"csrf": token, "password": PASSWORD})
    assert gone.url.path == "/goodbye" and "has been deleted" in gone.text
    login = csrf_of(client.get("/login").text)
    again = client.post(
        "/login", data={"email": "cand2@example.org", "password": PASSWORD, "csrf": login}
    )
    assert again.status_code == 401
    assert "Wrong e-mail or password." in again.text
