"""The audit trail: who read or exported whose personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from talentfoundry.store.models import AuditLog, Organisation, User


def record(
    db: Session, actor: User | None, action: str, subject_user_id: int | None, **detail: Any
) -> AuditLog:
    entry = AuditLog(
        actor_id=actor.id if actor else None,
        action=action,
        subject_user_id=subject_user_id,
        detail=detail,
    )
    db.add(entry)
    db.flush()
    return entry


@dataclass(frozen=True, slots=True)
class Entry:
    """One audit entry as its subject reads it: the person who acted, by name, and where they
    work (a company, a university); both None when that account has since been deleted."""

    at: datetime
    action: str
    actor_id: int | None
    actor_name: str | None
    organisation_name: str | None
    detail: dict[str, Any]


def entries_about(db: Session, subject_user_id: int) -> list[Entry]:
    """What a person may ask: who looked at my data? Oldest first; one query, names included."""
    actor = aliased(User)
    rows = db.execute(
        select(AuditLog, actor.full_name, Organisation.name)
        .outerjoin(actor, AuditLog.actor_id == actor.id)
        .outerjoin(Organisation, actor.organisation_id == Organisation.id)
        .where(AuditLog.subject_user_id == subject_user_id)
        .order_by(AuditLog.at, AuditLog.id)
    )
    return [
        Entry(log.at, log.action, log.actor_id, name, org, dict(log.detail or {}))
        for log, name, org in rows
    ]
