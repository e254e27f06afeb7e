"""Organiser page for the interview allocation of an event: run it (meetings per candidate and the
objective), compare it with first come, first served on the same requests (table and plot), and
publish it, which books every proposed meeting at once, after an explicit confirmation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.errors import Conflict, FoundryError, InputError
from talentfoundry.services import allocation
from talentfoundry.services.schemas import Id
from talentfoundry.store.models import AllocationRun, Event, User
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.charts import ALLOCATION_FIGURES, allocation_svg
from talentfoundry.web.pages.forms import errors_of, whole_number
from talentfoundry.web.pages.guards import CheckedForm, OrganiserPage
from talentfoundry.web.pages.organiser import managed_event
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(prefix="/organiser", include_in_schema=False)

OBJECTIVES = [
    ("coverage_then_weight", "Most candidates with a meeting first"),
    ("weight", "Most weight of wishes met"),
]
RUN_FIELDS = ("max_meetings", "objective")


def _latest(db: DB, me: User, event: Event) -> AllocationRun | None:
    try:
        return allocation.latest_run(db, me, event.id)
    except InputError:  # no run yet
        return None


def _page(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    run = _latest(db, me, event)
    return render(
        request,
        "allocation.html",
        me,
        status_code=status,
        event=event,
        run=run,
        figures=ALLOCATION_FIGURES,
        objectives=OBJECTIVES,
        form=form
        or {"max_meetings": run.max_meetings if run else 3, "objective": OBJECTIVES[0][0]},
        errors=errors or {},
        notice=request.query_params.get("msg", ""),
    )


@router.get("/events/{event_id}/allocation", response_class=HTMLResponse)
def allocation_page(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    return _page(request, db, me, managed_event(db, me, event_id))


@router.post("/events/{event_id}/allocation", response_model=None)
def run_allocation(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    event_id: Id,
    max_meetings: Annotated[str, Form()] = "",
    objective: Annotated[str, Form()] = "",
) -> Response:
    event = managed_event(db, me, event_id)
    form = {"max_meetings": max_meetings, "objective": objective}
    try:
        meetings = whole_number(max_meetings)
        if meetings is None:
            raise InputError("Give a whole number from 1 to 20.", field="max_meetings")
        with db.begin_nested():
            allocation.run_allocation(db, me, event.id, max_meetings=meetings, objective=objective)
    except FoundryError as exc:
        errors = errors_of(exc, RUN_FIELDS)
        return _page(request, db, me, event, form=form, errors=errors, status=exc.status)
    return RedirectResponse(f"/organiser/events/{event.id}/allocation?msg=run", status_code=303)


@router.post("/allocations/{run_id}/publish", response_model=None)
def publish(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    run_id: Id,
    event_id: Annotated[Id, Form()],
    confirm: Annotated[str, Form()] = "",
) -> Response:
    event = managed_event(db, me, event_id)
    try:
        if not confirm:
            raise InputError(
                "Tick the box to confirm: publishing books every proposed meeting.",
                field="confirm",
            )
        latest = _latest(db, me, event)
        if latest is None or latest.id != run_id:
            raise Conflict("This is not the latest allocation of this event; reload the page.")
        with db.begin_nested():
            allocation.publish(db, me, run_id)
    except FoundryError as exc:
        errors = errors_of(exc, ("confirm",))
        return _page(request, db, me, event, errors=errors, status=exc.status)
    return RedirectResponse(
        f"/organiser/events/{event.id}/allocation?msg=published", status_code=303
    )


@router.get("/events/{event_id}/allocation.svg")
def allocation_plot(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> Response:
    run = allocation.latest_run(db, me, managed_event(db, me, event_id).id)
    return Response(
        allocation_svg(run.stats), media_type="image/svg+xml", headers={"Cache-Control": "no-store"}
    )
