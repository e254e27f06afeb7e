"""Events, booths, organisations, roles: the public directory and its management."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from talentfoundry.services import events, organisations, roles
from talentfoundry.services.schemas import (
    MAX_DB_INT,
    BoothIn,
    EventIn,
    EventPatch,
    Id,
    OrganisationIn,
    OrganisationPatch,
    RoleIn,
    RolePatch,
    SearchText,
)
from talentfoundry.web.api.schemas import (
    AttendeeRowOut,
    BoothOut,
    EventOut,
    OrganisationOut,
    PageOut,
    RoleOut,
)
from talentfoundry.web.deps import (
    DB,
    ORGANISATION_STAFF,
    ORGANISERS,
    RECRUITERS_AND_ORGANISERS,
    CurrentUser,
    OptionalUser,
    ReindexAfter,
)

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=200, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_DB_INT)]


def _page(page: Any, convert: Any) -> dict[str, Any]:
    return {
        "items": [convert(item) for item in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/events", response_model=PageOut[EventOut], tags=["events"])
def list_events(
    db: DB,
    user: OptionalUser,
    kind: SearchText | None = None,
    theme: SearchText | None = None,
    status: SearchText | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    page = events.list_events(
        db, user, kind=kind, theme=theme, status=status, limit=limit, offset=offset
    )
    return _page(page, EventOut.of)


@router.post(
    "/events",
    status_code=status.HTTP_201_CREATED,
    response_model=EventOut,
    tags=["events"],
    dependencies=[ORGANISERS],
)
def create_event(db: DB, user: CurrentUser, data: EventIn) -> Any:
    return EventOut.of(events.create_event(db, user, data))


@router.get("/events/{event_id}", response_model=EventOut, tags=["events"])
def get_event(db: DB, user: OptionalUser, event_id: Id) -> Any:
    return EventOut.of(events.get_event(db, user, event_id))


@router.patch(
    "/events/{event_id}", response_model=EventOut, tags=["events"], dependencies=[ORGANISERS]
)
def update_event(db: DB, user: CurrentUser, event_id: Id, data: EventPatch) -> Any:
    return EventOut.of(events.update_event(db, user, event_id, data))


@router.get("/events/{event_id}/booths", response_model=list[BoothOut], tags=["events"])
def list_booths(db: DB, user: OptionalUser, event_id: Id) -> Any:
    return [BoothOut.of(b) for b in events.list_booths(db, user, event_id)]


@router.put(
    "/events/{event_id}/booths", response_model=BoothOut, tags=["events"], dependencies=[ORGANISERS]
)
def put_booth(db: DB, user: CurrentUser, event_id: Id, data: BoothIn) -> Any:
    return BoothOut.of(events.add_booth(db, user, event_id, data))


@router.get(
    "/events/{event_id}/attendees",
    response_model=PageOut[AttendeeRowOut],
    tags=["events"],
    dependencies=[ORGANISERS],
)
def list_attendees(
    db: DB,
    user: CurrentUser,
    event_id: Id,
    q: SearchText | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Registered people, for the event's organisers (search by name or e-mail)."""
    page = events.list_attendees(db, user, event_id, q=q, limit=limit, offset=offset)
    return _page(page, AttendeeRowOut.of)


@router.get("/organisations", response_model=PageOut[OrganisationOut], tags=["organisations"])
def list_organisations(
    db: DB,
    kind: SearchText | None = None,
    sector: SearchText | None = None,
    event_id: Id | None = None,
    q: SearchText | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    page = organisations.list_organisations(
        db, kind=kind, sector=sector, event_id=event_id, q=q, limit=limit, offset=offset
    )
    return _page(page, OrganisationOut.model_validate)


@router.post(
    "/organisations",
    status_code=status.HTTP_201_CREATED,
    response_model=OrganisationOut,
    tags=["organisations"],
    dependencies=[ORGANISERS],
)
def create_organisation(db: DB, user: CurrentUser, data: OrganisationIn) -> Any:
    return organisations.create_organisation(db, user, data)


@router.get("/organisations/{org_id}", response_model=OrganisationOut, tags=["organisations"])
def get_organisation(db: DB, org_id: Id) -> Any:
    return organisations.get_organisation(db, org_id)


@router.patch(
    "/organisations/{org_id}",
    response_model=OrganisationOut,
    tags=["organisations"],
    dependencies=[ORGANISATION_STAFF],
)
def update_organisation(db: DB, user: CurrentUser, org_id: Id, data: OrganisationPatch) -> Any:
    return organisations.update_organisation(db, user, org_id, data)


@router.get("/roles", response_model=PageOut[RoleOut], tags=["roles"])
def list_roles(
    db: DB,
    event_id: Id | None = None,
    organisation_id: Id | None = None,
    sector: SearchText | None = None,
    work_mode: SearchText | None = None,
    seniority: SearchText | None = None,
    visa_sponsorship: bool | None = None,
    location: SearchText | None = None,
    q: SearchText | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Open roles. With ``q``, ranked by relevance, best first: the skills it names (aliases
    too: "k8s" is Kubernetes), its words and the titles; ``%`` and ``_`` are literal. Without
    ``q``, A-Z by title. The filters apply either way."""
    page = roles.list_roles(
        db,
        event_id=event_id,
        organisation_id=organisation_id,
        sector=sector,
        work_mode=work_mode,
        seniority=seniority,
        visa_sponsorship=visa_sponsorship,
        location=location,
        q=q,
        limit=limit,
        offset=offset,
    )
    return _page(page, RoleOut.of)


@router.post(
    "/roles",
    status_code=status.HTTP_201_CREATED,
    response_model=RoleOut,
    tags=["roles"],
    dependencies=[RECRUITERS_AND_ORGANISERS, ReindexAfter],
)
def create_role(db: DB, user: CurrentUser, data: RoleIn) -> Any:
    return RoleOut.of(roles.create_role(db, user, data))


@router.get("/roles/{role_id}", response_model=RoleOut, tags=["roles"])
def get_role(db: DB, role_id: Id) -> Any:
    return RoleOut.of(roles.get_role(db, role_id))


@router.patch(
    "/roles/{role_id}",
    response_model=RoleOut,
    tags=["roles"],
    dependencies=[RECRUITERS_AND_ORGANISERS, ReindexAfter],
)
def update_role(db: DB, user: CurrentUser, role_id: Id, data: RolePatch) -> Any:
    return RoleOut.of(roles.update_role(db, user, role_id, data))
