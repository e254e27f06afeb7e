"""Validation of ``talentfoundry.placement/v1`` documents: each mistake gets a message naming it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from talentfoundry.domain.errors import InputError
from talentfoundry.placement import SCHEMA, Instance, Programme, Student, parse_instance
from talentfoundry.placement.instance import validate_instance

pytestmark = pytest.mark.unit

GOOD: dict[str, Any] = {
    "schema": SCHEMA,
    "students": [{"id": "ana", "prefs": ["acme", "bolt"]}, {"id": "ben", "prefs": ["acme"]}],
    "programmes": [
        {"id": "acme", "capacity": 1, "prefs": ["ben", "ana"]},
        {"id": "bolt", "capacity": 2, "prefs": [["ana", "ben"]]},
    ],
}


def doc_with(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    doc.update(changes)
    return doc


def test_good_document_parses_with_defaults() -> None:
    instance = parse_instance(GOOD)
    assert instance.optimal == "student"
    assert instance.tie_seed == 0
    assert instance.students[0] == Student("ana", ("acme", "bolt"))
    assert instance.programmes[1] == Programme("bolt", 2, (("ana", "ben"),))


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "expected a JSON object"),
        (doc_with(schema="talentfoundry.placement/v2"), "'schema' must be"),
        ({k: v for k, v in GOOD.items() if k != "schema"}, "'schema' must be"),
        (doc_with(optimal="hospital"), "'optimal' must be 'student' or 'programme'"),
        (doc_with(tie_seed="7"), "'tie_seed' must be an integer"),
        (doc_with(optimum="programme"), "unknown key 'optimum'"),
        ({k: v for k, v in GOOD.items() if k != "students"}, "missing 'students'"),
        (doc_with(programmes={}), "'programmes' must be a list, got an object"),
        (doc_with(students=["ana"]), "students[0]: expected an object"),
        (doc_with(students=[{"prefs": []}]), "students[0]: missing 'id'"),
        (doc_with(students=[{"id": 7.5, "prefs": []}]), "'id' must be a string or an integer"),
        (doc_with(students=[{"id": True, "prefs": []}]), "got a boolean"),
        (doc_with(students=[{"id": 10**5000, "prefs": []}]), "must be a string or an integer"),
        (doc_with(students=[{"id": " ", "prefs": []}]), "'id' must not be empty"),
        (doc_with(students=[{"id": "ana"}]), "student 'ana': missing 'prefs'"),
        (doc_with(students=[{"id": "ana", "prefs": "acme"}]), "student 'ana': 'prefs' must be"),
        (doc_with(students=[{"id": "ana", "prefs": [1.5]}]), "student 'ana': 'prefs' entries"),
        (
            doc_with(students=[{"id": "ana", "prefs": [["acme", "bolt"]]}]),
            "ties are only allowed in a programme's list",
        ),
        (doc_with(students=[{"id": "ana", "prefs": [], "name": "A"}]), "unknown key 'name'"),
        (
            doc_with(programmes=[{"id": "acme", "capacity": "1", "prefs": []}]),
            "programme 'acme': 'capacity' must be an integer, got a string",
        ),
        (
            doc_with(programmes=[{"id": "acme", "capacity": True, "prefs": []}]),
            "'capacity' must be an integer, got a boolean",
        ),
        (
            doc_with(programmes=[{"id": "acme", "prefs": []}]),
            "programme 'acme': missing 'capacity'",
        ),
        (
            doc_with(programmes=[{"id": "acme", "capacity": -1, "prefs": []}]),
            "programme 'acme': capacity must be 0 or more, got -1",
        ),
        (
            doc_with(programmes=[{"id": "acme", "capacity": 1, "prefs": [[]]}]),
            "programme 'acme': a tie in 'prefs' must list at least one student",
        ),
        (
            doc_with(programmes=[{"id": "acme", "capacity": 1, "prefs": [["ana", None]]}]),
            "a tie in 'prefs' must hold student ids (strings or integers), got null",
        ),
        (
            doc_with(programmes=[{"id": "acme", "capacity": 1, "prefs": [{"id": "ana"}]}]),
            "programme 'acme': 'prefs' entries must be student ids or lists",
        ),
    ],
)
def test_malformed_documents_are_named(doc: Any, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_instance(doc)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("students", "programmes", "message"),
    [
        (
            [{"id": "ana", "prefs": []}, {"id": "ana", "prefs": []}],
            [],
            "duplicate student id 'ana'",
        ),
        (
            [],
            [
                {"id": "acme", "capacity": 1, "prefs": []},
                {"id": "acme", "capacity": 2, "prefs": []},
            ],
            "duplicate programme id 'acme'",
        ),
        (
            [{"id": "ana", "prefs": ["acme", "acme"]}],
            [{"id": "acme", "capacity": 1, "prefs": []}],
            "student 'ana': programme 'acme' is listed more than once",
        ),
        (
            [{"id": "ana", "prefs": []}],
            [{"id": "acme", "capacity": 1, "prefs": ["ana", ["ana"]]}],
            "programme 'acme': student 'ana' is listed more than once",
        ),
        (
            [{"id": "ana", "prefs": ["acme", "nope"]}],
            [{"id": "acme", "capacity": 1, "prefs": []}],
            "student 'ana': lists unknown programme 'nope'",
        ),
        (
            [{"id": "ana", "prefs": []}],
            [{"id": "acme", "capacity": 1, "prefs": [["ana", "ghost"]]}],
            "programme 'acme': lists unknown student 'ghost'",
        ),
    ],
)
def test_inconsistent_references_are_named(
    students: list[Any], programmes: list[Any], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_instance(doc_with(students=students, programmes=programmes))
    assert caught.value.message == message


def test_integer_ids_are_read_as_their_digits_as_rank_and_schedule_read_them() -> None:
    doc = {
        "schema": SCHEMA,
        "students": [{"id": 1, "prefs": [10, 20]}, {"id": 2, "prefs": [10]}],
        "programmes": [
            {"id": 10, "capacity": 1, "prefs": [2, 1]},
            {"id": 20, "capacity": 2, "prefs": [[1, 2]]},
        ],
    }
    as_text = parse_instance(copy.deepcopy(GOOD))
    as_numbers = parse_instance(doc)
    assert as_numbers.students[0] == Student("1", ("10", "20"))
    assert as_numbers.programmes[1] == Programme("20", 2, (("1", "2"),))
    assert len(as_numbers.students) == len(as_text.students)
    mixed = copy.deepcopy(doc)
    mixed["students"].append({"id": "1", "prefs": []})
    with pytest.raises(InputError, match="duplicate"):
        parse_instance(mixed)


def test_one_sided_listing_is_allowed_not_an_error() -> None:
    doc = doc_with(
        students=[{"id": "ana", "prefs": ["acme"]}, {"id": "ben", "prefs": []}],
        programmes=[{"id": "acme", "capacity": 1, "prefs": ["ben"]}],
    )
    assert len(parse_instance(doc).students) == 2


def test_instances_built_in_code_are_checked_too() -> None:
    instance = Instance(students=(Student("ana", ("acme",)),), programmes=())
    with pytest.raises(InputError, match="lists unknown programme 'acme'"):
        validate_instance(instance)
