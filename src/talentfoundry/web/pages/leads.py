"""Leads pages: the recruiter's booth screen (scan or type a badge, then the company's leads with
rating and note, and a CSV), and the candidate's list of companies that scanned their badge.

Phone first: the booth screen is used standing at a booth. Every rule is in
:mod:`talentfoundry.services.leads`; these handlers only read forms and render.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import leads, recruiting
from talentfoundry.services.schemas import Id, LeadNoteIn, LeadScanIn
from talentfoundry.store.models import Event, User
from talentfoundry.web.deps import DB, AppSettings, Now
from talentfoundry.web.pages.forms import errors_of, whole_number
from talentfoundry.web.pages.guards import CandidatePage, CheckedForm, RecruiterPage
from talentfoundry.web.pages.routes import render

router = APIRouter(include_in_schema=False)


def _chosen_event(db: DB, me: User, event_id: str) -> tuple[list[Event], Event | None]:
    """The company's events, and the one asked for (by default the first)."""
    events = recruiting.company_events(db, me)
    wanted = whole_number(event_id)
    chosen = next((e for e in events if e.id == wanted), None) if wanted is not None else None
    return events, chosen or (events[0] if events else None)


def _leads_page(
    request: Request,
    db: DB,
    me: User,
    event_id: str,
    *,
    code: str = "",
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    events, event = _chosen_event(db, me, event_id)
    views = leads.company_leads(db, me, event.id) if event else []
    scanned = whole_number(request.query_params.get("scanned", ""))
    return render(
        request,
        "recruiter_leads.html",
        me,
        status_code=status_code,
        events=events,
        event=event,
        views=views,
        scanned=next((v for v in views if v.lead.id == scanned), None),
        again=request.query_params.get("again") == "1",
        saved=whole_number(request.query_params.get("saved", "")),
        code=code,
        errors=errors or {},
    )


@router.get("/recruiter/leads", response_class=HTMLResponse)
def leads_page(request: Request, db: DB, me: RecruiterPage, event_id: str = "") -> HTMLResponse:
    return _leads_page(request, db, me, event_id)


@router.post("/recruiter/events/{event_id}/leads", response_model=None)
def scan(
    request: Request,
    db: DB,
    me: RecruiterPage,
    posted: CheckedForm,
    event_id: Id,
    settings: AppSettings,
    now: Now,
) -> Response:
    code = str(posted.get("code", "")).strip()
    how = "typed" if posted.get("how") != "scan" else "scan"
    try:
        with db.begin_nested():
            result = leads.scan_badge(
                db, me, event_id, LeadScanIn(code=code, how=how), settings=settings, now=now
            )
    except ValidationError as exc:
        return _leads_page(
            request, db, me, str(event_id), code=code, errors=errors_of(exc), status_code=422
        )
    except FoundryError as exc:
        field = exc.field or "_form"
        return _leads_page(
            request,
            db,
            me,
            str(event_id),
            code=code,
            errors={field: exc.message},
            status_code=exc.status,
        )
    again = "&again=1" if result.again else ""
    return RedirectResponse(
        f"/recruiter/leads?event_id={event_id}&scanned={result.lead.id}{again}", status_code=303
    )


def _note_of(posted: FormData) -> LeadNoteIn:
    rating = str(posted.get("rating", "")).strip()
    return LeadNoteIn(
        rating=int(rating) if rating.isdigit() else None, note=str(posted.get("note", ""))
    )


@router.post("/recruiter/leads/{lead_id}", response_model=None)
def rate(request: Request, db: DB, me: RecruiterPage, posted: CheckedForm, lead_id: Id) -> Response:
    event_id = str(posted.get("event_id", ""))
    try:
        with db.begin_nested():
            lead = leads.update_lead(db, me, lead_id, _note_of(posted))
    except ValidationError as exc:
        message = next(iter(errors_of(exc).values()), "Please check the rating and the note.")
        return _leads_page(request, db, me, event_id, errors={"_form": message}, status_code=422)
    except FoundryError as exc:
        return _leads_page(
            request, db, me, event_id, errors={"_form": exc.message}, status_code=exc.status
        )
    return RedirectResponse(
        f"/recruiter/leads?event_id={lead.event_id}&saved={lead.id}#lead-{lead.id}", status_code=303
    )


@router.get("/recruiter/leads.csv")
def leads_csv(db: DB, me: RecruiterPage, event_id: Id) -> Response:
    return Response(
        leads.leads_csv(db, me, event_id),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="leads-event-{event_id}.csv"'},
    )


# --- the candidate's side -----------------------------------------------------------------------


@router.get("/me/scans", response_class=HTMLResponse)
def my_scans(request: Request, db: DB, me: CandidatePage) -> HTMLResponse:
    scans = leads.my_scans(db, me)
    # The notice names the company of the candidate's own withdrawn lead (by id), never a name
    # taken from the address, which anyone could write into a link.
    left = whole_number(request.query_params.get("left", ""))
    gone = next((s for s in scans if s.id == left and s.withdrawn_at is not None), None)
    notice = (
        f"You are no longer in {gone.organisation.name}'s leads; its note about you is erased."
        if gone
        else ""
    )
    return render(request, "my_scans.html", me, scans=scans, notice=notice)


@router.post("/me/scans/{lead_id}/withdraw", response_model=None)
def withdraw(db: DB, me: CandidatePage, _form: CheckedForm, lead_id: Id, now: Now) -> Response:
    lead = leads.withdraw(db, me, lead_id, now=now)
    return RedirectResponse(f"/me/scans?left={lead.id}", status_code=303)
