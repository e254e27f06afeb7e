"""Smaller things people noticed: overlapping sessions are named (a warning, not a refusal),
signing up says what happened and what comes next, counts read "1 seat", and admins have pages
of their own."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, csrf_of, page_login
from tests.integration.worldbuilder import PASSWORD

pytestmark = pytest.mark.integration

SESSION_FORM = {"kind": "workshop", "speaker": "", "description": "", "mode": "onsite"}


def _add_session(client: TestClient, token: str, event: int, **fields: str) -> Any:
    return client.post(
        f"/organiser/events/{event}/sessions/new",
        data=SESSION_FORM | fields | {"csrf": token},
        headers=HTML,
    )


def test_a_session_in_a_busy_room_is_saved_with_a_warning_naming_the_other(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "organiser@example.org")
    event = world["event"]
    first = _add_session(
        client,
        token,
        event,
        title="Careers in chips",
        starts_at="2027-03-18T11:00",
        ends_at="2027-03-18T12:00",
        location="Room 201",
    )
    assert "Session saved." in first.text and 'class="clash"' not in first.text
    second = _add_session(
        client,
        token,
        event,
        title="CV clinic",
        starts_at="2027-03-18T11:30",
        ends_at="2027-03-18T12:30",
        location="room 201",
    )
    assert "Session saved." in second.text
    note = re.search(r"It is saved, but check it.*?</div>", second.text, re.S)
    assert note is not None
    assert "Careers in chips" in note.group(0) and "the same room (Room 201)" in note.group(0)
    assert "Thu 18 Mar, 11:00 CST–12:00 CST" in note.group(0)
    titles = [s["title"] for s in client.get(f"/api/v1/events/{event}/sessions").json()]
    assert {"Careers in chips", "CV clinic"} <= set(titles)  # both kept: warned, not refused
    ids = {s["title"]: s["id"] for s in client.get(f"/api/v1/events/{event}/sessions").json()}
    edit = client.get(f"/organiser/events/{event}/sessions/{ids['Careers in chips']}/edit").text
    assert "This session overlaps others" in edit and ">CV clinic</a>" in edit
    elsewhere = _add_session(
        client,
        token,
        event,
        title="Salary talk",
        starts_at="2027-03-18T11:00",
        ends_at="2027-03-18T12:00",
        location="Room 202",
    )
    assert "Session saved." in elsewhere.text and "It is saved, but check it" not in elsewhere.text


def test_signing_up_says_what_happened_and_what_comes_next(
    client: TestClient, world: dict[str, Any]
) -> None:
    new = {"email": "cand3@example.org", "password": PASSWORD, "full_name": "Cand Three"}
    assert client.post("/api/v1/auth/register", json=new).status_code == 202
    token = page_login(client, "cand3@example.org")
    sessions = client.get("/events/ai-day/sessions").text
    assert "1 of 1 seat left" in sessions  # not "1 of 1 seats"

    registered = client.post(
        "/events/ai-day/register", data={"csrf": token, "consent_share_cv": "on"}
    )
    assert "You are registered for AI in Action." in registered.text
    assert "The companies exhibiting can see your CV" in registered.text
    assert 'href="/events/ai-day/sessions">sign up for workshops and talks</a>' in registered.text
    again = client.post("/events/ai-day/register", data={"csrf": token})
    assert "Your registration for AI in Action is updated:" in again.text
    assert "the companies cannot see your CV" in again.text

    seat = client.post(f"/sessions/{world['workshop']}/join", data={"csrf": token})
    assert "You have a seat at “Personal branding”" in seat.text
    assert 'href="/me/agenda.ics"' in seat.text
    assert "0 of 1 seat left" not in seat.text and "Full" in seat.text

    token = page_login(client, "cand1@example.org")
    waiting = client.post(f"/sessions/{world['workshop']}/join", data={"csrf": token})
    assert "“Personal branding” is full: you are number 1 on its waitlist." in waiting.text
    gone = client.post(f"/sessions/{world['workshop']}/leave", data={"csrf": token})
    assert "You are no longer signed up.</strong> Your place at “Personal branding”" in gone.text


def _log_in_status(client: TestClient, email: str) -> int:
    client.cookies.clear()
    token = csrf_of(client.get("/login").text)
    data = {"email": email, "password": PASSWORD, "csrf": token}
    return client.post("/login", data=data, follow_redirects=False).status_code


def test_admins_see_every_account_and_can_switch_one_off_and_on(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "admin@example.org")
    home = client.get("/admin").text
    assert re.search(r'href="/admin/users\?role=candidate">Candidate</a></dt><dd>2<', home)
    candidates = client.get("/admin/users?role=candidate").text
    assert "2 accounts match these filters." in candidates
    assert "cand1@example.org" in candidates and "recruiter.a@example.org" not in candidates
    found = client.get("/admin/users?q=RECRUITER.B").text
    assert "1 account matches these filters." in found and "recruiter.b@example.org" in found
    assert "Acme AI" in client.get("/admin/organisations?kind=company").text
    assert "North University" not in client.get("/admin/organisations?kind=company").text
    assert 'href="/events/ai-day">AI in Action</a>' in client.get("/admin/events").text

    cand2 = world["cand2"]
    off = client.post(
        f"/admin/users/{cand2.id}/active",
        data={"csrf": token, "active": "0", "back": "/admin/users?role=candidate"},
    )
    assert "Account deactivated" in off.text and "deactivated</td>" in off.text
    switched_off = client.get("/api/v1/me", headers=cand2.headers)
    assert switched_off.status_code == 401
    # Switching an account off ends its tokens: the holder is told as for any ended token.
    assert switched_off.json()["detail"] == "The token is invalid or has expired; log in again."
    assert _log_in_status(client, cand2.email) != 303

    token = page_login(client, "admin@example.org")
    on = client.post(f"/admin/users/{cand2.id}/active", data={"csrf": token, "active": "1"})
    assert "Account reactivated" in on.text
    assert _log_in_status(client, cand2.email) == 303

    token = page_login(client, "admin@example.org")
    me = client.post(
        f"/admin/users/{world['admin'].id}/active", data={"csrf": token, "active": "0"}
    )
    assert me.status_code == 422 and "You cannot deactivate your own account." in me.text


@pytest.mark.parametrize("who", ["organiser@example.org", "cand1@example.org"])
def test_only_admins_open_the_admin_pages(
    client: TestClient, world: dict[str, Any], who: str
) -> None:
    token = page_login(client, who)
    for url in ("/admin", "/admin/users", "/admin/organisations", "/admin/events"):
        refused = client.get(url, headers=HTML)
        assert refused.status_code == 403 and "This page is for admins." in refused.text, url
    target = world["cand2"].id
    post = client.post(f"/admin/users/{target}/active", data={"csrf": token, "active": "0"})
    assert post.status_code == 403 and "This page is for admins." in post.text
    assert _log_in_status(client, world["cand2"].email) == 303  # still active
