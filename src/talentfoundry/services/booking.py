"""Interview slots and 1:1 bookings.

Two people booking the last slot at once get one booking and one clear refusal: ``bookings.slot_id``
is unique, so the database itself refuses the second insert, on SQLite and PostgreSQL alike; the
candidate's own row is locked so their agenda rules (no overlap, one meeting per company) hold under
concurrent requests too.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import EventStatus, OrgKind, RegistrationStatus, UserRole
from talentfoundry.domain.errors import Conflict, InputError, NotFound, PermissionDenied
from talentfoundry.domain.timeutil import in_zone
from talentfoundry.services import allocation
from talentfoundry.services.common import Page, get_or_404, paginate, principal_for
from talentfoundry.services.locking import lock
from talentfoundry.services.schemas import BookingIn, SlotIn
from talentfoundry.store.models import (
    Attendee,
    Booking,
    Event,
    EventSession,
    InterviewSlot,
    JobRole,
    Organisation,
    SessionRegistration,
    User,
)

SLOT_TAKEN = "Sorry, this slot has just been booked by someone else. Please pick another one."


def _require_slot_manager(db: Session, actor: User, organisation_id: int, event_id: int) -> None:
    p = principal_for(db, actor)
    recruiter_of_org = p.role is UserRole.RECRUITER and p.organisation_id == organisation_id
    if not (recruiter_of_org or access.can_manage_event(p, event_id)):
        raise PermissionDenied(
            "Only the company's recruiters and the event's organisers manage slots."
        )


def create_slot(db: Session, actor: User, event_id: int, data: SlotIn) -> InterviewSlot:
    event = get_or_404(db, Event, event_id, "event")
    org = db.get(Organisation, data.organisation_id)
    if org is None or org.kind != OrgKind.COMPANY:
        raise InputError(f"No company with id {data.organisation_id}.", field="organisation_id")
    _require_slot_manager(db, actor, org.id, event.id)
    recruiter_id = data.recruiter_id
    if recruiter_id is None and actor.role == UserRole.RECRUITER:
        recruiter_id = actor.id
    if data.starts_at < event.starts_at or data.ends_at > event.ends_at:
        raise InputError("The slot must lie within the event's hours.", field="starts_at")
    if recruiter_id is not None:
        # Locked: two slots created at once for one person are checked one after the other.
        recruiter = db.get(User, recruiter_id)
        if recruiter is None or recruiter.organisation_id != org.id:
            raise InputError("The recruiter must belong to the company.", field="recruiter_id")
        lock(db, User, recruiter_id, "recruiter")
        clash = db.scalar(
            select(InterviewSlot)
            .where(
                InterviewSlot.recruiter_id == recruiter_id,
                InterviewSlot.starts_at < data.ends_at,
                InterviewSlot.ends_at > data.starts_at,
            )
            .limit(1)
        )
        if clash is not None:
            start, end = (in_zone(t, event.timezone) for t in (clash.starts_at, clash.ends_at))
            raise Conflict(
                f"This slot overlaps the recruiter's slot of {start:%a %d %b, %H:%M}-{end:%H:%M} "
                f"({event.timezone}): one person cannot hold two interviews at once.",
                field="starts_at",
            )
    slot = InterviewSlot(
        event_id=event.id,
        organisation_id=org.id,
        recruiter_id=recruiter_id,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        mode=data.mode,
    )
    db.add(slot)
    db.flush()
    return slot


def delete_slot(db: Session, actor: User, slot_id: int) -> None:
    slot = lock(db, InterviewSlot, slot_id, "slot")
    _require_slot_manager(db, actor, slot.organisation_id, slot.event_id)
    if slot.booking is not None:
        raise Conflict("This slot is booked; cancel the meeting first so the candidate is told.")
    db.delete(slot)
    db.flush()


def list_slots(
    db: Session,
    event_id: int,
    *,
    organisation_id: int | None = None,
    free_only: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    query = (
        select(InterviewSlot)
        .where(InterviewSlot.event_id == event_id)
        .options(selectinload(InterviewSlot.booking), selectinload(InterviewSlot.organisation))
    )
    if organisation_id is not None:
        query = query.where(InterviewSlot.organisation_id == organisation_id)
    if free_only:
        query = query.where(~InterviewSlot.id.in_(select(Booking.slot_id)))
    query = query.order_by(InterviewSlot.starts_at, InterviewSlot.id)
    return paginate(db, query, limit=limit, offset=offset)


def book(db: Session, actor: User, data: BookingIn) -> Booking:
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Only candidates book interview slots.")
    lock(db, User, actor.id, "user")  # serialises this candidate's concurrent bookings
    slot = db.get(InterviewSlot, data.slot_id)
    if slot is None:
        raise NotFound(f"No slot with id {data.slot_id}.")
    if slot.event.status not in (EventStatus.OPEN, EventStatus.LIVE):
        raise Conflict("Booking for this event is not open.")
    registered = db.scalar(
        select(Attendee.id).where(Attendee.event_id == slot.event_id, Attendee.user_id == actor.id)
    )
    if registered is None:
        raise Conflict("Register for the event before booking interviews.")
    if data.job_role_id is not None:
        role = db.get(JobRole, data.job_role_id)
        if role is None or role.organisation_id != slot.organisation_id:
            raise InputError("The role must belong to the slot's company.", field="job_role_id")
    holder = db.scalar(select(Booking.candidate_id).where(Booking.slot_id == slot.id))
    if holder == actor.id:  # a retried request: say so, rather than blame someone else
        raise Conflict("You have already booked this slot.")
    if holder is not None:
        raise Conflict(SLOT_TAKEN)
    _check_agenda(db, actor, slot)
    booking = Booking(slot_id=slot.id, candidate_id=actor.id, job_role_id=data.job_role_id)
    db.add(booking)
    try:
        with db.begin_nested():
            db.flush()
    except IntegrityError as exc:
        raise Conflict(SLOT_TAKEN) from exc
    return booking


def _check_agenda(db: Session, actor: User, slot: InterviewSlot) -> None:
    mine = db.scalars(
        select(InterviewSlot)
        .join(Booking)
        .where(Booking.candidate_id == actor.id, InterviewSlot.event_id == slot.event_id)
    )
    for other in mine:
        if other.organisation_id == slot.organisation_id:
            raise Conflict("You already have a meeting with this company.")
        if other.starts_at < slot.ends_at and slot.starts_at < other.ends_at:
            raise Conflict("This slot overlaps another of your meetings.")
    busy = db.scalar(
        select(EventSession.title)
        .join(SessionRegistration)
        .where(
            SessionRegistration.user_id == actor.id,
            SessionRegistration.status == RegistrationStatus.CONFIRMED,
            EventSession.starts_at < slot.ends_at,
            EventSession.ends_at > slot.starts_at,
        )
        .limit(1)
    )
    if busy is not None:
        raise Conflict(f"This slot overlaps your session {busy!r}.")


def cancel_booking(db: Session, actor: User, booking_id: int) -> Booking | None:
    """Cancel a meeting. After a published allocation the freed slot goes straight to the best
    waiting request (see :func:`allocation.refill`); returns that new booking, if any."""
    booking = db.get(Booking, booking_id)
    if booking is None:
        raise NotFound(f"No booking with id {booking_id}.")
    slot = lock(db, InterviewSlot, booking.slot_id, "slot")
    if booking.candidate_id != actor.id:
        _require_slot_manager(db, actor, slot.organisation_id, slot.event_id)
    cancelled_by = booking.candidate_id
    db.delete(booking)
    db.flush()
    db.expire(slot, ["booking"])
    return allocation.refill(db, slot, cancelled_by=cancelled_by)


def my_bookings(db: Session, actor: User) -> list[Booking]:
    return list(
        db.scalars(
            select(Booking)
            .join(InterviewSlot)
            .where(Booking.candidate_id == actor.id)
            .options(selectinload(Booking.slot).selectinload(InterviewSlot.organisation))
            .order_by(InterviewSlot.starts_at)
        )
    )


def organisation_bookings(db: Session, actor: User, event_id: int) -> list[Booking]:
    """A recruiter's meeting agenda: their company's booked slots at one event."""
    if actor.role != UserRole.RECRUITER or actor.organisation_id is None:
        raise PermissionDenied("Only recruiters have a company agenda.")
    return list(
        db.scalars(
            select(Booking)
            .join(InterviewSlot)
            .where(
                InterviewSlot.event_id == event_id,
                InterviewSlot.organisation_id == actor.organisation_id,
            )
            .options(selectinload(Booking.slot), selectinload(Booking.candidate))
            .order_by(InterviewSlot.starts_at)
        )
    )
