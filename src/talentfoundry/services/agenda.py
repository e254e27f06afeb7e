"""A candidate's agenda (interviews and workshops, each with where to go) and its .ics calendar.

The agenda is built here, not in a template, so the page and the calendar file say the same thing:
an on-site interview names the company's booth location code, an online one its video room link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from talentfoundry.domain.enums import Mode
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import booking, workshops
from talentfoundry.store.models import User

__all__ = ["AgendaItem", "agenda_ics", "my_agenda"]


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One thing in a person's day. ``where`` is a location code or room name, ``link`` a URL."""

    uid: str
    kind: str  # "interview", "workshop", "talk", "panel"
    title: str
    starts_at: datetime
    ends_at: datetime
    mode: str
    where: str
    link: str | None
    status: str  # "booked", "missed" (the company marked a no-show), "confirmed" or "waitlisted"
    event_id: int
    event_name: str


def my_agenda(db: Session, actor: User) -> list[AgendaItem]:
    """The actor's interviews and workshop seats (and waitlist places), in time order."""
    items: list[AgendaItem] = []
    for b in booking.my_bookings(db, actor):
        slot = b.slot
        booth = slot.booth
        online = slot.mode == Mode.ONLINE
        location = booth.location_code if booth else None
        room = booth.online_room_url if booth else None
        items.append(
            AgendaItem(
                uid=f"booking-{b.id}@talentfoundry",
                kind="interview",
                title=f"Interview with {slot.organisation.name}",
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                mode=slot.mode,
                where=("online" if online else f"Booth {location or 'to be announced'}"),
                link=room if online else None,
                status="missed" if b.no_show_at is not None else "booked",
                event_id=slot.event_id,
                event_name=slot.event.name,
            )
        )
    for r in workshops.my_registrations(db, actor):
        s = r.session
        items.append(
            AgendaItem(
                uid=f"session-{s.id}-user-{actor.id}@talentfoundry",
                kind=s.kind,
                title=s.title,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                mode=s.mode,
                where=s.location or ("online" if s.mode == Mode.ONLINE else "venue"),
                link=s.online_url,
                status=r.status,
                event_id=s.event_id,
                event_name=s.event.name,
            )
        )
    items.sort(key=lambda i: (i.starts_at, i.title))
    return items


def agenda_ics(items: list[AgendaItem], *, owner: str) -> bytes:
    """An iCalendar (RFC 5545) file: times in UTC so every calendar app shows them correctly.

    Waitlist places are left out: a calendar entry would claim a seat the person does not have.

    >>> from datetime import UTC
    >>> t = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)
    >>> item = AgendaItem("x@tf", "talk", "Keynote", t, t, "onsite", "Hall 1", None,
    ...                   "confirmed", 1, "AI Day")
    >>> b"SUMMARY:Keynote" in agenda_ics([item], owner="Ann")
    True
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Talent Foundry//agenda//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Talent Foundry agenda of {owner}")
    stamp = utcnow()
    for item in items:
        if item.status == "waitlisted":
            continue
        entry = Event()
        entry.add("uid", item.uid)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", item.starts_at)
        entry.add("dtend", item.ends_at)
        entry.add("summary", item.title)
        entry.add("location", item.link or item.where)
        if item.link:
            entry.add("url", item.link)
        entry.add("description", f"{item.event_name} ({item.kind}, {item.mode})")
        cal.add_component(entry)
    return cal.to_ical()
