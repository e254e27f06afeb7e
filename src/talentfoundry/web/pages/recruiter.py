"""Recruiter pages: their company's roles (create/edit), interview slots, per-role shortlists
with an audited CV view, the after-meeting rating and note, and a CSV export."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from talentfoundry.domain.enums import (
    ApplicationStatus,
    Mode,
    RoleStatus,
    Seniority,
    WorkMode,
)
from talentfoundry.domain.errors import Conflict, FoundryError, InputError, PermissionDenied
from talentfoundry.services import booking, candidates, recruiting, roles, shortlist
from talentfoundry.services.schemas import Id, RatingIn, RoleIn, RolePatch, SlotIn
from talentfoundry.store.models import JobRole, User
from talentfoundry.web.deps import DB, AppSettings, Now, ReindexAfter, clock_now, writes
from talentfoundry.web.pages.forms import errors_of, local_datetime, split_list, whole_number
from talentfoundry.web.pages.guards import CheckedForm, RecruiterPage
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(prefix="/recruiter", include_in_schema=False)

ROLE_FIELDS = (
    "title",
    "description",
    "required_skills",
    "nice_skills",
    "seniority",
    "location",
    "work_mode",
    "visa_sponsorship",
    "openings",
    "status",
    "event_ids",
)


def own_role(db: DB, me: User, role_id: int) -> JobRole:
    role = roles.get_role(db, role_id)
    if role.organisation_id != me.organisation_id:
        raise PermissionDenied("This role belongs to another company.")
    return role


@router.get("/roles", response_class=HTMLResponse)
def my_roles(request: Request, db: DB, me: RecruiterPage) -> HTMLResponse:
    page = roles.list_roles(db, organisation_id=me.organisation_id, status=None, limit=200)
    return render(request, "recruiter_roles.html", me, roles=page.items)


def _role_form_page(
    request: Request,
    db: DB,
    me: User,
    form: dict[str, Any],
    errors: dict[str, str],
    role: JobRole | None,
) -> HTMLResponse:
    return render(
        request,
        "role_form.html",
        me,
        status_code=422 if errors else 200,
        form=form,
        errors=errors,
        role=role,
        events=recruiting.company_events(db, me),
        seniorities=[s.value for s in Seniority],
        work_modes=[m.value for m in WorkMode],
        statuses=[s.value for s in RoleStatus],
    )


def _form_of(role: JobRole | None) -> dict[str, Any]:
    if role is None:
        return {"seniority": "junior", "work_mode": "hybrid", "openings": 1, "status": "open"}
    return {
        "title": role.title,
        "description": role.description,
        "required_skills": ", ".join(role.required_skills or []),
        "nice_skills": ", ".join(role.nice_skills or []),
        "seniority": role.seniority,
        "location": role.location,
        "work_mode": role.work_mode,
        "visa_sponsorship": role.visa_sponsorship,
        "openings": role.openings,
        "status": role.status,
        "event_ids": [e.id for e in role.events],
    }


@router.get("/roles/new", response_class=HTMLResponse)
def new_role_form(request: Request, db: DB, me: RecruiterPage) -> HTMLResponse:
    return _role_form_page(request, db, me, _form_of(None), {}, None)


@router.get("/roles/{role_id}/edit", response_class=HTMLResponse)
def edit_role_form(request: Request, db: DB, me: RecruiterPage, role_id: Id) -> HTMLResponse:
    role = own_role(db, me, role_id)
    return _role_form_page(request, db, me, _form_of(role), {}, role)


def _posted_role(posted: FormData) -> dict[str, Any]:
    form: dict[str, Any] = {k: str(posted.get(k, "")) for k in ROLE_FIELDS if k != "event_ids"}
    form["visa_sponsorship"] = bool(posted.get("visa_sponsorship"))
    numbers = (whole_number(str(v)) for v in posted.getlist("event_ids"))
    form["event_ids"] = [n for n in numbers if n is not None]
    return form


def _role_values(db: DB, me: User, form: dict[str, Any]) -> dict[str, Any]:
    allowed = {e.id for e in recruiting.company_events(db, me)}
    if not set(form["event_ids"]) <= allowed:
        raise InputError("Your company has no booth at that event.", field="event_ids")
    values = dict(form)
    values["required_skills"] = split_list(form["required_skills"])
    values["nice_skills"] = split_list(form["nice_skills"])
    if not str(form["openings"]).strip():
        values["openings"] = 1
    return values


@router.post("/roles/new", response_model=None, dependencies=[ReindexAfter])
def create_role(request: Request, db: DB, me: RecruiterPage, posted: CheckedForm) -> Response:
    form = _posted_role(posted)
    try:
        role = roles.create_role(
            db, me, RoleIn(organisation_id=me.organisation_id, **_role_values(db, me, form))
        )
    except (ValidationError, FoundryError) as exc:
        return _role_form_page(request, db, me, form, errors_of(exc, ROLE_FIELDS), None)
    return RedirectResponse(f"/recruiter/roles?saved={role.id}", status_code=303)


@router.post("/roles/{role_id}/edit", response_model=None, dependencies=[ReindexAfter])
def edit_role(
    request: Request, db: DB, me: RecruiterPage, posted: CheckedForm, role_id: Id
) -> Response:
    role = own_role(db, me, role_id)
    form = _posted_role(posted)
    try:
        roles.update_role(db, me, role.id, RolePatch(**_role_values(db, me, form)))
    except (ValidationError, FoundryError) as exc:
        db.rollback()
        return _role_form_page(request, db, me, form, errors_of(exc, ROLE_FIELDS), role)
    return RedirectResponse(f"/recruiter/roles?saved={role.id}", status_code=303)


def _slots_page(
    request: Request,
    db: DB,
    me: User,
    event_id: int | None,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    company_events = recruiting.company_events(db, me)
    event = next((e for e in company_events if e.id == event_id), None)
    if event is None and company_events:
        event = company_events[0]
    slots = (
        booking.list_slots(db, event.id, organisation_id=me.organisation_id, limit=200).items
        if event
        else []
    )
    return render(
        request,
        "recruiter_slots.html",
        me,
        status_code=422 if errors else 200,
        events=company_events,
        event=event,
        slots=slots,
        form=form or {"duration": 20, "mode": "onsite"},
        errors=errors or {},
        modes=[m.value for m in Mode],
    )


@router.get("/slots", response_class=HTMLResponse)
def my_slots(
    request: Request, db: DB, me: RecruiterPage, event_id: Id | None = None
) -> HTMLResponse:
    return _slots_page(request, db, me, event_id)


@router.post("/slots", response_model=None)
def add_slot(
    request: Request,
    db: DB,
    me: RecruiterPage,
    _form: CheckedForm,
    event_id: Annotated[Id, Form()],
    starts_at: Annotated[str, Form()] = "",
    duration: Annotated[str, Form()] = "20",
    mode: Annotated[str, Form()] = "onsite",
) -> Response:
    form = {"starts_at": starts_at, "duration": duration, "mode": mode}
    event = next((e for e in recruiting.company_events(db, me) if e.id == event_id), None)
    if event is None:
        raise PermissionDenied("Your company has no booth at this event.")
    try:
        minutes = whole_number(duration) or 0
        if not 5 <= minutes <= 240:
            raise InputError("A slot lasts 5 to 240 minutes.", field="duration")
        start = local_datetime(starts_at, event.timezone, "starts_at")
        data = SlotIn(
            organisation_id=me.organisation_id,
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            mode=mode,
        )
        booking.create_slot(db, me, event.id, data)
    except (ValidationError, FoundryError) as exc:
        errors = errors_of(exc, ("starts_at", "duration", "mode"))
        return _slots_page(request, db, me, event.id, form, errors)
    return RedirectResponse(f"/recruiter/slots?event_id={event.id}", status_code=303)


@router.post("/slots/{slot_id}/delete", response_model=None)
def delete_slot(
    request: Request,
    db: DB,
    me: RecruiterPage,
    _form: CheckedForm,
    slot_id: Id,
    event_id: Annotated[Id, Form()],
) -> Response:
    try:
        with db.begin_nested():
            booking.delete_slot(db, me, slot_id)
    except Conflict as exc:  # booked: say so on the page; a refusal of access stays a 403
        return _slots_page(request, db, me, event_id, errors={"_form": exc.message})
    return RedirectResponse(f"/recruiter/slots?event_id={event_id}", status_code=303)


@router.get("/roles/{role_id}/shortlist", response_class=HTMLResponse)
def role_shortlist(request: Request, db: DB, me: RecruiterPage, role_id: Id) -> HTMLResponse:
    role = own_role(db, me, role_id)
    return render(
        request,
        "shortlist.html",
        me,
        role=role,
        applications=shortlist.shortlist(db, me, role.id),
        statuses=[s.value for s in ApplicationStatus],
        saved=request.query_params.get("saved"),
        errors={},
    )


@router.get("/roles/{role_id}/shortlist.csv")
def shortlist_csv(request: Request, db: DB, me: RecruiterPage, role_id: Id) -> Response:
    role = own_role(db, me, role_id)
    return Response(
        recruiting.shortlist_csv(db, me, role.id),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="shortlist-role-{role.id}.csv"'},
    )


@router.post("/applications/{application_id}/rate", response_model=None)
def rate(
    request: Request,
    db: DB,
    me: RecruiterPage,
    _form: CheckedForm,
    application_id: Id,
    rating: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "",
) -> Response:
    values: dict[str, Any] = {"note": note, "rating": rating or None}
    if status:
        values["status"] = status
    try:
        application = shortlist.rate(db, me, application_id, RatingIn(**values))
    except ValidationError as exc:
        raise InputError(next(iter(errors_of(exc).values())), field="rating") from exc
    role_id = application.job_role_id
    return RedirectResponse(
        f"/recruiter/roles/{role_id}/shortlist?saved={application.id}#a{application.id}",
        status_code=303,
    )


@router.get("/candidates/{candidate_id}/cv", response_class=HTMLResponse)
@writes  # audited: records who looked
def candidate_cv(
    request: Request, db: DB, me: RecruiterPage, candidate_id: Id, role_id: Id | None = None
) -> HTMLResponse:
    """The CV text, if the candidate consented; the view is written to the audit log."""
    view = candidates.view_cv(db, me, candidate_id)
    return render(request, "candidate_cv.html", me, view=view, role_id=role_id)


_AGENDA_NOTICES = {
    "cancelled": "Meeting cancelled. The slot is free again.",
    "refilled": "Meeting cancelled. The slot went to the next candidate waiting for your company.",
    "missed": "Marked as missed. The candidate sees it on their agenda; nothing else follows.",
    "came": "The mark is removed: the meeting counts as held.",
}


def _agenda_page(
    request: Request, db: DB, me: User, event_id: int | None, error: str = "", status: int = 200
) -> HTMLResponse:
    company_events = recruiting.company_events(db, me)
    event = next((e for e in company_events if e.id == event_id), None)
    if event is None and company_events:
        event = company_events[0]
    meetings = booking.organisation_bookings(db, me, event.id) if event else []
    return render(
        request,
        "recruiter_agenda.html",
        me,
        status_code=status,
        events=company_events,
        event=event,
        meetings=meetings,
        now=clock_now(request),
        notice=_AGENDA_NOTICES.get(request.query_params.get("msg", ""), ""),
        error=error,
    )


@router.get("/agenda", response_class=HTMLResponse)
def meeting_agenda(
    request: Request, db: DB, me: RecruiterPage, event_id: Id | None = None
) -> HTMLResponse:
    """The company's booked meetings at one event, in the event's time, with the place."""
    return _agenda_page(request, db, me, event_id)


@router.post("/agenda/bookings/{booking_id}/cancel", response_model=None)
def cancel_meeting(
    request: Request,
    db: DB,
    me: RecruiterPage,
    _form: CheckedForm,
    booking_id: Id,
    event_id: Annotated[Id, Form()],
) -> Response:
    """Cancel a meeting with a candidate (behind a disclosure on the agenda that asks first)."""
    try:
        with db.begin_nested():
            refill = booking.cancel_booking(db, me, booking_id)
    except FoundryError as exc:
        return _agenda_page(request, db, me, event_id, error=exc.message, status=exc.status)
    msg = "refilled" if refill is not None else "cancelled"
    return RedirectResponse(f"/recruiter/agenda?event_id={event_id}&msg={msg}", status_code=303)


@router.post("/agenda/bookings/{booking_id}/no-show", response_model=None)
def mark_no_show(
    request: Request,
    db: DB,
    me: RecruiterPage,
    posted: CheckedForm,
    booking_id: Id,
    settings: AppSettings,
    now: Now,
) -> Response:
    """The candidate did not come (``missed=1``), or came after all (``missed=0``)."""
    event_id = whole_number(str(posted.get("event_id", "")))
    missed = posted.get("missed") != "0"
    try:
        with db.begin_nested():
            booking.mark_no_show(db, me, booking_id, missed=missed, settings=settings, now=now)
    except FoundryError as exc:
        return _agenda_page(request, db, me, event_id, error=exc.message, status=exc.status)
    msg = "missed" if missed else "came"
    return RedirectResponse(f"/recruiter/agenda?event_id={event_id}&msg={msg}", status_code=303)
