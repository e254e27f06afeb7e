"""A person skipped on a waitlist is told why and offered the choice (issue 15, item 1):
take the seat instead of the interview that blocks it, or move the interview from the agenda;
the organiser's API lists who is blocked and by what."""

from __future__ import annotations

import html
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from talentfoundry.store.models import Booking, SessionRegistration
from tests.integration.pagehelpers import page_login

pytestmark = pytest.mark.integration


def _skipped(client: TestClient, world: dict[str, Any]) -> None:
    """cand2 holds the workshop's only seat; cand1 waits, then books an interview at 10:00-10:20
    (inside the workshop, 10:00-11:00 Taipei); the organiser adds a seat, which skips cand1."""
    workshop = world["workshop"]
    for who, status in (("cand2", "confirmed"), ("cand1", "waitlisted")):
        signed = client.post(
            f"/api/v1/sessions/{workshop}/registration", headers=world[who].headers
        )
        assert signed.json()["status"] == status, signed.text
    booked = client.post(
        "/api/v1/bookings", json={"slot_id": world["slots"][2]}, headers=world["cand1"].headers
    )
    assert booked.status_code == 201, booked.text
    raised = client.patch(
        f"/api/v1/sessions/{workshop}", json={"capacity": 2}, headers=world["organiser"].headers
    )
    assert raised.json()["confirmed"] == 1, raised.text


def test_the_skipped_person_and_the_organiser_are_told_why(
    client: TestClient, world: dict[str, Any]
) -> None:
    _skipped(client, world)
    mine = client.get("/api/v1/me/registrations", headers=world["cand1"].headers).json()
    assert mine == [
        {
            "session_id": world["workshop"],
            "status": "waitlisted",
            "waitlist_position": 1,
            "promoted_user_id": None,
            "blocked_by": ["interview with Acme AI on Thu 18 Mar, 02:00-02:20 (Europe/London)"],
            "seat_free": True,
            "message": "A seat is free, but your interview with Acme AI on Thu 18 Mar, 02:00-02:20 "
            "(Europe/London) overlaps this session, so it cannot be yours. Take the seat "
            "instead (that cancels what overlaps), move your interview to another time, or "
            "keep waiting.",
        }
    ]
    blocked = client.get(
        f"/api/v1/sessions/{world['workshop']}/blocked", headers=world["organiser"].headers
    )
    assert blocked.json() == [
        {
            "user_id": world["cand1"].id,
            "full_name": "Cand1",
            "waitlist_position": 1,
            "blocked_by": ["interview with Acme AI on Thu 18 Mar, 10:00-10:20 (Asia/Taipei)"],
        }
    ]
    not_theirs = client.get(
        f"/api/v1/sessions/{world['workshop']}/blocked", headers=world["cand2"].headers
    )
    assert not_theirs.status_code == 403
    assert not_theirs.json()["detail"] == "Only organisers and admins may do this."
    assert "Cand1" not in not_theirs.text
    page_login(client, "organiser@example.org")
    listed = html.unescape(client.get(f"/organiser/events/{world['event']}/sessions").text)
    assert "<summary>1 person waiting only because of a clash</summary>" in listed
    assert (
        "<li>Cand1 (waitlist 1): interview with Acme AI on Thu 18 Mar, 10:00-10:20 (Asia/Taipei)"
        "</li>" in listed
    )


def test_taking_the_seat_instead_cancels_the_interview_in_one_step(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    _skipped(client, world)
    token = page_login(client, "cand1@example.org")
    page = html.unescape(client.get("/events/ai-day/sessions").text)
    assert "overlaps this session, so it cannot be yours." in page
    assert "<summary>Take the seat instead</summary>" in page
    assert "This cancels your interview with Acme AI; the freed time goes to someone else." in page
    done = client.post(f"/sessions/{world['workshop']}/take-seat", data={"csrf": token})
    assert done.url.path == "/events/ai-day/sessions"
    assert "You have a seat at “Personal branding”" in html.unescape(done.text)
    with Session(engine) as db:
        assert (
            db.scalar(
                select(SessionRegistration.status).where(
                    SessionRegistration.user_id == world["cand1"].id
                )
            )
            == "confirmed"
        )
        assert (
            db.scalar(select(Booking.id).where(Booking.candidate_id == world["cand1"].id)) is None
        )


def test_an_interview_moves_from_the_agenda_and_the_seat_follows(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    _skipped(client, world)
    token = page_login(client, "cand1@example.org")
    agenda = html.unescape(client.get("/me/agenda").text)
    assert "<summary>Move to another time</summary>" in agenda
    with Session(engine) as db:
        booking_id = db.scalar(select(Booking.id).where(Booking.candidate_id == world["cand1"].id))
    # 01:00-01:20 London is the 09:00 Taipei slot, before the workshop.
    assert (
        f'<option value="{world["slots"][0]}">Thu 18 Mar, 01:00 GMT – 01:20 GMT</option>' in agenda
    )
    moved = client.post(
        f"/me/agenda/bookings/{booking_id}/move", data={"slot_id": world["slots"][0], "csrf": token}
    )
    assert "Interview moved. Your old slot is free for someone else." in html.unescape(moved.text)
    with Session(engine) as db:
        assert (
            db.scalar(select(Booking.slot_id).where(Booking.id == booking_id))
            == (world["slots"][0])
        )
        # The clash is gone, so the free seat went to cand1 at once.
        assert (
            db.scalar(
                select(SessionRegistration.status).where(
                    SessionRegistration.user_id == world["cand1"].id
                )
            )
            == "confirmed"
        )
