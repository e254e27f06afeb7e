"""Form handling shared by the pages: turn posted strings into use-case inputs, and any error
into a message shown next to the field it is about."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from talentfoundry.domain.errors import FoundryError, InputError
from talentfoundry.services.schemas import MAX_DB_INT

__all__ = [
    "FORM_ERROR",
    "errors_of",
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


def _message(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", "invalid"))
    return msg.removeprefix("Value error, ")


def errors_of(exc: Exception, fields: tuple[str, ...] = ()) -> dict[str, str]:
    """Field name -> message. Errors about no known field go under :data:`FORM_ERROR`."""
    out: dict[str, str] = {}
    if isinstance(exc, ValidationError):
        for error in exc.errors():
            loc = [str(p) for p in error.get("loc", ())]
            name = loc[0] if loc else FORM_ERROR
            out.setdefault(name if not fields or name in fields else FORM_ERROR, _message(error))
    elif isinstance(exc, FoundryError):
        name = exc.field or FORM_ERROR
        out[name if not fields or name in fields else FORM_ERROR] = exc.message
    else:  # pragma: no cover - callers pass only the two kinds above
        raise exc
    return out
