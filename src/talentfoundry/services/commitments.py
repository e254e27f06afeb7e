"""Whether a person may hold a meeting or a seat: the one rule every path calls.

A person's *commitments* are their interview bookings and their confirmed workshop or talk seats,
at every event (an overseas mission's online interview can clash with a local fair's workshop).
A new meeting or seat may exist only if it overlaps none of them, and a candidate meets a company
at most once per event. Hand booking (:func:`booking.book`), the published allocation
(:func:`allocation.publish`), the refill of a cancelled slot (:func:`allocation.refill`), seat
sign-ups and waitlist promotions (:mod:`workshops`) all ask :func:`meeting_refusal` or
:func:`seat_refusal`, after taking the person's lock with :func:`lock_people`.

Why a lock per person: the rule reads the person's agenda, then writes to it. Two requests of one
person at the same moment (a booking and a seat, or a hand booking and a publication) would each
read the agenda without the other's row and both pass. Locking the person's ``users`` row first
makes them queue. On PostgreSQL that is ``SELECT ... FOR UPDATE``; on SQLite every writing unit of
work starts with ``BEGIN IMMEDIATE`` and so queues as a whole (:mod:`talentfoundry.store.db`).

Lock order, to keep deadlocks rare: people first (ascending id, all at once where the set is
known), then places (a session row, an event row). Where a path must lock someone it could not
know up front (the winner of a refilled slot), PostgreSQL may detect a deadlock; the request is
then retried whole (:mod:`talentfoundry.web.retry`), never half-applied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import RegistrationStatus
from talentfoundry.domain.errors import Conflict
from talentfoundry.domain.timeutil import in_zone
from talentfoundry.store.models import (
    Booking,
    EventSession,
    InterviewSlot,
    Organisation,
    SessionRegistration,
    User,
)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class Commitment:
    """Something a person has promised to be at."""

    kind: str  # "interview" or "session"
    ref_id: int  # the booking's id, or the session's id
    event_id: int
    title: str  # "interview with Acme", "workshop 'CV clinic'"
    starts_at: datetime
    ends_at: datetime
    organisation_id: int | None = None

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.starts_at < end and start < self.ends_at


def lock_people(db: Session, user_ids: Iterable[int]) -> None:
    """Take the agenda lock of each person, in ascending id order (the order every path uses)."""
    ids = sorted(set(user_ids))
    if ids:
        # FOR NO KEY UPDATE: as exclusive between agenda changes as FOR UPDATE, but it lets the
        # foreign-key checks of rows naming these people (a sign-in, an audit entry) through.
        db.execute(
            select(User.id)
            .where(User.id.in_(ids))
            .order_by(User.id)
            .with_for_update(key_share=True)
        )


def commitments_of(
    db: Session, user_ids: Iterable[int], *, during: Interval | None = None
) -> dict[int, list[Commitment]]:
    """Each person's interviews and confirmed seats at every event, earliest first; with
    ``during``, only those overlapping that interval."""
    ids = sorted(set(user_ids))
    out: dict[int, list[Commitment]] = defaultdict(list)
    if not ids:
        return out
    meetings = (
        select(
            Booking.candidate_id,
            Booking.id,
            InterviewSlot.event_id,
            InterviewSlot.organisation_id,
            Organisation.name,
            InterviewSlot.starts_at,
            InterviewSlot.ends_at,
        )
        .join(InterviewSlot, InterviewSlot.id == Booking.slot_id)
        .join(Organisation, Organisation.id == InterviewSlot.organisation_id)
        .where(Booking.candidate_id.in_(ids))
    )
    seats = (
        select(
            SessionRegistration.user_id,
            EventSession.id,
            EventSession.event_id,
            EventSession.kind,
            EventSession.title,
            EventSession.starts_at,
            EventSession.ends_at,
        )
        .join(EventSession, EventSession.id == SessionRegistration.session_id)
        .where(
            SessionRegistration.user_id.in_(ids),
            SessionRegistration.status == RegistrationStatus.CONFIRMED,
        )
    )
    if during is not None:
        start, end = during
        meetings = meetings.where(InterviewSlot.starts_at < end, InterviewSlot.ends_at > start)
        seats = seats.where(EventSession.starts_at < end, EventSession.ends_at > start)
    for person, booking_id, event_id, org_id, org_name, s, e in db.execute(meetings):
        title = f"interview with {org_name}"
        out[person].append(Commitment("interview", booking_id, event_id, title, s, e, org_id))
    for person, session_id, event_id, kind, title, s, e in db.execute(seats):
        title = f"{kind} {title!r}"
        out[person].append(Commitment("session", session_id, event_id, title, s, e))
    for items in out.values():
        items.sort(key=lambda c: (c.starts_at, c.ends_at, c.kind, c.ref_id))
    return out


def busy_times(
    db: Session, user_ids: Iterable[int], *, except_session: int | None = None
) -> dict[str, list[Interval]]:
    """What the seats engine needs: each person's busy intervals (id as a string), leaving out
    their seat in ``except_session`` itself."""
    out: dict[str, list[Interval]] = defaultdict(list)
    for person, items in commitments_of(db, user_ids).items():
        for c in items:
            if not (c.kind == "session" and c.ref_id == except_session):
                out[str(person)].append((c.starts_at, c.ends_at))
    return out


def when(commitment: Commitment, timezone: str) -> str:
    """'Wed 18 Mar, 09:40-09:55 (Asia/Hong_Kong)': a commitment's time in the reader's zone."""
    start, end = (in_zone(t, timezone) for t in (commitment.starts_at, commitment.ends_at))
    return f"{start:%a %d %b, %H:%M}-{end:%H:%M} ({timezone})"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a meeting may not exist: ``same_company`` or ``overlap``, and the commitment in the way.

    Worded for whoever reads it: the person themselves, or an organiser publishing a plan.
    """

    reason: str
    blocker: Commitment

    def for_person(self, timezone: str) -> str:
        if self.reason == "same_company":
            return "You already have a meeting with this company at this event."
        return f"This slot overlaps your {self.blocker.title} on {when(self.blocker, timezone)}."

    def for_organiser(self, name: str, timezone: str) -> str:
        if self.reason == "same_company":
            return f"{name} already has a meeting with this company"
        article = "an" if self.blocker.title[:1] in "aeiou" else "a"
        return f"{name} now has {article} {self.blocker.title} on {when(self.blocker, timezone)}"


def refuse_meeting(agenda: Iterable[Commitment], slot: InterviewSlot) -> Refusal | None:
    """The rule itself, over a person's agenda as it stands: a candidate meets a company at most
    once per event, and a meeting overlaps none of their commitments at any event."""
    agenda = list(agenda)
    for c in agenda:
        if (
            c.kind == "interview"
            and c.event_id == slot.event_id
            and c.organisation_id == slot.organisation_id
        ):
            return Refusal("same_company", c)
    for c in agenda:
        if c.overlaps(slot.starts_at, slot.ends_at):
            return Refusal("overlap", c)
    return None


def meeting_refusal(
    db: Session, person: User, slot: InterviewSlot, *, ignoring_booking: int | None = None
) -> Refusal | None:
    """:func:`refuse_meeting` on ``person``'s agenda read now; ``ignoring_booking`` is a booking
    of theirs that this one replaces (a move). The caller holds the person's lock. The slot being
    free is not checked here: the database guarantees it (``bookings.slot_id`` is unique)."""
    agenda = [
        c
        for c in commitments_of(db, [person.id])[person.id]
        if not (c.kind == "interview" and c.ref_id == ignoring_booking)
    ]
    return refuse_meeting(agenda, slot)


def check_meeting(
    db: Session, person: User, slot: InterviewSlot, *, ignoring_booking: int | None = None
) -> None:
    """:func:`meeting_refusal` as a :class:`Conflict` (409) worded for the person."""
    refusal = meeting_refusal(db, person, slot, ignoring_booking=ignoring_booking)
    if refusal is not None:
        raise Conflict(refusal.for_person(person.timezone))


def as_meeting(booking_id: int, slot: InterviewSlot, organisation_name: str) -> Commitment:
    """A meeting about to be written, as a commitment (to check the next ones of a batch)."""
    return Commitment(
        "interview",
        booking_id,
        slot.event_id,
        f"interview with {organisation_name}",
        slot.starts_at,
        slot.ends_at,
        slot.organisation_id,
    )


def seat_blockers(db: Session, person: User, session: EventSession) -> list[Commitment]:
    """The commitments that keep ``person`` from a seat in ``session``: their interviews and their
    other confirmed seats overlapping it (empty if none)."""
    return [
        c
        for c in commitments_of(db, [person.id], during=(session.starts_at, session.ends_at))[
            person.id
        ]
        if not (c.kind == "session" and c.ref_id == session.id)
    ]


def seat_refusal(db: Session, person: User, session: EventSession) -> str | None:
    """Why ``person`` may not sit in ``session`` (one sentence for them), or None if they may."""
    blockers = seat_blockers(db, person, session)
    if not blockers:
        return None
    first = blockers[0]
    return f"This session overlaps your {first.title} on {when(first, person.timezone)}."
