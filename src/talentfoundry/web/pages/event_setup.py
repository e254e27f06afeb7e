"""Organiser event set-up: create and edit an event, its booths, its sessions, and the accounts
of the recruiters and university staff who take part.

Times are typed on the event's clocks (``datetime-local`` boxes carry no zone) and turned into UTC
instants here, so an organiser in London setting up a fair in Taipei types what the posters say.
Every form is checked by the same schemas the API uses; an error is shown next to its field and,
because one request is one transaction, a refused form leaves the database as it was.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from talentfoundry.domain.enums import (
    STANDARD_THEMES,
    EventKind,
    EventStatus,
    Mode,
    OrgKind,
    SessionKind,
    UserRole,
)
from talentfoundry.domain.errors import FoundryError, InputError, NotFound
from talentfoundry.domain.intervals import require_end_after_start
from talentfoundry.domain.session_clashes import clashes, clashes_of
from talentfoundry.domain.timeutil import in_zone, validate_timezone
from talentfoundry.services import accounts, commitments, events, organisations, waitlist, workshops
from talentfoundry.services.common import MAX_PAGE
from talentfoundry.services.schemas import (
    ONSITE_OR_ONLINE,
    BoothIn,
    EventIn,
    EventPatch,
    Id,
    OrganisationIn,
    SessionIn,
    SessionPatch,
    UserIn,
)
from talentfoundry.store.models import Booth, Event, EventSession, User
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.forms import errors_of, local_datetime, optional_int, split_list
from talentfoundry.web.pages.guards import CheckedForm, OrganiserPage
from talentfoundry.web.pages.organiser import managed_event
from talentfoundry.web.pages.routes import render

__all__ = ["local_input", "router", "slug_of"]

router = APIRouter(prefix="/organiser", include_in_schema=False)

EVENT_FIELDS = (
    "kind",
    "name",
    "slug",
    "description",
    "themes",
    "other_themes",
    "timezone",
    "venue",
    "starts_at",
    "ends_at",
    "onsite",
    "online",
    "status",
)
BOOTH_FIELDS = (
    "organisation_id",
    "new_company",
    "new_company_sector",
    "location_code",
    "online_room_url",
)
SESSION_FIELDS = (
    "kind",
    "title",
    "speaker",
    "description",
    "starts_at",
    "ends_at",
    "mode",
    "location",
    "online_url",
    "capacity",
)
ACCOUNT_FIELDS = ("role", "organisation_id", "full_name", "email", "password", "timezone")
ACCOUNT_ROLES = (UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF)
"""What an organiser may create (the API's rule); admins create other roles through the API."""


def slug_of(name: str) -> str:
    """A URL name made from a display name.

    >>> slug_of("  Acme AI, Ltd. "), slug_of("Über Chips 2027")
    ('acme-ai-ltd', 'ber-chips-2027')
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80].strip("-")


def local_input(value: datetime | None, zone: str) -> str:
    """A UTC instant as a ``datetime-local`` value on ``zone``'s clocks.

    >>> from datetime import UTC
    >>> local_input(datetime(2027, 3, 18, 1, 0, tzinfo=UTC), "Asia/Taipei")
    '2027-03-18T09:00'
    """
    return "" if value is None else in_zone(value, zone).strftime("%Y-%m-%dT%H:%M")


def _times(form: dict[str, Any], zone: str, errors: dict[str, str]) -> dict[str, datetime]:
    """The form's start and end as instants; a box that cannot be read gets its error."""
    out: dict[str, datetime] = {}
    for field in ("starts_at", "ends_at"):
        try:
            out[field] = local_datetime(str(form.get(field, "")), zone, field)
        except InputError as exc:
            errors[field] = exc.message
    return out


def _whole_form_rules(values: dict[str, Any], errors: dict[str, str]) -> None:
    """The schemas' rules about several fields at once, checked even when a field is wrong (a
    schema checks them only once every field is valid), so one answer names every problem."""
    start, end = values.get("starts_at"), values.get("ends_at")
    if start is not None and end is not None and "ends_at" not in errors:
        try:
            require_end_after_start(start, end)
        except InputError as exc:
            errors["ends_at"] = exc.message
    if "onsite" in values and not (values["onsite"] or values.get("online")):
        errors["onsite"] = ONSITE_OR_ONLINE


def _merge(first: dict[str, str], exc: Exception, fields: tuple[str, ...]) -> dict[str, str]:
    errors = dict(first)
    for key, message in errors_of(exc, fields).items():
        errors.setdefault(key, message)
    return errors


# --- events ---------------------------------------------------------------------------------


def _event_form_of(event: Event | None) -> dict[str, Any]:
    if event is None:
        return {
            "kind": EventKind.CAREER_DAY.value,
            "themes": [],
            "timezone": "UTC",
            "onsite": True,
            "online": False,
            "status": EventStatus.DRAFT.value,
        }
    themes = list(event.themes or [])
    return {
        "kind": event.kind,
        "name": event.name,
        "slug": event.slug,
        "description": event.description,
        "themes": [t for t in themes if t in STANDARD_THEMES],
        "other_themes": ", ".join(t for t in themes if t not in STANDARD_THEMES),
        "timezone": event.timezone,
        "venue": event.venue,
        "starts_at": local_input(event.starts_at, event.timezone),
        "ends_at": local_input(event.ends_at, event.timezone),
        "onsite": event.onsite,
        "online": event.online,
        "status": event.status,
    }


def _event_page(
    request: Request,
    me: User,
    form: dict[str, Any],
    errors: dict[str, str],
    event: Event | None,
) -> HTMLResponse:
    return render(
        request,
        "setup_event_form.html",
        me,
        status_code=422 if errors else 200,
        form=form,
        errors=errors,
        event=event,
        kinds=[k.value for k in EventKind],
        statuses=[s.value for s in EventStatus],
        standard_themes=STANDARD_THEMES,
    )


def _posted_event(posted: FormData) -> dict[str, Any]:
    form: dict[str, Any] = {k: str(posted.get(k, "")) for k in EVENT_FIELDS}
    form["themes"] = [str(t) for t in posted.getlist("themes") if str(t) in STANDARD_THEMES]
    form["onsite"] = bool(posted.get("onsite"))
    form["online"] = bool(posted.get("online"))
    return form


def _event_in(form: dict[str, Any], *, slug: str, kind: str) -> EventIn:
    """The whole event checked as the API checks it; every problem found is at its field."""
    errors: dict[str, str] = {}
    zone = form["timezone"].strip()
    try:
        validate_timezone(zone)
    except InputError:  # the schema says so at the field; the times are still read, so that
        zone = "UTC"  # their own errors show in the same answer
    values = {
        "slug": slug,
        "kind": kind,
        "name": form["name"],
        "description": form["description"],
        "themes": [*form["themes"], *split_list(form["other_themes"])],
        "timezone": form["timezone"],
        "venue": form["venue"],
        "onsite": form["onsite"],
        "online": form["online"],
        "status": form["status"],
        **_times(form, zone, errors),
    }
    _whole_form_rules(values, errors)
    try:
        data = EventIn(**values)
    except ValidationError as exc:
        raise _FormErrors(_merge(errors, exc, EVENT_FIELDS)) from exc
    if errors:
        raise _FormErrors(errors)
    return data


class _FormErrors(Exception):
    """Several field errors found at once (a form is answered with all of them, not the first)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@router.get("/events/new", response_class=HTMLResponse)
def new_event_form(request: Request, me: OrganiserPage) -> HTMLResponse:
    return _event_page(request, me, _event_form_of(None), {}, None)


@router.post("/events/new", response_model=None)
def create_event(request: Request, db: DB, me: OrganiserPage, posted: CheckedForm) -> Response:
    form = _posted_event(posted)
    try:
        data = _event_in(form, slug=form["slug"], kind=form["kind"])
        event = events.create_event(db, me, data)
    except _FormErrors as exc:
        return _event_page(request, me, form, exc.errors, None)
    except FoundryError as exc:
        db.rollback()
        return _event_page(request, me, form, errors_of(exc, EVENT_FIELDS), None)
    return RedirectResponse(f"/organiser/events/{event.id}/booths?saved=event", status_code=303)


@router.get("/events/{event_id}/edit", response_class=HTMLResponse)
def edit_event_form(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    return _event_page(request, me, _event_form_of(event), {}, event)


@router.post("/events/{event_id}/edit", response_model=None)
def edit_event(
    request: Request, db: DB, me: OrganiserPage, posted: CheckedForm, event_id: Id
) -> Response:
    event = managed_event(db, me, event_id)
    form = _posted_event(posted)
    form.update(slug=event.slug, kind=event.kind)  # fixed once made: links and badges use them
    try:
        data = _event_in(form, slug=event.slug, kind=event.kind)
        patch = EventPatch(**data.model_dump(exclude={"slug", "kind"}))
        events.update_event(db, me, event.id, patch)
    except _FormErrors as exc:
        return _event_page(request, me, form, exc.errors, event)
    except FoundryError as exc:
        db.rollback()
        event = managed_event(db, me, event_id)
        return _event_page(request, me, form, errors_of(exc, EVENT_FIELDS), event)
    return RedirectResponse(f"/organiser/events/{event.id}/edit?saved=1", status_code=303)


# --- booths ---------------------------------------------------------------------------------


def _companies(db: Session) -> list[Any]:
    return list(
        organisations.list_organisations(db, kind=OrgKind.COMPANY.value, limit=MAX_PAGE).items
    )


def _booths_page(request: Request, db: DB, me: User, event: Event) -> HTMLResponse:
    return render(
        request,
        "setup_booths.html",
        me,
        event=event,
        booths=events.list_booths(db, me, event.id),
        saved=request.query_params.get("saved"),
    )


def _booth_page(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    form: dict[str, Any],
    errors: dict[str, str],
    booth: Booth | None,
) -> HTMLResponse:
    taken = {b.organisation_id for b in events.list_booths(db, me, event.id)}
    companies = [(c.id, c.name) for c in _companies(db) if booth is not None or c.id not in taken]
    return render(
        request,
        "setup_booth_form.html",
        me,
        status_code=422 if errors else 200,
        event=event,
        form=form,
        errors=errors,
        booth=booth,
        companies=companies,
    )


def _event_booth(db: DB, me: User, event: Event, booth_id: int) -> Booth:
    booth = next((b for b in events.list_booths(db, me, event.id) if b.id == booth_id), None)
    if booth is None:
        raise NotFound(f"No booth {booth_id} at this event.")
    return booth


@router.get("/events/{event_id}/booths", response_class=HTMLResponse)
def booths(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    return _booths_page(request, db, me, managed_event(db, me, event_id))


@router.get("/events/{event_id}/booths/new", response_class=HTMLResponse)
def new_booth_form(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    return _booth_page(request, db, me, event, {}, {}, None)


@router.get("/events/{event_id}/booths/{booth_id}/edit", response_class=HTMLResponse)
def edit_booth_form(
    request: Request, db: DB, me: OrganiserPage, event_id: Id, booth_id: Id
) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    booth = _event_booth(db, me, event, booth_id)
    form = {
        "organisation_id": booth.organisation_id,
        "location_code": booth.location_code or "",
        "online_room_url": booth.online_room_url or "",
    }
    return _booth_page(request, db, me, event, form, {}, booth)


def _posted_booth(posted: FormData) -> dict[str, Any]:
    return {k: str(posted.get(k, "")).strip() for k in BOOTH_FIELDS}


def _booth_company(db: DB, me: User, event: Event, form: dict[str, Any]) -> int:
    """The company of a new booth: one picked from the list, or one added now by name."""
    picked = optional_int(form["organisation_id"], "organisation_id", "Company")
    name = form["new_company"]
    if picked is not None and name:
        raise InputError(
            "Pick a company from the list or name a new one, not both.", field="new_company"
        )
    if picked is None and not name:
        raise InputError("Pick the company, or add a new one below.", field="organisation_id")
    if picked is not None:
        if picked not in {c.id for c in _companies(db)}:
            raise InputError("Pick a company from the list.", field="organisation_id")
        if any(b.organisation_id == picked for b in events.list_booths(db, me, event.id)):
            raise InputError(
                "This company already has a booth here; edit that one.", field="organisation_id"
            )
        return picked
    if any(c.name.casefold() == name.casefold() for c in _companies(db)):
        raise InputError("This company exists already: pick it from the list.", field="new_company")
    slug = slug_of(name)
    if not slug:
        raise InputError("Give the company's name in letters or digits.", field="new_company")
    try:
        data = OrganisationIn(
            slug=slug,
            kind=OrgKind.COMPANY,
            name=name,
            sector=form["new_company_sector"] or None,
        )
    except ValidationError as exc:
        errors = errors_of(exc)
        field = "new_company_sector" if "sector" in errors else "new_company"
        raise InputError(next(iter(errors.values())), field=field) from exc
    try:
        return organisations.create_organisation(db, me, data).id
    except FoundryError as exc:  # the slug of another company's name
        raise InputError(
            "A company with a very similar name exists: pick it from the list.",
            field="new_company",
        ) from exc


def _booth_in(organisation_id: int, form: dict[str, Any]) -> BoothIn:
    return BoothIn(
        organisation_id=organisation_id,
        location_code=form["location_code"] or None,
        online_room_url=form["online_room_url"] or None,
    )


@router.post("/events/{event_id}/booths/new", response_model=None)
def add_booth(
    request: Request, db: DB, me: OrganiserPage, posted: CheckedForm, event_id: Id
) -> Response:
    event = managed_event(db, me, event_id)
    form = _posted_booth(posted)
    errors: dict[str, str] = {}
    try:  # the place first: a booth refused must not leave a new company behind
        _booth_in(1, form)  # a stand-in id: only the place is checked here
    except ValidationError as exc:
        errors = errors_of(exc, BOOTH_FIELDS)
    try:
        org_id = _booth_company(db, me, event, form)
        if not errors:
            events.add_booth(db, me, event.id, _booth_in(org_id, form))
    except FoundryError as exc:
        errors = {**errors_of(exc, BOOTH_FIELDS), **errors}
    if errors:
        db.rollback()
        event = managed_event(db, me, event_id)
        return _booth_page(request, db, me, event, form, errors, None)
    return RedirectResponse(f"/organiser/events/{event.id}/booths?saved=booth", status_code=303)


@router.post("/events/{event_id}/booths/{booth_id}/edit", response_model=None)
def edit_booth(
    request: Request, db: DB, me: OrganiserPage, posted: CheckedForm, event_id: Id, booth_id: Id
) -> Response:
    event = managed_event(db, me, event_id)
    booth = _event_booth(db, me, event, booth_id)
    form = _posted_booth(posted)
    form["organisation_id"] = booth.organisation_id
    try:
        events.add_booth(db, me, event.id, _booth_in(booth.organisation_id, form))
    except (ValidationError, FoundryError) as exc:
        db.rollback()
        event = managed_event(db, me, event_id)
        booth = _event_booth(db, me, event, booth_id)
        errors = errors_of(exc, BOOTH_FIELDS)
        return _booth_page(request, db, me, event, form, errors, booth)
    return RedirectResponse(f"/organiser/events/{event.id}/booths?saved=booth", status_code=303)


# --- sessions -------------------------------------------------------------------------------


def _event_session(db: DB, event: Event, session_id: int) -> EventSession:
    session = workshops.get_session(db, session_id)
    if session.event_id != event.id:
        raise NotFound(f"No session {session_id} at this event.")
    return session


@router.get("/events/{event_id}/sessions", response_class=HTMLResponse)
def sessions(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    """The event's sessions; each that overlaps another in the same room or with the same
    speaker is flagged, naming the other (a warning: the organiser decides)."""
    event = managed_event(db, me, event_id)
    listed = workshops.list_sessions(db, event.id)
    rows = [(s, workshops.confirmed_count(db, s.id)) for s in listed]
    return render(
        request,
        "setup_sessions.html",
        me,
        event=event,
        rows=rows,
        clashes=clashes(listed),
        # Who waits only because of a clash (a free seat skips them), and with what.
        blocked={s.id: waitlist.blocked_report(db, me, s.id) for s in listed},
        when=commitments.when,
        saved=request.query_params.get("saved"),
    )


def _session_form_of(session: EventSession | None, event: Event) -> dict[str, Any]:
    if session is None:
        return {"kind": SessionKind.WORKSHOP.value, "mode": Mode.ONSITE.value}
    return {
        "kind": session.kind,
        "title": session.title,
        "speaker": session.speaker,
        "description": session.description,
        "starts_at": local_input(session.starts_at, event.timezone),
        "ends_at": local_input(session.ends_at, event.timezone),
        "mode": session.mode,
        "location": session.location or "",
        "online_url": session.online_url or "",
        "capacity": "" if session.capacity is None else str(session.capacity),
    }


def _session_page(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    form: dict[str, Any],
    errors: dict[str, str],
    session: EventSession | None,
) -> HTMLResponse:
    listed = workshops.list_sessions(db, event.id) if session is not None else []
    return render(
        request,
        "setup_session_form.html",
        me,
        status_code=422 if errors else 200,
        event=event,
        form=form,
        errors=errors,
        session=session,
        clashes=clashes_of(session.id, listed) if session is not None else [],
        kinds=[k.value for k in SessionKind],
        modes=[m.value for m in Mode],
    )


def _posted_session(posted: FormData) -> dict[str, Any]:
    return {k: str(posted.get(k, "")).strip() for k in SESSION_FIELDS}


def _session_in(form: dict[str, Any], event: Event) -> SessionIn:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "kind": form["kind"],
        "title": form["title"],
        "speaker": form["speaker"],
        "description": form["description"],
        "mode": form["mode"],
        "location": form["location"] or None,
        "online_url": form["online_url"] or None,
        **_times(form, event.timezone, errors),
    }
    try:
        values["capacity"] = optional_int(form["capacity"], "capacity", "Seats")
    except InputError as exc:
        errors["capacity"] = exc.message
    _whole_form_rules(values, errors)
    try:
        data = SessionIn(**values)
    except ValidationError as exc:
        raise _FormErrors(_merge(errors, exc, SESSION_FIELDS)) from exc
    if errors:
        raise _FormErrors(errors)
    return data


@router.get("/events/{event_id}/sessions/new", response_class=HTMLResponse)
def new_session_form(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    return _session_page(request, db, me, event, _session_form_of(None, event), {}, None)


@router.post("/events/{event_id}/sessions/new", response_model=None)
def add_session(
    request: Request, db: DB, me: OrganiserPage, posted: CheckedForm, event_id: Id
) -> Response:
    event = managed_event(db, me, event_id)
    form = _posted_session(posted)
    try:
        session = workshops.create_session(db, me, event.id, _session_in(form, event))
    except _FormErrors as exc:
        return _session_page(request, db, me, event, form, exc.errors, None)
    except FoundryError as exc:
        db.rollback()
        event = managed_event(db, me, event_id)
        return _session_page(request, db, me, event, form, errors_of(exc, SESSION_FIELDS), None)
    return RedirectResponse(
        f"/organiser/events/{event.id}/sessions?saved={session.id}", status_code=303
    )


@router.get("/events/{event_id}/sessions/{session_id}/edit", response_class=HTMLResponse)
def edit_session_form(
    request: Request, db: DB, me: OrganiserPage, event_id: Id, session_id: Id
) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    session = _event_session(db, event, session_id)
    return _session_page(request, db, me, event, _session_form_of(session, event), {}, session)


@router.post("/events/{event_id}/sessions/{session_id}/edit", response_model=None)
def edit_session(
    request: Request, db: DB, me: OrganiserPage, posted: CheckedForm, event_id: Id, session_id: Id
) -> Response:
    event = managed_event(db, me, event_id)
    session = _event_session(db, event, session_id)
    form = _posted_session(posted)
    form.update(kind=session.kind, mode=session.mode)  # fixed once made: seats are per mode
    try:
        data = _session_in(form, event)
        patch = SessionPatch(**data.model_dump(exclude={"kind", "mode"}))
        workshops.update_session(db, me, session.id, patch)
    except _FormErrors as exc:
        return _session_page(request, db, me, event, form, exc.errors, session)
    except FoundryError as exc:
        db.rollback()
        event = managed_event(db, me, event_id)
        session = _event_session(db, event, session_id)
        return _session_page(request, db, me, event, form, errors_of(exc, SESSION_FIELDS), session)
    return RedirectResponse(
        f"/organiser/events/{event.id}/sessions?saved={session.id}", status_code=303
    )


# --- accounts -------------------------------------------------------------------------------


def _accounts_page(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    form: dict[str, Any],
    errors: dict[str, str],
    created: str | None = None,
) -> HTMLResponse:
    orgs = organisations.list_organisations(db, limit=MAX_PAGE).items
    return render(
        request,
        "setup_accounts.html",
        me,
        status_code=422 if errors else 200,
        event=event,
        form=form,
        errors=errors,
        created=created,
        roles=[(r.value, r.value.replace("_", " ")) for r in ACCOUNT_ROLES],
        orgs=[(o.id, f"{o.name} ({o.kind})") for o in orgs],
    )


@router.get("/events/{event_id}/accounts", response_class=HTMLResponse)
def accounts_form(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    created = request.session.pop("created_account", None)
    form = {"role": UserRole.RECRUITER.value, "timezone": event.timezone}
    return _accounts_page(request, db, me, event, form, {}, created)


@router.post("/events/{event_id}/accounts", response_model=None)
def create_account(
    request: Request, db: DB, me: OrganiserPage, posted: CheckedForm, event_id: Id
) -> Response:
    event = managed_event(db, me, event_id)
    form: dict[str, Any] = {k: str(posted.get(k, "")).strip() for k in ACCOUNT_FIELDS}
    form["password"] = str(posted.get("password", ""))  # as typed: spaces count
    errors: dict[str, str] = {}
    try:
        if form["role"] not in {r.value for r in ACCOUNT_ROLES}:
            raise InputError(
                "Organisers create recruiter and university staff accounts.", field="role"
            )
        org_id = optional_int(form["organisation_id"], "organisation_id", "Organisation")
        data = UserIn(
            email=form["email"],
            password=form["password"],
            full_name=form["full_name"],
            timezone=form["timezone"] or event.timezone,
            role=form["role"],
            organisation_id=org_id,
        )
        new_user = accounts.create_user(db, data)
    except (ValidationError, FoundryError) as exc:
        db.rollback()
        errors = errors_of(exc, ACCOUNT_FIELDS)
    if errors:
        event = managed_event(db, me, event_id)
        form["password"] = ""  # never sent back in the page
        return _accounts_page(request, db, me, event, form, errors)
    request.session["created_account"] = new_user.email
    return RedirectResponse(f"/organiser/events/{event.id}/accounts", status_code=303)
