"""Job roles: creating and editing them, the public search, and what a role's page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import OrgKind, RoleStatus, UserRole
from talentfoundry.domain.errors import InputError, NotFound, PermissionDenied
from talentfoundry.matching.rank import RankedMatch, recommend
from talentfoundry.services import role_search
from talentfoundry.services.common import (
    Page,
    check_window,
    contains_text,
    get_or_404,
    paginate,
    principal_for,
)
from talentfoundry.services.events import visible_events_query
from talentfoundry.services.match_index import CANDIDATES, ROLES, candidate_document, searching
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


def _filtered(
    *,
    event_id: int | None,
    organisation_id: int | None,
    sector: str | None,
    work_mode: str | None,
    seniority: str | None,
    visa_sponsorship: bool | None,
    location: str | None,
    status: str | None,
) -> Select[Any]:
    query = select(JobRole).join(Organisation)
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
        query = query.where(contains_text(JobRole.location, location))
    if status:
        query = query.where(JobRole.status == status)
    return query


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
    """Public role search (roles are public job ads): the filters, then, with search words, the
    roles ranked by relevance to them (:mod:`talentfoundry.services.role_search`: skills with
    their aliases, words, titles); without words, A-Z by title."""
    filtered = _filtered(
        event_id=event_id,
        organisation_id=organisation_id,
        sector=sector,
        work_mode=work_mode,
        seniority=seniority,
        visa_sponsorship=visa_sponsorship,
        location=location,
        status=status,
    )
    if not (q and q.strip()):
        query = filtered.options(selectinload(JobRole.organisation))
        return paginate(db, query.order_by(JobRole.title, JobRole.id), limit=limit, offset=offset)
    check_window(limit, offset)
    ranked = role_search.ranked_role_ids(db, filtered, q)
    window = ranked[offset : offset + limit]
    found = {
        role.id: role
        for role in db.scalars(
            select(JobRole)
            .where(JobRole.id.in_(window))
            .options(selectinload(JobRole.organisation))
        )
    }
    return Page(items=[found[i] for i in window], total=len(ranked), limit=limit, offset=offset)


def get_role(db: Session, role_id: int) -> JobRole:
    role = db.get(JobRole, role_id)
    if role is None:
        raise NotFound(f"No role with id {role_id}.")
    return role


@dataclass(frozen=True, slots=True)
class Stand:
    """Where to meet a role's company at one event the role is offered at."""

    event: Event
    booth: Booth | None  # None: the company has no booth there (yet)


def stands(db: Session, viewer: User | None, role: JobRole) -> list[Stand]:
    """The events the role is offered at that the viewer may see (drafts only for their
    organisers), in date order, each with the company's booth there."""
    event_ids = [e.id for e in role.events]
    if not event_ids:
        return []
    visible = db.scalars(
        visible_events_query(db, viewer)
        .where(Event.id.in_(event_ids))
        .order_by(Event.starts_at, Event.id)
    )
    booths = {
        b.event_id: b
        for b in db.scalars(
            select(Booth).where(
                Booth.organisation_id == role.organisation_id, Booth.event_id.in_(event_ids)
            )
        )
    }
    return [Stand(event, booths.get(event.id)) for event in visible]


def match_for(db: Session, actor: User | None, role: JobRole) -> RankedMatch | None:
    """How the candidate matches the role, explained as on their recommendations; None for
    anyone else, for a closed role, or when the candidate has nothing to match on yet."""
    if actor is None or actor.role != UserRole.CANDIDATE or role.status != RoleStatus.OPEN:
        return None
    if candidate_document(actor) is None:
        return None
    with searching(db) as index:
        if (CANDIDATES, str(actor.id)) not in index or (ROLES, str(role.id)) not in index:
            return None
        result = recommend(index, CANDIDATES, str(actor.id), 1, allowed={str(role.id)})
    return result.results[0] if result.results else None
