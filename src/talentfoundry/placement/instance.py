"""The ``talentfoundry.placement/v1`` document: parse, validate, and hold it as plain data.

Validation happens once, here, so the algorithms can trust their input and stay fast. Every
message names the offending id (and, for a list, whose list), because the people who fix these
files are university staff editing exports by hand, not programmers reading tracebacks.

Schema::

    {"schema": "talentfoundry.placement/v1",
     "students":   [{"id": str, "prefs": [programme id, ...]}],          # best first
     "programmes": [{"id": str, "capacity": int >= 0,
                     "prefs": [student id | [student id, ...], ...]}],   # best first
     "optimal": "student" | "programme",                       # optional (or null), default student
     "tie_seed": int}                                          # optional (or null), default 0

An entry of a programme's ``prefs`` that is itself a list is a *tie*: the programme ranks those
students equally. Ties are broken by :mod:`talentfoundry.placement.ties`. Unknown keys are
rejected rather than ignored so that a typo such as ``"optimum"`` cannot silently change the
result. Spellings whose meaning is plain are accepted, as ``foundry rank`` and ``foundry schedule``
accept them: an integer id for the string of its digits (``7`` is ``"7"``; both in one file are
a duplicate), a whole number written as a float (``2.0``, as spreadsheet exports write it) for
that integer, and ``null`` for an optional key left out.

>>> doc = {"schema": "talentfoundry.placement/v1",
...        "students": [{"id": "ana", "prefs": ["acme"]}],
...        "programmes": [{"id": "acme", "capacity": 1, "prefs": ["ana"]}]}
>>> parse_instance(doc).programmes[0].capacity
1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter, ne
from typing import Any, Literal

from talentfoundry.domain.errors import InputError
from talentfoundry.placement._bulk import paused_gc

__all__ = [
    "SCHEMA",
    "Instance",
    "Optimal",
    "Programme",
    "Student",
    "parse_instance",
    "validate_instance",
]

SCHEMA = "talentfoundry.placement/v1"

Optimal = Literal["student", "programme"]
_OPTIMAL_VALUES: tuple[str, ...] = ("student", "programme")

_TOP_KEYS = frozenset({"schema", "students", "programmes", "optimal", "tie_seed"})
_STUDENT_KEYS = frozenset({"id", "prefs"})
_PROGRAMME_KEYS = frozenset({"id", "capacity", "prefs"})


@dataclass(frozen=True, slots=True)
class Student:
    """A student and the programmes they would accept, best first."""

    id: str
    prefs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Programme:
    """A programme with ``capacity`` places and its ranking of applicants, best first.

    Each entry of ``prefs`` is a student id, or a tuple of student ids the programme ranks equally.
    """

    id: str
    capacity: int
    prefs: tuple[str | tuple[str, ...], ...]

    def flat_prefs(self) -> list[str]:
        """The listed student ids in order, tie groups expanded in their written order."""
        if not self.has_ties:
            return list(self.prefs)  # type: ignore[arg-type]  # all entries are str here
        out: list[str] = []
        for entry in self.prefs:
            if isinstance(entry, str):
                out.append(entry)
            else:
                out.extend(entry)
        return out

    @property
    def has_ties(self) -> bool:
        """Whether any entry is a tie group (checked at C speed: lists can be long)."""
        return not _only_strings(self.prefs)


@dataclass(frozen=True, slots=True)
class Instance:
    """A validated placement round: who ranks whom, capacities, and which side is favoured."""

    students: tuple[Student, ...]
    programmes: tuple[Programme, ...]
    optimal: Optimal = "student"
    tie_seed: int = 0


def _only_strings(items: tuple[Any, ...] | list[Any]) -> bool:
    return set(map(type, items)) <= {str}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _check_keys(obj: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise InputError(
            f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})"
        )


def _as_id(value: Any) -> str | None:
    """An id as text: a string as it is, an integer as its digits; ``None`` for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # more digits than Python prints (4,300): no one's id
            return None
    return None


def _require_id(value: Any, where: str) -> str:
    text = _as_id(value)
    if text is None:
        raise InputError(f"{where}: 'id' must be a string or an integer, got {_type_name(value)}")
    if not text.strip():
        raise InputError(f"{where}: 'id' must not be empty")
    return text


def _whole_number(value: Any) -> Any:
    """A float with no fractional part as that integer (``2.0`` -> ``2``); others unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _require_list(obj: Mapping[str, Any], key: str, where: str) -> list[Any]:
    if key not in obj:
        raise InputError(f"{where}: missing {key!r}")
    value = obj[key]
    if not isinstance(value, list):
        raise InputError(f"{where}: {key!r} must be a list, got {_type_name(value)}")
    return value


def _students_fast(raw: list[Any]) -> tuple[Student, ...] | None:
    """Bulk type checks at C speed for the common, valid file (100,000 students parse in a
    fraction of a second); ``None`` sends the caller to the item-by-item path that names the
    first problem."""
    if not (set(map(type, raw)) <= {dict} and set(map(len, raw)) <= {2}):
        return None
    try:
        ids = list(map(itemgetter("id"), raw))
        prefs = list(map(itemgetter("prefs"), raw))
    except KeyError:
        return None
    if not (_only_strings(ids) and all(map(str.strip, ids))):
        return None
    if not (set(map(type, prefs)) <= {list} and _only_strings(list(chain.from_iterable(prefs)))):
        return None
    return tuple(map(Student, ids, map(tuple, prefs)))


def _parse_students(raw: list[Any]) -> tuple[Student, ...]:
    fast = _students_fast(raw)
    if fast is not None:
        return fast
    students: list[Student] = []
    for index, item in enumerate(raw):
        where = f"students[{index}]"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an object, got {_type_name(item)}")
        _check_keys(item, _STUDENT_KEYS, where)
        if "id" not in item:
            raise InputError(f"{where}: missing 'id'")
        sid = _require_id(item["id"], where)
        where = f"student {sid!r}"
        prefs = _require_list(item, "prefs", where)
        if not _only_strings(prefs):
            prefs = [_pref_id(entry, where) for entry in prefs]
        students.append(Student(sid, tuple(prefs)))
    return tuple(students)


def _pref_id(entry: Any, where: str) -> str:
    """One entry of a student's list: a programme id."""
    if isinstance(entry, list):
        raise InputError(
            f"{where}: 'prefs' entries must be programme ids; ties are only allowed "
            "in a programme's list"
        )
    text = _as_id(entry)
    if text is None:
        raise InputError(
            f"{where}: 'prefs' entries must be programme ids (strings or integers), "
            f"got {_type_name(entry)}"
        )
    return text


def _parse_programmes(raw: list[Any]) -> tuple[Programme, ...]:
    programmes: list[Programme] = []
    for index, item in enumerate(raw):
        where = f"programmes[{index}]"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an object, got {_type_name(item)}")
        _check_keys(item, _PROGRAMME_KEYS, where)
        if "id" not in item:
            raise InputError(f"{where}: missing 'id'")
        pid = _require_id(item["id"], where)
        where = f"programme {pid!r}"
        if "capacity" not in item:
            raise InputError(f"{where}: missing 'capacity'")
        capacity = _whole_number(item["capacity"])
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise InputError(f"{where}: 'capacity' must be an integer, got {_type_name(capacity)}")
        prefs = _require_list(item, "prefs", where)
        if _only_strings(prefs):
            programmes.append(Programme(pid, capacity, tuple(prefs)))
            continue
        entries: list[str | tuple[str, ...]] = []
        for entry in prefs:
            if isinstance(entry, list):
                if not entry:
                    raise InputError(f"{where}: a tie in 'prefs' must list at least one student")
                tie = tuple(map(_as_id, entry))
                if None in tie:
                    bad = entry[tie.index(None)]
                    raise InputError(
                        f"{where}: a tie in 'prefs' must hold student ids (strings or integers), "
                        f"got {_type_name(bad)}"
                    )
                entries.append(tie)  # type: ignore[arg-type]  # no None left
            elif (text := _as_id(entry)) is not None:
                entries.append(text)
            else:
                raise InputError(
                    f"{where}: 'prefs' entries must be student ids or lists of tied student ids, "
                    f"got {_type_name(entry)}"
                )
        programmes.append(Programme(pid, capacity, tuple(entries)))
    return tuple(programmes)


def parse_instance(document: Any) -> Instance:
    """Turn a decoded ``talentfoundry.placement/v1`` document into a validated :class:`Instance`.

    Raises :class:`InputError` with a message naming the offending id on any problem.
    """
    with paused_gc():
        return _parse_instance(document)


def _parse_instance(document: Any) -> Instance:
    if not isinstance(document, dict):
        raise InputError(f"expected a JSON object at the top level, got {_type_name(document)}")
    _check_keys(document, _TOP_KEYS, "instance")
    schema = document.get("schema")
    if schema != SCHEMA:
        raise InputError(f"'schema' must be {SCHEMA!r}, got {schema!r}")
    # An optional key set to null (as exports write "not set") takes its default.
    optimal = document.get("optimal")
    optimal = "student" if optimal is None else optimal
    if optimal not in _OPTIMAL_VALUES:
        raise InputError(f"'optimal' must be 'student' or 'programme', got {optimal!r}")
    tie_seed = document.get("tie_seed")
    tie_seed = 0 if tie_seed is None else _whole_number(tie_seed)
    if isinstance(tie_seed, bool) or not isinstance(tie_seed, int):
        raise InputError(f"'tie_seed' must be an integer, got {_type_name(tie_seed)}")
    instance = Instance(
        students=_parse_students(_require_list(document, "students", "instance")),
        programmes=_parse_programmes(_require_list(document, "programmes", "instance")),
        optimal=optimal,
        tie_seed=tie_seed,
    )
    validate_instance(instance)
    return instance


def _first_duplicate(items: list[str]) -> str | None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


def validate_instance(instance: Instance) -> None:
    """Check the cross-references of an :class:`Instance` built in code (the parser calls it too).

    Rejects duplicate student or programme ids, a negative capacity, an id listed twice in one
    list, and a list naming an id that does not exist. A one-sided listing is *not* an error: the
    pair is simply not acceptable (see the module docstring of :mod:`talentfoundry.placement`).
    """
    if instance.optimal not in _OPTIMAL_VALUES:
        raise InputError(f"'optimal' must be 'student' or 'programme', got {instance.optimal!r}")
    student_ids = [s.id for s in instance.students]
    programme_ids = [p.id for p in instance.programmes]
    known_students = set(student_ids)
    known_programmes = set(programme_ids)
    if len(known_students) != len(student_ids):
        raise InputError(f"duplicate student id {_first_duplicate(student_ids)!r}")
    if len(known_programmes) != len(programme_ids):
        raise InputError(f"duplicate programme id {_first_duplicate(programme_ids)!r}")
    for programme in instance.programmes:
        if programme.capacity < 0:
            raise InputError(
                f"programme {programme.id!r}: capacity must be 0 or more, got {programme.capacity}"
            )
        listed = programme.flat_prefs()
        listed_set = set(listed)
        if len(listed_set) != len(listed):
            raise InputError(
                f"programme {programme.id!r}: student {_first_duplicate(listed)!r} "
                "is listed more than once"
            )
        if not listed_set <= known_students:
            unknown = next(s for s in listed if s not in known_students)
            raise InputError(f"programme {programme.id!r}: lists unknown student {unknown!r}")
    all_prefs = [s.prefs for s in instance.students]
    # Fast path (C speed): no list repeats an entry and every entry is a known programme.
    if (
        not any(map(ne, map(len, map(set, all_prefs)), map(len, all_prefs)))
        and set(chain.from_iterable(all_prefs)) <= known_programmes
    ):
        return
    for student in instance.students:
        prefs = student.prefs
        prefs_set = set(prefs)
        if len(prefs_set) != len(prefs):
            raise InputError(
                f"student {student.id!r}: programme {_first_duplicate(list(prefs))!r} "
                "is listed more than once"
            )
        if not prefs_set <= known_programmes:
            unknown = next(p for p in prefs if p not in known_programmes)
            raise InputError(f"student {student.id!r}: lists unknown programme {unknown!r}")
