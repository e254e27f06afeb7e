"""Job roles."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import OrgKind, RoleStatus
from talentfoundry.domain.errors import InputError, NotFound, PermissionDenied
from talentfoundry.services.common import Page, get_or_404, paginate, principal_for
from talentfoundry.services.schemas import RoleIn, RolePatch
from talentfoundry.store.models import Booth, Event, JobRole, Organisation, User, role_events


def _events(db: Session, ids: list[int]) -> list[Event]:
    events = list(db.scalars(select(Event).where(Event.id.in_(ids)))) if ids else []
    missing = sorted(set(ids) - {e.id for e in events})
    if missing:
        raise InputError(f"No event with id {missing[0]}.", field="event_ids")
    return events


def require_role_manager(db: Session, actor: User, role: JobRole) -> None:
    allowed = access.can_manage_role(
        principal_for(db, actor), role.organisation_id, frozenset(e.id for e in role.events)
    )
    if not allowed:
        raise PermissionDenied(
            "Only the company's recruiters and the event's organisers may do that."
        )


def _require_exhibiting(db: Session, actor: User, org_id: int, events: list[Event]) -> None:
    """A role is shown at an event only where its company exhibits (has a booth); the event's
    organisers may attach roles anyway (they set booths up)."""
    p = principal_for(db, actor)
    booths = set(db.scalars(select(Booth.event_id).where(Booth.organisation_id == org_id)))
    for event in events:
        if event.id not in booths and not access.can_manage_event(p, event.id):
            raise InputError(
                f"Your company has no booth at {event.name!r}; ask its organisers for one first.",
                field="event_ids",
            )


def create_role(db: Session, actor: User, data: RoleIn) -> JobRole:
    org = db.get(Organisation, data.organisation_id)
    if org is None or org.kind != OrgKind.COMPANY:
        raise InputError(f"No company with id {data.organisation_id}.", field="organisation_id")
    role = JobRole(**data.model_dump(exclude={"event_ids"}))
    role.events = _events(db, data.event_ids)
    require_role_manager(db, actor, role)
    _require_exhibiting(db, actor, org.id, role.events)
    db.add(role)
    db.flush()
    return role


def update_role(db: Session, actor: User, role_id: int, patch: RolePatch) -> JobRole:
    role = get_or_404(db, JobRole, role_id, "role")
    require_role_manager(db, actor, role)
    values = patch.model_dump(exclude_unset=True)
    if "event_ids" in values:
        role.events = _events(db, values.pop("event_ids") or [])
        require_role_manager(db, actor, role)
        _require_exhibiting(db, actor, role.organisation_id, role.events)
    for key, value in values.items():
        setattr(role, key, value)
    db.flush()
    return role


def list_roles(
    db: Session,
    *,
    event_id: int | None = None,
    organisation_id: int | None = None,
    sector: str | None = None,
    work_mode: str | None = None,
    seniority: str | None = None,
    visa_sponsorship: bool | None = None,
    location: str | None = None,
    q: str | None = None,
    status: str | None = RoleStatus.OPEN,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Public role search (roles are public job ads)."""
    query = select(JobRole).join(Organisation).options(selectinload(JobRole.organisation))
    if event_id is not None:
        query = query.where(
            JobRole.id.in_(
                select(role_events.c.job_role_id).where(role_events.c.event_id == event_id)
            )
        )
    if organisation_id is not None:
        query = query.where(JobRole.organisation_id == organisation_id)
    if sector:
        query = query.where(Organisation.sector == sector)
    if work_mode:
        query = query.where(JobRole.work_mode == work_mode)
    if seniority:
        query = query.where(JobRole.seniority == seniority)
    if visa_sponsorship is not None:
        query = query.where(JobRole.visa_sponsorship == visa_sponsorship)
    if location:
        query = query.where(func.lower(JobRole.location).contains(location.strip().lower()))
    if status:
        query = query.where(JobRole.status == status)
    if q:
        needle = q.strip().lower()
        query = query.where(
            or_(
                func.lower(JobRole.title).contains(needle),
                func.lower(JobRole.description).contains(needle),
                func.lower(Organisation.name).contains(needle),
            )
        )
    return paginate(db, query.order_by(JobRole.title, JobRole.id), limit=limit, offset=offset)


def get_role(db: Session, role_id: int) -> JobRole:
    role = db.get(JobRole, role_id)
    if role is None:
        raise NotFound(f"No role with id {role_id}.")
    return role
