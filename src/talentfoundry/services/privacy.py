"""A person's own data: export it all, or erase the account.

Erasure deletes the person's rows (profile, CV, registrations, bookings, applications, badges,
check-ins) through the database's cascades, frees their interview slots, hands their workshop seats
to the waitlist, and keeps the audit log (with the person's id detached) because who-saw-what
records are themselves a protection the operator must keep.
"""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import RegistrationStatus
from talentfoundry.domain.errors import AuthRequired
from talentfoundry.services import accounts, audit, workshops
from talentfoundry.services.passwords import verify_password
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.store.models import (
    Application,
    Attendee,
    Booking,
    CheckIn,
    EventSession,
    SessionRegistration,
    User,
)


def export_my_data(db: Session, actor: User) -> dict[str, Any]:
    """Everything the platform holds about ``actor``, as JSON-ready data."""
    profile = actor.profile
    cv = profile.cv if profile else None
    data: dict[str, Any] = {
        "account": {
            "id": actor.id,
            "email": actor.email,
            "full_name": actor.full_name,
            "role": actor.role,
            "organisation_id": actor.organisation_id,
            "timezone": actor.timezone,
            "created_at": actor.created_at.isoformat(),
        },
        "profile": None,
        "cv": None,
        "events": [
            {
                "event_id": a.event_id,
                "badge_code": a.badge_code,
                "consent_share_cv": a.consent_share_cv,
                "registered_at": a.registered_at.isoformat(),
            }
            for a in db.scalars(select(Attendee).where(Attendee.user_id == actor.id))
        ],
        "session_registrations": [
            {"session_id": r.session_id, "status": r.status, "created_at": r.created_at.isoformat()}
            for r in db.scalars(
                select(SessionRegistration).where(SessionRegistration.user_id == actor.id)
            )
        ],
        "bookings": [
            {
                "slot_id": b.slot_id,
                "organisation_id": b.slot.organisation_id,
                "starts_at": b.slot.starts_at.isoformat(),
                "ends_at": b.slot.ends_at.isoformat(),
            }
            for b in db.scalars(select(Booking).where(Booking.candidate_id == actor.id))
        ],
        "applications": [
            {
                "job_role_id": a.job_role_id,
                "status": a.status,
                "created_at": a.created_at.isoformat(),
            }
            for a in db.scalars(select(Application).where(Application.candidate_id == actor.id))
        ],
        "check_ins": [
            {"event_id": c.event_id, "channel": c.channel, "at": c.at.isoformat()}
            for c in db.scalars(select(CheckIn).where(CheckIn.user_id == actor.id))
        ],
        "scanned_at_booths": [  # leads: the companies that scanned my badge, and what they noted
            {
                "event_id": lead.event_id,
                "organisation_id": lead.organisation_id,
                "first_scanned_at": lead.first_scanned_at.isoformat(),
                "last_scanned_at": lead.last_scanned_at.isoformat(),
                "visits": lead.scans,
                "rating": lead.rating,
                "note": lead.note,
                "withdrawn": lead.withdrawn_at is not None,
            }
            for lead in db.scalars(select(Lead).where(Lead.candidate_id == actor.id))
        ],
        "who_viewed_my_data": [
            {"at": e.at.isoformat(), "actor_id": e.actor_id, "action": e.action}
            for e in audit.entries_about(db, actor.id)
        ],
    }
    if profile is not None:
        data["profile"] = {
            key: getattr(profile, key)
            for key in (
                "headline",
                "institution",
                "programme",
                "graduation_year",
                "experience_years",
                "experience",
                "skills",
                "sectors_wanted",
                "locations_wanted",
                "work_authorisation",
                "overseas",
                "university_id",
                "consent_contact",
            )
        }
    if cv is not None:
        data["cv"] = {
            "filename": cv.filename,
            "media_type": cv.media_type,
            "uploaded_at": cv.uploaded_at.isoformat(),
            "text": cv.text,
            "content_base64": base64.b64encode(cv.content).decode(),
        }
    audit.record(db, actor, "data.export", actor.id)
    return data


def delete_account(db: Session, actor: User, password: str) -> None:
    """Erase the account after re-checking the password (a stolen session must not suffice)."""
    if not verify_password(actor.password_hash, password):
        raise AuthRequired("Wrong password: the account was not deleted.")
    seats = list(
        db.scalars(
            select(EventSession)
            .join(SessionRegistration)
            .where(
                SessionRegistration.user_id == actor.id,
                SessionRegistration.status == RegistrationStatus.CONFIRMED,
            )
        )
    )
    audit.record(db, None, "account.delete", None, user_id=actor.id)
    accounts.end_all_sessions(db, actor)
    db.delete(actor)
    db.flush()
    for session in seats:
        workshops.promote(db, session.id)
