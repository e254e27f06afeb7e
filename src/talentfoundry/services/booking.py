"""Interview slots and 1:1 bookings.

Two people booking the last slot at once get one booking and one clear refusal: ``bookings.slot_id``
is unique, so the database itself refuses the second insert, on SQLite and PostgreSQL alike; the
candidate's agenda lock is taken first and the agenda rule is the one every path calls
(:mod:`talentfoundry.services.commitments`: no overlap with any meeting or seat at any event, one
meeting per company per event), so it holds under concurrent requests too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from talentfoundry.config import DEFAULTS, Settings
from talentfoundry.domain import access, windows
from talentfoundry.domain.enums import EventStatus, OrgKind, UserRole
from talentfoundry.domain.errors import Conflict, InputError, NotFound, PermissionDenied
from talentfoundry.domain.timeutil import in_zone, utcnow
from talentfoundry.services import allocation, commitments, scopes, workshops
from talentfoundry.services.common import Page, get_or_404, paginate, principal_for
from talentfoundry.services.locking import lock
from talentfoundry.services.schemas import BookingIn, SlotIn
from talentfoundry.store.models import (
    Attendee,
    Booking,
    Event,
    InterviewSlot,
    JobRole,
    Organisation,
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


def _require_meeting_manager(db: Session, actor: User, slot: InterviewSlot) -> None:
    """Someone other than the candidate changing a meeting: the company's recruiters or the
    event's organisers; said in the words of who is refused."""
    p = principal_for(db, actor)
    recruiter_of_org = p.role is UserRole.RECRUITER and p.organisation_id == slot.organisation_id
    if recruiter_of_org or access.can_manage_event(p, slot.event_id):
        return
    if p.role is UserRole.CANDIDATE:
        raise PermissionDenied(
            "This meeting is on someone else's agenda; you can change only yours."
        )
    raise PermissionDenied(
        "Only the company's recruiters and the event's organisers can change this meeting."
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


def book(db: Session, actor: User, data: BookingIn, *, now: datetime | None = None) -> Booking:
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Only candidates book interview slots.")
    commitments.lock_people(db, [actor.id])  # this person's requests queue (see commitments)
    slot = db.get(
        InterviewSlot,
        data.slot_id,
        # What the answer shows (company, booth or room), loaded with the slot, not one by one.
        options=[selectinload(InterviewSlot.organisation), selectinload(InterviewSlot.booth)],
    )
    if slot is None:
        raise NotFound(f"No slot with id {data.slot_id}.")
    if slot.event.status not in (EventStatus.OPEN, EventStatus.LIVE):
        raise Conflict("Booking for this event is not open.")
    windows.slot_bookable(slot.starts_at, slot.event.timezone, now or utcnow())
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
    commitments.check_meeting(db, actor, slot)
    booking = Booking(slot=slot, candidate_id=actor.id, job_role_id=data.job_role_id)
    db.add(booking)
    try:
        with db.begin_nested():
            db.flush()
    except IntegrityError as exc:
        raise Conflict(SLOT_TAKEN) from exc
    return booking


def cancel_booking(
    db: Session,
    actor: User,
    booking_id: int,
    *,
    now: datetime | None = None,
    offer_freed: bool = True,
) -> Booking | None:
    """Cancel a meeting. After a published allocation the freed slot goes straight to the best
    waiting request (see :func:`allocation.refill`); returns that new booking, if any. The
    candidate's time is free again, so a seat they were waiting for behind this meeting is offered
    to them at once (:func:`workshops.offer_freed_time`; ``offer_freed=False`` when the caller
    decides where the time goes, as "take the seat instead" does)."""
    booking = db.get(Booking, booking_id)
    if booking is None:
        raise NotFound(f"No booking with id {booking_id}.")
    candidate_id = booking.candidate_id
    was = (booking.slot.starts_at, booking.slot.ends_at)
    # People first, all at once: the candidate and whoever waits where their time is freed.
    people = workshops.waiting_for_freed_time(db, candidate_id, *was) if offer_freed else set()
    commitments.lock_people(db, people | {candidate_id})
    slot = lock(db, InterviewSlot, booking.slot_id, "slot")
    # Read again under the locks: a concurrent cancellation may have removed it meanwhile.
    booking = db.get(Booking, booking_id, populate_existing=True)
    if booking is None or booking.candidate_id != candidate_id:
        raise NotFound(f"No booking with id {booking_id}.")
    if booking.candidate_id != actor.id:
        _require_meeting_manager(db, actor, slot)
    now = now or utcnow()
    windows.meeting_cancellable(slot.starts_at, slot.event.timezone, now)
    db.delete(booking)
    db.flush()
    db.expire(slot, ["booking"])
    if offer_freed:
        workshops.offer_freed_time(db, candidate_id, slot.starts_at, slot.ends_at)
    return allocation.refill(db, slot, cancelled_by=candidate_id, now=now)


def mark_no_show(
    db: Session,
    actor: User,
    booking_id: int,
    *,
    missed: bool = True,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Booking:
    """The company (its recruiters, or the event's organisers) marks that the candidate did not
    come to a meeting, or undoes the mark: from the meeting's start until
    ``Settings.no_show_grace_minutes`` after its end. The meeting stays on both agendas, marked,
    so the candidate sees it too; organisers count no-shows on the dashboard. Nothing else
    follows automatically (no penalty)."""
    found = db.get(Booking, booking_id)
    if found is None:
        raise NotFound(f"No booking with id {booking_id}.")
    slot = found.slot
    if found.candidate_id == actor.id:
        raise PermissionDenied("The company marks a meeting as missed, not the candidate.")
    _require_meeting_manager(db, actor, slot)
    grace = timedelta(minutes=(settings or DEFAULTS).no_show_grace_minutes)
    windows.no_show_markable(
        slot.starts_at, slot.ends_at, slot.event.timezone, now or utcnow(), grace=grace
    )
    found.no_show_at = (now or utcnow()) if missed else None
    found.no_show_by_id = actor.id if missed else None
    db.flush()
    return found


def move(
    db: Session, actor: User, booking_id: int, slot_id: int, *, now: datetime | None = None
) -> Booking:
    """Move a meeting to another free slot of the same company at the same event, in one unit
    of work: the new time passes the agenda rule (the old meeting left out), the old slot goes
    to the best waiting request, and a seat the candidate waited for at the old time is offered
    to them. The candidate or the company's recruiters and the event's organisers may move it."""
    booking = db.get(Booking, booking_id)
    if booking is None:
        raise NotFound(f"No booking with id {booking_id}.")
    person_id = booking.candidate_id
    was = (booking.slot.starts_at, booking.slot.ends_at)
    commitments.lock_people(db, workshops.waiting_for_freed_time(db, person_id, *was))
    booking = db.get(Booking, booking_id, populate_existing=True)
    if booking is None or booking.candidate_id != person_id:
        raise NotFound(f"No booking with id {booking_id}.")
    old = lock(db, InterviewSlot, booking.slot_id, "slot")
    if person_id != actor.id:
        _require_meeting_manager(db, actor, old)
    new = db.get(InterviewSlot, slot_id)
    if new is None or new.event_id != old.event_id or new.organisation_id != old.organisation_id:
        raise InputError(
            "Pick another slot of the same company at the same event.", field="slot_id"
        )
    if new.id == old.id:
        raise Conflict("The meeting is already at that time.")
    now = now or utcnow()
    windows.meeting_cancellable(old.starts_at, old.event.timezone, now)
    windows.slot_bookable(new.starts_at, new.event.timezone, now)
    if db.scalar(select(Booking.id).where(Booking.slot_id == new.id)) is not None:
        raise Conflict(SLOT_TAKEN)
    person = db.get(User, person_id)
    assert person is not None
    commitments.check_meeting(db, person, new, ignoring_booking=booking.id)
    booking.slot_id = new.id
    try:
        with db.begin_nested():
            db.flush()
    except IntegrityError as exc:
        raise Conflict(SLOT_TAKEN) from exc
    db.expire(old, ["booking"])
    db.expire(booking, ["slot"])
    workshops.offer_freed_time(db, person_id, old.starts_at, old.ends_at)
    allocation.refill(db, old, cancelled_by=person_id, now=now)
    return booking


def move_options(db: Session, actor: User, booking_id: int) -> list[InterviewSlot]:
    """The free slots of the same company at the same event that this meeting could move to:
    those the agenda rule allows for its candidate (the meeting itself left out)."""
    booking = db.get(Booking, booking_id)
    if booking is None or booking.candidate_id != actor.id:
        raise NotFound(f"No booking with id {booking_id}.")
    old = booking.slot
    free = db.scalars(
        select(InterviewSlot)
        .where(
            InterviewSlot.event_id == old.event_id,
            InterviewSlot.organisation_id == old.organisation_id,
            InterviewSlot.id != old.id,
            ~InterviewSlot.id.in_(select(Booking.slot_id)),
        )
        .order_by(InterviewSlot.starts_at, InterviewSlot.id)
    ).all()
    agenda = [
        c
        for c in commitments.commitments_of(db, [actor.id])[actor.id]
        if not (c.kind == "interview" and c.ref_id == booking.id)
    ]
    return [slot for slot in free if commitments.refuse_meeting(agenda, slot) is None]


def my_bookings(db: Session, actor: User) -> list[Booking]:
    return list(
        db.scalars(
            select(Booking)
            .join(InterviewSlot)
            .where(Booking.candidate_id == actor.id, scopes.bookings(principal_for(db, actor)))
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
                scopes.bookings(principal_for(db, actor)),
            )
            .options(selectinload(Booking.slot), selectinload(Booking.candidate))
            .order_by(InterviewSlot.starts_at)
        )
    )
