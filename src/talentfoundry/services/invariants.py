"""The promises the platform makes about scarce things, checked on the database as it is.

Every path that creates a booking or a seat goes through :mod:`talentfoundry.services.commitments`;
this module does not trust that. It reads the rows and lists what breaks a promise: a slot booked
twice, a person in two places at once, two meetings with one company at one event, a session with
more confirmed seats than it had room for when they were given, a person left waiting while a
seat is free and nothing of theirs overlaps the session. The property tests call it after
every step, the rush test and benchmark after the rush, and an operator can run it on a live
database (it only reads).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import RegistrationStatus
from talentfoundry.services import commitments
from talentfoundry.store.models import Booking, EventSession, InterviewSlot, SessionRegistration


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    detail: str


def check(db: Session, *, capacity_floor: Mapping[int, int] | None = None) -> list[Violation]:
    """Every broken promise in the database (empty when all hold).

    ``capacity_floor`` maps a session to the number of confirmed seats it may hold above its
    capacity: lowering a capacity never unseats anyone (they were promised a seat), so a session
    made smaller may be over its new capacity until people cancel. Without it, any session over
    capacity is reported.
    """
    return [
        *_slots_booked_twice(db),
        *_people_in_two_places(db),
        *_two_meetings_with_one_company(db),
        *_seats_over_capacity(db, capacity_floor or {}),
        *_skipped_without_cause(db),
    ]


def _slots_booked_twice(db: Session) -> list[Violation]:
    rows = db.execute(
        select(Booking.slot_id, func.count()).group_by(Booking.slot_id).having(func.count() > 1)
    ).all()
    return [Violation("slot booked twice", f"slot {s} has {n} bookings") for s, n in rows]


def _people_in_two_places(db: Session) -> list[Violation]:
    busy: dict[int, list[tuple[datetime, datetime, str]]] = defaultdict(list)
    for person, start, end, booking_id in db.execute(
        select(
            Booking.candidate_id, InterviewSlot.starts_at, InterviewSlot.ends_at, Booking.id
        ).join(InterviewSlot, InterviewSlot.id == Booking.slot_id)
    ):
        busy[person].append((start, end, f"booking {booking_id}"))
    for person, start, end, session_id in db.execute(
        select(
            SessionRegistration.user_id,
            EventSession.starts_at,
            EventSession.ends_at,
            EventSession.id,
        )
        .join(EventSession, EventSession.id == SessionRegistration.session_id)
        .where(SessionRegistration.status == RegistrationStatus.CONFIRMED)
    ):
        busy[person].append((start, end, f"seat in session {session_id}"))
    out = []
    for person, items in busy.items():
        items.sort()
        latest_end, latest_what = items[0][1], items[0][2]
        for start, end, what in items[1:]:
            if start < latest_end:
                out.append(
                    Violation("person in two places", f"user {person}: {latest_what}, {what}")
                )
            if end > latest_end:
                latest_end, latest_what = end, what
    return out


def _two_meetings_with_one_company(db: Session) -> list[Violation]:
    rows = db.execute(
        select(Booking.candidate_id, InterviewSlot.event_id, InterviewSlot.organisation_id)
        .join(InterviewSlot, InterviewSlot.id == Booking.slot_id)
        .group_by(Booking.candidate_id, InterviewSlot.event_id, InterviewSlot.organisation_id)
        .having(func.count() > 1)
    ).all()
    return [
        Violation("two meetings with one company", f"user {u}, event {e}, company {o}")
        for u, e, o in rows
    ]


def _seats_over_capacity(db: Session, floor: Mapping[int, int]) -> list[Violation]:
    rows = db.execute(
        select(EventSession.id, EventSession.capacity, func.count(SessionRegistration.id))
        .join(SessionRegistration, SessionRegistration.session_id == EventSession.id)
        .where(SessionRegistration.status == RegistrationStatus.CONFIRMED)
        .group_by(EventSession.id, EventSession.capacity)
    ).all()
    return [
        Violation("seats over capacity", f"session {s}: {n} confirmed, capacity {cap}")
        for s, cap, n in rows
        if cap is not None and n > max(cap, floor.get(s, 0))
    ]


def _skipped_without_cause(db: Session) -> list[Violation]:
    """A seat is free, and someone waits for it with nothing in the way: they were skipped."""
    confirmed = dict(
        db.execute(
            select(SessionRegistration.session_id, func.count())
            .where(SessionRegistration.status == RegistrationStatus.CONFIRMED)
            .group_by(SessionRegistration.session_id)
        ).all()
    )
    waiting = db.execute(
        select(
            SessionRegistration.user_id,
            EventSession.id,
            EventSession.capacity,
            EventSession.starts_at,
            EventSession.ends_at,
        )
        .join(EventSession, EventSession.id == SessionRegistration.session_id)
        .where(SessionRegistration.status == RegistrationStatus.WAITLISTED)
    ).all()
    agendas = commitments.commitments_of(db, {row[0] for row in waiting})
    out = []
    for person, session_id, capacity, start, end in waiting:
        free = capacity is None or confirmed.get(session_id, 0) < capacity
        blocked = any(
            c.overlaps(start, end)
            for c in agendas.get(person, [])
            if not (c.kind == "session" and c.ref_id == session_id)
        )
        if free and not blocked:
            out.append(
                Violation("skipped without cause", f"user {person} waits for session {session_id}")
            )
    return out
