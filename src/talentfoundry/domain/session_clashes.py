"""Sessions of one event that cannot both happen as planned: the organiser is warned, not refused.

WHY "clash" and not every overlap: a fair runs parallel tracks, so two talks at 10:00 in
different rooms are the plan, not a mistake. Two sessions clash when they overlap in time *and*
need the same thing: the same room on site, the same speaker, or the same online room. The
organiser sees each clash named (which session, when, and what they share) and decides; nothing is
refused, because a room split in two or a speaker on a panel by video are real arrangements that
the data cannot see.

Pure: takes the sessions (anything with the attributes of :class:`SessionLike`), returns plain
data. O(n^2) over one event's sessions, which number in the tens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from talentfoundry.domain.intervals import overlaps

__all__ = ["Clash", "SessionLike", "clashes", "clashes_of"]


class SessionLike(Protocol):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    mode: str
    location: str | None
    speaker: str
    online_url: str | None


@dataclass(frozen=True, slots=True)
class Clash:
    """``other`` overlaps the session it is listed under and shares ``shared`` with it."""

    other_id: int
    other_title: str
    other_starts_at: datetime
    other_ends_at: datetime
    shared: str
    """What both need, in words: "the same room (Room 101)", "the same speaker (Ana Wu)"."""


_SPEAKER_SEPARATORS = re.compile(r"\s*(?:;|&|\band\b)\s*", re.IGNORECASE)


def _speaker_names(text: str) -> list[str]:
    """The people named in a speaker box, by name: "Ana Wu and Bo Li" names two, and in
    "Ana Wu, CTO, Acme" the name is what comes before the first comma (two careers advisers of
    one university are two people, not one speaker twice).

    >>> _speaker_names("Ana Wu, CTO, Acme AI; Bo Li & Cy Ng"), _speaker_names("")
    (['Ana Wu', 'Bo Li', 'Cy Ng'], [])
    """
    parts = _SPEAKER_SEPARATORS.split(text or "")
    return [p.split(",", 1)[0].strip() for p in parts if p.split(",", 1)[0].strip()]


def _speakers(text: str) -> set[str]:
    return {name.casefold() for name in _speaker_names(text)}


def _room(session: SessionLike) -> str | None:
    if session.mode == "online" or not (session.location or "").strip():
        return None
    return " ".join((session.location or "").split()).casefold()


def _shared(a: SessionLike, b: SessionLike) -> list[str]:
    shared = []
    room_a = _room(a)
    if room_a is not None and room_a == _room(b):
        shared.append(f"the same room ({(a.location or '').strip()})")
    common = _speakers(a.speaker) & _speakers(b.speaker)
    if common:
        names = [s for s in _speaker_names(a.speaker) if s.casefold() in common]
        shared.append(f"the same speaker ({', '.join(names)})")
    if a.online_url and a.online_url == b.online_url:
        shared.append("the same online room")
    return shared


def clashes(sessions: Sequence[SessionLike]) -> dict[int, list[Clash]]:
    """Session id -> the sessions it clashes with, earliest first; sessions without a clash are
    left out.

    >>> from datetime import UTC
    >>> from types import SimpleNamespace as S
    >>> h = lambda hour: datetime(2027, 3, 18, hour, tzinfo=UTC)
    >>> a = S(id=1, title="Keynote", starts_at=h(9), ends_at=h(11), mode="onsite",
    ...       location="Main hall", speaker="Ana Wu", online_url=None)
    >>> b = S(id=2, title="CV clinic", starts_at=h(10), ends_at=h(12), mode="onsite",
    ...       location="main  Hall", speaker="", online_url=None)
    >>> c = S(id=3, title="Panel", starts_at=h(10), ends_at=h(11), mode="onsite",
    ...       location="Room 2", speaker="Bo Li and Ana Wu", online_url=None)
    >>> found = clashes([a, b, c])
    >>> [(x.other_title, x.shared) for x in found[1]]
    [('CV clinic', 'the same room (Main hall)'), ('Panel', 'the same speaker (Ana Wu)')]
    >>> sorted(found), [x.other_title for x in found[2]]
    ([1, 2, 3], ['Keynote'])
    """
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.ends_at, s.id))
    out: dict[int, list[Clash]] = {}
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.starts_at >= a.ends_at:
                break  # sorted by start: no later session overlaps ``a`` either
            if not overlaps(a.starts_at, a.ends_at, b.starts_at, b.ends_at):
                continue  # an empty span touches nothing
            for shared in _shared(a, b):
                out.setdefault(a.id, []).append(
                    Clash(b.id, b.title, b.starts_at, b.ends_at, shared)
                )
                out.setdefault(b.id, []).append(
                    Clash(a.id, a.title, a.starts_at, a.ends_at, shared)
                )
    for found in out.values():
        found.sort(key=lambda c: (c.other_starts_at, c.other_id))
    return out


def clashes_of(session_id: int, sessions: Sequence[SessionLike]) -> list[Clash]:
    """The clashes of one session among the event's sessions (empty when none)."""
    return clashes(sessions).get(session_id, [])
