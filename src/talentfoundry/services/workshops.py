"""Workshop and talk seats in the database; the rules are the engine's
(:mod:`talentfoundry.scheduling.seats`): capacity, a waitlist in sign-up order, promotion when a
seat frees, and never a confirmed seat overlapping one of the person's other commitments
(interviews and seats at any event: :mod:`talentfoundry.services.commitments`).

Each use case takes the agenda locks of the people it may seat (people first, ascending), then
the session row, loads the roster, lets the engine decide, and writes back the changes, so that
concurrent sign-ups queue and a promotion never races the same person's booking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.domain import windows
from talentfoundry.domain.enums import EventStatus, RegistrationStatus
from talentfoundry.domain.errors import Conflict, NotFound
from talentfoundry.domain.intervals import require_end_after_start
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.scheduling import seats
from talentfoundry.services import commitments
from talentfoundry.services.common import get_or_404
from talentfoundry.services.events import require_manager
from talentfoundry.services.locking import lock
from talentfoundry.services.schemas import SessionIn, SessionPatch
from talentfoundry.store.db import RetryTransaction
from talentfoundry.store.models import (
    Event,
    EventSession,
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


@dataclass(slots=True)
class _Locked:
    """A session's roster read under the locks of the session and of ``people``."""

    session: EventSession
    registrations: list[SessionRegistration]
    people: set[int]


def _lock_for_sign_up(db: Session, session_id: int, user_id: int) -> _Locked:
    """A sign-up seats only its own person: their lock, then the session's."""
    commitments.lock_people(db, [user_id])
    session = lock(db, EventSession, session_id, "session")
    return _Locked(session, _active(db, session.id), {user_id})


def _lock_for_promotion(db: Session, session_id: int, people: Iterable[int] = ()) -> _Locked:
    """Lock ``people`` and everyone waiting for the session (people first, ascending), then the
    session. The waitlist is read before the locks to know whom to lock; someone who joins it
    meanwhile is not locked, and is never seated here (:func:`_busy_of_waiting`,
    :func:`_check_no_one_left_behind`)."""
    waiting = db.scalars(
        select(SessionRegistration.user_id).where(
            SessionRegistration.session_id == session_id,
            SessionRegistration.status == RegistrationStatus.WAITLISTED,
        )
    )
    locked = set(people) | set(waiting)
    commitments.lock_people(db, locked)
    session = lock(db, EventSession, session_id, "session")
    return _Locked(session, _active(db, session.id), locked)


def _busy_of_waiting(db: Session, roster: _Locked) -> dict[str, list[Interval]]:
    """Busy times of the people waiting; someone waiting whose lock this unit of work does not
    hold counts as busy all through the session, so the engine cannot seat them unlocked."""
    waiting = [r.user_id for r in roster.registrations if r.status == RegistrationStatus.WAITLISTED]
    busy = commitments.busy_times(db, waiting, except_session=roster.session.id)
    for person in set(waiting) - roster.people:
        busy[str(person)] = [(roster.session.starts_at, roster.session.ends_at)]
    return busy


def _check_no_one_left_behind(roster: _Locked, changes: list[seats.Change]) -> None:
    """A seat left free while someone we could not lock waits: run the unit of work again (it
    will lock them), rather than leave a seat empty with a free person waiting for it."""
    confirmed = sum(r.status == RegistrationStatus.CONFIRMED for r in roster.registrations)
    confirmed += sum(c.status == seats.CONFIRMED for c in changes)
    confirmed -= sum(c.status == "cancelled" for c in changes if _was_confirmed(roster, c.person))
    capacity = roster.session.capacity
    has_room = capacity is None or confirmed < capacity
    promoted = {c.person for c in changes if c.status == seats.CONFIRMED}
    unlocked_waiting = [
        r
        for r in roster.registrations
        if r.status == RegistrationStatus.WAITLISTED
        and r.user_id not in roster.people
        and str(r.user_id) not in promoted
    ]
    if has_room and unlocked_waiting:
        raise RetryTransaction("a person joined the waitlist while seats were being offered")


def _was_confirmed(roster: _Locked, person: str) -> bool:
    return any(
        str(r.user_id) == person and r.status == RegistrationStatus.CONFIRMED
        for r in roster.registrations
    )


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


def _refill(db: Session, roster: _Locked) -> list[seats.Change]:
    """Offer free seats down the waitlist (after a cancellation elsewhere or a new capacity)."""
    session = roster.session
    _, changes = seats.set_capacity(
        _roster(session, roster.registrations),
        session.mode,
        session.capacity,
        interviews_of=_busy_of_waiting(db, roster),
    )
    _check_no_one_left_behind(roster, changes)
    _apply(db, session, roster.registrations, changes)
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
    never unseats anyone confirmed, it only stops new confirmations (the engine's rule).

    New times must still fit everyone who has a seat (the agenda rule of
    :mod:`commitments`): a move onto someone's interview is refused, naming them, rather than
    putting them in two places. Their old time is freed, so seats they were skipped for because
    of this session are offered to them.
    """
    seated = set(
        db.scalars(
            select(SessionRegistration.user_id).where(
                SessionRegistration.session_id == session_id,
                SessionRegistration.status == RegistrationStatus.CONFIRMED,
            )
        )
    )
    old = db.get(EventSession, session_id)
    if old is None:
        raise NotFound(f"No session with id {session_id}.")
    was = (old.starts_at, old.ends_at)
    freed = set().union(*(waiting_for_freed_time(db, p, *was) for p in seated)) if seated else set()
    roster = _lock_for_promotion(db, session_id, seated | freed)
    session = roster.session
    require_manager(db, actor, session.event)
    for key, value in patch.model_dump(exclude_unset=True).items():
        setattr(session, key, value)
    require_end_after_start(session.starts_at, session.ends_at)
    db.flush()
    if (session.starts_at, session.ends_at) != was:
        _refuse_moving_onto_commitments(db, session, roster)
    _refill(db, roster)
    if (session.starts_at, session.ends_at) != was:
        for person in sorted(seated):
            offer_freed_time(db, person, *was)
    return session


def _refuse_moving_onto_commitments(db: Session, session: EventSession, roster: _Locked) -> None:
    people = [r.user_id for r in roster.registrations if r.status == RegistrationStatus.CONFIRMED]
    clashes = []
    for person in db.scalars(select(User).where(User.id.in_(people)).order_by(User.full_name)):
        blockers = commitments.seat_blockers(db, person, session)
        if blockers:
            what = blockers[0]
            clashes.append(
                f"{person.full_name} ({what.title}, "
                f"{commitments.when(what, session.event.timezone)})"
            )
    if clashes:
        shown = "; ".join(clashes[:3]) + (
            f"; and {len(clashes) - 3} more" if len(clashes) > 3 else ""
        )
        raise Conflict(
            f"At the new time, {len(clashes)} of the people with a seat would be in two places: "
            f"{shown}. Keep the old time, or ask them to move first.",
            field="starts_at",
        )


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


def register(
    db: Session, actor: User, session_id: int, *, now: datetime | None = None
) -> SessionRegistration:
    """Take a seat, or a place on the waitlist when the session is full (until it ends)."""
    roster = _lock_for_sign_up(db, session_id, actor.id)
    session, registrations = roster.session, roster.registrations
    if session.event.status not in (EventStatus.OPEN, EventStatus.LIVE):
        raise Conflict("Sign-up for this event's sessions is not open.")
    windows.session_sign_up_open(session.ends_at, session.event.timezone, now or utcnow())
    if any(r.user_id == actor.id for r in registrations):
        raise Conflict("You are already signed up for this session.")
    reason = commitments.seat_refusal(db, actor, session)
    if reason is not None:
        raise Conflict(reason)
    roster = _roster(session, registrations)
    _, changes = seats.sign_up(roster, str(actor.id), session.mode, interviews=[])
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


def cancel(
    db: Session, actor: User, session_id: int, *, offer_freed: bool = True
) -> SessionRegistration | None:
    """Give up a seat (or a waitlist place); the first waiting person who is free gets the seat.
    A seat given up frees the person's time too: a seat they were skipped for elsewhere because
    of this one is offered to them (unless ``offer_freed`` is off: the caller offers it itself).

    Returns the promoted registration, if any.
    """
    session_now = db.get(EventSession, session_id)
    if session_now is None:
        raise NotFound(f"No session with id {session_id}.")
    was = (session_now.starts_at, session_now.ends_at)
    people = waiting_for_freed_time(db, actor.id, *was) if offer_freed else {actor.id}
    roster = _lock_for_promotion(db, session_id, people)
    session, registrations = roster.session, roster.registrations
    mine = next((r for r in registrations if r.user_id == actor.id), None)
    if mine is None:
        raise NotFound("You are not signed up for this session.")
    held_a_seat = mine.status == RegistrationStatus.CONFIRMED
    _, changes = seats.cancel(
        _roster(session, registrations),
        str(actor.id),
        interviews_of=_busy_of_waiting(db, roster),
    )
    _check_no_one_left_behind(roster, changes)
    _apply(db, session, registrations, changes)
    if held_a_seat and offer_freed:
        offer_freed_time(db, actor.id, session.starts_at, session.ends_at)
    promoted = [c for c in changes if c.status == seats.CONFIRMED]
    return _mine(db, session.id, int(promoted[0].person)) if promoted else None


def promote(db: Session, session_id: int) -> SessionRegistration | None:
    """Fill free seats from the waitlist (e.g. after an account holding one was erased)."""
    roster = _lock_for_promotion(db, session_id)
    changes = [c for c in _refill(db, roster) if c.status == seats.CONFIRMED]
    return _mine(db, session_id, int(changes[0].person)) if changes else None


def _waited_for(db: Session, user_id: int, starts: datetime, ends: datetime) -> list[int]:
    """The sessions ``user_id`` waits for that overlap ``starts``-``ends``, by id."""
    return list(
        db.scalars(
            select(SessionRegistration.session_id)
            .join(EventSession, EventSession.id == SessionRegistration.session_id)
            .where(
                SessionRegistration.user_id == user_id,
                SessionRegistration.status == RegistrationStatus.WAITLISTED,
                EventSession.starts_at < ends,
                EventSession.ends_at > starts,
            )
            .order_by(SessionRegistration.session_id)
        )
    )


def waiting_for_freed_time(db: Session, user_id: int, starts: datetime, ends: datetime) -> set[int]:
    """Whose locks :func:`offer_freed_time` will take: the person and everyone waiting for a
    session they wait for in that time. Read before any lock, so that a path can take them all
    at once, in order, before its places (people first: see :mod:`commitments`)."""
    people = {user_id}
    sessions = _waited_for(db, user_id, starts, ends)
    if sessions:
        people |= set(
            db.scalars(
                select(SessionRegistration.user_id).where(
                    SessionRegistration.session_id.in_(sessions),
                    SessionRegistration.status == RegistrationStatus.WAITLISTED,
                )
            )
        )
    return people


def offer_freed_time(db: Session, user_id: int, starts: datetime, ends: datetime) -> list[int]:
    """A person's time between ``starts`` and ``ends`` was freed (a meeting or a seat cancelled,
    moved): each session they wait for in that time is offered down its waitlist again, so a seat
    they were skipped for because of it reaches them now. Returns the sessions where a seat was
    given. Callers lock :func:`waiting_for_freed_time` first."""
    seated = []
    for session_id in _waited_for(db, user_id, starts, ends):
        roster = _lock_for_promotion(db, session_id, [user_id])
        if any(c.status == seats.CONFIRMED for c in _refill(db, roster)):
            seated.append(session_id)
    return seated


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
