"""Candidate pages for the matching engine: "Recommended for you", with the reasons for each role
(skills matched and the CV line showing them, required skills missing, each component's share of
the score), a button to apply and one to put the company on the list of meetings I'd like."""

from __future__ import annotations

from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import candidates, events, matching, shortlist
from talentfoundry.services.schemas import Id
from talentfoundry.store.models import Attendee, Event, User
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.forms import whole_number
from talentfoundry.web.pages.guards import CandidatePage, CheckedForm
from talentfoundry.web.pages.routes import render

__all__ = ["attended_events", "router"]

router = APIRouter(include_in_schema=False)


def attended_events(db: DB, me: User) -> list[tuple[Event, Attendee]]:
    """The events the candidate registered for, with their registration."""
    out = []
    for event in events.list_events(db, me, limit=200).items:
        try:
            out.append((event, candidates.my_attendance(db, me, event.id)))
        except FoundryError:
            continue
    return out


def _chosen_event(attending: list[tuple[Event, Attendee]], event_id: str) -> Event | None:
    """The event asked for; by default the first the candidate attends; "all": no filter."""
    if event_id == "all":
        return None
    if (wanted := whole_number(event_id)) is not None:
        return next((e for e, _ in attending if e.id == wanted), None)
    return attending[0][0] if attending else None


def _grouped(recs: matching.Recommendations) -> list[dict[str, Any]]:
    """Ranked roles grouped by company, companies in the order of their best role."""
    groups: OrderedDict[int, dict[str, Any]] = OrderedDict()
    if recs.result is None:
        return []
    for match in recs.result.results:
        role = recs.roles[int(match.id)]
        group = groups.setdefault(
            role.organisation_id, {"organisation": role.organisation, "items": []}
        )
        group["items"].append({"role": role, "match": match})
    return list(groups.values())


def _page(
    request: Request, db: DB, me: User, event_id: str, errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    attending = attended_events(db, me)
    event = _chosen_event(attending, event_id)
    recs = matching.recommend_roles(db, me, event_id=event.id if event else None)
    applied = {a.job_role_id for a in shortlist.my_applications(db, me)}
    return render(
        request,
        "recommendations.html",
        me,
        status_code=status,
        attending=attending,
        event=event,
        groups=_grouped(recs),
        message=recs.message or (recs.result.message if recs.result else None),
        warnings=list(recs.result.warnings) if recs.result else [],
        applied=applied,
        errors=errors,
        notice=request.query_params.get("msg", ""),
    )


@router.get("/me/recommendations", response_class=HTMLResponse)
def recommendations_page(
    request: Request, db: DB, me: CandidatePage, event_id: str = ""
) -> HTMLResponse:
    return _page(request, db, me, event_id, {})


@router.post("/me/recommendations/apply", response_model=None)
def apply(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    role_id: Annotated[Id, Form()],
    event_id: Annotated[str, Form()] = "",
) -> Response:
    try:
        with db.begin_nested():
            shortlist.apply(db, me, role_id)
    except FoundryError as exc:
        return _page(request, db, me, event_id, {"_form": exc.message}, exc.status)
    return RedirectResponse(
        f"/me/recommendations?event_id={event_id or 'all'}&msg=applied#r{role_id}",
        status_code=303,
    )
