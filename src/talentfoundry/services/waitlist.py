"""Who waits for a seat, why, and the choice a skipped person is offered.

A freed seat goes to the first person waiting who is free at that time
(:mod:`talentfoundry.scheduling.seats`); someone whose interview or other seat overlaps the
session is skipped and keeps their place. Skipping is right, but silence is not: a person must
know that a seat is theirs for the taking if they give up or move what is in the way, and the
organiser must see who waits only because of a clash. Both read it here, computed from the rows
as they are (nothing stored that could drift):

* :func:`status_of`: the person's place and what blocks them, in a sentence for them;
* :func:`blocked_report`: the organiser's list of blocked people and what blocks each;
* :func:`take_seat_instead`: the choice itself, all or nothing: drop what overlaps (a freed
  interview slot goes to the next waiting request), take the free seat.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import RegistrationStatus
from talentfoundry.domain.errors import Conflict, NotFound
from talentfoundry.services import booking, commitments, workshops
from talentfoundry.services.commitments import Commitment
from talentfoundry.services.common import get_or_404
from talentfoundry.services.events import require_manager
from talentfoundry.store.models import EventSession, SessionRegistration, User


@dataclass(frozen=True, slots=True)
class WaitingStatus:
    """Where a person stands for one session."""

    status: str  # confirmed, waitlisted
    position: int | None  # 1-based place on the waitlist
    seat_free: bool  # the session has a free seat right now
    blockers: tuple[Commitment, ...]  # what overlaps the session for them

    def message(self, timezone: str) -> str:
        """What to tell the person, in their zone."""
        if self.status == RegistrationStatus.CONFIRMED:
            return "You have a seat."
        if not self.blockers:
            return f"You are number {self.position} on the waitlist."
        what = " and ".join(
            f"your {c.title} on {commitments.when(c, timezone)}" for c in self.blockers
        )
        if self.seat_free:
            return (
                f"A seat is free, but {what} overlaps this session, so it cannot be yours. "
                "Take the seat instead (that cancels what overlaps), move your interview to "
                "another time, or keep waiting."
            )
        return (
            f"You are number {self.position} on the waitlist, but {what} overlaps this session: "
            "when a seat frees you will be skipped unless you move or cancel it."
        )


def status_of(db: Session, registration: SessionRegistration) -> WaitingStatus:
    session = registration.session
    person = db.get(User, registration.user_id)
    assert person is not None
    blockers = (
        tuple(commitments.seat_blockers(db, person, session))
        if registration.status == RegistrationStatus.WAITLISTED
        else ()
    )
    free = session.capacity is None or workshops.confirmed_count(db, session.id) < session.capacity
    return WaitingStatus(
        status=registration.status,
        position=workshops.waitlist_position(db, registration),
        seat_free=free,
        blockers=blockers,
    )


@dataclass(frozen=True, slots=True)
class BlockedPerson:
    user_id: int
    full_name: str
    position: int
    blockers: tuple[Commitment, ...]


def blocked_report(db: Session, actor: User, session_id: int) -> list[BlockedPerson]:
    """For the event's organisers: the people waiting for this session who are blocked by a clash
    (so a free seat skips them), in waitlist order, with what blocks each."""
    session = get_or_404(db, EventSession, session_id, "session")
    require_manager(db, actor, session.event)
    waiting = db.scalars(
        select(SessionRegistration)
        .where(
            SessionRegistration.session_id == session.id,
            SessionRegistration.status == RegistrationStatus.WAITLISTED,
        )
        .order_by(SessionRegistration.created_at, SessionRegistration.id)
    ).all()
    agendas = commitments.commitments_of(
        db, [r.user_id for r in waiting], during=(session.starts_at, session.ends_at)
    )
    names = dict(
        db.execute(
            select(User.id, User.full_name).where(User.id.in_([r.user_id for r in waiting]))
        ).all()
    )
    out = []
    for position, registration in enumerate(waiting, start=1):
        blockers = tuple(
            c
            for c in agendas.get(registration.user_id, [])
            if not (c.kind == "session" and c.ref_id == session.id)
        )
        if blockers:
            out.append(
                BlockedPerson(registration.user_id, names[registration.user_id], position, blockers)
            )
    return out


def take_seat_instead(db: Session, actor: User, session_id: int) -> SessionRegistration:
    """The skipped person's choice: cancel what overlaps the session and take its free seat, in one
    unit of work (if no seat can be theirs, nothing is cancelled). The time the cancelled things
    held, beyond this session, is then offered as any freed time is."""
    registration = db.scalar(
        select(SessionRegistration).where(
            SessionRegistration.session_id == session_id,
            SessionRegistration.user_id == actor.id,
            SessionRegistration.status == RegistrationStatus.WAITLISTED,
        )
    )
    if registration is None:
        raise NotFound("You are not on this session's waitlist.")
    # People first, all at once (see commitments): me, those waiting here, and those waiting where
    # my cancelled commitments free time.
    blockers = commitments.seat_blockers(db, actor, registration.session)
    people = {actor.id} | set(
        db.scalars(
            select(SessionRegistration.user_id).where(
                SessionRegistration.session_id == session_id,
                SessionRegistration.status == RegistrationStatus.WAITLISTED,
            )
        )
    )
    for b in blockers:
        people |= workshops.waiting_for_freed_time(db, actor.id, b.starts_at, b.ends_at)
    commitments.lock_people(db, people)
    status = status_of(db, registration)
    if not status.seat_free:
        raise Conflict(
            "No seat is free right now: you keep your place on the waitlist and your interview."
        )
    for blocker in status.blockers:  # without offering the freed time yet: this seat comes first
        if blocker.kind == "interview":
            booking.cancel_booking(db, actor, blocker.ref_id, offer_freed=False)
        else:
            workshops.cancel(db, actor, blocker.ref_id, offer_freed=False)
    workshops.promote(db, session_id)
    db.refresh(registration)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Conflict(
            "Someone ahead of you on the waitlist took the free seat: nothing was cancelled."
        )
    for blocker in status.blockers:
        workshops.offer_freed_time(db, actor.id, blocker.starts_at, blocker.ends_at)
    return registration
