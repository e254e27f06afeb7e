"""Companies and universities."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from talentfoundry.domain import access
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import Conflict, PermissionDenied
from talentfoundry.services.common import (
    Page,
    contains_text,
    get_or_404,
    paginate,
    principal_for,
)
from talentfoundry.services.schemas import OrganisationIn, OrganisationPatch
from talentfoundry.store.models import Booth, Organisation, User


def create_organisation(db: Session, actor: User, data: OrganisationIn) -> Organisation:
    if actor.role not in (UserRole.ORGANISER, UserRole.ADMIN):
        raise PermissionDenied("Only organisers and admins add organisations.")
    if db.scalar(select(Organisation.id).where(Organisation.slug == data.slug)) is not None:
        raise Conflict(f"An organisation with slug {data.slug!r} already exists.", field="slug")
    org = Organisation(**data.model_dump())
    db.add(org)
    try:
        db.flush()
    except IntegrityError as exc:
        raise Conflict(
            f"An organisation with slug {data.slug!r} already exists.", field="slug"
        ) from exc
    return org


def update_organisation(
    db: Session, actor: User, org_id: int, patch: OrganisationPatch
) -> Organisation:
    org = get_or_404(db, Organisation, org_id, "organisation")
    if not access.can_manage_organisation(principal_for(db, actor), org.id):
        raise PermissionDenied("You can only edit your own organisation.")
    for key, value in patch.model_dump(exclude_unset=True).items():
        setattr(org, key, value)
    db.flush()
    return org


def list_organisations(
    db: Session,
    *,
    kind: str | None = None,
    sector: str | None = None,
    event_id: int | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Company and university directory: public information only."""
    query = select(Organisation)
    if kind:
        query = query.where(Organisation.kind == kind)
    if sector:
        query = query.where(Organisation.sector == sector)
    if event_id is not None:
        query = query.where(
            Organisation.id.in_(select(Booth.organisation_id).where(Booth.event_id == event_id))
        )
    if q:
        query = query.where(contains_text(Organisation.name, q))
    return paginate(
        db, query.order_by(Organisation.name, Organisation.id), limit=limit, offset=offset
    )


def get_organisation(db: Session, org_id: int) -> Organisation:
    return get_or_404(db, Organisation, org_id, "organisation")
