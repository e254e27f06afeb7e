"""Workshop and talk seats: capacity, a waitlist in sign-up order, promotion when a seat frees.

A person never holds a confirmed seat that overlaps one of their interviews.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import EventStatus, RegistrationStatus
from talentfoundry.domain.errors import Conflict, InputError, NotFound
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


def create_session(db: Session, actor: User, event_id: int, data: SessionIn) -> EventSession:
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    session = EventSession(event_id=event.id, **data.model_dump())
    db.add(session)
    db.flush()
    return session


def update_session(db: Session, actor: User, session_id: int, patch: SessionPatch) -> EventSession:
    """Edit a session. Raising the capacity promotes people from the waitlist at once; lowering it
    below the seats already given is refused (nobody loses a confirmed seat silently)."""
    session = lock(db, EventSession, session_id, "session")
    require_manager(db, actor, session.event)
    values = patch.model_dump(exclude_unset=True)
    capacity = values.get("capacity", session.capacity)
    if capacity is not None and capacity < confirmed_count(db, session.id):
        raise Conflict(
            f"{confirmed_count(db, session.id)} seats are already confirmed; "
            "the capacity cannot go below that.",
            field="capacity",
        )
    for key, value in values.items():
        setattr(session, key, value)
    if session.ends_at <= session.starts_at:
        raise InputError("ends_at must be after starts_at", field="ends_at")
    db.flush()
    while promote(db, session) is not None:
        pass
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
    return (
        db.scalar(
            select(Booking.id)
            .join(InterviewSlot)
            .where(
                Booking.candidate_id == user_id,
                InterviewSlot.starts_at < ends,
                InterviewSlot.ends_at > starts,
            )
            .limit(1)
        )
        is not None
    )


def register(db: Session, actor: User, session_id: int) -> SessionRegistration:
    """Take a seat, or a place on the waitlist when the session is full."""
    session = lock(db, EventSession, session_id, "session")
    if session.event.status not in (EventStatus.OPEN, EventStatus.LIVE):
        raise Conflict("Sign-up for this event's sessions is not open.")
    if interview_overlaps(db, actor.id, session.starts_at, session.ends_at):
        raise Conflict("This session overlaps one of your interviews.")
    existing = db.scalar(
        select(SessionRegistration).where(
            SessionRegistration.session_id == session.id, SessionRegistration.user_id == actor.id
        )
    )
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        raise Conflict("You are already signed up for this session.")
    full = session.capacity is not None and confirmed_count(db, session.id) >= session.capacity
    status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    registration = existing or SessionRegistration(session_id=session.id, user_id=actor.id)
    if existing is not None:
        # Re-joining goes to the back of the queue.
        registration.created_at = func.now()  # type: ignore[assignment]
    registration.status = status
    db.add(registration)
    db.flush()
    db.refresh(registration)
    return registration


def waitlist_position(db: Session, registration: SessionRegistration) -> int | None:
    """1-based place in the queue, or None when not waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = db.scalar(
        select(func.count())
        .select_from(SessionRegistration)
        .where(
            SessionRegistration.session_id == registration.session_id,
            SessionRegistration.status == RegistrationStatus.WAITLISTED,
            (SessionRegistration.created_at < registration.created_at)
            | (
                (SessionRegistration.created_at == registration.created_at)
                & (SessionRegistration.id < registration.id)
            ),
        )
    )
    return (ahead or 0) + 1


def cancel(db: Session, actor: User, session_id: int) -> SessionRegistration | None:
    """Give up a seat (or a waitlist place); the first waiting person who is free gets the seat.

    Returns the promoted registration, if any.
    """
    session = lock(db, EventSession, session_id, "session")
    registration = db.scalar(
        select(SessionRegistration).where(
            SessionRegistration.session_id == session.id,
            SessionRegistration.user_id == actor.id,
            SessionRegistration.status != RegistrationStatus.CANCELLED,
        )
    )
    if registration is None:
        raise NotFound("You are not signed up for this session.")
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    db.flush()
    return promote(db, session) if was_confirmed else None


def promote(db: Session, session: EventSession) -> SessionRegistration | None:
    """Fill a free seat from the waitlist, skipping people now busy with an interview then."""
    if session.capacity is not None and confirmed_count(db, session.id) >= session.capacity:
        return None
    waiting = db.scalars(
        select(SessionRegistration)
        .where(
            SessionRegistration.session_id == session.id,
            SessionRegistration.status == RegistrationStatus.WAITLISTED,
        )
        .order_by(SessionRegistration.created_at, SessionRegistration.id)
    )
    for candidate in waiting:
        if not interview_overlaps(db, candidate.user_id, session.starts_at, session.ends_at):
            candidate.status = RegistrationStatus.CONFIRMED
            db.flush()
            return candidate
    return None


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
