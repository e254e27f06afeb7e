"""Public pages (events, roles), login and a first personal dashboard."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import AuthRequired, FoundryError
from talentfoundry.services import (
    accounts,
    allocation,
    booking,
    candidates,
    events,
    floorplan,
    organisations,
    roles,
    shortlist,
    workshops,
)
from talentfoundry.services.schemas import Id, SearchText
from talentfoundry.services.sign_in_limits import TooManyAttempts
from talentfoundry.web import browser_sessions
from talentfoundry.web.deps import DB, ClientAddress, Limits, PageUser
from talentfoundry.web.pages.csrf import csrf_token
from talentfoundry.web.pages.guards import CandidatePage, CheckedForm, safe_next
from talentfoundry.web.pages.templating import templates

router = APIRouter(include_in_schema=False)


def render(
    request: Request, name: str, user: Any, status_code: int = 200, **context: Any
) -> HTMLResponse:
    context.update(user=user, csrf=csrf_token(request), viewer_tz=(user.timezone if user else None))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DB, user: PageUser) -> HTMLResponse:
    page = events.list_events(db, user, limit=50)
    return render(request, "home.html", user, events=page.items)


@router.get("/events/{slug}", response_class=HTMLResponse)
def event_page(request: Request, db: DB, user: PageUser, slug: str) -> HTMLResponse:
    event = events.get_event_by_slug(db, user, slug)
    booths = events.list_booths(db, user, event.id)
    role_page = roles.list_roles(db, event_id=event.id, limit=25)
    return render(
        request,
        "event.html",
        user,
        event=event,
        booths=booths,
        roles=role_page.items,
        role_total=role_page.total,
        sessions=workshops.list_sessions(db, event.id),
    )


@router.get("/events/{slug}/floorplan.svg")
def floor_plan(db: DB, user: PageUser, slug: str) -> Response:
    """The booths drawn by hall and number (the table on the event page has the same facts)."""
    event = events.get_event_by_slug(db, user, slug)
    return Response(
        floorplan.svg(events.list_booths(db, user, event.id)), media_type="image/svg+xml"
    )


@router.get("/roles", response_class=HTMLResponse)
def role_search(
    request: Request,
    db: DB,
    user: PageUser,
    q: SearchText = "",
    event_id: Id | None = None,
    sector: SearchText = "",
    work_mode: SearchText = "",
    location: SearchText = "",
    visa: SearchText = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    """Role search; an HTMX request (the filters changing) gets only the results fragment."""
    size = 25
    result = roles.list_roles(
        db,
        event_id=event_id,
        sector=sector or None,
        work_mode=work_mode or None,
        location=location or None,
        visa_sponsorship=True if visa == "yes" else None,
        q=q or None,
        limit=size,
        offset=(page - 1) * size,
    )
    filters = {
        "q": q,
        "event_id": event_id,
        "sector": sector,
        "work_mode": work_mode,
        "location": location,
        "visa": visa,
    }
    context = {
        "result": result,
        "page": page,
        "pages": max(1, -(-result.total // size)),
        "filters": filters,
        "base_query": urlencode({k: v for k, v in filters.items() if v}),
    }
    if request.headers.get("HX-Request") == "true":
        return templates.TemplateResponse(request, "_role_results.html", context)
    return render(request, "roles.html", user, **context)


_ROLE_NOTICES = {
    "applied": "Application sent.",
    "requested": "Added to the companies you would like to meet.",
}


def _role_page(
    request: Request,
    db: DB,
    user: Any,
    role_id: int,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A role's page: what it is, where to meet the company, and, for a candidate, how they
    match, whether they applied, and a "meet them" action per event."""
    role = roles.get_role(db, role_id)
    stands = roles.stands(db, user, role)
    candidate = user is not None and user.role == UserRole.CANDIDATE
    attending: set[int] = set()
    requested: set[int] = set()
    applied = False
    if candidate:
        for stand in stands:
            if _attendance(db, user, stand.event.id) is not None:
                attending.add(stand.event.id)
                wishes = allocation.my_requests(db, user, stand.event.id)
                if any(w.organisation_id == role.organisation_id for w in wishes):
                    requested.add(stand.event.id)
        applied = any(a.job_role_id == role.id for a in shortlist.my_applications(db, user))
    return render(
        request,
        "role.html",
        user,
        status_code=status_code,
        role=role,
        stands=stands,
        candidate=candidate,
        attending=attending,
        requested=requested,
        applied=applied,
        match=roles.match_for(db, user, role),
        has_cv=bool(candidate and user.profile and user.profile.cv),
        notice=_ROLE_NOTICES.get(request.query_params.get("msg", ""), ""),
        errors=errors or {},
    )


@router.get("/roles/{role_id}", response_class=HTMLResponse)
def role_page(request: Request, db: DB, user: PageUser, role_id: Id) -> HTMLResponse:
    return _role_page(request, db, user, role_id)


@router.post("/roles/{role_id}/apply", response_model=None)
def apply_to_role(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    role_id: Id,
) -> Response:
    try:
        with db.begin_nested():
            shortlist.apply(db, me, role_id)
    except FoundryError as exc:
        return _role_page(request, db, me, role_id, {"_form": exc.message}, exc.status)
    return RedirectResponse(f"/roles/{role_id}?msg=applied", status_code=303)


@router.get("/companies/{org_id}", response_class=HTMLResponse)
def company_page(request: Request, db: DB, user: PageUser, org_id: Id) -> HTMLResponse:
    org = organisations.get_organisation(db, org_id)
    org_roles = roles.list_roles(db, organisation_id=org.id, limit=100)
    return render(request, "company.html", user, org=org, roles=org_roles.items)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: PageUser, next: str = "", email: str = "") -> HTMLResponse:
    return render(
        request, "login.html", user, error=None, email=email[:254], next=safe_next(next) or ""
    )


@router.post("/login", response_model=None)
def login(
    request: Request,
    _form: CheckedForm,
    db: DB,
    limits: Limits,
    address: ClientAddress,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    target = safe_next(next)
    try:
        found = accounts.sign_in(db, limits, email, password, address=address)
    except (AuthRequired, TooManyAttempts) as exc:
        response = render(
            request,
            "login.html",
            None,
            status_code=exc.status,
            error=exc.message,
            email=email,
            next=target or "",
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    browser_sessions.sign_in(request, db, found)
    return RedirectResponse(target or "/me", status_code=303)


@router.post("/logout")
def logout(
    request: Request,
    _form: CheckedForm,
    db: DB,
) -> RedirectResponse:
    """End this browser's session: its row is deleted, so a copy of the cookie opens nothing."""
    browser_sessions.sign_out(request, db)
    return RedirectResponse("/", status_code=303)


@router.get("/me", response_class=HTMLResponse, response_model=None)
def dashboard(request: Request, db: DB, user: PageUser) -> Response:
    if user is None:
        return RedirectResponse("/login", status_code=303)
    context: dict[str, Any] = {}
    if user.role == UserRole.CANDIDATE:
        context["bookings"] = booking.my_bookings(db, user)
        context["registrations"] = workshops.my_registrations(db, user)
        context["attendances"] = [
            a
            for a in (_attendance(db, user, e.id) for e in events.list_events(db, user).items)
            if a
        ]
    elif user.role == UserRole.RECRUITER and user.organisation_id is not None:
        context["roles"] = roles.list_roles(
            db, organisation_id=user.organisation_id, limit=100
        ).items
    context["my_events"] = events.list_events(db, user).items
    return render(request, "me.html", user, **context)


def _attendance(db: DB, user: Any, event_id: int) -> Any:
    try:
        return candidates.my_attendance(db, user, event_id)
    except FoundryError:
        return None
