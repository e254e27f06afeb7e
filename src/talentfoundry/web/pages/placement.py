"""Placement-round pages for every party. The organiser creates a round (a draft), opens it for
choices, closes it (or lets the deadline close it), runs the stable matching and publishes it;
company recruiters and university staff add their programmes and rank the applicants (equal
numbers are a tie); students rank programmes while the round is open, before the deadline (shown
in the event's time zone and their own), and then see their result, with the reasons when
unplaced. Each party downloads the results it may see as CSV.

Every page shows the round's state, what happens next and only the actions possible now; what is
possible is decided by ``services.placement_rounds.status_of`` and enforced again by the service
function each button calls, with the request's clock (``deps.Now``)."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import FoundryError, InputError, NotFound, PermissionDenied
from talentfoundry.domain.round_states import State
from talentfoundry.services import events, placement_choices
from talentfoundry.services import placement_rounds as rounds
from talentfoundry.services.common import get_or_404
from talentfoundry.services.schemas import Id, Name
from talentfoundry.store.models import Event, PlacementProgramme, PlacementRound, User
from talentfoundry.web.deps import DB, Now, PageUser, clock_now
from talentfoundry.web.pages.forms import errors_of, local_datetime, reordered, whole_number
from talentfoundry.web.pages.guards import (
    ORGANISER_ROLES,
    CandidatePage,
    CheckedForm,
    OrganiserPage,
    SignedInPage,
    page_for,
    require,
)
from talentfoundry.web.pages.organiser import managed_event
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

OPTIMAL = [("student", "Best for students"), ("programme", "Best for programmes")]
ROUND_FIELDS = ("name", "deadline", "optimal")
PROGRAMME_FIELDS = ("title", "kind", "capacity", "description")
_PROGRAMME_STAFF = (UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF)


def _programme_staff(request: Request, user: PageUser) -> User:
    me = require(request, user, *_PROGRAMME_STAFF)
    if me.organisation_id is None:
        raise PermissionDenied("Your account is not linked to an organisation yet.")
    return me


ProgrammeStaffPage = Annotated[User, Depends(_programme_staff)]
"""A company's or university's staff member: who offers programmes, for their own organisation."""
ProgrammePage = Annotated[User, Depends(page_for(*_PROGRAMME_STAFF, *ORGANISER_ROLES))]
"""Who reads and ranks a programme's applicants: its organisation's staff, or the organisers."""


def _manages(db: DB, me: User, event: Event) -> bool:
    try:
        events.require_manager(db, me, event)
    except PermissionDenied:
        return False
    return True


def _csv(body: str, name: str) -> Response:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/placement", response_class=HTMLResponse)
def all_rounds(request: Request, db: DB, me: SignedInPage) -> HTMLResponse:
    """Every placement round of the events the viewer can see."""
    now = clock_now(request)
    listed = [
        (event, placement_round, rounds.status_of(placement_round, now))
        for event in events.list_events(db, me, limit=200).items
        for placement_round in rounds.list_rounds(db, event.id)
    ]
    return render(request, "placement_rounds.html", me, listed=listed)


# --- organiser: create a round ------------------------------------------------------------


def _event_rounds_page(
    request: Request,
    db: DB,
    me: User,
    event: Event,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    now = clock_now(request)
    return render(
        request,
        "placement_event.html",
        me,
        status_code=status,
        event=event,
        rounds=[(r, rounds.status_of(r, now)) for r in rounds.list_rounds(db, event.id)],
        optimal=OPTIMAL,
        form=form or {"optimal": "student"},
        errors=errors or {},
    )


@router.get("/organiser/events/{event_id}/placement", response_class=HTMLResponse)
def event_rounds(request: Request, db: DB, me: OrganiserPage, event_id: Id) -> HTMLResponse:
    return _event_rounds_page(request, db, me, managed_event(db, me, event_id))


@router.post("/organiser/events/{event_id}/placement", response_model=None)
def create_round(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    event_id: Id,
    now: Now,
    name: Annotated[str, Form()] = "",
    deadline: Annotated[str, Form()] = "",
    optimal: Annotated[str, Form()] = "student",
) -> Response:
    event = managed_event(db, me, event_id)
    form = {"name": name, "deadline": deadline, "optimal": optimal}
    try:
        clean_name = TypeAdapter(Name).validate_python(name)
        when = local_datetime(deadline, event.timezone, "deadline")
        created = rounds.create_round(
            db, me, event.id, name=clean_name, deadline=when, optimal=optimal, now=now
        )
    except ValidationError as exc:
        errors = {"name": next(iter(errors_of(exc).values()))}
        return _event_rounds_page(request, db, me, event, form, errors, 422)
    except FoundryError as exc:
        errors = errors_of(exc, ROUND_FIELDS)
        return _event_rounds_page(request, db, me, event, form, errors, exc.status)
    return RedirectResponse(f"/placement/rounds/{created.id}?msg=created", status_code=303)


# --- the round page, by role --------------------------------------------------------------


def _round_page(
    request: Request,
    db: DB,
    me: User,
    placement_round: PlacementRound,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    event = placement_round.event
    round_status = rounds.status_of(placement_round, clock_now(request))
    context: dict[str, Any] = {
        "round": placement_round,
        "status": round_status,
        "event": event,
        "manages": _manages(db, me, event),
        "kinds": list(rounds.PROGRAMME_KINDS),
        "form": form or {"kind": "internship", "capacity": 1},
        "errors": errors or {},
        "notice": request.query_params.get("msg", ""),
        "summary": {
            k: request.query_params.get(k) for k in ("students", "placed", "unplaced", "places")
        },
        "choices": [],
        "addable": [],
        "outcome": None,
        "own_programmes": [],
    }
    if me.role == UserRole.CANDIDATE:
        choices = placement_choices.my_choices(db, me, placement_round.id)
        chosen = {p.id for p in choices}
        context["choices"] = choices
        context["addable"] = [
            (p.id, f"{p.title} ({p.organisation.name})")
            for p in placement_round.programmes
            if p.id not in chosen
        ]
        if round_status.state is State.PUBLISHED:
            try:
                context["outcome"] = rounds.my_outcome(db, me, placement_round.id)
            except NotFound:
                context["outcome"] = None
    elif me.role in _PROGRAMME_STAFF and me.organisation_id is not None:
        context["own_programmes"] = [
            p for p in placement_round.programmes if p.organisation_id == me.organisation_id
        ]
    return render(request, "placement_round.html", me, status_code=status, **context)


@router.get("/placement/rounds/{round_id}", response_class=HTMLResponse)
def round_page(request: Request, db: DB, me: SignedInPage, round_id: Id) -> HTMLResponse:
    return _round_page(request, db, me, rounds.get_round(db, round_id))


def _organiser_move(
    request: Request, db: DB, me: User, round_id: int, move: Any, notice: str
) -> Response:
    """Open or close a round: the service decides whether it may move; a refusal is shown on
    the round's page."""
    placement_round = rounds.get_round(db, round_id)
    try:
        with db.begin_nested():
            move(db, me, round_id, now=clock_now(request))
    except FoundryError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        return _round_page(
            request, db, me, placement_round, errors={"_form": exc.message}, status=exc.status
        )
    return RedirectResponse(f"/placement/rounds/{round_id}?msg={notice}", status_code=303)


@router.post("/placement/rounds/{round_id}/open", response_model=None)
def open_round(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    round_id: Id,
) -> Response:
    return _organiser_move(request, db, me, round_id, rounds.open_round, "opened")


@router.post("/placement/rounds/{round_id}/close", response_model=None)
def close_round(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    round_id: Id,
) -> Response:
    return _organiser_move(request, db, me, round_id, rounds.close_round, "closed")


@router.post("/placement/rounds/{round_id}/run", response_model=None)
def run_round(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    round_id: Id,
    now: Now,
) -> Response:
    placement_round = rounds.get_round(db, round_id)
    try:
        with db.begin_nested():
            s = rounds.run_round(db, me, round_id, now=now)
    except FoundryError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        return _round_page(
            request, db, me, placement_round, errors={"_form": exc.message}, status=exc.status
        )
    query = f"students={s.students}&placed={s.placed}&unplaced={s.unplaced}&places={s.places}"
    return RedirectResponse(f"/placement/rounds/{round_id}?msg=run&{query}", status_code=303)


@router.post("/placement/rounds/{round_id}/publish", response_model=None)
def publish_round(
    request: Request,
    db: DB,
    me: OrganiserPage,
    _form: CheckedForm,
    round_id: Id,
    now: Now,
    confirm: Annotated[str, Form()] = "",
) -> Response:
    placement_round = rounds.get_round(db, round_id)
    events.require_manager(db, me, placement_round.event)
    try:
        if not confirm:
            raise InputError(
                "Tick the box to confirm: students will see their results.", field="confirm"
            )
        with db.begin_nested():
            rounds.publish_round(db, me, round_id, now=now)
    except FoundryError as exc:
        errors = errors_of(exc, ("confirm",))
        return _round_page(request, db, me, placement_round, errors=errors, status=exc.status)
    return RedirectResponse(f"/placement/rounds/{round_id}?msg=published", status_code=303)


@router.post("/placement/rounds/{round_id}/programmes", response_model=None)
def add_programme(
    request: Request,
    db: DB,
    me: ProgrammeStaffPage,
    _form: CheckedForm,
    round_id: Id,
    now: Now,
    title: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    capacity: Annotated[str, Form()] = "",
    description: Annotated[str, Form()] = "",
) -> Response:
    """A company's or university's programme; always for the viewer's own organisation."""
    placement_round = rounds.get_round(db, round_id)
    form = {"title": title, "kind": kind, "capacity": capacity, "description": description}
    try:
        if not title.strip():
            raise InputError("Give the programme a title.", field="title")
        places = whole_number(capacity)
        if places is None or places < 0:
            raise InputError("Give the number of places (0 or more).", field="capacity")
        with db.begin_nested():
            rounds.add_programme(
                db,
                me,
                round_id,
                organisation_id=me.organisation_id,
                title=title.strip()[:200],
                kind=kind,
                capacity=places,
                description=description.strip(),
                now=now,
            )
    except FoundryError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        errors = errors_of(exc, PROGRAMME_FIELDS)
        return _round_page(
            request, db, me, placement_round, form=form, errors=errors, status=exc.status
        )
    return RedirectResponse(f"/placement/rounds/{round_id}?msg=programme", status_code=303)


@router.post("/placement/rounds/{round_id}/choices", response_model=None)
def change_choices(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    round_id: Id,
    now: Now,
    action: Annotated[str, Form()] = "",
    programme_id: Annotated[str, Form()] = "",
) -> Response:
    """A student's ranked list, one press at a time (add, remove, up, down), saved at once."""
    placement_round = rounds.get_round(db, round_id)
    current = [p.id for p in placement_choices.my_choices(db, me, round_id)]
    try:
        if action not in ("add", "remove", "up", "down"):
            raise InputError("Unknown change to the list.")
        chosen = whole_number(programme_id)
        if chosen is None:
            raise InputError("Choose a programme.", field="programme_id")
        with db.begin_nested():
            rounds.set_choices(db, me, round_id, reordered(current, action, chosen), now=now)
    except FoundryError as exc:
        errors = errors_of(exc, ("programme_id", "programme_ids"))
        if "programme_ids" in errors:
            errors["programme_id"] = errors.pop("programme_ids")
        return _round_page(request, db, me, placement_round, errors=errors, status=exc.status)
    return RedirectResponse(f"/placement/rounds/{round_id}?msg=choices", status_code=303)


@router.get("/placement/rounds/{round_id}/results.csv")
def results_csv(request: Request, db: DB, me: SignedInPage, round_id: Id) -> Response:
    """Organisers: every row; programme staff: their programmes' rows; a student: their own."""
    if me.role == UserRole.CANDIDATE:
        outcome = rounds.my_outcome(db, me, round_id)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["round", "programme", "organisation", "reasons"])
        programme = outcome.programme
        writer.writerow(
            [
                rounds.get_round(db, round_id).name,
                programme.title if programme else "",
                programme.organisation.name if programme else "",
                " | ".join(outcome.reasons),
            ]
        )
        return _csv(out.getvalue(), f"placement-round-{round_id}-my-result.csv")
    return _csv(rounds.export_csv(db, me, round_id), f"placement-round-{round_id}.csv")


# --- programme staff: rank the applicants ---------------------------------------------------


def _applicants_page(
    request: Request,
    db: DB,
    me: User,
    programme_id: int,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    rows = rounds.applicants(db, me, programme_id)  # refuses anyone but the programme's staff
    programme = get_or_404(db, PlacementProgramme, programme_id, "programme")
    values = form or {f"rank-{s.id}": ("" if r is None else str(r)) for s, r in rows}
    return render(
        request,
        "placement_programme.html",
        me,
        status_code=status,
        programme=programme,
        round=programme.round,
        status=rounds.status_of(programme.round, clock_now(request)),
        rows=rows,
        form=values,
        errors=errors or {},
        saved=request.query_params.get("saved"),
    )


@router.get("/placement/programmes/{programme_id}", response_class=HTMLResponse)
def applicants_page(request: Request, db: DB, me: ProgrammePage, programme_id: Id) -> HTMLResponse:
    return _applicants_page(request, db, me, programme_id)


@router.post("/placement/programmes/{programme_id}", response_model=None)
def save_ranking(
    request: Request, db: DB, me: ProgrammePage, posted: CheckedForm, programme_id: Id
) -> Response:
    """Ranks typed next to each applicant: 1 is best, equal numbers tie, blank is not acceptable."""
    rows = rounds.applicants(db, me, programme_id)
    form = {f"rank-{s.id}": str(posted.get(f"rank-{s.id}", "")).strip() for s, _ in rows}
    errors: dict[str, str] = {}
    ranks: dict[int, int] = {}
    for student, _ in rows:
        key = f"rank-{student.id}"
        text = form[key]
        if not text:
            continue
        rank = whole_number(text)
        if rank is None or rank < 1:
            errors[key] = "A rank is a whole number from 1 (best); leave it blank to decline."
        else:
            ranks[student.id] = rank
    if not errors:
        try:
            with db.begin_nested():
                rounds.set_ranking(db, me, programme_id, ranks, now=clock_now(request))
        except FoundryError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            errors = {"_form": exc.message}
    if errors:
        return _applicants_page(request, db, me, programme_id, form, errors, 422)
    return RedirectResponse(f"/placement/programmes/{programme_id}?saved=1", status_code=303)
