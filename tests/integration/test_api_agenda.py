"""Bookings, workshop seats, check-in: the rules around scarce things, on both databases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.worldbuilder import START

pytestmark = pytest.mark.integration


def test_a_booked_slot_is_refused_to_the_next_person(
    client: TestClient, world: dict[str, Any]
) -> None:
    slot = world["slots"][0]
    first = client.post("/api/v1/bookings", json={"slot_id": slot}, headers=world["cand1"].headers)
    assert first.status_code == 201
    second = client.post("/api/v1/bookings", json={"slot_id": slot}, headers=world["cand2"].headers)
    assert second.status_code == 409
    assert "just been booked by someone else" in second.json()["detail"]
    free = client.get(f"/api/v1/events/{world['event']}/slots?free=true").json()
    assert slot not in [s["id"] for s in free["items"]]
    assert free["total"] == 2


def test_one_meeting_per_company_and_no_overlap(client: TestClient, world: dict[str, Any]) -> None:
    headers = world["cand1"].headers
    assert (
        client.post(
            "/api/v1/bookings", json={"slot_id": world["slots"][0]}, headers=headers
        ).status_code
        == 201
    )
    again = client.post("/api/v1/bookings", json={"slot_id": world["slots"][1]}, headers=headers)
    assert again.status_code == 409
    assert again.json()["detail"] == "You already have a meeting with this company at this event."


def test_cancelling_frees_the_slot(client: TestClient, world: dict[str, Any]) -> None:
    slot = world["slots"][0]
    booking = client.post(
        "/api/v1/bookings", json={"slot_id": slot}, headers=world["cand1"].headers
    ).json()
    other = client.delete(f"/api/v1/bookings/{booking['id']}", headers=world["cand2"].headers)
    assert other.status_code == 403
    assert other.json()["detail"] == (
        "This meeting is on someone else's agenda; you can change only yours."
    )
    mine = client.get("/api/v1/me/bookings", headers=world["cand1"].headers).json()
    assert [m["slot"]["id"] for m in mine] == [slot]  # the refused cancel left it booked
    own = client.delete(f"/api/v1/bookings/{booking['id']}", headers=world["cand1"].headers)
    assert own.status_code == 204
    assert client.get("/api/v1/me/bookings", headers=world["cand1"].headers).json() == []
    retry = client.post("/api/v1/bookings", json={"slot_id": slot}, headers=world["cand2"].headers)
    assert retry.status_code == 201
    assert (retry.json()["candidate_id"], retry.json()["slot"]["id"]) == (world["cand2"].id, slot)


def test_recruiter_sees_their_company_agenda(client: TestClient, world: dict[str, Any]) -> None:
    client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][2]}, headers=world["cand2"].headers
    )
    agenda = client.get(
        f"/api/v1/events/{world['event']}/company-agenda", headers=world["recruiter_a"].headers
    )
    assert [(b["candidate_id"], b["slot"]["id"]) for b in agenda.json()] == [
        (world["cand2"].id, world["slots"][2])
    ]
    other = client.get(
        f"/api/v1/events/{world['event']}/company-agenda", headers=world["recruiter_b"].headers
    )
    assert other.json() == []


def test_unregistered_candidate_cannot_book(client: TestClient, world: dict[str, Any]) -> None:
    body = {"email": "walkin@example.org", "password": "Walk-in-pass-1", "full_name": "Walk In"}
    client.post("/api/v1/auth/register", json=body)
    login = {"email": body["email"], "password": body["password"]}
    token = client.post("/api/v1/auth/token", json=login).json()["access_token"]
    response = client.post(
        "/api/v1/bookings",
        json={"slot_id": world["slots"][0]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Register for the event before booking interviews."


def test_workshop_waitlist_and_promotion(client: TestClient, world: dict[str, Any]) -> None:
    url = f"/api/v1/sessions/{world['workshop']}/registration"
    first = client.post(url, headers=world["cand1"].headers).json()
    second = client.post(url, headers=world["cand2"].headers).json()
    assert (first["status"], first["waitlist_position"]) == ("confirmed", None)
    assert (second["status"], second["waitlist_position"]) == ("waitlisted", 1)
    cancelled = client.delete(url, headers=world["cand1"].headers).json()
    assert cancelled["promoted_user_id"] == world["cand2"].id
    mine = client.get("/api/v1/me/registrations", headers=world["cand2"].headers).json()
    assert [(r["session_id"], r["status"]) for r in mine] == [(world["workshop"], "confirmed")]


def test_workshop_refused_when_it_overlaps_an_interview(
    client: TestClient, world: dict[str, Any]
) -> None:
    # slot 2 runs 10:00-10:20 event time; the workshop runs 10:00-11:00.
    client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][2]}, headers=world["cand1"].headers
    )
    response = client.post(
        f"/api/v1/sessions/{world['workshop']}/registration", headers=world["cand1"].headers
    )
    assert response.status_code == 409
    # In the candidate's own zone (they live in London; the event is in Taipei).
    assert response.json()["detail"] == (
        "This session overlaps your interview with Acme AI on Thu 18 Mar, 02:00-02:20 "
        "(Europe/London)."
    )


def test_check_in_desk_counts_onsite_and_online_separately(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.app.state.clock = lambda: START - timedelta(minutes=30)  # check-in is open
    badge = client.get(
        f"/api/v1/events/{world['event']}/attendance", headers=world["cand1"].headers
    ).json()
    url = f"/api/v1/events/{world['event']}/checkins"
    desk = world["organiser"].headers
    first = client.post(url, json={"badge_code": badge["badge_code"].lower()}, headers=desk).json()
    again = client.post(url, json={"badge_code": badge["badge_code"]}, headers=desk).json()
    assert (first["user_id"], first["already_checked_in"]) == (world["cand1"].id, False)
    assert again["already_checked_in"] is True
    client.post(f"/api/v1/events/{world['event']}/join-online", headers=world["cand2"].headers)
    summary = client.get(f"/api/v1/events/{world['event']}/checkins/summary", headers=desk).json()
    assert summary == {"onsite": 1, "online": 1}
    unknown = client.post(url, json={"badge_code": "TF-NOPE0000"}, headers=desk)
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "No badge 'TF-NOPE0000' is registered for this event."
    recruiter = world["recruiter_a"].headers
    refused = client.post(url, json={"badge_code": badge["badge_code"]}, headers=recruiter)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only organisers and admins may do this."
    # Neither the unknown badge nor the refused scan counted anyone.
    summary = client.get(f"/api/v1/events/{world['event']}/checkins/summary", headers=desk).json()
    assert summary == {"onsite": 1, "online": 1}


def test_pagination_and_filters(client: TestClient, world: dict[str, Any]) -> None:
    page = client.get("/api/v1/roles?limit=1&offset=0").json()
    assert (page["total"], len(page["items"]), page["limit"]) == (2, 1, 1)
    chips = client.get("/api/v1/roles?sector=microelectronics").json()
    assert [r["title"] for r in chips["items"]] == ["Verification Engineer"]
    bad = client.get("/api/v1/roles?limit=0")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "limit"


def test_data_export_and_account_deletion(client: TestClient, world: dict[str, Any]) -> None:
    cand1 = world["cand1"]
    url = f"/api/v1/sessions/{world['workshop']}/registration"
    client.post(url, headers=cand1.headers)
    client.post(url, headers=world["cand2"].headers)  # waitlisted behind cand1
    exported = client.get("/api/v1/me/export", headers=cand1.headers).json()
    assert exported["account"]["email"] == "cand1@example.org"
    assert exported["cv"]["text"].startswith("Cand One")
    assert exported["events"][0]["consent_share_cv"] is True

    wrong = client.post(
        "/api/v1/me/delete", json={"password": "not-my-password"}, headers=cand1.headers
    )
    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "Wrong password: the account was not deleted."
    still = client.get("/api/v1/me", headers=cand1.headers)
    assert still.json()["email"] == "cand1@example.org"  # the wrong password deleted nothing
    deleted = client.post(
        "/api/v1/me/delete", json={"password": "Correct-horse-9"}, headers=cand1.headers
    )
    assert deleted.status_code == 204
    gone = client.get("/api/v1/me", headers=cand1.headers)
    assert gone.status_code == 401
    assert gone.json()["detail"] == "The token is invalid or has expired; log in again."
    login = client.post(
        "/api/v1/auth/token", json={"email": cand1.email, "password": "Correct-horse-9"}
    )
    assert login.status_code == 401
    assert login.json()["detail"] == "Wrong e-mail or password."
    # their seat went to the next person in the queue
    mine = client.get("/api/v1/me/registrations", headers=world["cand2"].headers).json()
    assert mine[0]["status"] == "confirmed"


def test_more_capacity_promotes_the_waitlist_and_less_unseats_nobody(
    client: TestClient, world: dict[str, Any]
) -> None:
    url = f"/api/v1/sessions/{world['workshop']}"
    client.post(f"{url}/registration", headers=world["cand1"].headers)
    client.post(f"{url}/registration", headers=world["cand2"].headers)
    organiser = world["organiser"].headers
    refused = client.patch(url, json={"capacity": 2}, headers=world["recruiter_a"].headers)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only organisers and admins may do this."
    assert client.get(url).json()["capacity"] == 1  # unchanged
    grown = client.patch(url, json={"capacity": 2}, headers=organiser).json()
    assert (grown["capacity"], grown["confirmed"]) == (2, 2)
    shrunk = client.patch(url, json={"capacity": 1}, headers=organiser).json()
    assert (shrunk["capacity"], shrunk["confirmed"]) == (1, 2)  # promised seats are kept
    bad = client.patch(url, json={"capacity": 0}, headers=organiser)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "capacity"


def test_meetings_say_where_and_when_in_the_event_zone(
    client: TestClient, world: dict[str, Any]
) -> None:
    client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][0]}, headers=world["cand1"].headers
    )
    meeting = client.get("/api/v1/me/bookings", headers=world["cand1"].headers).json()[0]
    assert meeting["slot"]["place"] == "A-1"  # Acme AI's booth
    assert meeting["slot"]["starts_at_local"] == "2027-03-18T09:00:00+08:00"
    sessions = client.get(f"/api/v1/events/{world['event']}/sessions").json()
    assert sessions[0]["starts_at_local"] == "2027-03-18T10:00:00+08:00"


def test_a_recruiter_cannot_hold_two_overlapping_slots(
    client: TestClient, world: dict[str, Any]
) -> None:
    """The world's recruiter has slots 09:00-09:20, 09:30-09:50, 10:00-10:20 (Asia/Taipei)."""
    url = f"/api/v1/events/{world['event']}/slots"
    headers = world["recruiter_a"].headers

    def create(start: str, end: str) -> Any:
        body = {
            "organisation_id": world["company_a"],
            "starts_at": start,
            "ends_at": end,
            "mode": "online",
        }
        return client.post(url, json=body, headers=headers)

    clash = create("2027-03-18T01:10:00Z", "2027-03-18T01:25:00Z")
    assert clash.status_code == 409
    assert "overlaps the recruiter's slot of Thu 18 Mar, 09:00-09:20" in clash.json()["detail"]
    assert create("2027-03-18T01:20:00Z", "2027-03-18T01:30:00Z").status_code == 201  # the gap
    total = client.get(f"{url}?organisation_id={world['company_a']}").json()["total"]
    assert total == 4
