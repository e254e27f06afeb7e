"""Leads over the API: recruiters scan badges into their company's leads, candidates see who
scanned them and may withdraw. Every rule is in :mod:`talentfoundry.services.leads`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from talentfoundry.services import leads
from talentfoundry.services.schemas import Id, LeadNoteIn, LeadScanIn
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.web.deps import CANDIDATES, DB, RECRUITERS, AppSettings, CurrentUser, Now

router = APIRouter(tags=["leads"])


class LeadOut(BaseModel):
    """A lead as the company sees it. ``headline``, ``best_role`` and ``matched_skills`` are
    filled only when the person shares their CV with this event (``shares_cv``)."""

    id: int
    event_id: int
    candidate_id: int
    full_name: str
    shares_cv: bool
    headline: str | None = None
    best_role: str | None = None
    best_role_score: float | None = None
    matched_skills: list[str] = []
    first_scanned_at: datetime
    last_scanned_at: datetime
    visits: int
    rating: int | None
    note: str

    @classmethod
    def of(cls, view: leads.LeadView) -> LeadOut:
        lead, person = view.lead, view.lead.candidate
        profile = person.profile if view.shares_cv else None
        return cls(
            id=lead.id,
            event_id=lead.event_id,
            candidate_id=lead.candidate_id,
            full_name=person.full_name,
            shares_cv=view.shares_cv,
            headline=profile.headline if profile else None,
            best_role=view.role.title if view.role else None,
            best_role_score=round(view.match.score, 4) if view.match else None,
            matched_skills=[m.name for m in view.match.matched_skills] if view.match else [],
            first_scanned_at=lead.first_scanned_at,
            last_scanned_at=lead.last_scanned_at,
            visits=lead.scans,
            rating=lead.rating,
            note=lead.note,
        )


class ScanOut(BaseModel):
    id: int
    full_name: str
    visits: int
    again: bool  # scanned at this company's booth before


class MyScanOut(BaseModel):
    """A company that scanned my badge (what it may see of me follows my consent)."""

    id: int
    event_id: int
    event_name: str
    company: str
    first_scanned_at: datetime
    last_scanned_at: datetime
    withdrawn: bool

    @classmethod
    def of(cls, lead: Lead) -> MyScanOut:
        return cls(
            id=lead.id,
            event_id=lead.event_id,
            event_name=lead.event.name,
            company=lead.organisation.name,
            first_scanned_at=lead.first_scanned_at,
            last_scanned_at=lead.last_scanned_at,
            withdrawn=lead.withdrawn_at is not None,
        )


@router.post(
    "/events/{event_id}/leads", response_model=ScanOut, status_code=201, dependencies=[RECRUITERS]
)
def scan(
    db: DB, user: CurrentUser, event_id: Id, data: LeadScanIn, settings: AppSettings, now: Now
) -> Any:
    """A badge scanned (or its code typed) at the company's booth: a new lead, or one more visit
    (409 outside the event's check-in window or after the person withdrew)."""
    result = leads.scan_badge(db, user, event_id, data, settings=settings, now=now)
    lead = result.lead
    return ScanOut(
        id=lead.id, full_name=lead.candidate.full_name, visits=lead.scans, again=result.again
    )


@router.get("/events/{event_id}/leads", response_model=list[LeadOut], dependencies=[RECRUITERS])
def company_leads(db: DB, user: CurrentUser, event_id: Id) -> Any:
    """The company's leads at the event, most recent visit first."""
    return [LeadOut.of(v) for v in leads.company_leads(db, user, event_id)]


@router.get("/events/{event_id}/leads.csv", dependencies=[RECRUITERS])
def company_leads_csv(db: DB, user: CurrentUser, event_id: Id) -> Response:
    """The same rows as CSV, for the company's own tools."""
    return Response(
        leads.leads_csv(db, user, event_id),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="leads-event-{event_id}.csv"'},
    )


@router.patch("/leads/{lead_id}", response_model=LeadOut, dependencies=[RECRUITERS])
def rate(db: DB, user: CurrentUser, lead_id: Id, data: LeadNoteIn) -> Any:
    """The company's rating (1-5, or null) and note."""
    leads.update_lead(db, user, lead_id, data)
    return LeadOut.of(leads.company_lead(db, user, lead_id))


@router.get("/me/scans", response_model=list[MyScanOut], dependencies=[CANDIDATES])
def my_scans(db: DB, user: CurrentUser) -> Any:
    """The companies that scanned my badge."""
    return [MyScanOut.of(lead) for lead in leads.my_scans(db, user)]


@router.delete("/me/scans/{lead_id}", status_code=204, dependencies=[CANDIDATES])
def withdraw(db: DB, user: CurrentUser, lead_id: Id, now: Now) -> Response:
    """Leave that company's leads: it no longer sees me there, and its note about me is erased."""
    leads.withdraw(db, user, lead_id, now=now)
    return Response(status_code=204)
