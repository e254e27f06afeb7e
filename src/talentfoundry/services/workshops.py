"""Workshop and talk seats in the database; the rules are the engine's
(:mod:`talentfoundry.scheduling.seats`): capacity, a waitlist in sign-up order, promotion when a
seat frees, and never a confirmed seat overlapping one of the person's interviews.

Each use case loads the session's roster, lets the engine decide, and writes back the changes,
under a lock on the session row so that concurrent sign-ups queue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import EventStatus, RegistrationStatus
from talentfoundry.domain.errors import Conflict, InputError, NotFound
from talentfoundry.scheduling import seats
from talentfoundry.services.common import get_or_404
from talentfoundry.services.events import require_manager
from talentfoundry.services.locking import lock
from talentfoundry.services.schemas import SessionIn, SessionPatch
from talentfoundry.store.models import (
    Booking,
    Event,
    EventSession,
    InterviewSlot,
    SessionRegistration,
    User,
)

Interval = tuple[datetime, datetime]


def _active(db: Session, session_id: int) -> list[SessionRegistration]:
    """Live registrations in sign-up order (the waitlist order)."""
    return list(
        db.scalars(
            select(SessionRegistration)
            .where(
                SessionRegistration.session_id == session_id,
                SessionRegistration.status != RegistrationStatus.CANCELLED,
            )
            .order_by(SessionRegistration.created_at, SessionRegistration.id)
        )
    )


def _roster(session: EventSession, registrations: list[SessionRegistration]) -> seats.Roster:
    engine_session = seats.Session(
        str(session.id), session.starts_at, session.ends_at, {session.mode: session.capacity}
    )
    placed = tuple(
        seats.Seat(str(r.user_id), session.mode, r.status, order)
        for order, r in enumerate(registrations)
    )
    return seats.Roster(engine_session, placed, len(placed))


def _interviews(db: Session, user_ids: Iterable[int]) -> dict[str, list[Interval]]:
    rows = db.execute(
        select(Booking.candidate_id, InterviewSlot.starts_at, InterviewSlot.ends_at)
        .join(InterviewSlot)
        .where(Booking.candidate_id.in_(list(user_ids)))
    ).all()
    out: dict[str, list[Interval]] = defaultdict(list)
    for user_id, start, end in rows:
        out[str(user_id)].append((start, end))
    return out


def _apply(
    db: Session,
    session: EventSession,
    registrations: list[SessionRegistration],
    changes: list[seats.Change],
) -> None:
    by_person = {str(r.user_id): r for r in registrations}
    for change in changes:
        registration = by_person.get(change.person)
        if registration is None:  # a sign-up: reuse a cancelled row, or a new one
            registration = db.scalar(
                select(SessionRegistration).where(
                    SessionRegistration.session_id == session.id,
                    SessionRegistration.user_id == int(change.person),
                )
            ) or SessionRegistration(session_id=session.id, user_id=int(change.person))
            registration.created_at = func.now()  # back of the queue  # type: ignore[assignment]
            db.add(registration)
        registration.status = change.status
    db.flush()


def _refill(db: Session, session: EventSession) -> list[seats.Change]:
    """Offer free seats down the waitlist (after a cancellation elsewhere or a new capacity)."""
    registrations = _active(db, session.id)
    waiting = [r.user_id for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    _, changes = seats.set_capacity(
        _roster(session, registrations),
        session.mode,
        session.capacity,
        interviews_of=_interviews(db, waiting),
    )
    _apply(db, session, registrations, changes)
    return changes


def create_session(db: Session, actor: User, event_id: int, data: SessionIn) -> EventSession:
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    session = EventSession(event_id=event.id, **data.model_dump())
    db.add(session)
    db.flush()
    return session


def update_session(db: Session, actor: User, session_id: int, patch: SessionPatch) -> EventSession:
    """Edit a session. More capacity promotes people from the waitlist at once; less capacity
    never unseats anyone confirmed, it only stops new confirmations (the engine's rule)."""
    session = lock(db, EventSession, session_id, "session")
    require_manager(db, actor, session.event)
    for key, value in patch.model_dump(exclude_unset=True).items():
        setattr(session, key, value)
    if session.ends_at <= session.starts_at:
        raise InputError("ends_at must be after starts_at", field="ends_at")
    db.flush()
    _refill(db, session)
    return session


def get_session(db: Session, session_id: int) -> EventSession:
    return get_or_404(db, EventSession, session_id, "session")


def list_sessions(db: Session, event_id: int) -> list[EventSession]:
    return list(
        db.scalars(
            select(EventSession)
            .where(EventSession.event_id == event_id)
            .order_by(EventSession.starts_at, EventSession.id)
        )
    )


def confirmed_count(db: Session, session_id: int) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(SessionRegistration)
            .where(
                SessionRegistration.session_id == session_id,
                SessionRegistration.status == RegistrationStatus.CONFIRMED,
            )
        )
        or 0
    )


def interview_overlaps(db: Session, user_id: int, starts: datetime, ends: datetime) -> bool:
    return any(
        start < ends and starts < end for start, end in _interviews(db, [user_id])[str(user_id)]
    )


def register(db: Session, actor: User, session_id: int) -> SessionRegistration:
    """Take a seat, or a place on the waitlist when the session is full."""
    session = lock(db, EventSession, session_id, "session")
    if session.event.status not in (EventStatus.OPEN, EventStatus.LIVE):
        raise Conflict("Sign-up for this event's sessions is not open.")
    registrations = _active(db, session.id)
    if any(r.user_id == actor.id for r in registrations):
        raise Conflict("You are already signed up for this session.")
    if interview_overlaps(db, actor.id, session.starts_at, session.ends_at):
        raise Conflict("This session overlaps one of your interviews.")
    _, changes = seats.sign_up(
        _roster(session, registrations),
        str(actor.id),
        session.mode,
        interviews=_interviews(db, [actor.id])[str(actor.id)],
    )
    _apply(db, session, registrations, changes)
    return _mine(db, session.id, actor.id)


def _mine(db: Session, session_id: int, user_id: int) -> SessionRegistration:
    registration = db.scalar(
        select(SessionRegistration).where(
            SessionRegistration.session_id == session_id, SessionRegistration.user_id == user_id
        )
    )
    assert registration is not None
    db.refresh(registration)
    return registration


def waitlist_position(db: Session, registration: SessionRegistration) -> int | None:
    """1-based place in the queue, or None when not waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    session = registration.session
    roster = _roster(session, _active(db, session.id))
    return seats.waitlist_position(roster, str(registration.user_id))


def cancel(db: Session, actor: User, session_id: int) -> SessionRegistration | None:
    """Give up a seat (or a waitlist place); the first waiting person who is free gets the seat.

    Returns the promoted registration, if any.
    """
    session = lock(db, EventSession, session_id, "session")
    registrations = _active(db, session.id)
    if not any(r.user_id == actor.id for r in registrations):
        raise NotFound("You are not signed up for this session.")
    waiting = [r.user_id for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    _, changes = seats.cancel(
        _roster(session, registrations), str(actor.id), interviews_of=_interviews(db, waiting)
    )
    _apply(db, session, registrations, changes)
    promoted = [c for c in changes if c.status == seats.CONFIRMED]
    return _mine(db, session.id, int(promoted[0].person)) if promoted else None


def promote(db: Session, session: EventSession) -> SessionRegistration | None:
    """Fill free seats from the waitlist (e.g. after an account holding one was erased)."""
    changes = [c for c in _refill(db, session) if c.status == seats.CONFIRMED]
    return _mine(db, session.id, int(changes[0].person)) if changes else None


def my_registrations(db: Session, actor: User) -> list[SessionRegistration]:
    return list(
        db.scalars(
            select(SessionRegistration)
            .join(EventSession)
            .where(
                SessionRegistration.user_id == actor.id,
                SessionRegistration.status != RegistrationStatus.CANCELLED,
            )
            .order_by(EventSession.starts_at)
        )
    )
