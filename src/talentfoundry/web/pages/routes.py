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
    booking,
    candidates,
    events,
    floorplan,
    organisations,
    roles,
    workshops,
)
from talentfoundry.services.schemas import Id, SearchText
from talentfoundry.web.deps import DB, PageUser
from talentfoundry.web.pages.csrf import check_csrf, csrf_token
from talentfoundry.web.pages.guards import safe_next
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


@router.get("/companies/{org_id}", response_class=HTMLResponse)
def company_page(request: Request, db: DB, user: PageUser, org_id: Id) -> HTMLResponse:
    org = organisations.get_organisation(db, org_id)
    org_roles = roles.list_roles(db, organisation_id=org.id, limit=100)
    return render(request, "company.html", user, org=org, roles=org_roles.items)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: PageUser, next: str = "") -> HTMLResponse:
    return render(request, "login.html", user, error=None, email="", next=safe_next(next) or "")


@router.post("/login", response_model=None)
def login(
    request: Request,
    db: DB,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    target = safe_next(next)
    try:
        found = accounts.authenticate(db, email, password)
    except AuthRequired as exc:
        return render(
            request,
            "login.html",
            None,
            status_code=401,
            error=exc.message,
            email=email,
            next=target or "",
        )
    request.session.clear()
    request.session.update(uid=found.id, pwh=found.password_hash[-16:])
    return RedirectResponse(target or "/me", status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> RedirectResponse:
    check_csrf(request, csrf)
    request.session.clear()
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
