"""The candidate's ranked list of companies to meet at an event (the input of the interview
allocation): add a company, remove one, move it up or down. Each press saves the list at once, so
the page works without JavaScript and nothing is lost when a phone locks mid-edit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.enums import OrgKind
from talentfoundry.domain.errors import FoundryError, InputError
from talentfoundry.services import allocation, candidates, events
from talentfoundry.store.models import Event, User
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.forms import errors_of, reordered, whole_number
from talentfoundry.web.pages.guards import CandidatePage, CheckedForm, safe_next
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

ACTIONS = ("add", "remove", "up", "down")


def _page(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    wishes = allocation.my_requests(db, me, event.id)
    listed = {w.organisation_id for w in wishes}
    companies = sorted(
        (
            b.organisation
            for b in events.list_booths(db, me, event.id)
            if b.organisation.kind == OrgKind.COMPANY
        ),
        key=lambda o: o.name.casefold(),
    )
    try:
        attendee = candidates.my_attendance(db, me, event.id)
    except FoundryError:
        attendee = None
    return render(
        request,
        "meetings.html",
        me,
        status_code=status,
        event=event,
        wishes=wishes,
        addable=[(o.id, o.name) for o in companies if o.id not in listed],
        attendee=attendee,
        errors=errors or {},
        saved=request.query_params.get("saved"),
        max_requests=allocation.MAX_REQUESTS,
    )


@router.get("/events/{slug}/meetings", response_class=HTMLResponse)
def meetings_page(request: Request, db: DB, me: CandidatePage, slug: str) -> HTMLResponse:
    return _page(request, db, me, events.get_event_by_slug(db, me, slug))


@router.post("/events/{slug}/meetings", response_model=None)
def change_meetings(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    slug: str,
    action: Annotated[str, Form()] = "",
    organisation_id: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    event = events.get_event_by_slug(db, me, slug)
    current = [w.organisation_id for w in allocation.my_requests(db, me, event.id)]
    try:
        if action not in ACTIONS:
            raise InputError("Unknown change to the list.")
        company = whole_number(organisation_id)
        if company is None:
            raise InputError("Choose a company.", field="organisation_id")
        wanted = reordered(current, action, company)
        with db.begin_nested():  # a refused list leaves the saved one as it was
            allocation.set_requests(db, me, event.id, wanted)
    except FoundryError as exc:
        errors = errors_of(exc, ("organisation_id", "organisation_ids"))
        if "organisation_ids" in errors:  # the service's name for the whole list
            errors["organisation_id"] = errors.pop("organisation_ids")
        return _page(request, db, me, event, errors, exc.status)
    target = safe_next(back) or f"/events/{event.slug}/meetings?saved={action}"
    return RedirectResponse(target, status_code=303)
