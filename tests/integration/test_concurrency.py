"""Concurrency is real: 50 people booking one slot at the same instant get exactly one booking."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.errors import Conflict
from talentfoundry.services import booking, workshops
from talentfoundry.services.schemas import BookingIn, SlotIn
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import (
    Attendee,
    Booking,
    Event,
    EventSession,
    InterviewSlot,
    Organisation,
    SessionRegistration,
    User,
)

pytestmark = pytest.mark.integration

PEOPLE = 50
START = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)


def _event(db: Session) -> Event:
    event = Event(
        slug="rush",
        kind="career_day",
        name="Rush",
        timezone="UTC",
        status="open",
        starts_at=START,
        ends_at=START + timedelta(hours=8),
    )
    db.add(event)
    db.flush()
    return event


def _fair(engine: Engine) -> tuple[list[int], int, int]:
    with transaction(make_session_factory(engine)) as db:
        event = _event(db)
        org = Organisation(slug="popular", kind="company", name="Popular Co")
        db.add(org)
        db.flush()
        slot = InterviewSlot(
            event_id=event.id,
            organisation_id=org.id,
            mode="online",
            starts_at=START,
            ends_at=START + timedelta(minutes=20),
        )
        seat = EventSession(
            event_id=event.id,
            kind="workshop",
            title="CV clinic",
            mode="onsite",
            capacity=1,
            starts_at=START + timedelta(hours=2),
            ends_at=START + timedelta(hours=3),
        )
        users = [
            User(email=f"p{i}@example.org", password_hash="x", full_name=f"P{i}", role="candidate")
            for i in range(PEOPLE)
        ]
        db.add_all([slot, seat, *users])
        db.flush()
        db.add_all(
            Attendee(event_id=event.id, user_id=u.id, badge_code=f"TF-{u.id:08d}") for u in users
        )
        return [u.id for u in users], slot.id, seat.id


def _race(engine: Engine, user_ids: list[int], action: object) -> list[str]:
    factory = make_session_factory(engine)
    barrier = threading.Barrier(len(user_ids))

    def attempt(user_id: int) -> str:
        barrier.wait()
        try:
            with transaction(factory) as db:
                action(db, db.get(User, user_id))  # type: ignore[operator]
            return "ok"
        except Conflict as exc:
            return exc.message

    with ThreadPoolExecutor(max_workers=len(user_ids)) as pool:
        return list(pool.map(attempt, user_ids))


def test_fifty_parallel_bookings_of_one_slot_give_one_booking(engine: Engine) -> None:
    user_ids, slot_id, _ = _fair(engine)
    engine.pool.dispose()
    results = _race(engine, user_ids, lambda db, u: booking.book(db, u, BookingIn(slot_id=slot_id)))
    assert results.count("ok") == 1
    assert set(results) - {"ok"} == {booking.SLOT_TAKEN}
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Booking)) == 1


def test_fifty_parallel_signups_for_the_last_seat_give_one_seat(engine: Engine) -> None:
    user_ids, _, seat_id = _fair(engine)
    results = _race(engine, user_ids, lambda db, u: workshops.register(db, u, seat_id))
    assert results == ["ok"] * PEOPLE
    with engine.connect() as conn:
        statuses = dict(
            conn.execute(
                select(SessionRegistration.status, func.count()).group_by(
                    SessionRegistration.status
                )
            ).all()
        )
    assert statuses == {"confirmed": 1, "waitlisted": PEOPLE - 1}


def test_parallel_overlapping_slots_for_one_recruiter_give_one_slot(engine: Engine) -> None:
    """Ten requests for overlapping slots of one recruiter, at once: one slot, nine refusals."""
    with transaction(make_session_factory(engine)) as db:
        event_id = _event(db).id
        org = Organisation(slug="busy", kind="company", name="Busy Co")
        db.add(org)
        db.flush()
        recruiter = User(
            email="rec@busy.example.org",
            password_hash="x",
            full_name="Rec",
            role="recruiter",
            organisation_id=org.id,
        )
        db.add(recruiter)
        db.flush()
        recruiter_id = recruiter.id
        data = SlotIn(
            organisation_id=org.id,
            starts_at=START,
            ends_at=START + timedelta(minutes=20),
            mode="online",
        )
    engine.pool.dispose()
    results = _race(
        engine, [recruiter_id] * 10, lambda db, u: booking.create_slot(db, u, event_id, data)
    )
    assert results.count("ok") == 1
    assert all("one person cannot hold two interviews at once" in r for r in results if r != "ok")
    with engine.connect() as conn:
        count = select(func.count()).select_from(InterviewSlot)
        assert conn.scalar(count.where(InterviewSlot.recruiter_id == recruiter_id)) == 1
