"""Spans of time: the one rule that an end comes after its start, and when two spans overlap.

WHY one module: "ends after starts" was written four times (the input schemas, the event and
session updates, the event form) with drifting wording, so a person saw "ends_at must be after
starts_at" on one path and something else on another. Every path now calls
:func:`require_end_after_start`, and the sentence a person reads is :data:`END_AFTER_START`.

Spans are half-open, ``[start, end)``: a talk from 10:00 to 11:00 and one from 11:00 to 12:00 do
not overlap, so back-to-back sessions in one room are fine.
"""

from __future__ import annotations

from datetime import datetime

from talentfoundry.domain.errors import InputError

__all__ = ["END_AFTER_START", "end_after_start", "overlaps", "require_end_after_start"]

END_AFTER_START = "The end must be after the start."
"""What a person reads when a span ends at or before its start (on every path)."""


def end_after_start(starts_at: datetime, ends_at: datetime) -> bool:
    """Whether a span is well ordered: it ends strictly after it starts.

    >>> from datetime import UTC
    >>> t = datetime(2027, 3, 18, 9, 0, tzinfo=UTC)
    >>> end_after_start(t, t.replace(hour=10)), end_after_start(t, t)
    (True, False)
    """
    return ends_at > starts_at


def require_end_after_start(
    starts_at: datetime, ends_at: datetime, *, field: str = "ends_at"
) -> None:
    """Refuse a span that does not end after it starts, with the message at the end's field.

    >>> from datetime import UTC
    >>> t = datetime(2027, 3, 18, 9, 0, tzinfo=UTC)
    >>> require_end_after_start(t, t)
    Traceback (most recent call last):
    ...
    talentfoundry.domain.errors.InputError: The end must be after the start.
    """
    if not end_after_start(starts_at, ends_at):
        raise InputError(END_AFTER_START, field=field)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Whether two half-open spans share any instant (touching ends do not overlap).

    >>> from datetime import UTC
    >>> h = lambda hour: datetime(2027, 3, 18, hour, tzinfo=UTC)
    >>> overlaps(h(10), h(11), h(10), h(12)), overlaps(h(10), h(11), h(11), h(12))
    (True, False)
    """
    return a_start < b_end and b_start < a_end
