"""The audit trail: who read or exported whose personal data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.store.models import AuditLog, User


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


def entries_about(db: Session, subject_user_id: int) -> list[AuditLog]:
    """What a person may ask: who looked at my data?"""
    return list(
        db.scalars(
            select(AuditLog)
            .where(AuditLog.subject_user_id == subject_user_id)
            .order_by(AuditLog.at, AuditLog.id)
        )
    )
