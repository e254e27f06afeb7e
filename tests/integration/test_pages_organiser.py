"""Organiser pages: the check-in desk and the live dashboard (table and server-side plots)."""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, page_login
from tests.integration.worldbuilder import START

pytestmark = pytest.mark.integration


def _badge(client: TestClient, world: dict[str, Any], who: str) -> str:
    response = client.get(f"/api/v1/events/{world['event']}/attendance", headers=world[who].headers)
    return response.json()["badge_code"]


def test_check_in_desk_shows_the_name_and_a_second_scan(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.app.state.clock = lambda: START - timedelta(minutes=30)  # check-in is open
    code = _badge(client, world, "cand1")
    client.post(f"/api/v1/events/{world['event']}/join-online", headers=world["cand2"].headers)
    token = page_login(client, "organiser@example.org")
    desk = client.get(f"/organiser/events/{world['event']}/checkin").text
    assert 'id="count-onsite">0<' in desk and 'id="count-online">1<' in desk
    first = client.post(
        f"/organiser/events/{world['event']}/checkin",
        data={"csrf": token, "badge_code": code.lower()},  # typed in lower case: still found
    )
    assert "Cand1" in first.text and "Checked in" in first.text
    assert 'id="count-onsite">1<' in first.text and 'id="count-online">1<' in first.text
    again = client.post(
        f"/organiser/events/{world['event']}/checkin", data={"csrf": token, "badge_code": code}
    )
    assert "Already checked in" in again.text and 'id="count-onsite">1<' in again.text
    unknown = client.post(
        f"/organiser/events/{world['event']}/checkin",
        data={"csrf": token, "badge_code": "TF-NOPE2345"},
    )
    assert unknown.status_code == 422
    assert 'id="badge_code-error"' in unknown.text
    assert "No badge 'TF-NOPE2345'" in html.unescape(unknown.text)
    forged = client.post(f"/organiser/events/{world['event']}/checkin", data={"badge_code": code})
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text


def test_only_the_events_organisers_run_the_desk_and_see_the_dashboard(
    client: TestClient, world: dict[str, Any]
) -> None:
    urls = [
        f"/organiser/events/{world['event']}/checkin",
        f"/organiser/events/{world['event']}/dashboard",
        f"/organiser/events/{world['event']}/dashboard/sessions.svg",
    ]
    for url in urls:
        anonymous = client.get(url, follow_redirects=False)
        assert anonymous.status_code == 303
        assert anonymous.headers["location"] == f"/login?next={url}"
    for who in ("cand1@example.org", "recruiter.a@example.org", "staff@example.org"):
        page_login(client, who)
        for url in urls:
            refused = client.get(url, headers=HTML)
            assert refused.status_code == 403, (who, url)
            assert "This page is for organisers and admins." in refused.text, (who, url)
    # another organiser, of no event here
    from talentfoundry.services import accounts
    from talentfoundry.services.schemas import UserIn
    from talentfoundry.store.db import make_session_factory, transaction

    with transaction(make_session_factory(client.app.state.engine)) as db:
        accounts.create_user(
            db,
            UserIn(
                email="other.org@example.org",
                password="Correct-horse-9",
                full_name="Other Organiser",
                role="organiser",
            ),
        )
    page_login(client, "other.org@example.org")
    assert "AI in Action" not in client.get("/organiser").text
    for url in urls:
        refused = client.get(url, headers=HTML)
        assert refused.status_code == 403, url
        assert "Only this event's organisers may do that." in html.unescape(refused.text), url
        assert "Personal branding" not in refused.text, url


def test_dashboard_numbers_and_plots(client: TestClient, world: dict[str, Any]) -> None:
    client.app.state.clock = lambda: START - timedelta(minutes=30)  # check-in is open
    code = _badge(client, world, "cand1")
    client.post(
        f"/api/v1/sessions/{world['workshop']}/registration", headers=world["cand1"].headers
    )
    client.post(
        f"/api/v1/sessions/{world['workshop']}/registration", headers=world["cand2"].headers
    )
    client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][2]}, headers=world["cand2"].headers
    )
    token = page_login(client, "organiser@example.org")
    client.post(
        f"/organiser/events/{world['event']}/checkin", data={"csrf": token, "badge_code": code}
    )
    page = html.unescape(client.get(f"/organiser/events/{world['event']}/dashboard").text)
    assert "<dt>Registrations</dt><dd>2</dd>" in page
    assert "<dt>Checked in on-site</dt><dd>1</dd>" in page
    assert "<dd>1 of 3 slots</dd>" in page
    # Personal branding: 1 seat, 1 confirmed (100%), 1 waitlisted.
    assert "<td>Personal branding</td><td>1</td><td>1</td><td>100%</td><td>1</td>" in page
    # Top skills: each of the two roles requires two skills, once each.
    assert "<td>PyTorch</td><td>1</td>" in page and "<td>UVM</td><td>1</td>" in page
    for figure in ("registrations", "checkins", "sessions", "skills"):
        assert f"/dashboard/{figure}.svg" in page
        plot = client.get(f"/organiser/events/{world['event']}/dashboard/{figure}.svg")
        assert plot.status_code == 200
        assert plot.headers["content-type"] == "image/svg+xml"
        assert plot.text.lstrip().startswith("<?xml") and "<svg" in plot.text
    assert (
        "Personal branding"
        in client.get(f"/organiser/events/{world['event']}/dashboard/sessions.svg").text
    )
    missing = client.get(f"/organiser/events/{world['event']}/dashboard/nope.svg")
    assert missing.status_code == 404
    assert "No figure 'nope'" in html.unescape(missing.text)
