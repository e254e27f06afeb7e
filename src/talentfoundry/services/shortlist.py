"""Applications: a candidate's interest in a role, and the employer's rating and note.

Every list of applications (a role's shortlist, its CSV, a candidate's own list) is filtered by
:func:`talentfoundry.services.scopes.applications`, so each shows exactly the rows its viewer may
see, whichever page, API route or export asks.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import RoleStatus, UserRole
from talentfoundry.domain.errors import Conflict, NotFound, PermissionDenied
from talentfoundry.services import scopes
from talentfoundry.services.common import get_or_404, principal_for
from talentfoundry.services.schemas import RatingIn
from talentfoundry.store.models import Application, JobRole, User


def apply(db: Session, actor: User, role_id: int) -> Application:
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Only candidates apply to roles.")
    role = get_or_404(db, JobRole, role_id, "role")
    if role.status != RoleStatus.OPEN:
        raise Conflict("This role is closed.")
    application = Application(job_role_id=role.id, candidate_id=actor.id)
    db.add(application)
    try:
        with db.begin_nested():
            db.flush()
    except IntegrityError as exc:
        raise Conflict("You have already applied to this role.") from exc
    return application


def _require_shortlist_access(db: Session, actor: User, role: JobRole) -> None:
    allowed = access.can_view_shortlist(
        principal_for(db, actor), role.organisation_id, frozenset(e.id for e in role.events)
    )
    if not allowed:
        raise PermissionDenied(
            "Only the company's recruiters and the event's organisers see this shortlist."
        )


def shortlist(db: Session, actor: User, role_id: int) -> list[Application]:
    """The role's applicants, best rated first (the page, the API and the CSV)."""
    role = get_or_404(db, JobRole, role_id, "role")
    _require_shortlist_access(db, actor, role)
    return list(
        db.scalars(
            select(Application)
            .where(
                Application.job_role_id == role.id,
                scopes.applications(principal_for(db, actor)),
            )
            .options(selectinload(Application.candidate).selectinload(User.profile))
            .order_by(Application.rating.desc().nulls_last(), Application.created_at)
        )
    )


def rate(db: Session, actor: User, application_id: int, data: RatingIn) -> Application:
    application = db.get(Application, application_id)
    if application is None:
        raise NotFound(f"No application with id {application_id}.")
    _require_shortlist_access(db, actor, application.job_role)
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(application, key, value)
    application.rated_by_id = actor.id
    db.flush()
    return application


def my_applications(db: Session, actor: User) -> list[Application]:
    """The actor's own applications, oldest first."""
    return list(
        db.scalars(
            select(Application)
            .where(
                Application.candidate_id == actor.id,
                scopes.applications(principal_for(db, actor)),
            )
            .options(selectinload(Application.job_role).selectinload(JobRole.organisation))
            .order_by(Application.created_at)
        )
    )
