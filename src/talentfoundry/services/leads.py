"""Leads: the people a company met at its booth, from a badge scanned (or its code typed).

A recruiter scans a candidate's badge at the fair; the company keeps a lead with when, where, how
many visits, and its own rating and note. What the company sees of the *person* follows the
candidate's consent for that event, the rule every view of a candidate follows
(:func:`scopes.candidates`): with consent, their profile, CV and how they match the company's
open roles; without it, their name and the visit only. The candidate sees every company that
scanned them and may withdraw from any company's leads; a withdrawn lead disappears from the
company's list and CSV, and a later scan at that booth is refused.

Scans are accepted only in the event's check-in window (:mod:`talentfoundry.services.checkin`),
so a code typed weeks before the fair does not become a "visit".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from talentfoundry.config import Settings
from talentfoundry.domain.enums import RoleStatus, UserRole
from talentfoundry.domain.errors import Conflict, NotFound, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.matching.rank import RankedMatch, recommend
from talentfoundry.services import checkin, scopes
from talentfoundry.services.common import get_or_404, principal_for, spreadsheet_safe
from talentfoundry.services.match_index import CANDIDATES, candidate_document, searching
from talentfoundry.services.schemas import LeadNoteIn, LeadScanIn
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.store.models import Attendee, Booth, Event, JobRole, User

__all__ = [
    "CSV_COLUMNS",
    "LeadView",
    "company_lead",
    "company_leads",
    "leads_csv",
    "my_scans",
    "scan_badge",
    "update_lead",
    "withdraw",
]

CSV_COLUMNS = (
    "lead_id",
    "name",
    "shares_cv",
    "headline",
    "best_matching_role",
    "first_visit",
    "last_visit",
    "visits",
    "rating",
    "note",
)


@dataclass(frozen=True, slots=True)
class ScanResult:
    lead: Lead
    again: bool  # the person had been scanned at this company's booth before


@dataclass(frozen=True, slots=True)
class LeadView:
    """A lead as the company sees it: the person in full only with their consent."""

    lead: Lead
    shares_cv: bool
    match: RankedMatch | None  # their best match among the company's open roles (with consent)
    role: JobRole | None  # that role


def _recruiter_booth(db: Session, actor: User, event: Event) -> Booth:
    if actor.role != UserRole.RECRUITER or actor.organisation_id is None:
        raise PermissionDenied("Only a company's recruiters scan badges into leads.")
    booth = db.scalar(
        select(Booth).where(
            Booth.event_id == event.id, Booth.organisation_id == actor.organisation_id
        )
    )
    if booth is None:
        raise PermissionDenied("Your company has no booth at this event.")
    return booth


def scan_badge(
    db: Session,
    actor: User,
    event_id: int,
    data: LeadScanIn,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> ScanResult:
    """Record that the badge's owner visited the recruiter's booth: a new lead, or one more visit
    of a known one. Refused outside the event's check-in window, for a badge of another event,
    and for someone who withdrew from this company's leads."""
    event = get_or_404(db, Event, event_id, "event")
    booth = _recruiter_booth(db, actor, event)
    now = now or utcnow()
    state = checkin.window(event, settings, now)
    if not state.is_open:
        raise Conflict(state.refusal.replace("Check-in", "Badge scanning", 1), field="code")
    code = data.code.strip().upper()
    attendee = db.scalar(select(Attendee).where(Attendee.badge_code == code))
    if attendee is None or attendee.event_id != event.id:
        raise NotFound(f"No badge {code} is registered for this event.", field="code")
    organisation_id = booth.organisation_id
    lead = _lead_of(db, event.id, organisation_id, attendee.user_id)
    if lead is None:
        try:
            with db.begin_nested():  # two recruiters of one booth scanning the same badge at once
                lead = Lead(
                    event_id=event.id,
                    organisation_id=organisation_id,
                    candidate_id=attendee.user_id,
                    booth_id=booth.id,
                    scanned_by_id=actor.id,
                    first_scanned_at=now,
                    last_scanned_at=now,
                    scans=1,
                    how=data.how,
                )
                db.add(lead)
                db.flush()
            return ScanResult(lead, again=False)
        except IntegrityError:
            lead = _lead_of(db, event.id, organisation_id, attendee.user_id)
            if lead is None:  # pragma: no cover - the unique row exists after the conflict
                raise
    if lead.withdrawn_at is not None:
        raise Conflict(
            "This person has asked not to be in your company's leads; the visit is not recorded.",
            field="code",
        )
    # Counted in SQL: two recruiters of the booth scanning at once must not lose a visit.
    db.execute(
        update(Lead)
        .where(Lead.id == lead.id)
        .values(scans=Lead.scans + 1, last_scanned_at=now, scanned_by_id=actor.id)
    )
    db.refresh(lead)
    return ScanResult(lead, again=True)


def _lead_of(db: Session, event_id: int, organisation_id: int, candidate_id: int) -> Lead | None:
    return db.scalar(
        select(Lead).where(
            Lead.event_id == event_id,
            Lead.organisation_id == organisation_id,
            Lead.candidate_id == candidate_id,
        )
    )


def _company_lead(db: Session, actor: User, lead_id: int) -> Lead:
    lead = db.scalar(select(Lead).where(Lead.id == lead_id, scopes.leads(principal_for(db, actor))))
    if lead is None or actor.role != UserRole.RECRUITER:
        raise NotFound("No such lead.")
    return lead


def update_lead(db: Session, actor: User, lead_id: int, data: LeadNoteIn) -> Lead:
    """The company's own rating (1-5, or none) and note on a lead."""
    lead = _company_lead(db, actor, lead_id)
    lead.rating = data.rating
    lead.note = data.note
    db.flush()
    return lead


def company_leads(db: Session, actor: User, event_id: int) -> list[LeadView]:
    """The recruiter's company's leads at an event, most recent visit first, each with what the
    company may see of the person."""
    event = get_or_404(db, Event, event_id, "event")
    _recruiter_booth(db, actor, event)
    found = db.scalars(
        select(Lead)
        .where(Lead.event_id == event.id, scopes.leads(principal_for(db, actor)))
        .options(selectinload(Lead.candidate).selectinload(User.profile))
        .order_by(Lead.last_scanned_at.desc(), Lead.id.desc())
    )
    return _views(db, actor, event.id, list(found))


def company_lead(db: Session, actor: User, lead_id: int) -> LeadView:
    """One of the company's leads, as in :func:`company_leads`."""
    lead = _company_lead(db, actor, lead_id)
    return _views(db, actor, lead.event_id, [lead])[0]


def _views(db: Session, actor: User, event_id: int, leads: list[Lead]) -> list[LeadView]:
    p = principal_for(db, actor)
    ids = [lead.candidate_id for lead in leads]
    # The rule every view of a candidate uses: consent for an event where the company exhibits.
    visible = set(
        db.scalars(select(User.id).where(User.id.in_(ids), scopes.candidates(p, event_id=event_id)))
    )
    roles = {
        str(r.id): r
        for r in db.scalars(
            select(JobRole).where(
                JobRole.organisation_id == actor.organisation_id,
                JobRole.status == RoleStatus.OPEN,
            )
        )
    }
    role_ids = set(roles)
    matches: dict[int, RankedMatch] = {}
    wanted = [lead.candidate for lead in leads if lead.candidate_id in visible]
    if role_ids and wanted:
        with searching(db) as index:  # one sync of the index for the whole list
            for person in wanted:
                if candidate_document(person) is None or (CANDIDATES, str(person.id)) not in index:
                    continue
                found = recommend(index, CANDIDATES, str(person.id), 1, allowed=role_ids)
                if found.results:
                    matches[person.id] = found.results[0]
    views = []
    for lead in leads:
        match = matches.get(lead.candidate_id)
        role = roles.get(match.id) if match else None
        views.append(LeadView(lead, lead.candidate_id in visible, match, role))
    return views


def leads_csv(db: Session, actor: User, event_id: int) -> str:
    """The company's leads at an event as CSV (same rows and same consent rule as the page)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for view in company_leads(db, actor, event_id):
        lead, person = view.lead, view.lead.candidate
        profile = person.profile if view.shares_cv else None
        writer.writerow(
            [
                lead.id,
                spreadsheet_safe(person.full_name),
                "yes" if view.shares_cv else "no",
                spreadsheet_safe(profile.headline if profile else ""),
                spreadsheet_safe(view.role.title if view.role else ""),
                lead.first_scanned_at.isoformat(),
                lead.last_scanned_at.isoformat(),
                lead.scans,
                "" if lead.rating is None else lead.rating,
                spreadsheet_safe(lead.note),
            ]
        )
    return out.getvalue()


def my_scans(db: Session, actor: User) -> list[Lead]:
    """The companies that scanned the candidate's badge, newest first (withdrawn ones included,
    marked, so the person sees what they did)."""
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Only candidates have badges that companies scan.")
    return list(
        db.scalars(
            select(Lead)
            .where(Lead.candidate_id == actor.id)
            .options(selectinload(Lead.organisation), selectinload(Lead.event))
            .order_by(Lead.last_scanned_at.desc(), Lead.id.desc())
        )
    )


def withdraw(db: Session, actor: User, lead_id: int, *, now: datetime | None = None) -> Lead:
    """The candidate leaves a company's leads: the company's note and rating are erased, the
    lead disappears from its list and CSV, and later scans at its booth are refused."""
    lead = db.get(Lead, lead_id)
    if lead is None or lead.candidate_id != actor.id:
        raise NotFound("No such visit.")
    if lead.withdrawn_at is None:
        lead.withdrawn_at = now or utcnow()
        lead.note = ""
        lead.rating = None
        db.flush()
    return lead
