"""Candidate pages around an event: registration with CV-sharing consent, workshops and talks
with their waitlist, my agenda (page and .ics) and the QR badge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.enums import RegistrationStatus
from talentfoundry.domain.errors import FoundryError, NotFound
from talentfoundry.services import agenda, badges, booking, candidates, events, waitlist, workshops
from talentfoundry.services.schemas import AttendIn, Id
from talentfoundry.store.models import Attendee, Event, User
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.forms import whole_number
from talentfoundry.web.pages.guards import CandidatePage, CheckedForm, SignedInPage
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _attendance(db: DB, user: User, event: Event) -> Attendee | None:
    try:
        return candidates.my_attendance(db, user, event.id)
    except NotFound:
        return None


@router.get("/events/{slug}/register", response_class=HTMLResponse)
def register_form(request: Request, db: DB, me: CandidatePage, slug: str) -> HTMLResponse:
    event = events.get_event_by_slug(db, me, slug)
    return render(
        request, "register.html", me, event=event, attendee=_attendance(db, me, event), errors={}
    )


@router.post("/events/{slug}/register", response_model=None)
def register(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    slug: str,
    consent_share_cv: Annotated[str, Form()] = "",
) -> Response:
    event = events.get_event_by_slug(db, me, slug)
    already = _attendance(db, me, event) is not None  # the badge page says which happened
    try:
        candidates.attend_event(db, me, event.id, AttendIn(consent_share_cv=bool(consent_share_cv)))
    except FoundryError as exc:
        return render(
            request,
            "register.html",
            me,
            status_code=exc.status,
            event=event,
            attendee=_attendance(db, me, event),
            errors={"_form": exc.message},
        )
    done = "updated" if already else "new"
    return RedirectResponse(f"/events/{slug}/badge?registered={done}", status_code=303)


def _sessions_page(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    message: str = "",
    error: str = "",
    focus: int | None = None,
) -> HTMLResponse:
    """The sessions with my seat or waitlist place in each; ``focus`` is the session the
    ``message`` (joined, waitlisted, left) is about, so the notice can name it."""
    mine = {r.session_id: r for r in workshops.my_registrations(db, me)}
    rows = []
    for s in workshops.list_sessions(db, event.id):
        reg = mine.get(s.id)
        confirmed = workshops.confirmed_count(db, s.id)
        rows.append(
            {
                "session": s,
                "confirmed": confirmed,
                "left": None if s.capacity is None else max(0, s.capacity - confirmed),
                "status": reg.status if reg else None,
                "position": workshops.waitlist_position(db, reg) if reg else None,
                # Waiting, but something of mine overlaps: say so, and offer the choice.
                "standing": waitlist.status_of(db, reg)
                if reg is not None and reg.status == RegistrationStatus.WAITLISTED
                else None,
            }
        )
    return render(
        request,
        "sessions.html",
        me,
        status_code=409 if error else 200,
        event=event,
        rows=rows,
        message=message,
        error=error,
        focus=next((r for r in rows if r["session"].id == focus), None),
    )


@router.get("/events/{slug}/sessions", response_class=HTMLResponse)
def sessions_page(request: Request, db: DB, me: CandidatePage, slug: str) -> HTMLResponse:
    event = events.get_event_by_slug(db, me, slug)
    message = request.query_params.get("msg", "")
    focus = whole_number(request.query_params.get("session", ""))
    return _sessions_page(request, db, me, event, message=message, focus=focus)


@router.post("/sessions/{session_id}/take-seat", response_model=None)
def take_seat_instead(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    session_id: Id,
) -> Response:
    """The skipped person's choice: cancel what overlaps the session and take its free seat."""
    session = workshops.get_session(db, session_id)
    try:
        with db.begin_nested():
            waitlist.take_seat_instead(db, me, session_id)
    except FoundryError as exc:
        return _sessions_page(request, db, me, session.event, error=exc.message)
    return RedirectResponse(
        f"/events/{session.event.slug}/sessions?msg=joined&session={session_id}#s{session_id}",
        status_code=303,
    )


_MESSAGES = {
    "joined": "You have a seat.",
    "waitlisted": "The session is full: you are on the waitlist.",
    "left": "You are no longer signed up.",
}


@router.post("/sessions/{session_id}/join", response_model=None)
def join(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    session_id: Id,
) -> Response:
    session = workshops.get_session(db, session_id)
    try:
        with db.begin_nested():
            reg = workshops.register(db, me, session_id)
    except FoundryError as exc:
        return _sessions_page(request, db, me, session.event, error=exc.message)
    key = "waitlisted" if reg.status == RegistrationStatus.WAITLISTED else "joined"
    return RedirectResponse(
        f"/events/{session.event.slug}/sessions?msg={key}&session={session_id}#done",
        status_code=303,
    )


@router.post("/sessions/{session_id}/leave", response_model=None)
def leave(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    session_id: Id,
) -> Response:
    session = workshops.get_session(db, session_id)
    try:
        with db.begin_nested():
            workshops.cancel(db, me, session_id)
    except FoundryError as exc:
        return _sessions_page(request, db, me, session.event, error=exc.message)
    return RedirectResponse(
        f"/events/{session.event.slug}/sessions?msg=left&session={session_id}#done",
        status_code=303,
    )


_AGENDA_NOTICES = {
    "cancelled": "Interview cancelled. The slot is free for someone else.",
    "moved": "Interview moved. Your old slot is free for someone else.",
}


def _agenda_page(
    request: Request, db: DB, me: User, error: str = "", status: int = 200
) -> HTMLResponse:
    # The agenda names an interview by its calendar uid; the cancel form needs the booking id.
    mine = booking.my_bookings(db, me)
    bookings = {f"booking-{b.id}@talentfoundry": b.id for b in mine}
    return render(
        request,
        "agenda.html",
        me,
        status_code=status,
        items=agenda.my_agenda(db, me),
        bookings=bookings,
        move_to={b.id: booking.move_options(db, me, b.id) for b in mine},
        notice=_AGENDA_NOTICES.get(request.query_params.get("msg", ""), ""),
        error=error,
    )


@router.get("/me/agenda", response_class=HTMLResponse)
def agenda_page(request: Request, db: DB, me: CandidatePage) -> HTMLResponse:
    return _agenda_page(request, db, me)


@router.post("/me/agenda/bookings/{booking_id}/cancel", response_model=None)
def cancel_interview(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    booking_id: Id,
) -> Response:
    """Cancel one of my interviews (asked for twice on the page: the button sits behind a
    "Cancel this interview" disclosure that says what happens)."""
    try:
        with db.begin_nested():
            booking.cancel_booking(db, me, booking_id)
    except FoundryError as exc:
        return _agenda_page(request, db, me, error=exc.message, status=exc.status)
    return RedirectResponse("/me/agenda?msg=cancelled", status_code=303)


@router.post("/me/agenda/bookings/{booking_id}/move", response_model=None)
def move_interview(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    booking_id: Id,
    slot_id: Annotated[int, Form()] = 0,
) -> Response:
    """Move one of my interviews to another free time with the same company."""
    try:
        with db.begin_nested():
            booking.move(db, me, booking_id, slot_id)
    except FoundryError as exc:
        return _agenda_page(request, db, me, error=exc.message, status=exc.status)
    return RedirectResponse("/me/agenda?msg=moved", status_code=303)


@router.get("/me/agenda.ics")
def agenda_ics(request: Request, db: DB, me: CandidatePage) -> Response:
    body = agenda.agenda_ics(agenda.my_agenda(db, me), owner=me.full_name)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="talentfoundry-agenda.ics"'},
    )


@router.get("/events/{slug}/badge", response_class=HTMLResponse)
def badge_page(request: Request, db: DB, me: SignedInPage, slug: str) -> HTMLResponse:
    """Any registered person's own badge (candidates mostly; recruiters and staff attend too)."""
    event = events.get_event_by_slug(db, me, slug)
    attendee, svg = badges.badge_for(db, me, event.id)
    registered = request.query_params.get("registered", "")  # just registered: say what's next
    return render(
        request,
        "badge.html",
        me,
        event=event,
        attendee=attendee,
        qr_svg=svg,
        registered=registered if registered in ("new", "updated") else "",
    )
