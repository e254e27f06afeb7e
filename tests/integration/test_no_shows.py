"""Meetings marked as missed (no-shows): who may mark them and when, what the candidate sees, and
the organisers' count of people who missed two or more; on SQLite and PostgreSQL.

The world's event runs 09:00-18:00 on Thu 18 Mar 2027 in Asia/Taipei (01:00-10:00 UTC); its
company A slots start at 09:00, 09:30 and 10:00 and last 20 minutes. Each test sets the app's
clock; bookings are made the day before, as people do.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.pagehelpers import page_login
from tests.integration.worldbuilder import START

pytestmark = pytest.mark.integration

DAY_BEFORE = START - timedelta(days=1)


def _at(client: TestClient, when: Any) -> None:
    client.app.state.clock = lambda: when  # type: ignore[attr-defined]


def _book(client: TestClient, world: dict[str, Any], who: str, slot: int) -> int:
    response = client.post("/api/v1/bookings", json={"slot_id": slot}, headers=world[who].headers)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _mark(client: TestClient, world: dict[str, Any], booking: int, by: str = "recruiter_a") -> Any:
    return client.put(f"/api/v1/bookings/{booking}/no-show", headers=world[by].headers)


def test_a_missed_meeting_is_marked_from_its_start_until_the_grace_period_ends(
    client: TestClient, world: dict[str, Any]
) -> None:
    _at(client, DAY_BEFORE)
    booking = _book(client, world, "cand1", world["slots"][0])  # 09:00-09:20
    early = _mark(client, world, booking)
    assert early.status_code == 409
    assert early.json()["detail"] == (
        "This meeting starts at 09:00 on Thu 18 Mar (Asia/Taipei); it can be marked as missed "
        "once it has started."
    )
    _at(client, START + timedelta(minutes=10))
    marked = _mark(client, world, booking)
    assert marked.status_code == 200 and marked.json()["no_show_at"].startswith("2027-03-18T01:10")
    mine = client.get("/api/v1/me/bookings", headers=world["cand1"].headers).json()
    assert mine[0]["no_show_at"] is not None  # the candidate sees it too
    undone = client.delete(
        f"/api/v1/bookings/{booking}/no-show", headers=world["organiser"].headers
    )
    assert undone.status_code == 200 and undone.json()["no_show_at"] is None
    _at(client, START + timedelta(minutes=20 + 30))  # the end (09:20) + 30 minutes of grace
    late = _mark(client, world, booking)
    assert late.status_code == 409
    assert late.json()["detail"] == (
        "A missed meeting can be marked until 09:50 on Thu 18 Mar (Asia/Taipei); "
        "that time has passed."
    )


def test_only_the_company_and_the_organisers_mark_a_meeting_missed(
    client: TestClient, world: dict[str, Any]
) -> None:
    _at(client, DAY_BEFORE)
    booking = _book(client, world, "cand1", world["slots"][0])
    _at(client, START + timedelta(minutes=5))
    refusals = {
        "recruiter_b": "Only the company's recruiters and the event's organisers can change "
        "this meeting.",
        "cand1": "The company marks a meeting as missed, not the candidate.",
        "cand2": "This meeting is on someone else's agenda; you can change only yours.",
    }
    for who, message in refusals.items():
        refused = _mark(client, world, booking, by=who)
        assert (refused.status_code, refused.json()["detail"]) == (403, message), who
    mine = client.get("/api/v1/me/bookings", headers=world["cand1"].headers).json()
    assert mine[0]["no_show_at"] is None


def test_the_dashboard_counts_missed_meetings_and_people_who_missed_two(
    client: TestClient, world: dict[str, Any]
) -> None:
    _at(client, DAY_BEFORE)
    b_slot = client.post(
        f"/api/v1/events/{world['event']}/slots",
        json={
            "organisation_id": world["company_b"],
            "mode": "onsite",
            "starts_at": (START + timedelta(hours=2)).isoformat(),
            "ends_at": (START + timedelta(hours=2, minutes=20)).isoformat(),
        },
        headers=world["recruiter_b"].headers,
    )
    assert b_slot.status_code == 201, b_slot.text
    first = _book(client, world, "cand1", world["slots"][0])
    second = _book(client, world, "cand1", b_slot.json()["id"])
    other = _book(client, world, "cand2", world["slots"][1])
    _at(client, START + timedelta(hours=2, minutes=5))
    assert _mark(client, world, second, by="recruiter_b").status_code == 200
    assert _mark(client, world, other).status_code == 409  # 09:30-09:50 + 30 min: too late
    _at(client, START + timedelta(minutes=15))
    assert _mark(client, world, first).status_code == 200
    page_login(client, "organiser@example.org")
    page = client.get(f"/organiser/events/{world['event']}/dashboard").text
    missed = re.search(r'id="count-no-shows">([^<]*)<', page)
    repeated = re.search(r'id="count-repeat-no-shows">([^<]*)<', page)
    assert missed is not None and repeated is not None
    assert (missed.group(1), repeated.group(1)) == ("2", "1")


def test_the_recruiters_agenda_offers_the_mark_once_the_meeting_started(
    client: TestClient, world: dict[str, Any]
) -> None:
    _at(client, DAY_BEFORE)
    _book(client, world, "cand1", world["slots"][0])
    token = page_login(client, "recruiter.a@example.org")
    before = client.get(f"/recruiter/agenda?event_id={world['event']}").text
    assert "Yes, cancel it" in before and "Mark as missed" not in before
    _at(client, START + timedelta(minutes=12))
    during = client.get(f"/recruiter/agenda?event_id={world['event']}").text
    assert "Mark as missed" in during and "Yes, cancel it" not in during
    action = re.search(r'action="(/recruiter/agenda/bookings/\d+/no-show)"', during)
    assert action is not None
    done = client.post(
        action.group(1), data={"missed": "1", "event_id": world["event"], "csrf": token}
    )
    assert "Marked as missed. The candidate sees it on their agenda" in done.text
    assert "They came after all" in done.text
    page_login(client, "cand1@example.org")
    agenda = client.get("/me/agenda").text
    assert "marked as missed by the company" in agenda
