"""Recruiter helpers the pages need beyond the core services: the events their company exhibits
at, and the shortlist as a CSV file for the hiring team's own tools."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.services import shortlist
from talentfoundry.services.common import spreadsheet_safe
from talentfoundry.store.models import Booth, Event, User

__all__ = ["CSV_COLUMNS", "company_events", "shortlist_csv"]

CSV_COLUMNS = ("application_id", "candidate", "headline", "status", "rating", "note", "applied_at")


def company_events(db: Session, actor: User) -> list[Event]:
    """Events where the recruiter's company has a booth, by start time."""
    if actor.role != UserRole.RECRUITER or actor.organisation_id is None:
        raise PermissionDenied("Only recruiters of a company have company events.")
    return list(
        db.scalars(
            select(Event)
            .join(Booth, Booth.event_id == Event.id)
            .where(Booth.organisation_id == actor.organisation_id)
            .order_by(Event.starts_at, Event.id)
        )
    )


def shortlist_csv(db: Session, actor: User, role_id: int) -> str:
    """The role's shortlist (same access rule as the page) as CSV text with a header row."""
    rows = shortlist.shortlist(db, actor, role_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in rows:
        profile = a.candidate.profile
        writer.writerow(
            [
                a.id,
                spreadsheet_safe(a.candidate.full_name),
                spreadsheet_safe(profile.headline if profile else ""),
                a.status,
                "" if a.rating is None else a.rating,
                spreadsheet_safe(a.note),
                a.created_at.isoformat(),
            ]
        )
    return out.getvalue()
