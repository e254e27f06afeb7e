"""The organiser's interview-allocation page: run with errors at the fields, before/after figures
as a table and a server-side plot, publish only after confirming; other roles kept out."""

from __future__ import annotations

import html
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import HTML, page_login

pytestmark = pytest.mark.integration


def _requests(client: TestClient, world: dict[str, Any], who: str, orgs: list[int]) -> None:
    response = client.put(
        f"/api/v1/events/{world['event']}/meeting-requests",
        json={"organisation_ids": orgs},
        headers=world[who].headers,
    )
    assert response.status_code == 200, response.text


def test_organiser_runs_compares_and_publishes(client: TestClient, world: dict[str, Any]) -> None:
    _requests(client, world, "cand1", [world["company_a"], world["company_b"]])
    _requests(client, world, "cand2", [world["company_a"]])
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/allocation"
    assert url in client.get("/organiser").text
    first = client.get(url).text
    assert "No allocation has been run for this event yet." in first
    bad = client.post(url, data={"csrf": token, "max_meetings": "0", "objective": "weight"})
    assert bad.status_code == 422 and 'id="max_meetings-error"' in bad.text
    word = client.post(url, data={"csrf": token, "max_meetings": "two", "objective": "weight"})
    assert word.status_code == 422 and 'id="max_meetings-error"' in word.text
    odd = client.post(url, data={"csrf": token, "max_meetings": "2", "objective": "luck"})
    assert odd.status_code == 422 and 'id="objective-error"' in odd.text
    forged = client.post(url, data={"max_meetings": "2", "objective": "weight"})
    assert forged.status_code == 403
    assert "The form expired or came from another site" in forged.text
    assert "No allocation has been run for this event yet." in client.get(url).text

    ran = client.post(
        url, data={"csrf": token, "max_meetings": "2", "objective": "coverage_then_weight"}
    )
    page = html.unescape(ran.text)
    assert "Allocation computed. Nothing is booked until you publish it." in page
    # Company A has three slots, B none: both candidates get a meeting either way.
    assert (
        '<tr><th scope="row">Candidates with a meeting</th><td>2</td><td>2</td></tr>'
        in page.replace("\n      ", "").replace("\n    ", "")
    )
    assert "Slots filled" in page and "%" in page
    plot = client.get(f"/organiser/events/{world['event']}/allocation.svg")
    assert plot.status_code == 200 and plot.headers["content-type"] == "image/svg+xml"
    assert "<svg" in plot.text and "FCFS" in plot.text
    assert client.get("/api/v1/me/bookings", headers=world["cand2"].headers).json() == []

    run_id = client.get(
        f"/api/v1/events/{world['event']}/allocations/latest", headers=world["organiser"].headers
    ).json()["id"]
    publish = f"/organiser/allocations/{run_id}/publish"
    unconfirmed = client.post(publish, data={"csrf": token, "event_id": world["event"]})
    assert unconfirmed.status_code == 422 and 'id="confirm-error"' in unconfirmed.text
    assert client.get("/api/v1/me/bookings", headers=world["cand2"].headers).json() == []
    done = client.post(publish, data={"csrf": token, "event_id": world["event"], "confirm": "yes"})
    assert "Published: the meetings are booked" in done.text
    assert "Publish the allocation" not in done.text
    for who in ("cand1", "cand2"):
        booked = client.get("/api/v1/me/bookings", headers=world[who].headers).json()
        assert [m["slot"]["organisation_id"] for m in booked] == [world["company_a"]]
    twice = client.post(publish, data={"csrf": token, "event_id": world["event"], "confirm": "yes"})
    assert twice.status_code == 409 and "already published" in twice.text


def test_only_the_events_organisers_open_the_allocation(
    client: TestClient, world: dict[str, Any]
) -> None:
    _requests(client, world, "cand1", [world["company_a"]])
    organiser = world["organiser"].headers
    client.post(f"/api/v1/events/{world['event']}/allocations", json={}, headers=organiser)
    latest = f"/api/v1/events/{world['event']}/allocations/latest"
    run_id = client.get(latest, headers=organiser).json()["id"]
    urls = [
        f"/organiser/events/{world['event']}/allocation",
        f"/organiser/events/{world['event']}/allocation.svg",
    ]
    for url in urls:
        anonymous = client.get(url, follow_redirects=False)
        assert anonymous.status_code == 303
        assert anonymous.headers["location"] == f"/login?next={url}"
    for who in ("cand1@example.org", "recruiter.a@example.org", "staff@example.org"):
        token = page_login(client, who)
        for url in urls:
            refused = client.get(url, headers=HTML)
            assert refused.status_code == 403, (who, url)
            assert "This page is for organisers and admins." in refused.text, (who, url)
            assert "<svg" not in refused.text, (who, url)
        ran = client.post(
            urls[0], data={"csrf": token, "max_meetings": "2", "objective": "weight"}, headers=HTML
        )
        assert ran.status_code == 403, who
        assert "This page is for organisers and admins." in ran.text, who
    # The refused runs started nothing: the organiser's run is still the latest.
    assert client.get(latest, headers=organiser).json()["id"] == run_id
