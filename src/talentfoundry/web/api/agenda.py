"""Workshops and talks, interview slots and bookings, check-in."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from talentfoundry.services import booking, checkin, commitments, waitlist, workshops
from talentfoundry.services.schemas import (
    MAX_DB_INT,
    BookingIn,
    CheckInIn,
    Id,
    SessionIn,
    SessionPatch,
    SlotIn,
)
from talentfoundry.store.models import User
from talentfoundry.web.api.schemas import (
    BlockedOut,
    BookingOut,
    CheckInOut,
    MoveIn,
    PageOut,
    RegistrationOut,
    SessionOut,
    SlotOut,
)
from talentfoundry.web.deps import (
    CANDIDATES,
    DB,
    ORGANISERS,
    RECRUITERS,
    RECRUITERS_AND_ORGANISERS,
    AppSettings,
    CurrentUser,
    Now,
)

router = APIRouter()


@router.get("/events/{event_id}/sessions", response_model=list[SessionOut], tags=["sessions"])
def list_sessions(db: DB, event_id: Id) -> Any:
    return [
        SessionOut.of(session, workshops.confirmed_count(db, session.id))
        for session in workshops.list_sessions(db, event_id)
    ]


@router.post(
    "/events/{event_id}/sessions",
    status_code=201,
    response_model=SessionOut,
    tags=["sessions"],
    dependencies=[ORGANISERS],
)
def create_session(db: DB, user: CurrentUser, event_id: Id, data: SessionIn) -> Any:
    return SessionOut.of(workshops.create_session(db, user, event_id, data), 0)


@router.get("/sessions/{session_id}", response_model=SessionOut, tags=["sessions"])
def get_session(db: DB, session_id: Id) -> Any:
    session = workshops.get_session(db, session_id)
    return SessionOut.of(session, workshops.confirmed_count(db, session_id))


@router.patch(
    "/sessions/{session_id}",
    response_model=SessionOut,
    tags=["sessions"],
    dependencies=[ORGANISERS],
)
def update_session(db: DB, user: CurrentUser, session_id: Id, data: SessionPatch) -> Any:
    """Edit a session; more capacity promotes waiting people at once."""
    session = workshops.update_session(db, user, session_id, data)
    return SessionOut.of(session, workshops.confirmed_count(db, session_id))


def _registration_out(db: DB, registration: Any, promoted: Any = None) -> RegistrationOut:
    user = db.get(User, registration.user_id)
    zone = user.timezone if user is not None else "UTC"
    standing = waitlist.status_of(db, registration)
    return RegistrationOut(
        session_id=registration.session_id,
        status=registration.status,
        waitlist_position=standing.position,
        promoted_user_id=promoted.user_id if promoted is not None else None,
        blocked_by=[f"{c.title} on {commitments.when(c, zone)}" for c in standing.blockers],
        seat_free=standing.seat_free,
        message=standing.message(zone),
    )


@router.post(
    "/sessions/{session_id}/registration",
    status_code=201,
    response_model=RegistrationOut,
    tags=["sessions"],
)
def register(db: DB, user: CurrentUser, session_id: Id, now: Now) -> Any:
    """Take a seat, or join the waitlist when full (the answer says which, and the position)."""
    return _registration_out(db, workshops.register(db, user, session_id, now=now))


@router.delete(
    "/sessions/{session_id}/registration", response_model=RegistrationOut, tags=["sessions"]
)
def unregister(db: DB, user: CurrentUser, session_id: Id) -> Any:
    """Give the seat up; the first person waiting is promoted at once."""
    promoted = workshops.cancel(db, user, session_id)
    return RegistrationOut(
        session_id=session_id,
        status="cancelled",
        waitlist_position=None,
        promoted_user_id=promoted.user_id if promoted is not None else None,
    )


@router.post(
    "/sessions/{session_id}/registration/take-seat",
    response_model=RegistrationOut,
    tags=["sessions"],
    dependencies=[CANDIDATES],
)
def take_seat_instead(db: DB, user: CurrentUser, session_id: Id) -> Any:
    """Skipped for a free seat because something of yours overlaps the session? Cancel what
    overlaps and take the seat, all or nothing (409 when no seat is free)."""
    return _registration_out(db, waitlist.take_seat_instead(db, user, session_id))


@router.get(
    "/sessions/{session_id}/blocked",
    response_model=list[BlockedOut],
    tags=["sessions"],
    dependencies=[ORGANISERS],
)
def blocked(db: DB, user: CurrentUser, session_id: Id) -> Any:
    """For organisers: who waits for this session only because of a clash, and with what."""
    zone = workshops.get_session(db, session_id).event.timezone
    return [
        BlockedOut(
            user_id=p.user_id,
            full_name=p.full_name,
            waitlist_position=p.position,
            blocked_by=[f"{c.title} on {commitments.when(c, zone)}" for c in p.blockers],
        )
        for p in waitlist.blocked_report(db, user, session_id)
    ]


@router.get("/me/registrations", response_model=list[RegistrationOut], tags=["sessions"])
def my_registrations(db: DB, user: CurrentUser) -> Any:
    return [_registration_out(db, r) for r in workshops.my_registrations(db, user)]


@router.get("/events/{event_id}/slots", response_model=PageOut[SlotOut], tags=["interviews"])
def list_slots(
    db: DB,
    event_id: Id,
    organisation_id: Id | None = None,
    free: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_DB_INT)] = 0,
) -> Any:
    page = booking.list_slots(
        db, event_id, organisation_id=organisation_id, free_only=free, limit=limit, offset=offset
    )
    return {
        "items": [SlotOut.of(s) for s in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


@router.post(
    "/events/{event_id}/slots",
    status_code=201,
    response_model=SlotOut,
    tags=["interviews"],
    dependencies=[RECRUITERS_AND_ORGANISERS],
)
def create_slot(db: DB, user: CurrentUser, event_id: Id, data: SlotIn) -> Any:
    return SlotOut.of(booking.create_slot(db, user, event_id, data))


@router.delete(
    "/slots/{slot_id}",
    status_code=204,
    tags=["interviews"],
    dependencies=[RECRUITERS_AND_ORGANISERS],
)
def delete_slot(db: DB, user: CurrentUser, slot_id: Id) -> Response:
    booking.delete_slot(db, user, slot_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/bookings",
    status_code=201,
    response_model=BookingOut,
    tags=["interviews"],
    dependencies=[CANDIDATES],
)
def book(db: DB, user: CurrentUser, data: BookingIn, now: Now) -> Any:
    """Book a 1:1 interview slot. The last slot goes to exactly one person (409 for the others)."""
    return BookingOut.of(booking.book(db, user, data, now=now))


@router.delete("/bookings/{booking_id}", status_code=204, tags=["interviews"])
def cancel_booking(db: DB, user: CurrentUser, booking_id: Id, now: Now) -> Response:
    booking.cancel_booking(db, user, booking_id, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/bookings/{booking_id}/no-show", response_model=BookingOut, tags=["interviews"])
def mark_no_show(db: DB, user: CurrentUser, booking_id: Id, settings: AppSettings, now: Now) -> Any:
    """The candidate did not come: the company's recruiters or the event's organisers mark it,
    from the meeting's start until ``NO_SHOW_GRACE_MINUTES`` after its end (409 otherwise)."""
    marked = booking.mark_no_show(db, user, booking_id, settings=settings, now=now)
    return BookingOut.of(marked)


@router.delete("/bookings/{booking_id}/no-show", response_model=BookingOut, tags=["interviews"])
def undo_no_show(db: DB, user: CurrentUser, booking_id: Id, settings: AppSettings, now: Now) -> Any:
    """They came after all: the mark is removed (same people, same time limit)."""
    undone = booking.mark_no_show(db, user, booking_id, missed=False, settings=settings, now=now)
    return BookingOut.of(undone)


@router.post("/bookings/{booking_id}/move", response_model=BookingOut, tags=["interviews"])
def move_booking(db: DB, user: CurrentUser, booking_id: Id, data: MoveIn, now: Now) -> Any:
    """Move a meeting to another free slot of the same company (the candidate, the company's
    recruiters or the event's organisers)."""
    return BookingOut.of(booking.move(db, user, booking_id, data.slot_id, now=now))


@router.get("/me/bookings", response_model=list[BookingOut], tags=["interviews"])
def my_bookings(db: DB, user: CurrentUser) -> Any:
    return [BookingOut.of(b) for b in booking.my_bookings(db, user)]


@router.get(
    "/events/{event_id}/company-agenda",
    response_model=list[BookingOut],
    tags=["interviews"],
    dependencies=[RECRUITERS],
)
def company_agenda(db: DB, user: CurrentUser, event_id: Id) -> Any:
    """A recruiter's company meetings at this event."""
    return [BookingOut.of(b) for b in booking.organisation_bookings(db, user, event_id)]


@router.post(
    "/events/{event_id}/checkins",
    response_model=CheckInOut,
    tags=["check-in"],
    dependencies=[ORGANISERS],
)
def check_in(
    db: DB, user: CurrentUser, event_id: Id, data: CheckInIn, settings: AppSettings, now: Now
) -> Any:
    """Check-in desk: a scanned or typed badge code (409 outside the event's check-in window)."""
    return _checkin_out(
        checkin.check_in_badge(db, user, event_id, data, settings=settings, now=now)
    )


@router.post("/events/{event_id}/join-online", response_model=CheckInOut, tags=["check-in"])
def join_online(db: DB, user: CurrentUser, event_id: Id, settings: AppSettings, now: Now) -> Any:
    """Joining the online part counts as an online check-in (409 outside the window)."""
    return _checkin_out(checkin.join_online(db, user, event_id, settings=settings, now=now))


@router.get("/events/{event_id}/checkins/summary", tags=["check-in"], dependencies=[ORGANISERS])
def check_in_summary(db: DB, user: CurrentUser, event_id: Id) -> dict[str, int]:
    return checkin.counts(db, user, event_id)


def _checkin_out(result: checkin.CheckInResult) -> CheckInOut:
    return CheckInOut(
        user_id=result.attendee.user_id,
        full_name=result.attendee.user.full_name,
        channel=result.check_in.channel,
        at=result.check_in.at,
        already_checked_in=result.already,
    )
