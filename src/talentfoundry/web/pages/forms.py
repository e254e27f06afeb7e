"""Form handling shared by the pages: turn posted strings into use-case inputs, and any error
into a message shown next to the field it is about."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from talentfoundry.domain.errors import FoundryError

__all__ = ["FORM_ERROR", "errors_of", "split_list", "strip_empty"]

FORM_ERROR = "_form"
"""Key of an error that is about the whole form rather than one field."""


def split_list(text: str) -> list[str]:
    """A comma- or line-separated list as typed in a text box.

    >>> split_list("Python, PyTorch\\nMLOps,, ")
    ['Python', 'PyTorch', 'MLOps']
    """
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


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
