"""Organiser pages: the events they run, the check-in desk and the live dashboard (with the
matching index's progress, refreshed by HTMX while it works)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from talentfoundry.domain.enums import CheckInChannel
from talentfoundry.domain.errors import Conflict, FoundryError
from talentfoundry.services import checkin, dashboard, events, match_index
from talentfoundry.services.common import principal_for
from talentfoundry.services.schemas import CheckInIn, Id, SearchText
from talentfoundry.store.models import Event, User
from talentfoundry.web.deps import DB, AppSettings, Now, clock_now
from talentfoundry.web.pages.forms import errors_of
from talentfoundry.web.pages.guards import CheckedForm, OrganiserPage
from talentfoundry.web.pages.routes import render
from talentfoundry.web.pages.templating import templates

__all__ = ["router"]

router = APIRouter(prefix="/organiser", include_in_schema=False)

MATCH_INDEX_PANEL = "match-index"  # the id of the dashboard's panel (``_match_index.html``)


def managed_event(db: DB, me: User, event_id: int) -> Event:
    event = events.get_event(db, me, event_id)
    events.require_manager(db, me, event)
    return event


@router.get("", response_class=HTMLResponse)
def my_events(request: Request, db: DB, me: OrganiserPage) -> HTMLResponse:
    p = principal_for(db, me)
    mine = [
        e
        for e in events.list_events(db, me, limit=200).items
        if p.is_admin or e.id in p.organiser_of
    ]
    return render(request, "organiser_events.html", me, events=mine)


def _desk(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    *,
    result: checkin.CheckInResult | None = None,
    errors: dict[str, str] | None = None,
    code: SearchText = "",
    status_code: int = 200,
) -> HTMLResponse:
    window = checkin.window(event, request.app.state.settings, clock_now(request))
    return render(
        request,
        "checkin.html",
        me,
        status_code=status_code,
        event=event,
        result=result,
        errors=errors or {},
        code=code,
        counts=checkin.counts(db, me, event.id),
        window=window,
    )


@router.get("/events/{event_id}/checkin", response_class=HTMLResponse)
def desk(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    return _desk(request, db, me, managed_event(db, me, event_id))


@router.post("/events/{event_id}/checkin", response_class=HTMLResponse)
def check_in(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    event_id: Id,
    settings: AppSettings,
    now: Now,
    badge_code: Annotated[str, Form()] = "",
) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    try:
        data = CheckInIn(badge_code=badge_code, channel=CheckInChannel.ONSITE, location="desk")
        result = checkin.check_in_badge(db, me, event.id, data, settings=settings, now=now)
    except (ValidationError, FoundryError) as exc:
        errors = errors_of(exc, ("badge_code",))
        errors = {"badge_code": next(iter(errors.values()))}
        status = 409 if isinstance(exc, Conflict) else 422  # outside the window: 409
        return _desk(request, db, me, event, errors=errors, code=badge_code, status_code=status)
    return _desk(request, db, me, event, result=result)


@router.get("/events/{event_id}/dashboard", response_class=HTMLResponse)
def live_dashboard(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    event = managed_event(db, me, event_id)
    index = match_index.index_state(db)
    if request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == (
        MATCH_INDEX_PANEL
    ):  # the panel polling itself while the index works
        return templates.TemplateResponse(
            request, "_match_index.html", {"event": event, "ix": index}
        )
    return render(
        request,
        "dashboard.html",
        me,
        event=event,
        d=dashboard.dashboard(db, me, event.id),
        figures=dashboard.FIGURES,
        ix=index,
    )


@router.get("/events/{event_id}/dashboard/{figure}.svg")
def dashboard_plot(
    request: Request, db: DB, me: OrganiserPage, event_id: Id, figure: str
) -> Response:
    d = dashboard.dashboard(db, me, event_id)
    return Response(
        dashboard.plot_svg(d, figure),
        media_type="image/svg+xml",
        headers={"Cache-Control": "no-store"},
    )
