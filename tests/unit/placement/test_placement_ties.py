"""Ties in a programme's list: broken by the documented seeded lottery, reproducibly."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from placement_helpers import oracle, placement_documents

from talentfoundry.placement import SCHEMA, lottery, parse_instance, solve, strict_order

pytestmark = pytest.mark.unit


def two_tied_for_one_place(seed: int) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tie_seed": seed,
        "students": [{"id": "ana", "prefs": ["acme"]}, {"id": "ben", "prefs": ["acme"]}],
        "programmes": [{"id": "acme", "capacity": 1, "prefs": [["ana", "ben"]]}],
    }


@pytest.mark.parametrize("seed", range(12))
def test_lower_lottery_number_wins_the_tie(seed: int) -> None:
    placement = solve(parse_instance(two_tied_for_one_place(seed)))
    winner = min(("ana", "ben"), key=lambda sid: lottery(seed, sid))
    assert placement.matching == {"acme": [winner]}


def test_the_seed_decides_so_each_student_can_win() -> None:
    winners = {
        solve(parse_instance(two_tied_for_one_place(seed))).matching["acme"][0]
        for seed in range(40)
    }
    assert winners == {"ana", "ben"}


def test_lottery_is_a_fixed_published_function() -> None:
    # blake2b(b"0:ana", digest_size=8), first 8 bytes big-endian: any change breaks old rounds.
    import hashlib

    expected = int.from_bytes(hashlib.blake2b(b"0:ana", digest_size=8).digest(), "big")
    assert lottery(0, "ana") == expected


def test_tie_break_is_the_same_at_every_programme() -> None:
    from talentfoundry.placement import Programme

    group = tuple(f"s{i}" for i in range(8))
    first = strict_order(Programme("a", 1, (group,)), seed=3)
    second = strict_order(Programme("b", 1, ("x", tuple(reversed(group)))), seed=3)
    assert second == ["x", *first]


@settings(max_examples=100, deadline=None)
@given(doc=placement_documents(ties=True), seed=st.integers(0, 1000), data=st.data())
def test_result_does_not_depend_on_input_order(
    doc: dict[str, Any], seed: int, data: st.DataObject
) -> None:
    shuffled = {
        **doc,
        "students": data.draw(st.permutations(doc["students"])),
        "programmes": data.draw(st.permutations(doc["programmes"])),
        "tie_seed": seed,
    }
    for side in ("student", "programme"):
        a = solve(parse_instance({**doc, "tie_seed": seed}), side)  # type: ignore[arg-type]
        b = solve(parse_instance(shuffled), side)  # type: ignore[arg-type]
        assert a.matching == b.matching
        assert sorted(a.unmatched) == sorted(b.unmatched)


@pytest.mark.parametrize("side", ["student", "programme"])
@settings(max_examples=100, deadline=None)
@given(doc=placement_documents(ties=True), seed=st.integers(0, 1000))
def test_ties_equal_the_package_on_the_broken_lists(
    side: str, doc: dict[str, Any], seed: int
) -> None:
    instance = parse_instance({**doc, "tie_seed": seed})
    strict_doc = {
        **doc,
        "programmes": [
            {"id": p.id, "capacity": p.capacity, "prefs": strict_order(p, seed)}
            for p in instance.programmes
        ],
    }
    placement = solve(instance, side)  # type: ignore[arg-type]
    ours = {pid: students for pid, students in placement.matching.items() if students}
    assert ours == oracle(strict_doc, side)


def test_a_list_without_ties_is_left_alone() -> None:
    from talentfoundry.placement import Programme

    order = [f"s{i}" for i in range(20)]
    random.Random(1).shuffle(order)
    assert strict_order(Programme("p", 3, tuple(order)), seed=99) == order
