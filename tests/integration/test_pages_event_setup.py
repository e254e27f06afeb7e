"""Organiser event set-up pages: the event, its booths, sessions and accounts; times typed on
the event's clocks; errors at their fields with nothing saved; only its organisers and admins."""

from __future__ import annotations

import html
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, page_login
from tests.integration.worldbuilder import PASSWORD

pytestmark = pytest.mark.integration

EVENT_FORM = {
    "kind": "themed_drive",
    "name": "Chips Week",
    "slug": "chips-week",
    "description": "Microelectronics drive",
    "themes": ["microelectronics", "ai"],
    "other_themes": "robotics, quantum",
    "timezone": "Europe/London",
    "venue": "ExCeL",
    "starts_at": "2027-07-01T09:00",
    "ends_at": "2027-07-01T17:30",
    "onsite": "yes",
    "status": "draft",
}


def _event_api(client: TestClient, world: dict[str, Any], event_id: int) -> dict[str, Any]:
    response = client.get(f"/api/v1/events/{event_id}", headers=world["organiser"].headers)
    assert response.status_code == 200, response.text
    return response.json()


def _new_organiser(client: TestClient) -> None:
    from talentfoundry.services import accounts
    from talentfoundry.services.schemas import UserIn
    from talentfoundry.store.db import make_session_factory, transaction

    with transaction(make_session_factory(client.app.state.engine)) as db:
        accounts.create_user(
            db,
            UserIn(
                email="other.org@example.org",
                password=PASSWORD,
                full_name="Other Organiser",
                role="organiser",
            ),
        )


def test_create_an_event_in_its_own_time_zone_then_edit_it(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "organiser@example.org")
    form = client.get("/organiser/events/new").text
    assert 'for="timezone"' in form and 'type="datetime-local"' in form
    created = client.post("/organiser/events/new", data=EVENT_FORM | {"csrf": token})
    assert created.status_code == 200 and "Event created." in created.text
    event_id = int(created.url.path.split("/")[3])
    data = _event_api(client, world, event_id)
    # 09:00 in London in July is 08:00 UTC (British Summer Time)
    assert data["starts_at"].startswith("2027-07-01T08:00") and data["timezone"] == "Europe/London"
    assert data["themes"] == ["microelectronics", "ai", "robotics", "quantum"]
    assert data["onsite"] is True and data["online"] is False
    assert "Chips Week" in client.get("/organiser").text

    edit = client.get(f"/organiser/events/{event_id}/edit").text
    assert 'value="2027-07-01T09:00"' in edit and "BST" in edit
    saved = client.post(
        f"/organiser/events/{event_id}/edit",
        data=EVENT_FORM
        | {
            "csrf": token,
            "name": "Chips Week 2027",
            "timezone": "Asia/Taipei",
            "online": "yes",
            "status": "open",
            "slug": "hijack",  # the web address is fixed once made
        },
    )
    assert "Event saved." in saved.text and 'value="2027-07-01T09:00"' in saved.text
    data = _event_api(client, world, event_id)
    assert data["name"] == "Chips Week 2027" and data["slug"] == "chips-week"
    assert data["starts_at"].startswith("2027-07-01T01:00")  # 09:00 in Taipei
    assert data["online"] is True and data["status"] == "open"


def test_a_bad_event_form_shows_each_error_at_its_field_and_saves_nothing(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "organiser@example.org")
    bad = client.post(
        "/organiser/events/new",
        data=EVENT_FORM
        | {
            "csrf": token,
            "name": "",
            "slug": "Not A Slug",
            "timezone": "Mars/Olympus",
            "starts_at": "tomorrow",
            "onsite": "",
        },
    )
    assert bad.status_code == 422
    for field in ("name", "slug", "timezone", "starts_at", "onsite"):
        assert f'id="{field}-error"' in bad.text, field
    assert "Mars/Olympus" in html.unescape(bad.text)  # what was typed is kept
    backwards = client.post(
        "/organiser/events/new",
        data=EVENT_FORM | {"csrf": token, "ends_at": "2027-07-01T08:00"},
    )
    assert backwards.status_code == 422 and 'id="ends_at-error"' in backwards.text
    taken = client.post(
        "/organiser/events/new", data=EVENT_FORM | {"csrf": token, "slug": "ai-day"}
    )
    assert taken.status_code == 422 and 'id="slug-error"' in taken.text
    forged = client.post("/organiser/events/new", data=EVENT_FORM)
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text
    assert "Chips Week" not in client.get("/organiser").text

    bad_edit = client.post(
        f"/organiser/events/{world['event']}/edit",
        data=EVENT_FORM | {"csrf": token, "name": "Renamed", "ends_at": "2027-06-30T09:00"},
    )
    assert bad_edit.status_code == 422 and 'id="ends_at-error"' in bad_edit.text
    assert _event_api(client, world, world["event"])["name"] == "AI in Action"


def test_booths_are_listed_added_with_a_new_company_and_edited(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/booths"
    listed = client.get(url).text
    assert "Acme AI" in listed and "A-1" in listed and "Beta Chips" in listed
    new_form = client.get(f"{url}/new").text
    assert "Acme AI" not in new_form  # already has a booth here

    nowhere = client.post(
        f"{url}/new",
        data={"csrf": token, "new_company": "Gamma Robotics", "new_company_sector": "robotics"},
    )
    assert nowhere.status_code == 422 and 'id="location_code-error"' in nowhere.text
    assert client.get("/api/v1/organisations", params={"q": "Gamma"}).json()["total"] == 0
    neither = client.post(f"{url}/new", data={"csrf": token, "location_code": "C-3"})
    assert neither.status_code == 422 and 'id="organisation_id-error"' in neither.text
    twice = client.post(
        f"{url}/new",
        data={"csrf": token, "organisation_id": world["company_a"], "location_code": "Z-9"},
    )
    assert twice.status_code == 422 and 'id="organisation_id-error"' in twice.text
    bad_url = client.post(
        f"{url}/new",
        data={"csrf": token, "new_company": "Gamma Robotics", "online_room_url": "not a url"},
    )
    assert bad_url.status_code == 422 and 'id="online_room_url-error"' in bad_url.text
    assert client.get("/api/v1/organisations", params={"q": "Gamma"}).json()["total"] == 0

    added = client.post(
        f"{url}/new",
        data={
            "csrf": token,
            "new_company": "Gamma Robotics",
            "new_company_sector": "robotics",
            "location_code": "C-3",
            "online_room_url": "https://meet.example.org/gamma",
        },
    )
    assert "Booth saved." in added.text and "Gamma Robotics" in added.text
    assert "https://meet.example.org/gamma" in added.text
    again = client.post(f"{url}/new", data={"csrf": token, "new_company": "gamma robotics"})
    assert again.status_code == 422 and 'id="new_company-error"' in again.text

    booths = client.get(f"/api/v1/events/{world['event']}/booths").json()
    acme = next(b for b in booths if b["organisation_id"] == world["company_a"])
    edit_url = f"{url}/{acme['id']}/edit"
    assert 'value="A-1"' in client.get(edit_url).text
    cleared = client.post(edit_url, data={"csrf": token, "location_code": ""})
    assert cleared.status_code == 422 and 'id="location_code-error"' in cleared.text
    moved = client.post(edit_url, data={"csrf": token, "location_code": "A-7"})
    assert "Booth saved." in moved.text and "A-7" in moved.text and "A-1" not in moved.text


def test_sessions_in_event_time_with_seats_taken_and_unlimited(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.post(
        f"/api/v1/sessions/{world['workshop']}/registration", headers=world["cand1"].headers
    )
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/sessions"
    listed = html.unescape(client.get(url).text)
    assert "Personal branding" in listed and "1 of 1" in listed
    assert "10:00 CST" in listed  # 02:00 UTC shown in Asia/Taipei
    form = {
        "csrf": token,
        "kind": "talk",
        "title": "Careers in chips",
        "speaker": "Dr Chen",
        "starts_at": "2027-03-18T14:00",
        "ends_at": "2027-03-18T15:00",
        "mode": "online",
        "online_url": "https://meet.example.org/chips",
        "capacity": "",
    }
    bad = client.post(
        f"{url}/new",
        data=form | {"title": "", "capacity": "0", "online_url": "ftp:/x", "ends_at": "soon"},
    )
    assert bad.status_code == 422
    for field in ("title", "capacity", "online_url", "ends_at"):
        assert f'id="{field}-error"' in bad.text, field
    assert "Careers in chips" not in client.get(url).text
    added = client.post(f"{url}/new", data=form)
    page = html.unescape(added.text)
    assert "Session saved." in page and "Careers in chips" in page and "0 of unlimited" in page
    public = client.get("/api/v1/events/{}/sessions".format(world["event"])).json()
    talk = next(s for s in public if s["title"] == "Careers in chips")
    assert talk["starts_at"].startswith("2027-03-18T06:00")  # 14:00 in Taipei
    assert talk["capacity"] is None

    edit_url = f"{url}/{world['workshop']}/edit"
    assert 'value="2027-03-18T10:00"' in client.get(edit_url).text
    edited = client.post(
        edit_url,
        data=form
        | {
            "title": "Personal branding",
            "starts_at": "2027-03-18T10:30",
            "ends_at": "2027-03-18T11:30",
            "location": "Room 201",
            "online_url": "",
            "capacity": "5",
            "mode": "online",  # the mode is fixed once made
        },
    )
    page = html.unescape(edited.text)
    assert "Session saved." in page and "1 of 5" in page and "Room 201" in page
    assert "10:30 CST" in page
    backwards = client.post(
        edit_url, data=form | {"starts_at": "2027-03-18T12:00", "ends_at": "2027-03-18T11:00"}
    )
    assert backwards.status_code == 422 and 'id="ends_at-error"' in backwards.text
    assert "1 of 5" in html.unescape(client.get(url).text)


def test_accounts_for_a_recruiter_and_university_staff(
    client: TestClient, world: dict[str, Any]
) -> None:
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/accounts"
    form = {
        "csrf": token,
        "role": "recruiter",
        "organisation_id": str(world["company_b"]),
        "full_name": "Rita Recruiter",
        "email": "Rita@Beta.example",
        "password": "short",
        "timezone": "Asia/Taipei",
    }
    weak = client.post(url, data=form)
    assert weak.status_code == 422 and 'id="password-error"' in weak.text
    assert "at least 10 characters" in weak.text and 'value="short"' not in weak.text
    wrong_kind = client.post(
        url, data=form | {"password": PASSWORD, "organisation_id": str(world["university"])}
    )
    assert wrong_kind.status_code == 422 and 'id="organisation_id-error"' in wrong_kind.text
    admin = client.post(url, data=form | {"password": PASSWORD, "role": "admin"})
    assert admin.status_code == 422 and 'id="role-error"' in admin.text
    bad_email = client.post(url, data=form | {"password": PASSWORD, "email": "rita"})
    assert bad_email.status_code == 422 and 'id="email-error"' in bad_email.text
    taken = client.post(url, data=form | {"password": PASSWORD, "email": "staff@example.org"})
    assert taken.status_code == 422 and 'id="email-error"' in taken.text
    rita = client.post(
        "/api/v1/auth/token", json={"email": "rita@beta.example", "password": PASSWORD}
    )
    assert (rita.status_code, rita.json()["detail"]) == (401, "Wrong e-mail or password.")

    made = client.post(url, data=form | {"password": PASSWORD})
    assert made.status_code == 200
    assert 'id="created-email">rita@beta.example<' in made.text
    assert "Account created." not in client.get(url).text  # shown once
    staff = client.post(
        url,
        data=form
        | {
            "password": PASSWORD,
            "role": "university_staff",
            "organisation_id": str(world["university"]),
            "email": "sam@north.example",
        },
    )
    assert 'id="created-email">sam@north.example<' in staff.text

    page_login(client, "rita@beta.example")
    assert "Beta Chips" in client.get("/recruiter/roles").text
    page_login(client, "sam@north.example")
    assert "North University" in client.get("/staff/students").text


def test_only_the_events_organisers_and_admins_set_it_up(
    client: TestClient, world: dict[str, Any]
) -> None:
    event = world["event"]
    gets = [
        f"/organiser/events/{event}/edit",
        f"/organiser/events/{event}/booths",
        f"/organiser/events/{event}/booths/new",
        f"/organiser/events/{event}/sessions",
        f"/organiser/events/{event}/sessions/new",
        f"/organiser/events/{event}/sessions/{world['workshop']}/edit",
        f"/organiser/events/{event}/accounts",
    ]
    posts = {
        f"/organiser/events/{event}/edit": EVENT_FORM | {"name": "Hijacked"},
        f"/organiser/events/{event}/booths/new": {"new_company": "Evil Co", "location_code": "X"},
        f"/organiser/events/{event}/sessions/{world['workshop']}/edit": {"title": "Hijacked"},
        f"/organiser/events/{event}/accounts": {
            "role": "recruiter",
            "organisation_id": str(world["company_a"]),
            "full_name": "Mallory",
            "email": "mallory@example.org",
            "password": PASSWORD,
        },
    }
    for url in [*gets, "/organiser/events/new"]:
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303 and "/login" in response.headers["location"], url
    assert client.post(f"/organiser/events/{event}/edit", follow_redirects=False).status_code == 303

    _new_organiser(client)
    for who in (
        "cand1@example.org",
        "recruiter.a@example.org",
        "staff@example.org",
        "other.org@example.org",
    ):
        token = page_login(client, who)
        message = (
            "Only this event's organisers may do that."
            if who == "other.org@example.org"
            else "This page is for organisers and admins."
        )
        for url in gets:
            refused = client.get(url, headers=HTML)
            assert refused.status_code == 403, (who, url)
            assert message in html.unescape(refused.text), (who, url)
        for url, data in posts.items():
            refused = client.post(url, data=data | {"csrf": token})
            assert refused.status_code == 403, (who, url)
            assert message in html.unescape(refused.text), (who, url)
        if who != "other.org@example.org":
            refused = client.get("/organiser/events/new", headers=HTML)
            assert refused.status_code == 403, who
            assert message in refused.text, who
    assert _event_api(client, world, event)["name"] == "AI in Action"
    assert client.get("/api/v1/organisations", params={"q": "Evil"}).json()["total"] == 0
    mallory = client.post(
        "/api/v1/auth/token", json={"email": "mallory@example.org", "password": PASSWORD}
    )
    assert (mallory.status_code, mallory.json()["detail"]) == (401, "Wrong e-mail or password.")

    page_login(client, "admin@example.org")
    for url in gets:
        assert client.get(url, headers=HTML).status_code == 200, url


def test_every_set_up_form_needs_the_csrf_token(client: TestClient, world: dict[str, Any]) -> None:
    page_login(client, "organiser@example.org")
    event = world["event"]
    posts = {
        "/organiser/events/new": EVENT_FORM,
        f"/organiser/events/{event}/edit": EVENT_FORM | {"name": "Forged"},
        f"/organiser/events/{event}/booths/new": {"new_company": "Forged Co", "location_code": "F"},
        f"/organiser/events/{event}/sessions/new": {"title": "Forged", "kind": "talk"},
        f"/organiser/events/{event}/accounts": {"role": "recruiter", "email": "f@example.org"},
    }
    for url, data in posts.items():
        for token in (None, "not-the-token"):
            sent = data if token is None else data | {"csrf": token}
            refused = client.post(url, data=sent)
            assert refused.status_code == 403, url
            assert "The form expired or came from another site" in refused.text, url
    assert _event_api(client, world, event)["name"] == "AI in Action"
    assert client.get("/api/v1/organisations", params={"q": "Forged"}).json()["total"] == 0
    assert "Chips Week" not in client.get("/organiser").text
