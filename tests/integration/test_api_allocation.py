"""Interview allocation in the product: requests, run with before/after, publish, late changes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from itertools import combinations
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import allocation, booking
from talentfoundry.services.schemas import BookingIn
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import (
    Attendee,
    Booking,
    Event,
    InterviewSlot,
    Organisation,
    User,
    event_organisers,
)

pytestmark = pytest.mark.integration


def _requests(client: TestClient, world: dict[str, Any], who: str, orgs: list[int]) -> Any:
    return client.put(
        f"/api/v1/events/{world['event']}/meeting-requests",
        json={"organisation_ids": orgs},
        headers=world[who].headers,
    )


def test_run_compare_publish(client: TestClient, world: dict[str, Any]) -> None:
    a, b = world["company_a"], world["company_b"]
    assert _requests(client, world, "cand1", [a, b]).status_code == 200
    assert _requests(client, world, "cand2", [a]).status_code == 200
    organiser = world["organiser"].headers
    url = f"/api/v1/events/{world['event']}/allocations"
    refused = client.post(url, json={}, headers=world["recruiter_a"].headers)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only organisers and admins may do this."
    nothing = client.get(f"{url}/latest", headers=organiser)  # the refused run left no trace
    assert nothing.json()["detail"] == "No allocation has been run for this event yet."
    response = client.post(url, json={"max_meetings": 2}, headers=organiser)
    assert response.status_code == 201, response.text
    run = response.json()
    # Company B has no slots, company A has three: both candidates meet A.
    assert run["after"]["candidates_with_meeting"] == 2
    assert run["before"]["candidates_with_meeting"] == 2
    assert run["status"] == "proposed"
    mine = client.get("/api/v1/me/bookings", headers=world["cand2"].headers).json()
    assert mine == []  # nothing booked before publishing
    published = client.post(f"/api/v1/allocations/{run['id']}/publish", headers=organiser).json()
    assert published["status"] == "published"
    for who in ("cand1", "cand2"):
        agenda = client.get("/api/v1/me/bookings", headers=world[who].headers).json()
        assert [m["slot"]["organisation_id"] for m in agenda] == [a]
    again = client.post(f"/api/v1/allocations/{run['id']}/publish", headers=organiser)
    assert again.status_code == 409
    assert again.json()["detail"] == "This allocation is already published."
    for who in ("cand1", "cand2"):  # publishing twice booked nothing twice
        agenda = client.get("/api/v1/me/bookings", headers=world[who].headers).json()
        assert [m["slot"]["organisation_id"] for m in agenda] == [a]


def test_cancelled_meeting_goes_to_the_best_waiting_request(
    client: TestClient, world: dict[str, Any]
) -> None:
    organiser = world["organiser"].headers
    for slot in world["slots"][1:]:  # leave company A one slot
        assert client.delete(f"/api/v1/slots/{slot}", headers=organiser).status_code == 204
    _requests(client, world, "cand1", [world["company_a"]])
    _requests(client, world, "cand2", [world["company_a"]])
    run = client.post(f"/api/v1/events/{world['event']}/allocations", json={}, headers=organiser)
    client.post(f"/api/v1/allocations/{run.json()['id']}/publish", headers=organiser)
    holders = [
        w
        for w in ("cand1", "cand2")
        if client.get("/api/v1/me/bookings", headers=world[w].headers).json()
    ]
    assert len(holders) == 1
    holder, waiting = holders[0], ({"cand1", "cand2"} - set(holders)).pop()
    meeting = client.get("/api/v1/me/bookings", headers=world[holder].headers).json()[0]
    assert (
        client.delete(
            f"/api/v1/bookings/{meeting['id']}", headers=world[holder].headers
        ).status_code
        == 204
    )
    now = client.get("/api/v1/me/bookings", headers=world[waiting].headers).json()
    assert [m["slot"]["id"] for m in now] == [world["slots"][0]]


def test_requests_are_validated(client: TestClient, world: dict[str, Any]) -> None:
    dup = _requests(client, world, "cand1", [world["company_a"], world["company_a"]])
    assert (dup.status_code, dup.json()["detail"]) == (422, "Each company may appear only once.")
    uni = _requests(client, world, "cand1", [world["university"]])
    assert uni.status_code == 422
    assert uni.json()["errors"] == [
        {"field": "organisation_ids", "message": f"No company with id {world['university']}."}
    ]
    refused = _requests(client, world, "recruiter_a", [world["company_b"]])
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only candidates may do this."


START = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("seed", range(4))
def test_published_allocations_never_double_book(engine: Engine, seed: int) -> None:
    """Random fairs with some bookings made by hand first: after run + publish, no slot holds two
    people, nobody holds two overlapping meetings, meets a company twice, or exceeds the cap."""
    rng = random.Random(seed)
    factory = make_session_factory(engine)
    with transaction(factory) as db:
        organiser = User(email="o@example.org", password_hash="x", full_name="O", role="organiser")
        event = Event(
            slug=f"e{seed}",
            kind="career_day",
            name="E",
            timezone="UTC",
            status="open",
            starts_at=START,
            ends_at=START + timedelta(hours=8),
        )
        orgs = [Organisation(slug=f"c{i}", kind="company", name=f"C{i}") for i in range(5)]
        people = [
            User(email=f"p{i}@example.org", password_hash="x", full_name=f"P{i}", role="candidate")
            for i in range(25)
        ]
        db.add_all([organiser, event, *orgs, *people])
        db.flush()
        db.execute(event_organisers.insert().values(event_id=event.id, user_id=organiser.id))
        for org in orgs:
            for k in range(rng.randint(1, 5)):
                start = START + timedelta(minutes=rng.choice([0, 15, 20, 30, 45, 60, 90]) + 5 * k)
                db.add(
                    InterviewSlot(
                        event_id=event.id,
                        organisation_id=org.id,
                        mode="onsite",
                        starts_at=start,
                        ends_at=start + timedelta(minutes=rng.choice([15, 20, 30])),
                    )
                )
        db.add_all(
            Attendee(event_id=event.id, user_id=p.id, badge_code=f"TF-{seed}{p.id:06d}")
            for p in people
        )
        db.flush()
        for person in people:
            allocation.set_requests(
                db, person, event.id, [o.id for o in rng.sample(orgs, k=rng.randint(1, 4))]
            )
        slots = list(db.scalars(select(InterviewSlot).where(InterviewSlot.event_id == event.id)))
        for person, slot in zip(rng.sample(people, 3), rng.sample(slots, 3), strict=True):
            try:
                with db.begin_nested():
                    booking.book(db, person, BookingIn(slot_id=slot.id))
            except FoundryError:  # a hand booking may be refused (overlap); that is fine here
                pass
        run = allocation.run_allocation(db, organiser, event.id, max_meetings=2)
        allocation.publish(db, organiser, run.id)
        event_id = event.id
    with factory() as db:
        rows = db.execute(
            select(Booking.candidate_id, InterviewSlot)
            .join(InterviewSlot)
            .where(InterviewSlot.event_id == event_id)
        ).all()
    per_person: dict[int, list[InterviewSlot]] = {}
    for person_id, slot in rows:
        per_person.setdefault(person_id, []).append(slot)
    assert len({slot.id for _, slot in rows}) == len(rows)
    for meetings in per_person.values():
        assert len(meetings) <= 2
        assert len({m.organisation_id for m in meetings}) == len(meetings)
        for x, y in combinations(meetings, 2):
            assert not (x.starts_at < y.ends_at and y.starts_at < x.ends_at)


def test_request_weights_are_matching_scores(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    # cand1's CV is Python/PyTorch: Acme's ML role fits better than Beta Chips' verification role,
    # whatever order cand1 listed the companies in.
    _requests(client, world, "cand1", [world["company_b"], world["company_a"]])
    with make_session_factory(engine)() as db:
        event = db.get(Event, world["event"])
        document, _ = allocation.build_instance(db, event, max_meetings=2, objective="weight")
    [cand1] = [c for c in document["candidates"] if c["id"] == str(world["cand1"].id)]
    weights = {r["company"]: r["weight"] for r in cand1["requests"]}
    assert set(weights) == {str(world["company_a"])}  # Beta Chips has no slots: out of reach
    recs = client.get("/api/v1/me/recommendations", headers=world["cand1"].headers).json()
    ml_score = next(r["score"] for r in recs["results"] if r["title"] == "ML Engineer")
    assert weights[str(world["company_a"])] == pytest.approx(ml_score, abs=1e-4)
    assert weights[str(world["company_a"])] != 0.5  # not the rank fallback (2nd of 2 wishes)
