"""What an operator's tools ask of a running deployment: is the schema current, is the database
reachable, and the counts an organiser watches during a rush (bookings, seats taken).

Kept in services, like every query, so that the health and metrics endpoints of the web layer
only format answers. Every function here is cheap (a handful of aggregate queries), because a
load balancer asks for readiness every few seconds and Prometheus scrapes every 15-60 s.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import EventStatus, RegistrationStatus
from talentfoundry.store.models import Attendee, Booking, Event, EventSession, InterviewSlot
from talentfoundry.store.models import SessionRegistration as Registration


@dataclass(frozen=True, slots=True)
class SchemaState:
    """The database's migration revision against the newest one this code ships."""

    current: str | None
    head: str

    @property
    def at_head(self) -> bool:
        return self.current == self.head

    def reason(self) -> str | None:
        """Why the schema is not the one the code needs, in an operator's words, or None."""
        if self.at_head:
            return None
        if self.current is None:
            return f"the database has no schema (code needs {self.head}): run `foundry db upgrade`"
        return (
            f"the database is at migration {self.current}, the code needs {self.head}: "
            "run `foundry db upgrade`"
        )


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration shipped with the package (read once: the files do not change)."""
    from alembic.script import ScriptDirectory

    from talentfoundry.store.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError("no migrations found in the package")
    return head


def schema_state(engine: Engine) -> SchemaState:
    """Ping the database and read its revision; raises the driver's error when unreachable."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        current = MigrationContext.configure(connection).get_current_revision()
        connection.rollback()
    return SchemaState(current=current, head=head_revision())


@dataclass(frozen=True, slots=True)
class EventCounts:
    """One open or live event's numbers during registration: what is taken and what is left."""

    event_id: int
    attendees: int
    slots: int
    bookings: int
    seats_taken: int
    seats_waitlisted: int
    seat_capacity: int


def fair_counts(db: Session) -> list[EventCounts]:
    """Counts per open or live event: five grouped queries, whatever the number of events.

    Read at scrape time rather than counted in the booking services: the database is the truth
    every web process shares, so the numbers stay right with several processes, after a restart,
    and when a booking is undone by a cancellation or an organiser.
    """
    events = list(
        db.scalars(
            select(Event.id)
            .where(Event.status.in_([EventStatus.OPEN, EventStatus.LIVE]))
            .order_by(Event.id)
        )
    )
    if not events:
        return []

    def grouped(statement: Any) -> dict[int, int]:
        return {event_id: int(count or 0) for event_id, count in db.execute(statement)}

    attendees = grouped(
        select(Attendee.event_id, func.count())
        .where(Attendee.event_id.in_(events))
        .group_by(Attendee.event_id)
    )
    slots = grouped(
        select(InterviewSlot.event_id, func.count())
        .where(InterviewSlot.event_id.in_(events))
        .group_by(InterviewSlot.event_id)
    )
    bookings = grouped(
        select(InterviewSlot.event_id, func.count(Booking.id))
        .join(Booking, Booking.slot_id == InterviewSlot.id)
        .where(InterviewSlot.event_id.in_(events))
        .group_by(InterviewSlot.event_id)
    )
    capacity = grouped(
        select(EventSession.event_id, func.sum(EventSession.capacity))
        .where(EventSession.event_id.in_(events))
        .group_by(EventSession.event_id)
    )
    seats: dict[tuple[int, str], int] = {
        (event_id, status): int(count)
        for event_id, status, count in db.execute(
            select(EventSession.event_id, Registration.status, func.count())
            .join(Registration, Registration.session_id == EventSession.id)
            .where(EventSession.event_id.in_(events))
            .group_by(EventSession.event_id, Registration.status)
        )
    }
    return [
        EventCounts(
            event_id=event_id,
            attendees=attendees.get(event_id, 0),
            slots=slots.get(event_id, 0),
            bookings=bookings.get(event_id, 0),
            seats_taken=seats.get((event_id, RegistrationStatus.CONFIRMED), 0),
            seats_waitlisted=seats.get((event_id, RegistrationStatus.WAITLISTED), 0),
            seat_capacity=capacity.get(event_id, 0),
        )
        for event_id in events
    ]
