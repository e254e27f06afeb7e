"""Parse and validate a ``talentfoundry.schedule/v1`` instance into frozen dataclasses.

Validation happens once, here, so the allocators can trust their input: every time carries an
offset and is converted to UTC (a naive time would silently mean a different instant for every
participant of an international fair), ids are unique, every request names a company that has
slots, and numbers are in range. Each message names the offending id and field, because the file
is usually written by an organiser's export, and "invalid instance" alone would not help them.

>>> inst = parse_instance({
...     "schema": "talentfoundry.schedule/v1",
...     "slots": [{"id": "s1", "company": "acme", "recruiter": "r1",
...                "start": "2027-03-18T09:00:00+08:00", "end": "2027-03-18T09:20:00+08:00"}],
...     "candidates": [{"id": "c1", "max_meetings": 1, "busy": [],
...                     "requests": [{"company": "acme", "weight": 1}]}],
...     "policy": {"objective": "weight"}})
>>> inst.slots[0].start.isoformat()
'2027-03-18T01:00:00+00:00'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from talentfoundry.domain.errors import InputError
from talentfoundry.domain.intervals import end_after_start
from talentfoundry.domain.timeutil import to_utc, validate_timezone

__all__ = [
    "MAX_WEIGHT",
    "MODES",
    "OBJECTIVES",
    "SCHEMA",
    "Busy",
    "Candidate",
    "Instance",
    "Policy",
    "Request",
    "Slot",
    "parse_instance",
]

SCHEMA = "talentfoundry.schedule/v1"
MAX_WEIGHT = 1e15
"""Largest request weight. Totals of many weights must stay finite and exact enough to compare
(the allocator scales weights to integers), and no preference scale needs more."""
OBJECTIVES = ("coverage_then_weight", "weight")
MODES = ("onsite", "online")


@dataclass(frozen=True, slots=True)
class Slot:
    """One interview slot of one recruiter; ``start``/``end`` are aware UTC datetimes.

    Each slot is one interviewer's time and holds one meeting. The allocator does not read
    ``recruiter``: files in the wild name a company's interview team with one label for parallel
    slots, so overlapping slots under one name are taken as parallel interviewers, not refused.
    The product keeps one person from holding overlapping slots when a slot is created.
    """

    id: str
    company: str
    recruiter: str
    start: datetime
    end: datetime
    mode: str = "onsite"


@dataclass(frozen=True, slots=True)
class Busy:
    """A period the candidate cannot meet anyone (a registered workshop or talk, a class)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Request:
    """The candidate wants to meet ``company``; ``weight`` is how much (higher is better)."""

    company: str
    weight: float


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    max_meetings: int
    busy: tuple[Busy, ...] = ()
    requests: tuple[Request, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    objective: str = "coverage_then_weight"


@dataclass(frozen=True, slots=True)
class Instance:
    """A validated instance. ``timezone`` is the event's display zone, if the file gave one."""

    slots: tuple[Slot, ...]
    candidates: tuple[Candidate, ...]
    policy: Policy = field(default_factory=Policy)
    timezone: str | None = None


def parse_instance(doc: Any) -> Instance:
    """Validate a decoded JSON document and return an :class:`Instance` (raises ``InputError``)."""
    if not isinstance(doc, dict):
        raise InputError("instance must be a JSON object")
    schema = doc.get("schema")
    if schema != SCHEMA:
        raise InputError(f"schema must be {SCHEMA!r}, got {schema!r}", field="schema")
    timezone = None
    if doc.get("timezone") is not None:
        try:
            timezone = validate_timezone(doc["timezone"], field="timezone")
        except InputError as exc:
            raise InputError(f"bad time zone: {exc.message}", field="timezone") from None

    raw_slots = _list(doc, "slots", "instance")
    slots: list[Slot] = []
    slot_ids: set[str] = set()
    for index, raw in enumerate(raw_slots):
        slot = _parse_slot(raw, index)
        if slot.id in slot_ids:
            raise InputError(f"duplicate slot id {slot.id!r}", field="slots")
        slot_ids.add(slot.id)
        slots.append(slot)

    companies = {s.company for s in slots}
    declared = doc.get("companies")
    if declared is not None:
        companies |= _declared_companies(declared)

    raw_cands = _list(doc, "candidates", "instance")
    candidates: list[Candidate] = []
    cand_ids: set[str] = set()
    for index, raw in enumerate(raw_cands):
        cand = _parse_candidate(raw, index, companies)
        if cand.id in cand_ids:
            raise InputError(f"duplicate candidate id {cand.id!r}", field="candidates")
        cand_ids.add(cand.id)
        candidates.append(cand)

    policy = _parse_policy(_optional(doc, "policy", {}))
    return Instance(tuple(slots), tuple(candidates), policy, timezone)


# --- pieces ---------------------------------------------------------------------------------------


def _optional(obj: dict[str, Any], key: str, default: Any) -> Any:
    """An optional field's value; ``null`` means absent, as exports write a field with no value."""
    value = obj.get(key)
    return default if value is None else value


def _list(obj: dict[str, Any], key: str, where: str) -> list[Any]:
    value = _optional(obj, key, [])
    if not isinstance(value, list):
        raise InputError(f"{where}: {key!r} must be a list", field=key)
    return value


def _id(raw: dict[str, Any], where: str) -> str:
    value = raw.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise InputError(f"{where}: 'id' must be a non-empty string", field="id")
    return str(value)


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    """A name (company, recruiter): a non-empty string, or an integer as its digits, as ids."""
    value = raw.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: {key!r} must be a non-empty string", field=key)
    return value


def _time(raw: dict[str, Any], key: str, where: str) -> datetime:
    value = raw.get(key)
    if not isinstance(value, str):
        raise InputError(
            f"{where}: {key!r} must be an ISO 8601 time with offset, "
            "e.g. 2027-03-18T09:00:00+08:00",
            field=key,
        )
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{where}: {key!r} is not an ISO 8601 time: {value!r}", field=key
        ) from None
    try:
        return to_utc(parsed, field=key)
    except InputError as exc:
        raise InputError(f"{where}: {key!r} {exc.message}", field=key) from None
    except OverflowError:  # 0001-01-01T00:00+08:00 is before the first representable instant
        raise InputError(f"{where}: {key!r} is out of range: {value!r}", field=key) from None


def _interval(raw: dict[str, Any], where: str) -> tuple[datetime, datetime]:
    start = _time(raw, "start", where)
    end = _time(raw, "end", where)
    if not end_after_start(start, end):
        raise InputError(f"{where}: end must be after start", field="end")
    return start, end


def _zone_if_any(raw: dict[str, Any], where: str) -> None:
    if raw.get("timezone") is not None:
        try:
            validate_timezone(raw["timezone"], field="timezone")
        except InputError as exc:
            raise InputError(f"{where}: bad time zone: {exc.message}", field="timezone") from None


def _parse_slot(raw: Any, index: int) -> Slot:
    if not isinstance(raw, dict):
        raise InputError(f"slot #{index + 1} must be an object", field="slots")
    sid = _id(raw, f"slot #{index + 1}")
    where = f"slot {sid!r}"
    company = _text(raw, "company", where)
    recruiter = (
        _text(raw, "recruiter", where) if raw.get("recruiter") is not None else f"{company}#{sid}"
    )
    start, end = _interval(raw, where)
    mode = _optional(raw, "mode", "onsite")
    if mode not in MODES:
        raise InputError(f"{where}: 'mode' must be one of {', '.join(MODES)}, got {mode!r}")
    _zone_if_any(raw, where)
    return Slot(sid, company, recruiter, start, end, mode)


def _parse_candidate(raw: Any, index: int, companies: set[str]) -> Candidate:
    if not isinstance(raw, dict):
        raise InputError(f"candidate #{index + 1} must be an object", field="candidates")
    cid = _id(raw, f"candidate #{index + 1}")
    where = f"candidate {cid!r}"
    mm = raw.get("max_meetings")
    if isinstance(mm, float) and mm.is_integer():  # 2.0, as spreadsheet exports write it
        mm = int(mm)
    if isinstance(mm, bool) or not isinstance(mm, int) or mm < 0:
        raise InputError(
            f"{where}: 'max_meetings' must be a non-negative integer, got {mm!r}",
            field="max_meetings",
        )
    _zone_if_any(raw, where)
    busy: list[Busy] = []
    for b_index, b_raw in enumerate(_list(raw, "busy", where)):
        if not isinstance(b_raw, dict):
            raise InputError(f"{where}: busy #{b_index + 1} must be an object", field="busy")
        start, end = _interval(b_raw, f"{where} busy #{b_index + 1}")
        busy.append(Busy(start, end))
    requests: list[Request] = []
    seen: set[str] = set()
    for r_index, r_raw in enumerate(_list(raw, "requests", where)):
        r_where = f"{where} request #{r_index + 1}"
        if not isinstance(r_raw, dict):
            raise InputError(f"{r_where} must be an object", field="requests")
        company = _text(r_raw, "company", r_where)
        if company not in companies:
            raise InputError(
                f"{where}: request for unknown company {company!r} (no slot names it)",
                field="company",
            )
        if company in seen:
            raise InputError(f"{where}: company {company!r} requested twice", field="company")
        seen.add(company)
        requests.append(Request(company, _weight(_optional(r_raw, "weight", 1), r_where)))
    return Candidate(cid, mm, tuple(busy), tuple(requests))


def _weight(weight: Any, where: str) -> float:
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise InputError(f"{where}: 'weight' must be a number, got {weight!r}")
    try:
        value = float(weight)
    except OverflowError:  # an integer beyond the float range
        value = math.inf
    if not math.isfinite(value) or abs(value) > MAX_WEIGHT:
        raise InputError(f"{where}: 'weight' must be a number up to {MAX_WEIGHT:g}")
    if value < 0:
        raise InputError(f"{where}: 'weight' must not be negative, got {weight!r}")
    return value


def _declared_companies(declared: Any) -> set[str]:
    if not isinstance(declared, list):
        raise InputError("'companies' must be a list", field="companies")
    out: set[str] = set()
    for index, item in enumerate(declared):
        if isinstance(item, str) and item:
            out.add(item)
        elif isinstance(item, dict):
            out.add(_id(item, f"company #{index + 1}"))
            _zone_if_any(item, f"company {item.get('id')!r}")
        else:
            raise InputError(f"company #{index + 1} must be an id or an object", field="companies")
    return out


def _parse_policy(raw: Any) -> Policy:
    if not isinstance(raw, dict):
        raise InputError("'policy' must be an object", field="policy")
    objective = _optional(raw, "objective", "coverage_then_weight")
    if objective not in OBJECTIVES:
        raise InputError(
            f"policy: 'objective' must be one of {', '.join(OBJECTIVES)}, got {objective!r}",
            field="objective",
        )
    return Policy(objective)
