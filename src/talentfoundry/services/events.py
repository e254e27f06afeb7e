"""Events and booths."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from talentfoundry.domain import access
from talentfoundry.domain.enums import EventStatus, UserRole
from talentfoundry.domain.errors import Conflict, InputError, NotFound, PermissionDenied
from talentfoundry.domain.intervals import require_end_after_start
from talentfoundry.services import scopes
from talentfoundry.services.common import (
    MAX_PAGE,
    Page,
    contains_text,
    get_or_404,
    paginate,
    principal_for,
)
from talentfoundry.services.schemas import BoothIn, EventIn, EventPatch
from talentfoundry.store.models import Attendee, Booth, Event, Organisation, User, event_organisers


def create_event(db: Session, actor: User, data: EventIn) -> Event:
    if not access.can_create_event(principal_for(db, actor)):
        raise PermissionDenied("Only organisers and admins create events.")
    if db.scalar(select(Event.id).where(Event.slug == data.slug)) is not None:
        raise Conflict(f"An event with slug {data.slug!r} already exists.", field="slug")
    event = Event(**data.model_dump(exclude={"kind", "status"}), kind=data.kind, status=data.status)
    if actor.role == UserRole.ORGANISER:
        event.organisers.append(actor)
    db.add(event)
    try:
        db.flush()
    except IntegrityError as exc:
        raise Conflict(f"An event with slug {data.slug!r} already exists.", field="slug") from exc
    return event


def require_manager(db: Session, actor: User, event: Event) -> None:
    if not access.can_manage_event(principal_for(db, actor), event.id):
        raise PermissionDenied("Only this event's organisers may do that.")


def update_event(db: Session, actor: User, event_id: int, patch: EventPatch) -> Event:
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    for key, value in patch.model_dump(exclude_unset=True).items():
        setattr(event, key, value)
    require_end_after_start(event.starts_at, event.ends_at)
    if not (event.onsite or event.online):
        raise InputError("an event is on-site, online or both (hybrid)", field="onsite")
    db.flush()
    return event


def visible_events_query(db: Session, actor: User | None):
    """Published events for everyone; drafts only for their organisers and admins."""
    query = select(Event)
    if actor is None or actor.role not in (UserRole.ORGANISER, UserRole.ADMIN):
        return query.where(Event.status != EventStatus.DRAFT)
    if actor.role == UserRole.ADMIN:
        return query
    mine = select(event_organisers.c.event_id).where(event_organisers.c.user_id == actor.id)
    return query.where(or_(Event.status != EventStatus.DRAFT, Event.id.in_(mine)))


def list_events(
    db: Session,
    actor: User | None,
    *,
    kind: str | None = None,
    theme: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    query = visible_events_query(db, actor)
    if kind:
        query = query.where(Event.kind == kind)
    if status:
        query = query.where(Event.status == status)
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit must be between 1 and {MAX_PAGE}", field="limit")
    # Events are few (tens a year) and themes live in a JSON list: filter them here, portably.
    events = list(db.scalars(query.order_by(Event.starts_at, Event.id)))
    if theme:
        events = [e for e in events if theme in (e.themes or [])]
    return Page(
        items=events[offset : offset + limit], total=len(events), limit=limit, offset=offset
    )


def get_event(db: Session, actor: User | None, event_id: int) -> Event:
    event = db.scalar(visible_events_query(db, actor).where(Event.id == event_id))
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    return event


def get_event_by_slug(db: Session, actor: User | None, slug: str) -> Event:
    event = db.scalar(visible_events_query(db, actor).where(Event.slug == slug))
    if event is None:
        raise NotFound(f"No event {slug!r}.")
    return event


def add_organiser(db: Session, actor: User, event_id: int, user: User) -> None:
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    if user.role != UserRole.ORGANISER:
        raise InputError("Only users with the organiser role can run an event.", field="user_id")
    if user not in event.organisers:
        event.organisers.append(user)
    db.flush()


def add_booth(db: Session, actor: User, event_id: int, data: BoothIn) -> Booth:
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    org = db.get(Organisation, data.organisation_id)
    if org is None:
        raise InputError(
            f"No organisation with id {data.organisation_id}.", field="organisation_id"
        )
    existing = db.scalar(
        select(Booth).where(Booth.event_id == event.id, Booth.organisation_id == org.id)
    )
    booth = existing or Booth(event_id=event.id, organisation_id=org.id)
    booth.location_code = data.location_code
    booth.online_room_url = data.online_room_url
    db.add(booth)
    db.flush()
    return booth


def list_booths(db: Session, actor: User | None, event_id: int) -> list[Booth]:
    event = get_event(db, actor, event_id)
    return list(
        db.scalars(
            select(Booth)
            .join(Organisation)
            .where(Booth.event_id == event.id)
            .order_by(Booth.location_code, Organisation.name)
        )
    )


def list_attendees(
    db: Session,
    actor: User,
    event_id: int,
    *,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Everyone registered for the event (its organisers only): for the desk and the reports."""
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    query = (
        select(Attendee)
        .join(User, Attendee.user_id == User.id)
        .where(Attendee.event_id == event.id, scopes.attendees(principal_for(db, actor)))
    )
    if q:
        query = query.where(or_(contains_text(User.full_name, q), contains_text(User.email, q)))
    return paginate(db, query.order_by(User.full_name, Attendee.id), limit=limit, offset=offset)
