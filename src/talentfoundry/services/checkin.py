"""The check-in desk (badge scanned or typed on site) and online joins.

Both are accepted only inside the event's check-in window (``domain.windows.check_in_open``):
from ``Settings.check_in_opens_before_minutes`` before the start until the end. A badge scanned
months ahead was once recorded and counted on the dashboard as an arrival. ``now`` and
``settings`` are parameters so that every path (API, desk page) passes the app's own, and tests
move through the day without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentfoundry.config import DEFAULTS, Settings
from talentfoundry.domain import windows
from talentfoundry.domain.enums import CheckInChannel
from talentfoundry.domain.errors import Conflict, NotFound
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import scopes
from talentfoundry.services.common import get_or_404, principal_for
from talentfoundry.services.events import require_manager
from talentfoundry.services.schemas import CheckInIn
from talentfoundry.store.models import Attendee, CheckIn, Event, User


@dataclass(frozen=True, slots=True)
class CheckInResult:
    check_in: CheckIn
    attendee: Attendee
    already: bool  # the person had already checked in through this channel


def _opens_before(settings: Settings | None) -> timedelta:
    return timedelta(minutes=(settings or DEFAULTS).check_in_opens_before_minutes)


@dataclass(frozen=True, slots=True)
class CheckInWindow:
    """The event's check-in window as the desk shows it."""

    opens: datetime
    closes: datetime
    is_open: bool
    refusal: str  # what a check-in now would be told ("" while open)


def window(
    event: Event, settings: Settings | None = None, now: datetime | None = None
) -> CheckInWindow:
    """When the event's check-in opens and closes, and whether it is open at ``now``."""
    now = now or utcnow()
    opens, closes = windows.check_in_window(
        event.starts_at, event.ends_at, opens_before=_opens_before(settings)
    )
    try:
        _require_open(event, settings, now)
    except Conflict as exc:
        return CheckInWindow(opens, closes, is_open=False, refusal=exc.message)
    return CheckInWindow(opens, closes, is_open=True, refusal="")


def _require_open(event: Event, settings: Settings | None, now: datetime) -> None:
    windows.check_in_open(
        event.starts_at, event.ends_at, event.timezone, now, opens_before=_opens_before(settings)
    )


def check_in_badge(
    db: Session,
    actor: User,
    event_id: int,
    data: CheckInIn,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> CheckInResult:
    """Desk staff (the event's organisers) check a badge in during the event's check-in window.
    Scanning twice is harmless."""
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    now = now or utcnow()
    _require_open(event, settings, now)
    code = data.badge_code.strip().upper()
    attendee = db.scalar(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.badge_code == code)
    )
    if attendee is None:
        raise NotFound(f"No badge {code!r} is registered for this event.")
    return _record(db, actor, attendee, data.channel, data.location, now)


def join_online(
    db: Session,
    actor: User,
    event_id: int,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> CheckInResult:
    """A registered person joining the online part of the event counts as an online check-in,
    within the same window as the desk."""
    event = get_or_404(db, Event, event_id, "event")
    attendee = db.scalar(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.user_id == actor.id)
    )
    if attendee is None:
        raise NotFound("You are not registered for this event.")
    now = now or utcnow()
    _require_open(event, settings, now)
    return _record(db, actor, attendee, CheckInChannel.ONLINE, "online", now)


def _record(
    db: Session, actor: User, attendee: Attendee, channel: str, location: str, now: datetime
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
        at=now,
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
        .where(CheckIn.event_id == event.id, scopes.check_ins(principal_for(db, actor)))
        .group_by(CheckIn.channel)
    )
    result = {channel.value: 0 for channel in CheckInChannel}
    result.update({str(channel): int(n) for channel, n in rows})
    return result
