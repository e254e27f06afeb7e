"""The engine against the ``matching`` package (HospitalResident) on many random instances, plus
properties any correct answer has: stability and the rural-hospitals theorem.

The package is fed only mutually acceptable pairs, without empty lists or capacity-0 programmes:
given anything else it warns (pytest turns warnings into errors, deliberately: a warning here
would mean this cleaning is wrong) and, without ``clean=True``, may place unacceptable pairs.
Students and programmes dropped by the cleaning cannot be placed anyway.
The package call itself lives in ``placement_helpers.oracle``.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from placement_helpers import balanced_documents, blocking_pairs, oracle, placement_documents

from talentfoundry.placement import parse_instance, solve

pytestmark = pytest.mark.unit

SIDES = ("student", "programme")


@pytest.mark.parametrize("side", SIDES)
@settings(max_examples=150, deadline=None)
@given(doc=placement_documents())
def test_equals_matching_package(side: str, doc: dict[str, Any]) -> None:
    placement = solve(parse_instance(doc), side)  # type: ignore[arg-type]
    ours = {pid: students for pid, students in placement.matching.items() if students}
    assert ours == oracle(doc, side)


@pytest.mark.parametrize("side", SIDES)
@settings(max_examples=100, deadline=None)
@given(doc=balanced_documents())
def test_equals_matching_package_when_the_sides_differ(side: str, doc: dict[str, Any]) -> None:
    """Balanced, complete markets: about a third have distinct student- and programme-optimal
    placements, so this is where picking the wrong side (or a non-optimal one) shows."""
    placement = solve(parse_instance(doc), side)  # type: ignore[arg-type]
    ours = {pid: students for pid, students in placement.matching.items() if students}
    assert ours == oracle(doc, side)


@pytest.mark.parametrize("side", SIDES)
@settings(max_examples=100, deadline=None)
@given(doc=placement_documents(ties=True), seed=st.integers(0, 2**31))
def test_no_blocking_pair_and_complete_output(side: str, doc: dict[str, Any], seed: int) -> None:
    instance = parse_instance({**doc, "tie_seed": seed})
    placement = solve(instance, side)  # type: ignore[arg-type]
    assert blocking_pairs(instance, placement) == []
    assert list(placement.matching) == [p.id for p in instance.programmes]
    placed = [sid for students in placement.matching.values() for sid in students]
    assert len(placed) == len(set(placed)), "a student placed twice"
    assert sorted(placed + placement.unmatched) == sorted(s.id for s in instance.students)
    for programme in instance.programmes:
        students = placement.matching[programme.id]
        assert len(students) <= programme.capacity
        for sid in students:
            prefs = next(s.prefs for s in instance.students if s.id == sid)
            assert programme.id in prefs, "placed where the student did not apply"
            assert sid in programme.flat_prefs(), "placed where the programme did not list them"


@settings(max_examples=100, deadline=None)
@given(doc=st.one_of(placement_documents(ties=True), balanced_documents()))
def test_rural_hospitals(doc: dict[str, Any]) -> None:
    instance = parse_instance(doc)
    by_students = solve(instance, "student")
    by_programmes = solve(instance, "programme")
    assert set(by_students.assignment) == set(by_programmes.assignment)
    for programme in instance.programmes:
        a = by_students.matching[programme.id]
        b = by_programmes.matching[programme.id]
        assert len(a) == len(b)
        if len(a) < programme.capacity:
            assert a == b, f"under-subscribed {programme.id} must get the same students"


@settings(max_examples=100, deadline=None)
@given(doc=st.one_of(placement_documents(), balanced_documents()))
def test_each_side_gets_its_best_stable_placement(doc: dict[str, Any]) -> None:
    """Every student does at least as well student-optimal as programme-optimal (and vice versa)."""
    instance = parse_instance(doc)
    by_students = solve(instance, "student")
    by_programmes = solve(instance, "programme")
    for student in instance.students:
        a = by_students.assignment.get(student.id)
        b = by_programmes.assignment.get(student.id)
        if a is not None and b is not None:
            assert student.prefs.index(a) <= student.prefs.index(b)
