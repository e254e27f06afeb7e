"""The check-in desk (badge scanned or typed on site) and online joins."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import CheckInChannel
from talentfoundry.domain.errors import NotFound
from talentfoundry.services.common import get_or_404
from talentfoundry.services.events import require_manager
from talentfoundry.services.schemas import CheckInIn
from talentfoundry.store.models import Attendee, CheckIn, Event, User


@dataclass(frozen=True, slots=True)
class CheckInResult:
    check_in: CheckIn
    attendee: Attendee
    already: bool  # the person had already checked in through this channel


def check_in_badge(db: Session, actor: User, event_id: int, data: CheckInIn) -> CheckInResult:
    """Desk staff (the event's organisers) check a badge in. Scanning twice is harmless."""
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    code = data.badge_code.strip().upper()
    attendee = db.scalar(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.badge_code == code)
    )
    if attendee is None:
        raise NotFound(f"No badge {code!r} is registered for this event.")
    return _record(db, actor, attendee, data.channel, data.location)


def join_online(db: Session, actor: User, event_id: int) -> CheckInResult:
    """A registered person joining the online part of the event counts as an online check-in."""
    attendee = db.scalar(
        select(Attendee).where(Attendee.event_id == event_id, Attendee.user_id == actor.id)
    )
    if attendee is None:
        raise NotFound("You are not registered for this event.")
    return _record(db, actor, attendee, CheckInChannel.ONLINE, "online")


def _record(
    db: Session, actor: User, attendee: Attendee, channel: str, location: str
) -> CheckInResult:
    existing = db.scalar(
        select(CheckIn).where(
            CheckIn.event_id == attendee.event_id,
            CheckIn.user_id == attendee.user_id,
            CheckIn.channel == channel,
        )
    )
    if existing is not None:
        return CheckInResult(check_in=existing, attendee=attendee, already=True)
    check_in = CheckIn(
        event_id=attendee.event_id,
        user_id=attendee.user_id,
        channel=channel,
        location=location,
        checked_in_by_id=actor.id,
    )
    db.add(check_in)
    db.flush()
    return CheckInResult(check_in=check_in, attendee=attendee, already=False)


def counts(db: Session, actor: User, event_id: int) -> dict[str, int]:
    """Check-ins per channel (on-site and online counted separately)."""
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    rows = db.execute(
        select(CheckIn.channel, func.count())
        .where(CheckIn.event_id == event.id)
        .group_by(CheckIn.channel)
    )
    result = {channel.value: 0 for channel in CheckInChannel}
    result.update({str(channel): int(n) for channel, n in rows})
    return result
