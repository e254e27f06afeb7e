"""Pydantic's validation errors as sentences for people, in the field's own words.

WHY one translation: pydantic writes for programmers ("String should have at least 1 character",
"Input should be greater than or equal to 1950"), and each entry point (the API's problem
responses, the pages' forms, the importers) used to pass that text on, or rewrite part of it by
hand. Here, each error *kind* has one sentence, filled with the field's label (from the schema's
``labels``, :data:`~talentfoundry.services.schemas.DEFAULT_LABELS`, or the field's name in
words), so "Please enter your full name." reads the same on the sign-up page and in the API.

Errors raised by this project's own validators (``PydanticCustomError`` in the schemas) already
carry a sentence; those that are about the whole input name, in ``ctx["field"]``, the field a
person would fix, and are reported there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core.core_schema import ErrorType

from talentfoundry.services.schemas import DEFAULT_LABELS, MAX_DB_INT, PATTERN_HINTS, Strict

__all__ = [
    "FieldMessage",
    "field_messages",
    "label_of",
    "message_for",
    "messages_of",
    "model_named",
    "summary",
]

REQUEST_PARTS = frozenset({"body", "query", "path", "header", "cookie", "form"})
"""Where FastAPI says an error was (the first item of its ``loc``); not part of the field's name."""

DATETIME_EXAMPLE = "2027-03-18T09:00:00+08:00"


@dataclass(frozen=True, slots=True)
class FieldMessage:
    """One problem: the field (dotted path, "" for the whole input), the sentence, and the kind
    of error (pydantic's type, e.g. ``string_too_short``) for programs that react to it."""

    field: str
    message: str
    code: str


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _number(value: Any) -> str:
    """Numbers as people write them: thousands grouped, but years left alone (1950, not 1,950)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}"
    return str(value)


def _is_year(field: str) -> bool:
    return field == "year" or field.endswith("_year")


def _humanised(field: str) -> str:
    """A field's name in words when no label says better: ``event_id`` -> "the event"."""
    if field.endswith("_ids"):
        return f"the {field[:-4].replace('_', ' ')}s"
    if field.endswith("_id"):
        return f"the {field[:-3].replace('_', ' ')}"
    return "the record" if field == "id" else f"the {field.replace('_', ' ')}"


def _strict_models(base: type[BaseModel] = Strict) -> Iterable[type[BaseModel]]:
    for sub in base.__subclasses__():
        yield sub
        yield from _strict_models(sub)


def model_named(name: str) -> type[BaseModel] | None:
    """The input schema called ``name`` (a ``ValidationError`` names its model, not the class)."""
    return next((m for m in _strict_models() if m.__name__ == name), None)


def label_of(model: type[BaseModel] | None, field: str) -> str:
    """How a person calls ``field`` of ``model``: a noun phrase that fits in a sentence.

    >>> from talentfoundry.services.schemas import RegisterIn
    >>> label_of(RegisterIn, "full_name"), label_of(None, "starts_at"), label_of(None, "event_id")
    ('your full name', 'the start', 'the event')
    """
    labels: Mapping[str, str] = getattr(model, "labels", {}) if model is not None else {}
    return labels.get(field) or DEFAULT_LABELS.get(field) or _humanised(field)


def _is_choice(model: type[BaseModel] | None, field: str) -> bool:
    """Whether a person picks this field from a list (then "choose", not "enter")."""
    if _is_id(field):
        return True
    info = getattr(model, "model_fields", {}).get(field) if model is not None else None
    if info is None:
        return False
    kinds = [info.annotation, *get_args(info.annotation)]
    return any(
        kind is bool
        or get_origin(kind) is Literal
        or (isinstance(kind, type) and issubclass(kind, Enum))
        for kind in kinds
    )


Template = Callable[[str, Mapping[str, Any], str], str]
"""(label, ctx, field name) -> the sentence, before its first letter is made a capital."""


def _min_length(label: str, ctx: Mapping[str, Any], _field: str) -> str:
    n = ctx.get("min_length", 1)
    if n == 1:
        return f"please enter {label}"
    return f"{label} must be at least {_number(n)} characters long"


def _is_id(field: str) -> bool:
    return field == "id" or field.endswith(("_id", "_ids"))


def _id_range(label: str) -> str:
    return f"{label} must be given by a number from 1 to {_number(MAX_DB_INT)}"


def _at_least(label: str, ctx: Mapping[str, Any], field: str) -> str:
    ge = _number(ctx.get("ge"))
    if _is_id(field):
        return _id_range(label)
    if _is_year(field):
        return f"{label} must be {ge} or later"
    return f"{label} must be at least {ge}"


def _at_most(label: str, ctx: Mapping[str, Any], field: str) -> str:
    le = _number(ctx.get("le"))
    if _is_id(field):
        return _id_range(label)
    if _is_year(field):
        return f"{label} must be {le} or earlier"
    return f"{label} must be at most {le}"


def _pattern(label: str, ctx: Mapping[str, Any], _field: str) -> str:
    hint = PATTERN_HINTS.get(str(ctx.get("pattern", "")))
    return f"{label} {hint}" if hint else f"{label} is not in the expected form"


def _value_error(label: str, ctx: Mapping[str, Any], _field: str, msg: str = "") -> str:
    if msg.startswith("value is not a valid email address"):
        return f"{label} should look like name@example.org"
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


_DATETIME = f"{{}} must be a date and time with its UTC offset, e.g. {DATETIME_EXAMPLE}"
_URL = "{} must be a web address starting with https:// or http://"

TEMPLATES: dict[str, Template] = {
    "missing": lambda label, _c, _f: f"please enter {label}",
    "string_too_short": _min_length,
    "string_too_long": lambda label, c, _f: (
        f"{label} may be at most {_number(c.get('max_length'))} characters long"
    ),
    "too_short": lambda label, c, _f: (
        f"{label} must have at least {_number(c.get('min_length'))} "
        + ("item" if c.get("min_length") == 1 else "items")
    ),
    "too_long": lambda label, c, _f: (
        f"{label} may have at most {_number(c.get('max_length'))} "
        + ("item" if c.get("max_length") == 1 else "items")
    ),
    "string_pattern_mismatch": _pattern,
    "greater_than_equal": _at_least,
    "greater_than": lambda label, c, _f: f"{label} must be more than {_number(c.get('gt'))}",
    "less_than_equal": _at_most,
    "less_than": lambda label, c, _f: f"{label} must be less than {_number(c.get('lt'))}",
    "int_parsing": lambda label, _c, _f: f"{label} must be a whole number",
    "int_type": lambda label, _c, _f: f"{label} must be a whole number",
    "int_from_float": lambda label, _c, _f: f"{label} must be a whole number",
    "float_parsing": lambda label, _c, _f: f"{label} must be a number",
    "float_type": lambda label, _c, _f: f"{label} must be a number",
    "finite_number": lambda label, _c, _f: f"{label} must be a number",
    "bool_parsing": lambda label, _c, _f: f"please say {label}: yes or no (true or false)",
    "bool_type": lambda label, _c, _f: f"please say {label}: yes or no (true or false)",
    "string_type": lambda label, _c, _f: f"{label} must be text",
    "list_type": lambda label, _c, _f: f"{label} must be a list",
    "dict_type": lambda label, _c, _f: f"{label} must be an object with named fields",
    "model_type": lambda label, _c, _f: f"{label} must be an object with named fields",
    "model_attributes_type": lambda label, _c, _f: f"{label} must be an object with named fields",
    "datetime_parsing": lambda label, _c, _f: _DATETIME.format(label),
    "datetime_from_date_parsing": lambda label, _c, _f: _DATETIME.format(label),
    "datetime_type": lambda label, _c, _f: _DATETIME.format(label),
    "timezone_aware": lambda label, _c, _f: (
        f"{label} needs its UTC offset, e.g. {DATETIME_EXAMPLE} or 2027-03-18T01:00:00Z"
    ),
    "date_parsing": lambda label, _c, _f: f"{label} must be a date, e.g. 2027-03-18",
    "date_from_datetime_parsing": lambda label, _c, _f: f"{label} must be a date, e.g. 2027-03-18",
    "date_type": lambda label, _c, _f: f"{label} must be a date, e.g. 2027-03-18",
    "url_parsing": lambda label, _c, _f: _URL.format(label),
    "url_scheme": lambda label, _c, _f: _URL.format(label),
    "url_type": lambda label, _c, _f: _URL.format(label),
    "url_too_long": lambda label, c, _f: (
        f"{label} may be at most {_number(c.get('max_length'))} characters long"
    ),
    "enum": lambda label, c, _f: f"please choose {label} from {c.get('expected')}",
    "literal_error": lambda label, c, _f: f"please choose {label} from {c.get('expected')}",
    "json_invalid": lambda _l, _c, _f: "the request body is not valid JSON",
    "extra_forbidden": lambda _l, _c, field: f"there is no field '{field}' here: remove it",
    # The schemas' own kinds (PydanticCustomError), which need the label to read well.
    "nul_character": lambda label, _c, _f: (
        f"{label} holds a NUL character (an invisible control code): please remove it"
    ),
    "one_line": lambda label, _c, _f: (
        f"please write {label} on one line, without line breaks or tabs"
    ),
    "not_clearable": lambda label, _c, _f: (
        f"{label} may not be null: leave it out to keep its current value"
    ),
    "date_range": lambda label, c, _f: (
        f"{label} must lie between the years {c.get('earliest')} and {c.get('latest')}"
    ),
    "time_zone": lambda label, c, _f: (
        f"{c.get('value')} is not a time zone we know: choose {label} by its name, "
        "e.g. Europe/London or Asia/Taipei"
    ),
}


def _where(error: Mapping[str, Any]) -> tuple[list[str], str]:
    """The error's field path (request part dropped; a rule about the whole input moved to the
    field its ``ctx`` names) and the name of the field it is about."""
    loc = [p for p in error.get("loc", ()) if not (isinstance(p, str) and p in REQUEST_PARTS)]
    parts = [str(p) for p in loc]
    ctx = error.get("ctx") or {}
    if isinstance(ctx.get("field"), str):
        parts.append(ctx["field"])
    names = [p for p in loc if isinstance(p, str)] + (
        [ctx["field"]] if isinstance(ctx.get("field"), str) else []
    )
    return parts, (names[-1] if names else "")


def message_for(error: Mapping[str, Any], model: type[BaseModel] | None = None) -> FieldMessage:
    """The sentence for one pydantic error (an item of ``ValidationError.errors()``).

    >>> from talentfoundry.services.schemas import ProfileIn
    >>> error = {"type": "greater_than_equal", "loc": ("graduation_year",), "ctx": {"ge": 1950}}
    >>> message_for(error, ProfileIn).message
    'Graduation year must be 1950 or later.'
    """
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    parts, name = _where(error) if kind != "json_invalid" else ([], "")  # loc: a character
    top = parts[0] if parts else ""
    label = label_of(model, name) if name else "the request body"
    nested = [p for p in error.get("loc", ()) if isinstance(p, int)]
    if nested and name == top:  # an item of a list: "item 2 of your skills"
        label = f"item {nested[-1] + 1} of {label}"
    msg = str(error.get("msg", ""))
    if kind in ("missing", "string_too_short") and _is_choice(model, name):
        text = f"please choose {label}"
        if kind == "string_too_short" and ctx.get("min_length", 1) != 1:
            text = _min_length(label, ctx, name)
    elif kind in TEMPLATES:
        text = TEMPLATES[kind](label, ctx, name)
    elif kind in ("value_error", "assertion_error"):
        text = _value_error(label, ctx, name, msg)
    elif msg and kind not in _pydantic_kinds():
        text = msg  # one of the schemas' own kinds: its message is already for a person
    else:
        text = f"{label} is not valid: {msg[:1].lower()}{msg[1:]}"
    return FieldMessage(".".join(parts), _sentence(text), kind)


@cache
def _pydantic_kinds() -> frozenset[str]:
    """The kinds pydantic itself raises: those without a sentence above keep pydantic's words
    behind the label, while any other kind is one of the schemas' own, already in words."""
    return frozenset(get_args(ErrorType))


def messages_of(
    errors: Iterable[Mapping[str, Any]], model: type[BaseModel] | None = None
) -> list[FieldMessage]:
    """Every error as a :class:`FieldMessage`, in pydantic's order."""
    return [message_for(error, model) for error in errors]


def field_messages(exc: ValidationError) -> list[FieldMessage]:
    """The messages of a ``ValidationError`` raised by one of the input schemas."""
    return messages_of(exc.errors(), model_named(exc.title))


def summary(messages: list[FieldMessage], limit: int = 3) -> str:
    """One line for a problem's ``detail``: the first few sentences, and how many more.

    >>> summary([FieldMessage("a", "Please enter a.", "missing")] * 5)
    'Please enter a. Please enter a. Please enter a. (2 more problems.)'
    """
    if not messages:
        return "The input is not valid."
    shown = " ".join(m.message for m in messages[:limit])
    rest = len(messages) - limit
    if rest > 0:
        shown += f" ({rest} more problem{'s' if rest > 1 else ''}.)"
    return shown
