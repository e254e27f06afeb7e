"""A person's own things: a role's page with the "meet them" action and the match explanation,
the time zone on the profile (and the agenda in it), my applications, who viewed my CV by name
and company, and cancelling a meeting from either side's agenda."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from talentfoundry.store.models import Booking, InterviewSlot, User
from tests.integration.pagehelpers import HTML, csrf_of, page_login, page_sign_up

pytestmark = pytest.mark.integration


def _text(response: Any) -> str:
    return html.unescape(response.text)


def _book(client: TestClient, world: dict[str, Any], who: str, slot: int) -> int:
    response = client.post("/api/v1/bookings", json={"slot_id": slot}, headers=world[who].headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _sign_up(client: TestClient, email: str, timezone: str) -> None:
    """Sign up as Nova Reyes (the browser's zone in the hidden field), then log in."""
    page_sign_up(client, email, "Fresh-start-42", "Nova Reyes", timezone)


# --- the role page ---------------------------------------------------------------------------
def test_a_role_page_says_what_where_and_which_skills(
    client: TestClient, world: dict[str, Any]
) -> None:
    page = _text(client.get(f"/roles/{world['role_a']}"))
    assert "<h1>ML Engineer</h1>" in page
    assert f'<a href="/companies/{world["company_a"]}">Acme AI</a>' in page
    assert "Booth <strong>A-1</strong>" in page and "AI in Action" in page
    assert '<span class="tag">Python</span>' in page and '<span class="tag">PyTorch</span>' in page
    # Nobody logged in: no match, no apply button, an invitation to log in for the meeting.
    assert "How you match" not in page and "Apply" not in page
    assert f'href="/login?next=/roles/{world["role_a"]}">Log in</a>' in page
    missing = client.get("/roles/987654", headers=HTML)
    assert missing.status_code == 404 and "No role with id 987654." in _text(missing)


def test_a_candidate_sees_the_match_and_asks_to_meet_from_the_role_page(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "cand1@example.org")
    url = f"/roles/{world['role_a']}"
    page = _text(client.get(url))
    # The explanation of the recommendations page: score, evidence from the CV, nothing missing.
    assert re.search(r"<strong>\d+%</strong> match", page)
    assert "Python (primary)" in page and "Missing:</strong> nothing required" in page
    assert 'action="/events/ai-day/meetings"' in page and "Ask to meet them" in page
    asked = client.post(
        "/events/ai-day/meetings",
        data={
            "csrf": token,
            "action": "add",
            "organisation_id": str(world["company_a"]),
            "back": f"{url}?msg=requested",
        },
    )
    assert asked.url.path == url
    after = _text(asked)
    assert "Added to the companies you would like to meet." in after
    assert "On your list of companies to meet." in after and "Ask to meet them" not in after
    wishes = client.get(
        f"/api/v1/events/{world['event']}/meeting-requests", headers=world["cand1"].headers
    )
    assert wishes.json()["organisation_ids"] == [world["company_a"]]


def test_a_candidate_not_registered_is_sent_to_register_first(
    client: TestClient, world: dict[str, Any]
) -> None:
    _sign_up(client, "nova@example.org", "Europe/Berlin")
    page = _text(client.get(f"/roles/{world['role_b']}"))
    assert "Register for AI in Action</a> to ask for a meeting." in page
    assert "Ask to meet them" not in page
    assert "Upload your CV</a> or <a" in page  # no CV, no profile: no number, a way to get one


def test_applying_from_the_role_page_lists_the_application(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    token = page_login(client, "cand1@example.org")
    assert "You have not applied to a role yet." in _text(client.get("/me/applications"))
    applied = client.post(f"/roles/{world['role_b']}/apply", data={"csrf": token})
    assert applied.url.path == f"/roles/{world['role_b']}"
    assert "Application sent." in applied.text and "You applied." in applied.text
    again = client.post(f"/roles/{world['role_b']}/apply", data={"csrf": token})
    assert again.status_code == 409 and "already applied" in _text(again)
    page = _text(client.get("/me/applications"))
    row = re.search(r"<tr><td><a href=\"/roles/(\d+)\">([^<]+)</a>.*?</tr>", page, re.S)
    assert row is not None and row.groups() == (str(world["role_b"]), "Verification Engineer")
    assert "Beta Chips" in row.group(0) and "<td>applied</td>" in row.group(0)
    assert "18 Mar 2027" not in row.group(0)  # the date applied (today), not the event's
    api = client.get("/api/v1/me/applications", headers=world["cand1"].headers).json()
    assert [(a["role_title"], a["organisation_name"]) for a in api] == [
        ("Verification Engineer", "Beta Chips")
    ]


# --- time zone ---------------------------------------------------------------------------------
def test_the_time_zone_is_changed_on_the_profile_and_the_agenda_follows(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    _book(client, world, "cand1", world["slots"][0])  # 01:00 UTC
    token = page_login(client, "cand1@example.org")
    assert "Thu 18 Mar 2027, 01:00 GMT" in client.get("/me/agenda").text  # Europe/London
    profile = client.get("/me/profile").text
    assert '<option value="Europe/London" selected>' in profile
    bad = client.post("/me/profile", data={"csrf": token, "timezone": "Mars/Olympus"})
    assert bad.status_code == 422 and 'id="timezone-error"' in bad.text
    saved = client.post("/me/profile", data={"csrf": token, "timezone": "Asia/Taipei"})
    assert saved.url.path == "/me/profile" and "Profile saved." in saved.text
    assert '<option value="Asia/Taipei" selected>' in saved.text
    agenda = client.get("/me/agenda").text
    assert "Thu 18 Mar 2027, 09:00 CST" in agenda and "Asia/Taipei" in agenda
    api = client.patch(
        "/api/v1/me/profile", json={"timezone": "America/New_York"}, headers=world["cand1"].headers
    )
    assert api.json()["timezone"] == "America/New_York"
    refused = client.patch(
        "/api/v1/me/profile", json={"timezone": "Nowhere/Land"}, headers=world["cand1"].headers
    )
    assert refused.status_code == 422 and "timezone" in refused.text
    with Session(engine) as db:
        assert db.get(User, world["cand1"].id).timezone == "America/New_York"


def test_sign_up_takes_the_browser_zone_from_a_script_file(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    form = client.get("/signup").text
    assert 'name="timezone" value="UTC" data-browser-zone' in form
    assert '<script src="/static/timezone.js" defer></script>' in form
    assert "<script>" not in form  # nothing inline: the CSP allows only the site's own files
    script = client.get("/static/timezone.js")
    assert "resolvedOptions().timeZone" in script.text
    _sign_up(client, "berlin@example.org", "Europe/Berlin")
    client.cookies.clear()
    _sign_up(client, "odd@example.org", "Mars/Olympus")  # a zone this server does not know
    with Session(engine) as db:
        zones = dict(
            db.execute(
                select(User.email, User.timezone).where(
                    User.email.in_(["berlin@example.org", "odd@example.org"])
                )
            ).all()
        )
    assert zones == {"berlin@example.org": "Europe/Berlin", "odd@example.org": "UTC"}


# --- who viewed my CV ----------------------------------------------------------------------------
def test_cv_views_name_the_person_and_their_company(
    client: TestClient, world: dict[str, Any]
) -> None:
    page_login(client, "recruiter.a@example.org")
    assert client.get(f"/recruiter/candidates/{world['cand1'].id}/cv").status_code == 200
    page_login(client, "cand1@example.org")
    page = _text(client.get("/me/cv/views"))
    row = re.search(r"<tr><td>[^<]+</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td></tr>", page)
    assert row is not None and row.groups() == ("Recruiter.A, Acme AI", "read your CV")
    assert "actor_id" not in page
    api = client.get("/api/v1/me/audit", headers=world["cand1"].headers).json()
    assert [(e["actor_name"], e["organisation_name"], e["action"]) for e in api] == [
        ("Recruiter.A", "Acme AI", "cv.view")
    ]


# --- cancelling a meeting ------------------------------------------------------------------------
def test_a_candidate_cancels_an_interview_from_the_agenda(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    slot = world["slots"][0]
    booking_id = _book(client, world, "cand1", slot)
    page_login(client, "cand2@example.org")
    not_theirs = client.post(
        f"/me/agenda/bookings/{booking_id}/cancel", data={"csrf": csrf_of(client.get("/me").text)}
    )
    assert not_theirs.status_code == 403
    assert "This meeting is on someone else's agenda; you can change only yours." in _text(
        not_theirs
    )
    token = page_login(client, "cand1@example.org")
    agenda = _text(client.get("/me/agenda"))
    assert "<summary>Cancel this interview</summary>" in agenda
    assert f'action="/me/agenda/bookings/{booking_id}/cancel"' in agenda
    assert "Cancel “Interview with Acme AI” on Thu 18 Mar, 01:00 GMT?" in agenda
    with Session(engine) as db:
        assert db.scalar(select(Booking.candidate_id).where(Booking.slot_id == slot)) == (
            world["cand1"].id
        )
    done = client.post(f"/me/agenda/bookings/{booking_id}/cancel", data={"csrf": token})
    assert done.url.path == "/me/agenda"
    page = _text(done)
    assert "Interview cancelled. The slot is free for someone else." in page
    assert "Interview with Acme AI" not in page
    with Session(engine) as db:
        assert db.scalar(select(Booking.id).where(Booking.slot_id == slot)) is None
        assert db.get(InterviewSlot, slot) is not None  # the slot stays, free
    twice = client.post(f"/me/agenda/bookings/{booking_id}/cancel", data={"csrf": token})
    assert twice.status_code == 404 and f"No booking with id {booking_id}." in _text(twice)
    assert _book(client, world, "cand2", slot)  # someone else can take it now


def test_a_recruiter_cancels_a_meeting_from_the_company_agenda(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    slot = world["slots"][1]
    booking_id = _book(client, world, "cand2", slot)
    page_login(client, "recruiter.b@example.org")
    other_company = client.post(
        f"/recruiter/agenda/bookings/{booking_id}/cancel",
        data={"csrf": csrf_of(client.get("/me").text), "event_id": world["event"]},
    )
    assert other_company.status_code == 403
    assert "Only the company's recruiters and the event's organisers can change this meeting." in (
        _text(other_company)
    )
    token = page_login(client, "recruiter.a@example.org")
    agenda = _text(client.get(f"/recruiter/agenda?event_id={world['event']}"))
    assert "Cancel this meeting with Cand2?" in agenda
    assert f'action="/recruiter/agenda/bookings/{booking_id}/cancel"' in agenda
    done = client.post(
        f"/recruiter/agenda/bookings/{booking_id}/cancel",
        data={"csrf": token, "event_id": world["event"]},
    )
    assert done.url.path == "/recruiter/agenda"
    page = _text(done)
    assert "Meeting cancelled. The slot is free again." in page
    assert "No meetings booked yet." in page
    with Session(engine) as db:
        assert db.scalar(select(Booking.id).where(Booking.slot_id == slot)) is None
