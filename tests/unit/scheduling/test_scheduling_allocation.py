"""Allocations never break a hard constraint, reach the exact optimum, and do not depend on luck."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talentfoundry.scheduling import (
    allocate,
    best_request_for_slot,
    first_come_first_served,
    lp_bounds,
    parse_instance,
    violations,
)
from talentfoundry.scheduling.generator import generate

from .scheduling_helpers import cand, doc, exact_optimum, random_doc, slot

pytestmark = pytest.mark.unit

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
OBJECTIVES = st.sampled_from(["coverage_then_weight", "weight"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=SEEDS, objective=OBJECTIVES)
def test_no_allocation_breaks_a_hard_constraint(seed: int, objective: str) -> None:
    inst = parse_instance(random_doc(np.random.default_rng(seed), objective))
    for result in (
        allocate(inst),
        allocate(inst, method="heuristic"),
        first_come_first_served(inst),
    ):
        assert violations(inst, result.assignments) == []
        if result.assignments:  # a cancellation refilled in place keeps everything valid
            cancelled_slot = result.assignments[0][1]
            rest = result.assignments[1:]
            taker = best_request_for_slot(inst, rest, cancelled_slot)
            if taker is not None:
                assert violations(inst, [*rest, (taker, cancelled_slot)]) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=SEEDS, objective=OBJECTIVES)
def test_matches_an_independent_exact_mip(seed: int, objective: str) -> None:
    inst = parse_instance(random_doc(np.random.default_rng(seed), objective))
    coverage, weight = exact_optimum(inst)
    ours = allocate(inst).stats
    assert ours["total_weight"] == pytest.approx(weight, abs=1e-6)
    if objective == "coverage_then_weight":
        assert ours["candidates_with_meeting"] == coverage
        # the fast path alone is already exact for coverage: one meeting never clashes
        fast = allocate(inst, method="heuristic").stats
        assert fast["candidates_with_meeting"] == coverage
        assert fast["total_weight"] <= weight + 1e-6


def test_coverage_comes_before_weight() -> None:
    # ana values acme most, but ben can only meet acme: the optimum gives acme to ben.
    d = doc(
        [slot("a1", "acme", 0), slot("b1", "bolt", 0)],
        [cand("ana", 1, {"acme": 5, "bolt": 1}), cand("ben", 1, {"acme": 1})],
    )
    result = allocate(parse_instance(d))
    assert sorted(result.assignments) == [("ana", "b1"), ("ben", "a1")]
    assert result.stats["candidates_with_meeting"] == 2
    weight_only = allocate(parse_instance({**d, "policy": {"objective": "weight"}}))
    assert weight_only.assignments == [("ana", "a1")]


def test_overlapping_slots_and_busy_time_are_avoided() -> None:
    # one candidate, three companies: k1 and k2 at the same time, k3 while busy.
    d = doc(
        [slot("s1", "k1", 0, 2), slot("s2", "k2", 1, 2), slot("s3", "k3", 4), slot("s4", "k2", 3)],
        [cand("ana", 3, {"k1": 3, "k2": 2, "k3": 9}, busy=[(4, 5)])],
    )
    result = allocate(parse_instance(d))
    assert result.assignments == [("ana", "s1"), ("ana", "s4")]


def test_beats_first_come_first_served_and_stays_under_the_lp_bound() -> None:
    inst = parse_instance(generate(seed=5, candidates=150, companies=12, skew=1.2))
    ours = allocate(inst).stats
    fcfs = first_come_first_served(inst).stats
    bound = lp_bounds(inst, at_coverage=ours["candidates_with_meeting"])
    assert ours["candidates_with_meeting"] > fcfs["candidates_with_meeting"]
    assert ours["candidates_with_meeting"] <= bound["coverage_bound"] + 1e-6
    assert ours["total_weight"] <= bound["weight_bound"] * (1 + 1e-6) + 1e-6
    assert ours["candidates_with_meeting"] >= 0.99 * bound["coverage_bound"]


def test_same_input_same_allocation() -> None:
    document = generate(seed=11, candidates=300, companies=20, busy_rate=0.6)
    first = allocate(parse_instance(document))
    second = allocate(parse_instance(document))
    assert first.assignments == second.assignments
    assert violations(parse_instance(document), first.assignments) == []


def test_output_document_shape() -> None:
    d = doc([slot("s1", "k1", 0)], [cand("ana", 1, {"k1": 1}), cand("ben", 0, {"k1": 1})])
    out = allocate(parse_instance(d)).to_json()
    assert out["assignments"] == [{"candidate": "ana", "slot": "s1"}]
    stats = out["stats"]
    assert stats["candidates_with_meeting"] == 1
    assert stats["meetings"] == 1
    assert stats["slot_fill_rate"] == 1.0
    assert stats["objective"] == "coverage_then_weight"
    assert stats["proven_optimal"] is True


def test_nobody_can_meet_anybody() -> None:
    # the only candidate is busy during the only slot
    d = doc([slot("s1", "k1", 0)], [cand("ana", 2, {"k1": 1}, busy=[(0, 1)])])
    inst = parse_instance(d)
    assert allocate(inst).assignments == []
    assert first_come_first_served(inst).assignments == []
    assert lp_bounds(inst)["coverage_bound"] == 0
    assert lp_bounds(inst)["weight_bound"] == 0.0
