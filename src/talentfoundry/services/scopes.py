"""Which rows a principal may see, as SQL filters: one function per kind of record.

The rules are :mod:`talentfoundry.domain.access`'s ``*_grounds``; this module only translates each
ground into a ``WHERE`` clause. Every list and export of personal records adds the filter of its
kind to its query, so the page, the API and the CSV of the same thing return the same rows, and a
rule changes in one place. A principal with no grounds gets ``false()``: an empty result, never an
unfiltered one.

>>> from talentfoundry.domain.access import Principal
>>> from talentfoundry.domain.enums import UserRole
>>> print(audit_entries(Principal(7, UserRole.CANDIDATE)))
audit_log.subject_user_id = :subject_user_id_1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from talentfoundry.domain import access
from talentfoundry.domain.access import Grounds, Principal
from talentfoundry.services.common import principal_for
from talentfoundry.store.fair_day_models import Lead
from talentfoundry.store.models import (
    Application,
    Attendee,
    AuditLog,
    Booking,
    Booth,
    CandidateProfile,
    CheckIn,
    EventSession,
    InterviewSlot,
    JobRole,
    PlacementOutcome,
    PlacementProgramme,
    PlacementRound,
    SessionRegistration,
    User,
    role_events,
)

__all__ = [
    "PUBLISHED",
    "applications",
    "attendees",
    "audit_entries",
    "bookings",
    "candidates",
    "check_ins",
    "leads",
    "placement_outcomes",
    "principal_of",
    "session_registrations",
]

PUBLISHED = "published"
"""The placement round status after which a student sees their own outcome."""


def principal_of(db: Session, actor: User | None) -> Principal | None:
    """The principal the filters take; None for an anonymous visitor (who sees no personal rows)."""
    return None if actor is None else principal_for(db, actor)


def _any(clauses: list[ColumnElement[bool]], g: Grounds) -> ColumnElement[bool]:
    if g.everything:
        return true()
    return or_(*clauses) if clauses else false()


def candidates(
    p: Principal | None, column: Any = User.id, *, event_id: int | None = None
) -> ColumnElement[bool]:
    """Candidates ``p`` may see (:func:`access.candidate_grounds`), as a filter on ``column``,
    a column holding a candidate's user id (``User.id`` by default, ``CandidateProfile.user_id``,
    ``Application.candidate_id``...).

    With ``event_id``: the candidates ``p`` may see *at that event*: registered for it, and, for a
    recruiter, sharing their CV with that event (where the company has a booth); an organiser
    sees them only at an event they run.
    """
    g = access.candidate_grounds(p)
    at_event = (
        select(Attendee.user_id).where(Attendee.event_id == event_id)
        if event_id is not None
        else None
    )
    clauses: list[ColumnElement[bool]] = []
    if g.own is not None:
        clauses.append(column == g.own)
    if g.consented_to is not None:
        shared = (
            select(Attendee.user_id)
            .join(
                Booth,
                and_(Booth.event_id == Attendee.event_id, Booth.organisation_id == g.consented_to),
            )
            .where(Attendee.consent_share_cv.is_(True))
        )
        if event_id is not None:
            shared = shared.where(Attendee.event_id == event_id)
        clauses.append(column.in_(shared))
    events = g.events if event_id is None else g.events & {event_id}
    if events:
        clauses.append(column.in_(select(Attendee.user_id).where(Attendee.event_id.in_(events))))
    if g.students_of is not None:
        clauses.append(
            column.in_(
                select(CandidateProfile.user_id).where(
                    CandidateProfile.university_id == g.students_of
                )
            )
        )
    scope = _any(clauses, g)
    if at_event is not None and not g.nothing:
        scope = and_(scope, column.in_(at_event))
    return scope


def applications(p: Principal | None) -> ColumnElement[bool]:
    """Applications (shortlist rows) ``p`` may see (:func:`access.application_grounds`)."""
    g = access.application_grounds(p)
    clauses: list[ColumnElement[bool]] = []
    if g.own is not None:
        clauses.append(Application.candidate_id == g.own)
    if g.organisation is not None:
        clauses.append(
            Application.job_role_id.in_(
                select(JobRole.id).where(JobRole.organisation_id == g.organisation)
            )
        )
    if g.events:
        clauses.append(
            Application.job_role_id.in_(
                select(role_events.c.job_role_id).where(role_events.c.event_id.in_(g.events))
            )
        )
    return _any(clauses, g)


def placement_outcomes(p: Principal | None) -> ColumnElement[bool]:
    """Placement outcomes ``p`` may see (:func:`access.outcome_grounds`): a student's own only
    once the round is published."""
    g = access.outcome_grounds(p)
    clauses: list[ColumnElement[bool]] = []
    if g.own is not None:
        published = select(PlacementRound.id).where(PlacementRound.status == PUBLISHED)
        clauses.append(
            and_(PlacementOutcome.student_id == g.own, PlacementOutcome.round_id.in_(published))
        )
    if g.events:
        clauses.append(
            PlacementOutcome.round_id.in_(
                select(PlacementRound.id).where(PlacementRound.event_id.in_(g.events))
            )
        )
    if g.organisation is not None:
        clauses.append(
            PlacementOutcome.programme_id.in_(
                select(PlacementProgramme.id).where(
                    PlacementProgramme.organisation_id == g.organisation
                )
            )
        )
    return _any(clauses, g)


def _attendance(
    p: Principal | None, user: Any, of_events: Callable[[frozenset[int]], ColumnElement[bool]]
) -> ColumnElement[bool]:
    g = access.attendance_grounds(p)
    clauses: list[ColumnElement[bool]] = []
    if g.own is not None:
        clauses.append(user == g.own)
    if g.events:
        clauses.append(of_events(g.events))
    return _any(clauses, g)


def attendees(p: Principal | None) -> ColumnElement[bool]:
    """Event registrations ``p`` may see (:func:`access.attendance_grounds`)."""
    return _attendance(p, Attendee.user_id, Attendee.event_id.in_)


def check_ins(p: Principal | None) -> ColumnElement[bool]:
    """Check-ins ``p`` may see (:func:`access.attendance_grounds`)."""
    return _attendance(p, CheckIn.user_id, CheckIn.event_id.in_)


def session_registrations(p: Principal | None) -> ColumnElement[bool]:
    """Workshop seats and waitlist places ``p`` may see (:func:`access.attendance_grounds`)."""

    def of_events(events: frozenset[int]) -> ColumnElement[bool]:
        sessions = select(EventSession.id).where(EventSession.event_id.in_(events))
        return SessionRegistration.session_id.in_(sessions)

    return _attendance(p, SessionRegistration.user_id, of_events)


def bookings(p: Principal | None) -> ColumnElement[bool]:
    """Interview bookings ``p`` may see (:func:`access.booking_grounds`)."""
    g = access.booking_grounds(p)
    clauses: list[ColumnElement[bool]] = []
    if g.own is not None:
        clauses.append(Booking.candidate_id == g.own)
    if g.events:
        clauses.append(
            Booking.slot_id.in_(
                select(InterviewSlot.id).where(InterviewSlot.event_id.in_(g.events))
            )
        )
    if g.organisation is not None:
        clauses.append(
            Booking.slot_id.in_(
                select(InterviewSlot.id).where(InterviewSlot.organisation_id == g.organisation)
            )
        )
    return _any(clauses, g)


def leads(p: Principal | None) -> ColumnElement[bool]:
    """Leads ``p`` may see (:func:`access.lead_grounds`); a company never sees a lead the
    candidate withdrew from."""
    g = access.lead_grounds(p)
    clauses: list[ColumnElement[bool]] = []
    if g.own is not None:
        clauses.append(Lead.candidate_id == g.own)
    if g.organisation is not None:
        clauses.append(and_(Lead.organisation_id == g.organisation, Lead.withdrawn_at.is_(None)))
    if g.events:  # organisers count leads; one the candidate withdrew from is nobody's
        clauses.append(and_(Lead.event_id.in_(g.events), Lead.withdrawn_at.is_(None)))
    return _any(clauses, g)


def audit_entries(p: Principal | None) -> ColumnElement[bool]:
    """Audit-log entries ``p`` may read (:func:`access.audit_grounds`)."""
    g = access.audit_grounds(p)
    clauses: list[ColumnElement[bool]] = []
    if g.own is not None:
        clauses.append(AuditLog.subject_user_id == g.own)
    return _any(clauses, g)
