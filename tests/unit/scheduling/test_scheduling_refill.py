"""A cancelled meeting's slot goes to the best waiting request that fits, nobody else moves."""

from __future__ import annotations

import pytest

from talentfoundry.domain.errors import InputError
from talentfoundry.scheduling import parse_instance
from talentfoundry.scheduling.refill import best_request_for_slot

from .scheduling_helpers import cand, doc, slot

pytestmark = pytest.mark.unit


def instance(objective: str = "coverage_then_weight"):
    return parse_instance(
        doc(
            [slot("a1", "acme", 0), slot("b1", "bolt", 0), slot("b2", "bolt", 2)],
            [
                cand("ana", 2, {"acme": 9, "bolt": 1}),  # holds bolt at the same time as a1
                cand("ben", 2, {"acme": 5, "bolt": 1}),  # holds b2: free at a1's time
                cand("cai", 1, {"acme": 2}),  # no meeting yet
                cand("dan", 1, {"acme": 8}, busy=[(0, 1)]),  # busy then
            ],
            objective,
        )
    )


def test_uncovered_candidate_first_under_coverage_objective() -> None:
    held = [("ana", "b1"), ("ben", "b2")]
    assert best_request_for_slot(instance(), held, "a1") == "cai"


def test_highest_weight_that_fits_under_weight_objective() -> None:
    held = [("ana", "b1"), ("ben", "b2")]
    # ana (9) clashes with b1, dan (8) is busy: ben (5) gets it
    assert best_request_for_slot(instance("weight"), held, "a1") == "ben"


def test_no_one_fits() -> None:
    # ana is at her maximum, ben already meets acme: nobody may take the freed acme slot
    inst = parse_instance(
        doc(
            [slot("a1", "acme", 0), slot("a2", "acme", 1), slot("b1", "bolt", 2)],
            [cand("ana", 1, {"acme": 1, "bolt": 1}), cand("ben", 2, {"acme": 1})],
        )
    )
    assert best_request_for_slot(inst, [("ana", "b1"), ("ben", "a2")], "a1") is None


def test_refuses_a_slot_that_is_not_free_or_unknown() -> None:
    with pytest.raises(InputError, match="not free"):
        best_request_for_slot(instance(), [("cai", "a1")], "a1")
    with pytest.raises(InputError, match="unknown slot"):
        best_request_for_slot(instance(), [], "zz")
