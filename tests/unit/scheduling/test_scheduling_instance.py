"""Invalid instances are refused with a message that names the offending id and field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from talentfoundry.domain.errors import InputError
from talentfoundry.scheduling import parse_instance

from .scheduling_helpers import cand, doc, slot

pytestmark = pytest.mark.unit


def base() -> dict[str, Any]:
    return doc(
        [slot("s1", "acme", 0), slot("s2", "bolt", 1)],
        [cand("ana", 2, {"acme": 2, "bolt": 1}, busy=[(3, 4)])],
    )


def test_times_are_converted_to_utc() -> None:
    inst = parse_instance(base())
    assert inst.slots[0].start.isoformat() == "2027-03-18T08:00:00+00:00"
    assert inst.candidates[0].busy[0].start.isoformat() == "2027-03-18T08:45:00+00:00"


def _set(path: str, value: Any):
    def mutate(d: dict[str, Any]) -> None:
        *keys, last = path.split(".")
        node: Any = d
        for key in keys:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return mutate


CASES = [
    ("schema", _set("schema", "other/v9"), "schema must be"),
    ("naive time", _set("slots.0.start", "2027-03-18T08:00:00"), "slot 's1': 'start'"),
    ("not a time", _set("slots.0.end", "tomorrow"), "slot 's1': 'end' is not an ISO 8601"),
    ("end before start", _set("slots.1.end", "2027-03-18T15:00:00+08:00"), "slot 's2': end"),
    ("duplicate slot", _set("slots.1.id", "s1"), "duplicate slot id 's1'"),
    (
        "duplicate candidate",
        lambda d: d["candidates"].append(copy.deepcopy(d["candidates"][0])),
        "duplicate candidate id 'ana'",
    ),
    (
        "unknown company",
        _set("candidates.0.requests.1.company", "zeta"),
        "candidate 'ana': request for unknown company 'zeta'",
    ),
    (
        "company twice",
        _set("candidates.0.requests.1.company", "acme"),
        "candidate 'ana': company 'acme' requested twice",
    ),
    ("negative max", _set("candidates.0.max_meetings", -1), "candidate 'ana': 'max_meetings'"),
    ("negative weight", _set("candidates.0.requests.0.weight", -3), "must not be negative"),
    ("weight text", _set("candidates.0.requests.0.weight", "high"), "'weight' must be a number"),
    (
        "bad busy",
        _set("candidates.0.busy.0.end", "2027-03-18T16:00:00+08:00"),
        "candidate 'ana' busy #1: end must be after start",
    ),
    ("bad objective", _set("policy.objective", "fairness"), "policy: 'objective' must be one of"),
    ("bad mode", _set("slots.0.mode", "hologram"), "slot 's1': 'mode'"),
    ("bad zone", _set("timezone", "Mars/Olympus"), "bad time zone: 'Mars/Olympus'"),
    ("bad slot zone", _set("slots.0.timezone", "Europe/Nowhere"), "slot 's1': bad time zone"),
    ("slots not a list", _set("slots", {}), "'slots' must be a list"),
]


@pytest.mark.parametrize(("name", "mutate", "message"), CASES, ids=[c[0] for c in CASES])
def test_invalid_instances_are_named(name: str, mutate: Any, message: str) -> None:
    d = base()
    mutate(d)
    with pytest.raises(InputError) as err:
        parse_instance(d)
    assert message in err.value.message


def test_a_valid_time_zone_is_kept() -> None:
    d = base()
    d["timezone"] = "Asia/Taipei"
    assert parse_instance(d).timezone == "Asia/Taipei"


def test_integer_company_and_recruiter_names_are_their_digits() -> None:
    """Exports keyed by database ids write numbers: 7 and "7" name the same company."""
    d = doc([slot("s1", "7", 0, recruiter="12")], [cand("ana", 1, {"7": 1})])
    d["slots"][0].update(company=7, recruiter=12)
    inst = parse_instance(d)
    assert (inst.slots[0].company, inst.slots[0].recruiter) == ("7", "12")
    assert inst.candidates[0].requests[0].company == "7"
    d["slots"][0]["recruiter"] = True
    with pytest.raises(InputError, match="'recruiter' must be a non-empty string"):
        parse_instance(d)
