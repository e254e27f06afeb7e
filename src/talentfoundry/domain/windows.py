"""When each time-bound action is allowed: pure rules taking the times involved and ``now``.

WHY here and pure: a window is a business rule that several paths reach (the API, the pages, the
CLI, the allocation's refill) and that tests must be able to move through without sleeping. Each
function takes the instants it compares plus ``now`` (all aware datetimes, stored in UTC) and the
event's IANA zone, and raises a :class:`~talentfoundry.domain.errors.FoundryError` whose message
names the time on the event's clocks, e.g. "Check-in opens at 07:00 on Wed 18 Mar
(Asia/Hong_Kong)." The services call them inside the function that performs the action, so no
path can skip them.

A window is half-open: an action "until X" is allowed strictly before X, one "from X" at X.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from talentfoundry.domain.errors import Conflict, InputError

__all__ = [
    "at_event_time",
    "check_in_open",
    "check_in_window",
    "choices_open",
    "future_deadline",
    "meeting_cancellable",
    "meeting_requests_open",
    "no_show_markable",
    "session_sign_up_open",
    "slot_bookable",
    "slot_refillable",
]


def at_event_time(instant: datetime, zone: str, *, now: datetime | None = None) -> str:
    """``07:00 on Wed 18 Mar (Asia/Taipei)``; the year is added when it is not ``now``'s year.

    >>> from datetime import UTC
    >>> at_event_time(datetime(2027, 3, 17, 23, 0, tzinfo=UTC), "Asia/Hong_Kong")
    '07:00 on Thu 18 Mar 2027 (Asia/Hong_Kong)'
    >>> at_event_time(datetime(2027, 3, 17, 23, 0, tzinfo=UTC), "Asia/Hong_Kong",
    ...               now=datetime(2027, 1, 1, tzinfo=UTC))
    '07:00 on Thu 18 Mar (Asia/Hong_Kong)'
    """
    local = instant.astimezone(ZoneInfo(zone))
    same_year = now is not None and now.astimezone(ZoneInfo(zone)).year == local.year
    day = f"{local:%a %d %b}" if same_year else f"{local:%a %d %b %Y}"
    return f"{local:%H:%M} on {day} ({zone})"


# --- check-in: the badge desk and "join online" ------------------------------------------------


def check_in_window(
    starts_at: datetime, ends_at: datetime, *, opens_before: timedelta
) -> tuple[datetime, datetime]:
    """When check-in opens and closes: ``opens_before`` ahead of the start, until the end."""
    return starts_at - opens_before, ends_at


def check_in_open(
    starts_at: datetime,
    ends_at: datetime,
    zone: str,
    now: datetime,
    *,
    opens_before: timedelta,
) -> None:
    """Refuse a check-in outside the event's window (a badge scanned months early must not
    count on the dashboard as an arrival)."""
    opens, closes = check_in_window(starts_at, ends_at, opens_before=opens_before)
    if now < opens:
        raise Conflict(f"Check-in opens at {at_event_time(opens, zone, now=now)}.")
    if now >= closes:
        raise Conflict(
            f"Check-in closed at {at_event_time(closes, zone, now=now)}, when the event ended."
        )


# --- placement rounds ---------------------------------------------------------------------------


def future_deadline(deadline: datetime, now: datetime, *, field: str = "deadline") -> None:
    """A new deadline must still be ahead (a round once accepted 1970-01-01)."""
    if deadline <= now:
        raise InputError("The deadline must be in the future.", field=field)


def choices_open(deadline: datetime, zone: str, now: datetime) -> None:
    """Students change their ranked lists only before the round's deadline."""
    if now >= deadline:
        raise Conflict(
            f"The deadline for this round passed at {at_event_time(deadline, zone, now=now)}; "
            "lists can no longer change."
        )


# --- interviews, meetings and sessions (called by booking, allocation and workshops) -----------


def slot_bookable(starts_at: datetime, zone: str, now: datetime) -> None:
    """An interview slot can be booked only before it starts (``booking.book``)."""
    if now >= starts_at:
        raise Conflict(
            f"This slot started at {at_event_time(starts_at, zone, now=now)}; choose a later one."
        )


def slot_refillable(starts_at: datetime, now: datetime) -> bool:
    """Whether a freed slot may still be handed to a waiting request (``allocation.refill``):
    a meeting that has already started cannot be given to someone who is not there."""
    return now < starts_at


def meeting_cancellable(starts_at: datetime, zone: str, now: datetime) -> None:
    """A meeting can be cancelled only before it starts (``booking.cancel_booking``); after that
    it happened, or it was missed, and its slot cannot go to anyone else."""
    if now >= starts_at:
        raise Conflict(
            f"This meeting started at {at_event_time(starts_at, zone, now=now)}; "
            "it can no longer be cancelled."
        )


def no_show_markable(
    starts_at: datetime, ends_at: datetime, zone: str, now: datetime, *, grace: timedelta
) -> None:
    """A missed meeting is marked (or the mark undone) from its start until ``grace`` after its
    end: before, the candidate may still come; long after, the record is what it is."""
    if now < starts_at:
        raise Conflict(
            f"This meeting starts at {at_event_time(starts_at, zone, now=now)}; it can be marked "
            "as missed once it has started."
        )
    if now >= ends_at + grace:
        closes = at_event_time(ends_at + grace, zone, now=now)
        raise Conflict(f"A missed meeting can be marked until {closes}; that time has passed.")


def session_sign_up_open(ends_at: datetime, zone: str, now: datetime) -> None:
    """A session can be signed up for (or waitlisted) only until it ends
    (``workshops.register``)."""
    if now >= ends_at:
        raise Conflict(
            f"This session ended at {at_event_time(ends_at, zone, now=now)}; sign-up is closed."
        )


def meeting_requests_open(ends_at: datetime, zone: str, now: datetime) -> None:
    """Candidates change their meeting requests until the event ends (``allocation.set_requests``).

    Not only until the allocation is published: after it, the requests still decide who gets a
    cancelled meeting's slot (``allocation.refill`` gives it to the best waiting request).
    """
    if now >= ends_at:
        raise Conflict(f"This event ended at {at_event_time(ends_at, zone, now=now)}.")
