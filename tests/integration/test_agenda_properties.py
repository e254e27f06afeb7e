"""Seats, waitlists, slots and bookings under random sequences of what people really do.

A hypothesis state machine drives the services on a real database (SQLite and PostgreSQL):
candidates book, move and cancel interviews, sign up for and leave workshops, take a free seat
instead of the interview that blocks it; organisers change capacities, collect meeting requests,
run the allocation and publish it (with hand bookings landing between the run and the
publication). Two events overlap in time, so one person's agenda spans both.

After every step, whatever happened, the promises hold (:func:`services.invariants.check`): no slot
booked twice, nobody in two places, one meeting per company per event, no seat over capacity, and
nobody waiting while a seat is free and nothing of theirs overlaps it. A refused step (a
:class:`FoundryError`) changes nothing at all.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import allocation, booking, invariants, waitlist, workshops
from talentfoundry.services.schemas import BookingIn, SessionPatch
from talentfoundry.store.db import make_session_factory, run_transaction
from talentfoundry.store.models import (
    Attendee,
    Base,
    Booking,
    Event,
    EventSession,
    InterviewSlot,
    Organisation,
    SessionRegistration,
    User,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PEOPLE = 5
# Far enough ahead that every event is in the future whenever the suite runs.
DAY = (datetime.now(UTC) + timedelta(days=400)).replace(hour=1, minute=0, second=0, microsecond=0)


def _at(minutes: int) -> datetime:
    return DAY + timedelta(minutes=minutes)


def _build(db: Session) -> dict[str, Any]:
    """Two open events on the same morning; companies with slots that overlap each other and the
    workshops; small workshops so that waitlists form."""
    events = []
    for slug in ("fair", "mission"):
        event = Event(
            slug=slug,
            kind="career_day",
            name=slug.title(),
            timezone="Asia/Hong_Kong",
            status="open",
            starts_at=_at(0),
            ends_at=_at(8 * 60),
        )
        db.add(event)
        events.append(event)
    companies = [Organisation(slug=f"c{i}", kind="company", name=f"Company {i}") for i in range(3)]
    organiser = User(email="org@example.org", password_hash="x", full_name="Org", role="organiser")
    people = [
        User(email=f"p{i}@example.org", password_hash="x", full_name=f"P{i}", role="candidate")
        for i in range(PEOPLE)
    ]
    db.add_all([*companies, organiser, *people])
    db.flush()
    for event in events:
        event.organisers.append(organiser)
        db.add_all(
            Attendee(event_id=event.id, user_id=p.id, badge_code=f"B{event.id}-{p.id}")
            for p in people
        )
    # (event, company, start minute, length): overlapping times on purpose.
    shapes = [(0, 0, 0, 20), (0, 0, 30, 20), (0, 1, 10, 20), (0, 1, 60, 20), (0, 2, 30, 30)]
    shapes += [(0, 2, 90, 20), (1, 0, 15, 20), (1, 1, 60, 30)]
    slots = [
        InterviewSlot(
            event_id=events[e].id,
            organisation_id=companies[c].id,
            starts_at=_at(start),
            ends_at=_at(start + length),
            mode="onsite",
        )
        for e, c, start, length in shapes
    ]
    sessions = [
        EventSession(
            event_id=events[e].id,
            kind="workshop",
            title=f"Workshop {i}",
            mode="onsite",
            capacity=capacity,
            starts_at=_at(start),
            ends_at=_at(start + length),
        )
        for i, (e, start, length, capacity) in enumerate(
            [(0, 0, 45, 1), (0, 60, 60, 2), (1, 30, 60, 1)]
        )
    ]
    db.add_all([*slots, *sessions])
    db.flush()
    return {
        "events": [e.id for e in events],
        "companies": [c.id for c in companies],
        "organiser": organiser.id,
        "people": [p.id for p in people],
        "slots": [s.id for s in slots],
        "sessions": [s.id for s in sessions],
    }


def _snapshot(db: Session) -> tuple[Any, ...]:
    return (
        sorted(db.execute(select(Booking.slot_id, Booking.candidate_id)).all()),
        sorted(
            db.execute(
                select(
                    SessionRegistration.session_id,
                    SessionRegistration.user_id,
                    SessionRegistration.status,
                )
            ).all()
        ),
        sorted(db.execute(select(EventSession.id, EventSession.capacity)).all()),
    )


class Agendas(RuleBasedStateMachine):
    engine: Engine  # set by the test before the machine runs

    def __init__(self) -> None:
        super().__init__()
        with self.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(delete(table))
        self.factory = make_session_factory(self.engine)
        self.world = run_transaction(self.factory, _build)
        self.floor: dict[int, int] = {}  # confirmed seats kept when a capacity was lowered
        self.latest_run: int | None = None

    def _do(self, work: Any) -> bool:
        """Run one person's action in its own unit of work; a refusal must change nothing."""
        with self.factory() as db:
            before = _snapshot(db)
        try:
            run_transaction(self.factory, work)
            return True
        except FoundryError:
            with self.factory() as db:
                assert _snapshot(db) == before, "a refused action changed the database"
            return False

    def _user(self, db: Session, index: int) -> User:
        user = db.get(User, self.world["people"][index])
        assert user is not None
        return user

    def _organiser(self, db: Session) -> User:
        user = db.get(User, self.world["organiser"])
        assert user is not None
        return user

    # --- what candidates do -------------------------------------------------------------------

    @rule(person=st.integers(0, PEOPLE - 1), slot=st.integers(0, 7))
    def book(self, person: int, slot: int) -> None:
        slot_id = self.world["slots"][slot]
        self._do(lambda db: booking.book(db, self._user(db, person), BookingIn(slot_id=slot_id)))

    @rule(person=st.integers(0, PEOPLE - 1), pick=st.integers(0, 10))
    def cancel_meeting(self, person: int, pick: int) -> None:
        def work(db: Session) -> None:
            mine = booking.my_bookings(db, self._user(db, person))
            if mine:
                booking.cancel_booking(db, self._user(db, person), mine[pick % len(mine)].id)

        self._do(work)

    @rule(person=st.integers(0, PEOPLE - 1), pick=st.integers(0, 10), slot=st.integers(0, 7))
    def move_meeting(self, person: int, pick: int, slot: int) -> None:
        def work(db: Session) -> None:
            me = self._user(db, person)
            mine = booking.my_bookings(db, me)
            if mine:
                booking.move(db, me, mine[pick % len(mine)].id, self.world["slots"][slot])

        self._do(work)

    @rule(person=st.integers(0, PEOPLE - 1), session=st.integers(0, 2))
    def sign_up(self, person: int, session: int) -> None:
        session_id = self.world["sessions"][session]
        self._do(lambda db: workshops.register(db, self._user(db, person), session_id))

    @rule(person=st.integers(0, PEOPLE - 1), session=st.integers(0, 2))
    def leave(self, person: int, session: int) -> None:
        session_id = self.world["sessions"][session]
        self._do(lambda db: workshops.cancel(db, self._user(db, person), session_id))

    @rule(person=st.integers(0, PEOPLE - 1), session=st.integers(0, 2))
    def take_seat_instead(self, person: int, session: int) -> None:
        session_id = self.world["sessions"][session]
        taken = self._do(
            lambda db: waitlist.take_seat_instead(db, self._user(db, person), session_id)
        )
        if taken:
            with self.factory() as db:
                status = db.scalar(
                    select(SessionRegistration.status).where(
                        SessionRegistration.session_id == session_id,
                        SessionRegistration.user_id == self.world["people"][person],
                    )
                )
            assert status == "confirmed"

    @rule(
        person=st.integers(0, PEOPLE - 1),
        event=st.integers(0, 1),
        wishes=st.lists(st.integers(0, 2), unique=True, max_size=3),
    )
    def request_meetings(self, person: int, event: int, wishes: list[int]) -> None:
        companies = [self.world["companies"][w] for w in wishes]
        event_id = self.world["events"][event]
        self._do(
            lambda db: allocation.set_requests(db, self._user(db, person), event_id, companies)
        )

    # --- what organisers do -------------------------------------------------------------------

    @rule(session=st.integers(0, 2), capacity=st.integers(1, 4))
    def set_capacity(self, session: int, capacity: int) -> None:
        session_id = self.world["sessions"][session]
        with self.factory() as db:
            confirmed = workshops.confirmed_count(db, session_id)
        if self._do(
            lambda db: workshops.update_session(
                db, self._organiser(db), session_id, SessionPatch(capacity=capacity)
            )
        ):
            self.floor[session_id] = max(self.floor.get(session_id, 0), confirmed)

    @rule(event=st.integers(0, 1))
    def run_allocation(self, event: int) -> None:
        event_id = self.world["events"][event]

        def work(db: Session) -> int:
            return allocation.run_allocation(db, self._organiser(db), event_id, max_meetings=2).id

        with contextlib.suppress(FoundryError):
            self.latest_run = run_transaction(self.factory, work)

    @rule()
    def publish(self) -> None:
        if self.latest_run is not None:
            run_id = self.latest_run
            self._do(lambda db: allocation.publish(db, self._organiser(db), run_id))

    # --- the promises ---------------------------------------------------------------------------

    @invariant()
    def promises_hold(self) -> None:
        with self.factory() as db:
            found = invariants.check(db, capacity_floor=self.floor)
            assert found == [], found
            # A lowered capacity's allowance shrinks as people leave: never seat above it again.
            counts = dict(
                db.execute(
                    select(SessionRegistration.session_id, func.count())
                    .where(SessionRegistration.status == "confirmed")
                    .group_by(SessionRegistration.session_id)
                ).all()
            )
        for session_id in list(self.floor):
            self.floor[session_id] = min(self.floor[session_id], counts.get(session_id, 0))


@pytest.mark.parametrize("examples", [20])
def test_agenda_promises_hold_under_random_use(engine: Engine, examples: int) -> None:
    Agendas.engine = engine
    run_state_machine_as_test(
        Agendas,
        settings=settings(
            max_examples=examples,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
