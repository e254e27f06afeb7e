"""Form handling shared by the pages: turn posted strings into use-case inputs, and any error
into a message shown next to the field it is about.

The messages of the input schemas come from :mod:`talentfoundry.services.messages`, the same
sentences the API answers with; a ``datetime-local`` box is read by :func:`local_datetime`, the
one parser every form with a date and time uses.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from talentfoundry.domain.errors import FoundryError, InputError
from talentfoundry.services.messages import field_messages
from talentfoundry.services.schemas import EARLIEST, LATEST, MAX_DB_INT

__all__ = [
    "FORM_ERROR",
    "errors_of",
    "local_datetime",
    "optional_int",
    "reordered",
    "split_list",
    "strip_empty",
    "whole_number",
]

FORM_ERROR = "_form"
"""Key of an error that is about the whole form rather than one field."""


def split_list(text: str) -> list[str]:
    """A comma- or line-separated list as typed in a text box.

    >>> split_list("Python, PyTorch\\nMLOps,, ")
    ['Python', 'PyTorch', 'MLOps']
    """
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def reordered(items: list[int], action: str, item: int) -> list[int]:
    """A ranked list after one press: ``add`` at the end, ``remove``, or move ``up``/``down``.

    Ranked lists (companies to meet, programmes) are edited one press at a time so that they work
    without JavaScript; each press is saved at once.

    >>> reordered([1, 2, 3], "up", 3), reordered([1, 2, 3], "down", 1), reordered([1, 2], "add", 9)
    ([1, 3, 2], [2, 1, 3], [1, 2, 9])
    >>> reordered([1, 2, 3], "remove", 2), reordered([1, 2], "up", 1), reordered([1], "add", 1)
    ([1, 3], [1, 2], [1])
    """
    out = list(items)
    if action == "add":
        return out if item in out else [*out, item]
    if item not in out:
        return out
    i = out.index(item)
    if action == "remove":
        out.pop(i)
    elif action == "up" and i > 0:
        out[i - 1], out[i] = out[i], out[i - 1]
    elif action == "down" and i < len(out) - 1:
        out[i + 1], out[i] = out[i], out[i + 1]
    return out


_WHOLE = re.compile(r"-?[0-9]{1,10}")


def whole_number(text: str) -> int | None:
    """The whole number typed in a box, or None when it is not one a form can mean.

    ``str.isdigit`` is not the test: it accepts digits ``int`` refuses ("²") and any length, and
    a number larger than the store's integers can name no row. Only ASCII digits, with an
    optional minus sign, that fit a stored integer count.

    >>> whole_number(" 42 "), whole_number("-3"), whole_number("²"), whole_number("9" * 11)
    (42, -3, None, None)
    """
    text = text.strip()
    if not _WHOLE.fullmatch(text):
        return None
    value = int(text)
    return value if -MAX_DB_INT - 1 <= value <= MAX_DB_INT else None


def optional_int(text: str, field: str, label: str) -> int | None:
    """A number typed in an optional box: None when blank, an error at the field when not a number.

    >>> optional_int(" 2027 ", "graduation_year", "Graduation year"), optional_int("", "x", "X")
    (2027, None)
    """
    if not text.strip():
        return None
    value = whole_number(text)
    if value is None:
        raise InputError(f"{label} must be a whole number.", field=field)
    return value


def strip_empty(values: dict[str, Any]) -> dict[str, Any]:
    """Drop fields left blank, so that an optional field left empty is "not given"."""
    return {k: v for k, v in values.items() if not (isinstance(v, str) and not v.strip())}


def local_datetime(text: str, zone: str, field: str) -> datetime:
    """A ``datetime-local`` box's value, read on ``zone``'s clocks (the event's), as an aware
    instant; an error at ``field`` in words when it cannot be read.

    Browsers send ``2027-03-18T09:00``; a typed value with a zone is refused rather than
    silently moved, and a year far from any fair (a typo such as 0202) is refused before the
    conversion to UTC could overflow.

    >>> local_datetime(" 2027-03-18T09:00 ", "Asia/Taipei", "starts_at").isoformat()
    '2027-03-18T09:00:00+08:00'
    >>> local_datetime("18/03/2027", "UTC", "deadline")
    Traceback (most recent call last):
    ...
    talentfoundry.domain.errors.InputError: Give a date and time, e.g. 2027-03-18T09:00.
    """
    try:
        naive = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError("Give a date and time, e.g. 2027-03-18T09:00.", field=field) from exc
    if naive.tzinfo is not None:
        raise InputError("Give the time without a zone: it is read as event time.", field=field)
    if not EARLIEST.year <= naive.year < LATEST.year:  # far from the calendar's ends (overflow)
        raise InputError(f"Give a date from {EARLIEST.year} to {LATEST.year - 1}.", field=field)
    return naive.replace(tzinfo=ZoneInfo(zone))


def errors_of(exc: Exception, fields: tuple[str, ...] = ()) -> dict[str, str]:
    """Field name -> message. Errors about no known field go under :data:`FORM_ERROR`."""
    out: dict[str, str] = {}
    if isinstance(exc, ValidationError):
        for message in field_messages(exc):
            name = message.field.split(".", 1)[0] or FORM_ERROR
            out.setdefault(name if not fields or name in fields else FORM_ERROR, message.message)
    elif isinstance(exc, FoundryError):
        name = exc.field or FORM_ERROR
        out[name if not fields or name in fields else FORM_ERROR] = exc.message
    else:  # pragma: no cover - callers pass only the two kinds above
        raise exc
    return out
