"""University staff: their own students (candidates whose profile names the university) and how
they take part in events. Staff never see other universities' students: the list is filtered by
:func:`talentfoundry.services.scopes.candidates`, the rule every view of a candidate uses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.services import scopes
from talentfoundry.services.common import principal_for
from talentfoundry.store.models import (
    Attendee,
    Booking,
    CandidateProfile,
    CheckIn,
    User,
)

__all__ = ["StudentRow", "my_students", "programmes"]


@dataclass(frozen=True, slots=True)
class StudentRow:
    user_id: int
    full_name: str
    programme: str
    graduation_year: int | None
    events_registered: int
    checked_in: int  # events with at least one check-in (on-site or online)
    interviews_booked: int


def _count_by_user(db: Session, query) -> dict[int, int]:
    return {int(uid): int(n) for uid, n in db.execute(query)}


def _require_staff(actor: User) -> None:
    if actor.role != UserRole.UNIVERSITY_STAFF or actor.organisation_id is None:
        raise PermissionDenied("Only university staff see a student list.")


def programmes(db: Session, actor: User) -> list[str]:
    """The programmes the actor's students study, by name (one query: the skills-gap filter)."""
    _require_staff(actor)
    return list(
        db.scalars(
            select(CandidateProfile.programme)
            .join(User, User.id == CandidateProfile.user_id)
            .where(
                CandidateProfile.university_id == actor.organisation_id,
                CandidateProfile.programme != "",
                User.is_active.is_(True),
                scopes.candidates(principal_for(db, actor), CandidateProfile.user_id),
            )
            .distinct()
            .order_by(CandidateProfile.programme)
        )
    )


def my_students(db: Session, actor: User) -> list[StudentRow]:
    """The actor's university's students with their participation, by name."""
    _require_staff(actor)
    students = list(
        db.execute(
            select(
                User.id,
                User.full_name,
                CandidateProfile.programme,
                CandidateProfile.graduation_year,
            )
            .join(CandidateProfile, CandidateProfile.user_id == User.id)
            .where(
                CandidateProfile.university_id == actor.organisation_id,
                User.role == UserRole.CANDIDATE,
                User.is_active.is_(True),
                scopes.candidates(principal_for(db, actor)),
            )
            .order_by(User.full_name, User.id)
        )
    )
    ids = [row[0] for row in students]
    if not ids:
        return []
    registered = _count_by_user(
        db,
        select(Attendee.user_id, func.count())
        .where(Attendee.user_id.in_(ids))
        .group_by(Attendee.user_id),
    )
    checked = _count_by_user(
        db,
        select(CheckIn.user_id, func.count(func.distinct(CheckIn.event_id)))
        .where(CheckIn.user_id.in_(ids))
        .group_by(CheckIn.user_id),
    )
    booked = _count_by_user(
        db,
        select(Booking.candidate_id, func.count())
        .where(Booking.candidate_id.in_(ids))
        .group_by(Booking.candidate_id),
    )
    return [
        StudentRow(
            user_id=uid,
            full_name=name,
            programme=programme or "",
            graduation_year=year,
            events_registered=registered.get(uid, 0),
            checked_in=checked.get(uid, 0),
            interviews_booked=booked.get(uid, 0),
        )
        for uid, name, programme, year in students
    ]
