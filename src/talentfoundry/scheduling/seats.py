"""Workshop and talk seats: capacity per mode, a waitlist in sign-up order, automatic promotion.

Pure functions over immutable dataclasses: the platform's database service loads a
:class:`Roster`, calls :func:`sign_up`, :func:`cancel` or :func:`set_capacity`, and persists the
returned roster and the :class:`Change` list (which also tells it whom to notify). Nothing here
reads a clock or a database, so the rules are testable and identical for the API and the CLI.

Rules:

* a hybrid session has a seat pool per mode (``onsite``, ``online``); a capacity of ``None`` means
  unlimited (a stream usually is);
* a person holds at most one registration per session; a sign-up when the pool is full joins the
  waitlist, whose order is sign-up order and never anything else;
* a seat freed by a cancellation or a larger capacity goes to the earliest waiting person of that
  mode who is free at that time; a waiting person whose interviews now overlap the session is
  skipped (stays waiting) rather than double-booked;
* nobody is ever seated in a session that overlaps one of their interviews: sign-up is refused.

>>> from datetime import datetime, UTC
>>> t = lambda h: datetime(2027, 3, 18, h, tzinfo=UTC)
>>> r = Roster(Session("w1", t(10), t(11), {"onsite": 1}))
>>> r, ch = sign_up(r, "ana", "onsite", interviews=[])
>>> r, ch = sign_up(r, "ben", "onsite", interviews=[])
>>> [(s.person, s.status) for s in r.seats]
[('ana', 'confirmed'), ('ben', 'waitlisted')]
>>> r, ch = cancel(r, "ana", interviews_of={})
>>> [(c.person, c.status) for c in ch]
[('ana', 'cancelled'), ('ben', 'confirmed')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from talentfoundry.domain.errors import Conflict, InputError

__all__ = [
    "CONFIRMED",
    "WAITLISTED",
    "Change",
    "Roster",
    "Seat",
    "Session",
    "cancel",
    "free_seats",
    "set_capacity",
    "sign_up",
    "waitlist_position",
]

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
Interval = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class Session:
    """A workshop or talk; ``capacity``: seats per offered mode (``None``: unlimited)."""

    id: str
    start: datetime
    end: datetime
    capacity: Mapping[str, int | None]


@dataclass(frozen=True, slots=True)
class Seat:
    """One registration; ``order`` is the sign-up sequence number (the waitlist order)."""

    person: str
    mode: str
    status: str
    order: int


@dataclass(frozen=True, slots=True)
class Roster:
    session: Session
    seats: tuple[Seat, ...] = ()
    next_order: int = 0


@dataclass(frozen=True, slots=True)
class Change:
    """What happened to whom: ``confirmed``, ``waitlisted`` or ``cancelled``."""

    person: str
    mode: str
    status: str


def free_seats(roster: Roster, mode: str) -> int | None:
    """Seats left in ``mode`` (``None`` if unlimited)."""
    cap = _capacity(roster.session, mode)
    if cap is None:
        return None
    taken = sum(1 for s in roster.seats if s.mode == mode and s.status == CONFIRMED)
    return max(0, cap - taken)


def waitlist_position(roster: Roster, person: str) -> int | None:
    """1-based position on the waitlist of the person's mode, ``None`` if not waiting."""
    mine = next((s for s in roster.seats if s.person == person), None)
    if mine is None or mine.status != WAITLISTED:
        return None
    ahead = [s for s in _waiting(roster, mine.mode) if s.order < mine.order]
    return len(ahead) + 1


def sign_up(
    roster: Roster, person: str, mode: str, *, interviews: Iterable[Interval]
) -> tuple[Roster, list[Change]]:
    """Register ``person``: a seat if one is free, else the end of the waitlist.

    Raises :class:`Conflict` if they are already registered or the session overlaps one of their
    ``interviews``, :class:`InputError` if the session does not offer ``mode``.
    """
    _capacity(roster.session, mode)
    if any(s.person == person for s in roster.seats):
        raise Conflict(f"{person!r} is already registered for session {roster.session.id!r}")
    clash = _first_clash(roster.session, interviews)
    if clash is not None:
        raise Conflict(
            f"session {roster.session.id!r} overlaps {person!r}'s interview at "
            f"{clash[0].isoformat()}"
        )
    left = free_seats(roster, mode)
    status = CONFIRMED if left is None or left > 0 else WAITLISTED
    seat = Seat(person, mode, status, roster.next_order)
    new = replace(roster, seats=(*roster.seats, seat), next_order=roster.next_order + 1)
    return new, [Change(person, mode, status)]


def cancel(
    roster: Roster, person: str, *, interviews_of: Mapping[str, Iterable[Interval]]
) -> tuple[Roster, list[Change]]:
    """Remove ``person``'s registration; a freed seat is offered down the waitlist at once.

    ``interviews_of`` gives the current interviews of the people who may be promoted (missing
    people have none). Raises :class:`Conflict` if ``person`` is not registered.
    """
    mine = next((s for s in roster.seats if s.person == person), None)
    if mine is None:
        raise Conflict(f"{person!r} is not registered for session {roster.session.id!r}")
    rest = tuple(s for s in roster.seats if s.person != person)
    new = replace(roster, seats=rest)
    changes = [Change(person, mine.mode, "cancelled")]
    if mine.status == CONFIRMED:
        new, promoted = _promote(new, mine.mode, interviews_of)
        changes += promoted
    return new, changes


def set_capacity(
    roster: Roster,
    mode: str,
    capacity: int | None,
    *,
    interviews_of: Mapping[str, Iterable[Interval]],
) -> tuple[Roster, list[Change]]:
    """Change a pool's capacity; extra seats are filled from the waitlist.

    A smaller capacity never unseats anyone already confirmed (they were promised a seat); it only
    stops new confirmations until enough people cancel.
    """
    if capacity is not None and (isinstance(capacity, bool) or capacity < 0):
        raise InputError(f"capacity must be a non-negative integer or unlimited, got {capacity!r}")
    caps = dict(roster.session.capacity)
    caps[mode] = capacity
    new = replace(roster, session=replace(roster.session, capacity=caps))
    return _promote(new, mode, interviews_of)


# --- helpers ------------------------------------------------------------------------------------


def _capacity(session: Session, mode: str) -> int | None:
    if mode not in session.capacity:
        offered = ", ".join(sorted(session.capacity)) or "none"
        raise InputError(f"session {session.id!r} has no {mode!r} seats (offered: {offered})")
    return session.capacity[mode]


def _waiting(roster: Roster, mode: str) -> list[Seat]:
    return sorted(
        (s for s in roster.seats if s.mode == mode and s.status == WAITLISTED),
        key=lambda s: s.order,
    )


def _first_clash(session: Session, interviews: Iterable[Interval]) -> Interval | None:
    for start, end in sorted(interviews):
        if start < session.end and session.start < end:
            return (start, end)
    return None


def _promote(
    roster: Roster, mode: str, interviews_of: Mapping[str, Iterable[Interval]]
) -> tuple[Roster, list[Change]]:
    changes: list[Change] = []
    seats = list(roster.seats)
    for waiting in _waiting(roster, mode):
        left = free_seats(replace(roster, seats=tuple(seats)), mode)
        if left is not None and left <= 0:
            break
        if _first_clash(roster.session, interviews_of.get(waiting.person, ())) is not None:
            continue  # would double-book them: they keep their place for a later seat
        index = seats.index(waiting)
        seats[index] = replace(waiting, status=CONFIRMED)
        changes.append(Change(waiting.person, mode, CONFIRMED))
    return replace(roster, seats=tuple(seats)), changes
