"""The optimal interview-slot allocator.

Why not one big MIP: at fair scale (3,000 candidates, 3,600 slots) the MIP has ~200,000 binaries
and takes minutes. The structure is kinder than that. Without time conflicts the problem is a
min-cost flow (candidate -> request -> slot class -> sink), which OR-Tools solves in a fraction of a
second and which is *exact* for coverage: one meeting per candidate never conflicts with itself.
Conflicts only concern candidates with several meetings, and companies have many interchangeable
slots, so they are almost always removed by moving meetings to another slot of the same company.

So the allocator alternates three steps until nothing improves:

1. **flow** on what is still free: uncovered candidates earn a coverage bonus larger than any
   weight (lexicographic objective), requests earn their weight; classes already overlapping the
   candidate's held meetings are left out;
2. **repair**: for each company involved in a conflict, one assignment problem (Hungarian method,
   ``scipy.optimize.linear_sum_assignment``) re-seats its candidates in its slots, given their
   meetings elsewhere; a request that cannot be seated without a clash is dropped, never a
   candidate's only meeting when another seat exists;
3. **improve**: sweeps of the same per-company assignment over *all* requests for the company
   (held and waiting), which swaps meetings between candidates when that raises the objective;
4. **neighbourhood MIP**: if a gap to the flow bound is left, a few small groups of candidates
   around those a clash cost a meeting are re-solved exactly (HiGHS), everything else fixed.

On small instances, when the result does not meet the flow bound, an exact MIP (HiGHS) finishes
the job, so tests can compare with an independent MIP. Everything is deterministic: inputs are
indexed in sorted order and no step uses randomness.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from talentfoundry.scheduling.instance import Instance
from talentfoundry.scheduling.model import Compiled, compile_instance
from talentfoundry.scheduling.result import Allocation, summarise

__all__ = ["allocate", "relaxation_bound"]

_EXACT_MAX_VARS = 3000
"""Above this many (request, class) variables the MIP is not attempted (it would take too long)."""


@dataclass(slots=True)
class _State:
    pair_slot: np.ndarray  # slot of each pair, -1 if none
    slot_pair: np.ndarray  # pair in each slot, -1 if free
    company_pairs: list[np.ndarray]  # requests of each company (fixed)
    class_local: np.ndarray  # position of each class among its company's classes


def allocate(
    instance: Instance,
    *,
    method: str = "auto",
    max_rounds: int = 6,
    improve_sweeps: int = 2,
    lns_rounds: int = 12,
    mip_seconds: float = 20.0,
) -> Allocation:
    """Allocate interview slots (how: see the module docstring).

    ``method``: ``auto`` runs flow, repair, improvement and neighbourhood MIPs, then a MIP of the
    whole instance if a gap to the flow bound is left and the instance is small (at most 3,000
    request-class variables); ``heuristic`` never runs the whole-instance MIP; ``exact`` always
    does (minutes at fair scale). ``stats["proven_optimal"]`` says whether optimality is
    certified (the flow bound was reached or the MIP proved it); with non-integer weights that is
    up to the flow's weight rounding (1e-6 of the largest weight).
    """
    if method not in ("auto", "heuristic", "exact"):
        raise ValueError(f"unknown method {method!r}")
    started = time.perf_counter()
    model = compile_instance(instance)
    coverage_first = instance.policy.objective == "coverage_then_weight"
    w_int, big, scale = _integer_weights(model, coverage_first)
    st = _empty_state(model)
    bound_value: int | None = None
    best = -1
    relaxed = np.zeros(model.n_cand, np.int64)
    for round_no in range(max_rounds):
        added, flow_value = _flow_round(model, st, w_int, big)
        if round_no == 0:
            bound_value = flow_value
            relaxed = _cand_weights(model, st, w_int)
        _repair(model, st, w_int, big, added)
        value = _value(model, st, w_int, big)
        if value <= best or not added:
            break
        best = value
    for _ in range(improve_sweeps):
        before = _value(model, st, w_int, big)
        _improve(model, st, w_int, big)
        _flow_round_and_repair(model, st, w_int, big)
        if _value(model, st, w_int, big) <= before:
            break
    if _value(model, st, w_int, big) < (bound_value or 0) and lns_rounds:
        st = _lns(model, st, w_int, big, relaxed, rounds=lns_rounds)
    value = _value(model, st, w_int, big)
    proven = bound_value is not None and value >= bound_value
    used_mip = False
    if not proven and (
        method == "exact" or (method == "auto" and _n_vars(model) <= _EXACT_MAX_VARS)
    ):
        from talentfoundry.scheduling.exact import solve_exact

        exact = solve_exact(model, time_limit=mip_seconds)
        if exact is not None:
            pairs_slots, mip_proven = exact
            candidate_state = _state_from(model, pairs_slots)
            if _value(model, candidate_state, w_int, big) >= value:  # a timed-out MIP may be worse
                st, proven, used_mip = candidate_state, mip_proven, True
    assignments = _assignments(model, st)
    stats: dict[str, Any] = summarise(instance, assignments)
    stats.update(
        method="mip" if used_mip else "flow+repair",
        proven_optimal=bool(proven),
        flow_bound=_decode(bound_value or 0, big, scale),
        solve_seconds=round(time.perf_counter() - started, 4),
    )
    return Allocation(assignments, stats)


def relaxation_bound(model: Compiled) -> dict[str, float | None]:
    """Coverage and weight of the best allocation *ignoring time conflicts* (one min-cost flow).

    An upper bound for both. For coverage it is also the exact optimum: a candidate with one
    meeting has nothing to clash with, so the relaxation loses nothing there.
    """
    coverage_first = model.instance.policy.objective == "coverage_then_weight"
    w_int, big, scale = _integer_weights(model, coverage_first)
    _, value = _flow_round(model, _empty_state(model), w_int, big)
    return _decode(value, big, scale)


# --- objective ------------------------------------------------------------------------------------


def _integer_weights(model: Compiled, coverage_first: bool) -> tuple[np.ndarray, int, float]:
    """Weights as integers (min-cost flow needs them) and the coverage bonus ``big``.

    Integer weights up to 10**6 are kept exact; other weights are scaled so the largest becomes
    10**6 (relative precision 1e-6). ``big`` exceeds the largest total weight any allocation can
    have, so one more covered candidate always beats any weight gain: the lexicographic objective.
    """
    w = model.pair_weight
    if not len(w):
        return np.zeros(0, np.int64), int(coverage_first), 1.0
    top = float(w.max())
    scale = 1.0
    if top <= 0:
        w_int = np.zeros(len(w), np.int64)
    elif np.all(w == np.round(w)) and top <= 1e6:
        w_int = w.astype(np.int64)
    else:
        scale = 1e6 / top
        w_int = np.round(w * scale).astype(np.int64)
    if not coverage_first:
        return w_int, 0, scale
    best_per_cand = 0
    for c, pairs in enumerate(model.cand_pairs):
        if pairs:
            ws = np.sort(w_int[pairs])[::-1][: int(model.max_meetings[c])]
            best_per_cand += int(ws.sum())
    return w_int, best_per_cand + 1, scale


def _value(model: Compiled, st: _State, w_int: np.ndarray, big: int) -> int:
    held = st.pair_slot >= 0
    covered = len(np.unique(model.pair_cand[held]))
    return covered * big + int(w_int[held].sum())


def _decode(value: int, big: int, scale: float) -> dict[str, float]:
    """Split an integer objective into coverage and weight (in the instance's weight units)."""
    coverage, weight = divmod(value, big) if big else (None, value)
    return {"coverage": coverage, "weight": round(weight / scale, 6)}


def _n_vars(model: Compiled) -> int:
    return sum(len(q) for q in model.pair_classes)


# --- step 1: min-cost flow on the residual ------------------------------------------------------


def _flow_round(model: Compiled, st: _State, w_int: np.ndarray, big: int) -> tuple[list[int], int]:
    """Add the flow-optimal set of new meetings; returns the pairs added and the flow's value.

    The value (current objective plus the flow's gain) is an upper bound when nothing is held yet.
    """
    from ortools.graph.python import min_cost_flow

    free_cap = np.zeros(model.n_classes, np.int64)
    np.add.at(free_cap, model.slot_class[st.slot_pair < 0], 1)
    cand_nodes: list[int] = []
    cand_rem: list[int] = []
    cand_bonus: list[bool] = []
    pair_list: list[int] = []
    pair_owner: list[int] = []
    arc_pair: list[np.ndarray] = []
    arc_class: list[np.ndarray] = []
    hub_pairs: list[int] = []  # local pair indices that may use any free class of their company
    n_companies = len(model.companies)
    free_classes_of = np.bincount(model.class_company[free_cap > 0], minlength=n_companies)
    for c in range(model.n_cand):
        pairs = model.cand_pairs[c]
        if not pairs:
            continue
        held = [p for p in pairs if st.pair_slot[p] >= 0]
        rem = int(model.max_meetings[c]) - len(held)
        if rem <= 0:
            continue
        h_start = model.slot_start[st.pair_slot[held]] if held else None
        h_end = model.slot_end[st.pair_slot[held]] if held else None
        local = len(cand_nodes)
        any_pair = False
        for p in pairs:
            if st.pair_slot[p] >= 0:
                continue
            qs = model.pair_classes[p]
            if not len(qs):
                continue
            qs = qs[free_cap[qs] > 0]
            if h_start is not None and len(qs):
                cs, ce = model.class_start[qs], model.class_end[qs]
                clash = (cs[:, None] < h_end[None, :]) & (h_start[None, :] < ce[:, None])
                qs = qs[~clash.any(axis=1)]
            if not len(qs):
                continue
            if len(qs) == free_classes_of[model.pair_company[p]]:
                hub_pairs.append(len(pair_list))  # one arc to the company hub, not one per class
            else:
                arc_pair.append(np.full(len(qs), len(pair_list), np.int64))
                arc_class.append(qs)
            pair_list.append(p)
            pair_owner.append(local)
            any_pair = True
        if any_pair:
            cand_nodes.append(c)
            cand_rem.append(rem)
            cand_bonus.append(big > 0 and not held)
    base = _value(model, st, w_int, big)
    if not pair_list:
        return [], base
    n_c, n_p = len(cand_nodes), len(pair_list)
    src, sink = 0, 1
    c0, p0, q0 = 2, 2 + n_c, 2 + n_c + n_p
    h0 = q0 + model.n_classes
    smcf = min_cost_flow.SimpleMinCostFlow()
    rem_arr = np.array(cand_rem, np.int64)
    bonus = np.array(cand_bonus, bool)
    cnodes = c0 + np.arange(n_c, dtype=np.int64)
    # source -> candidate: the first meeting of an uncovered candidate earns the coverage bonus
    smcf.add_arcs_with_capacity_and_unit_cost(
        np.full(n_c, src), cnodes, np.where(bonus, 1, rem_arr), np.where(bonus, -big, 0)
    )
    extra = bonus & (rem_arr > 1)
    if extra.any():
        smcf.add_arcs_with_capacity_and_unit_cost(
            np.full(int(extra.sum()), src),
            cnodes[extra],
            rem_arr[extra] - 1,
            np.zeros(int(extra.sum()), np.int64),
        )
    pairs_arr = np.array(pair_list, np.int64)
    smcf.add_arcs_with_capacity_and_unit_cost(
        c0 + np.array(pair_owner, np.int64),
        p0 + np.arange(n_p, dtype=np.int64),
        np.ones(n_p, np.int64),
        -w_int[pairs_arr],
    )
    a_pair = np.concatenate(arc_pair) if arc_pair else np.zeros(0, np.int64)
    a_class = np.concatenate(arc_class) if arc_class else np.zeros(0, np.int64)
    pq_arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        p0 + a_pair, q0 + a_class, np.ones(len(a_pair), np.int64), np.zeros(len(a_pair), np.int64)
    )
    used_classes = np.flatnonzero(free_cap > 0)
    hub_arr = np.array(hub_pairs, np.int64)
    hub_company = model.pair_company[pairs_arr[hub_arr]] if len(hub_arr) else hub_arr
    ph_arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        p0 + hub_arr,
        h0 + hub_company,
        np.ones(len(hub_arr), np.int64),
        np.zeros(len(hub_arr), np.int64),
    )
    hq_arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        h0 + model.class_company[used_classes],
        q0 + used_classes,
        free_cap[used_classes],
        np.zeros(len(used_classes), np.int64),
    )
    smcf.add_arcs_with_capacity_and_unit_cost(
        q0 + used_classes,
        np.full(len(used_classes), sink),
        free_cap[used_classes],
        np.zeros(len(used_classes), np.int64),
    )
    supply = int(rem_arr.sum())
    smcf.add_arc_with_capacity_and_unit_cost(src, sink, supply, 0)
    smcf.set_node_supply(src, supply)
    smcf.set_node_supply(sink, -supply)
    status = smcf.solve()
    if status != smcf.OPTIMAL:  # pragma: no cover - the network is always feasible (bypass arc)
        raise RuntimeError(f"min-cost flow failed with status {status}")
    chosen: list[tuple[int, int]] = [
        (int(pairs_arr[a_pair[idx]]), int(a_class[idx]))
        for idx in np.flatnonzero(smcf.flows(pq_arcs) > 0)
    ]
    # pairs routed through a hub may take any class the hub sent flow to: hand them out in order
    hub_flow = smcf.flows(hq_arcs)
    per_company: dict[int, list[int]] = {}
    for idx in np.flatnonzero(hub_flow > 0):
        q = int(used_classes[idx])
        per_company.setdefault(int(model.class_company[q]), []).extend([q] * int(hub_flow[idx]))
    for idx in np.flatnonzero(smcf.flows(ph_arcs) > 0):
        p = int(pairs_arr[hub_arr[idx]])
        chosen.append((p, per_company[int(model.pair_company[p])].pop()))
    added: list[int] = []
    for p, q in chosen:  # arc order: deterministic
        slot = _free_slot_in(model, st, q)
        st.pair_slot[p] = slot
        st.slot_pair[slot] = p
        added.append(p)
    return added, base - int(smcf.optimal_cost())


def _free_slot_in(model: Compiled, st: _State, q: int) -> int:
    for j in model.class_slots[q]:
        if st.slot_pair[j] < 0:
            return j
    raise RuntimeError("flow used a full class")  # pragma: no cover - capacities forbid it


# --- step 2 and 3: per-company assignment problems ---------------------------------------------


def _conflicted_companies(model: Compiled, st: _State, cands: set[int]) -> list[int]:
    out: set[int] = set()
    for c in sorted(cands):
        held = [p for p in model.cand_pairs[c] if st.pair_slot[p] >= 0]
        if len(held) < 2:
            continue
        slots = st.pair_slot[held]
        s, e = model.slot_start[slots], model.slot_end[slots]
        order = np.argsort(s, kind="stable")
        s, e = s[order], e[order]
        run_end = np.maximum.accumulate(e)
        clash = np.flatnonzero(s[1:] < run_end[:-1])
        if len(clash):
            for p in held:
                out.add(int(model.pair_company[p]))
    return sorted(out)


def _repair(model: Compiled, st: _State, w_int: np.ndarray, big: int, added: list[int]) -> None:
    cands = {int(model.pair_cand[p]) for p in added}
    for k in _conflicted_companies(model, st, cands):
        _reseat_company(model, st, w_int, big, k, include_waiting=False)


def _improve(model: Compiled, st: _State, w_int: np.ndarray, big: int) -> None:
    for k in range(len(model.companies)):
        _reseat_company(model, st, w_int, big, k, include_waiting=True)


def _flow_round_and_repair(model: Compiled, st: _State, w_int: np.ndarray, big: int) -> None:
    added, _ = _flow_round(model, st, w_int, big)
    _repair(model, st, w_int, big, added)


def _reseat_company(
    model: Compiled,
    st: _State,
    w_int: np.ndarray,
    big: int,
    k: int,
    *,
    include_waiting: bool,
) -> None:
    """Re-solve company ``k``'s seating as an assignment problem, all other meetings fixed.

    Rows are the requests held at ``k`` (plus, when ``include_waiting``, requests for ``k`` whose
    candidate still has room); columns are ``k``'s slots plus one "no meeting" column per row.
    Values are lexicographic: coverage bonus, then weight, then one meeting more, then staying in
    the current slot (so nothing moves without a reason).
    """
    classes = model.company_classes[k]
    slots = [j for q in classes for j in model.class_slots[q]]
    if not slots:
        return
    n_slots = len(slots)
    slot_local = np.repeat(
        np.arange(len(classes)), [len(model.class_slots[q]) for q in classes]
    )  # local class of each slot
    c_start, c_end = model.class_start[classes], model.class_end[classes]
    local_of = st.class_local
    rows: list[int] = []
    ok_rows: list[np.ndarray] = []
    gains: list[float] = []
    for p in st.company_pairs[k]:
        p = int(p)
        held_here = st.pair_slot[p] >= 0
        if not held_here and not include_waiting:
            continue
        qs = model.pair_classes[p]
        if not len(qs):
            continue
        c = int(model.pair_cand[p])
        others = [o for o in model.cand_pairs[c] if o != p and st.pair_slot[o] >= 0]
        if not held_here and len(others) >= model.max_meetings[c]:
            continue
        ok = np.zeros(len(classes), bool)
        ok[local_of[qs]] = True
        if others:
            o_slots = st.pair_slot[others]
            o_start, o_end = model.slot_start[o_slots], model.slot_end[o_slots]
            clash = (c_start[:, None] < o_end[None, :]) & (o_start[None, :] < c_end[:, None])
            ok &= ~clash.any(axis=1)
        if not ok.any():
            continue
        rows.append(p)
        ok_rows.append(ok)
        gains.append(float((big if (big and not others) else 0) + w_int[p]))
    if not rows:
        _drop_company(model, st, k)
        return
    n_rows = len(rows)
    scale = 4.0 * (n_rows + 1)
    ok_slots = np.stack(ok_rows)[:, slot_local]  # rows x slots
    gain = np.array(gains) * scale + 2.0
    forbidden = -(float(gain.max()) + 2.0) * (n_rows + n_slots + 1)
    values = np.where(ok_slots, gain[:, None], forbidden)
    slot_pos = {j: i for i, j in enumerate(slots)}
    for r, p in enumerate(rows):
        cur = int(st.pair_slot[p])
        if cur >= 0 and ok_slots[r, slot_pos[cur]]:
            values[r, slot_pos[cur]] += 1.0  # stay put unless moving gains something
    # one "leave this slot empty" row per slot (value 0), so every real row may stay unseated
    values = np.vstack([values, np.zeros((n_slots, n_slots))])
    row_ind, col_ind = linear_sum_assignment(values, maximize=True)
    _drop_company(model, st, k)
    for r, col in zip(row_ind, col_ind, strict=True):
        if r < n_rows and values[r, col] > 0:
            p, j = rows[r], slots[col]
            st.pair_slot[p] = j
            st.slot_pair[j] = p


def _drop_company(model: Compiled, st: _State, k: int) -> None:
    for p in st.company_pairs[k]:
        cur = int(st.pair_slot[p])
        if cur >= 0:
            st.slot_pair[cur] = -1
            st.pair_slot[p] = -1


# --- step 4: exact MIP on small neighbourhoods (large-neighbourhood search) ----------------------

_LNS_SIZE = 50
_LNS_NODES = 200


def _cand_weights(model: Compiled, st: _State, w_int: np.ndarray) -> np.ndarray:
    out = np.zeros(model.n_cand, np.int64)
    held = st.pair_slot >= 0
    np.add.at(out, model.pair_cand[held], w_int[held])
    return out


def _lns(
    model: Compiled,
    st: _State,
    w_int: np.ndarray,
    big: int,
    relaxed: np.ndarray,
    *,
    rounds: int,
) -> _State:
    """Re-solve small groups of candidates exactly, everything else fixed.

    Each group starts from a candidate who holds less weight than the conflict-free flow gave
    them (a clash cost them a meeting) and adds the candidates holding slots at the companies
    they miss: the people a better allocation would have to move. The MIP over that group and
    the slots nobody else holds is small (a few thousand binaries); its result is kept only if
    the whole allocation improves. Node limits, not time limits, keep it deterministic.
    """
    from talentfoundry.scheduling.exact import solve_exact

    inst = model.instance
    loss = relaxed - _cand_weights(model, st, w_int)
    seeds = sorted(np.flatnonzero(loss > 0).tolist(), key=lambda c: (-int(loss[c]), c))
    for seed in seeds[:rounds]:
        chosen = {seed}
        for p in model.cand_pairs[seed]:
            if st.pair_slot[p] >= 0:
                continue
            for q in st.company_pairs[int(model.pair_company[p])]:
                if len(chosen) >= _LNS_SIZE:
                    break
                if st.pair_slot[q] >= 0:
                    chosen.add(int(model.pair_cand[q]))
        members = sorted(chosen)
        fixed_slots = {
            int(st.pair_slot[p])
            for p in np.flatnonzero(st.pair_slot >= 0)
            if int(model.pair_cand[p]) not in chosen
        }
        free = [j for j in range(len(inst.slots)) if j not in fixed_slots]
        sub = Instance(
            tuple(inst.slots[j] for j in free),
            tuple(inst.candidates[c] for c in members),
            inst.policy,
        )
        sub_model = compile_instance(sub)
        result = solve_exact(sub_model, time_limit=10.0, node_limit=_LNS_NODES)
        if result is None:
            continue
        trial = _State(
            pair_slot=st.pair_slot.copy(),
            slot_pair=st.slot_pair.copy(),
            company_pairs=st.company_pairs,
            class_local=st.class_local,
        )
        for c in members:
            for p in model.cand_pairs[c]:
                cur = int(trial.pair_slot[p])
                if cur >= 0:
                    trial.slot_pair[cur] = -1
                    trial.pair_slot[p] = -1
        for sub_pair, sub_slot in result[0]:
            sub_cand = int(sub_model.pair_cand[sub_pair])
            rank = sub_model.cand_pairs[sub_cand].index(sub_pair)
            p = model.cand_pairs[members[sub_cand]][rank]
            j = free[sub_slot]
            trial.pair_slot[p] = j
            trial.slot_pair[j] = p
        if _value(model, trial, w_int, big) > _value(model, st, w_int, big):
            st = trial
    return st


# --- output --------------------------------------------------------------------------------------


def _empty_state(model: Compiled) -> _State:
    order = np.argsort(model.pair_company, kind="stable")
    bounds = np.searchsorted(model.pair_company[order], np.arange(len(model.companies) + 1))
    class_local = np.zeros(model.n_classes, np.int64)
    for qs in model.company_classes:
        class_local[qs] = np.arange(len(qs))
    return _State(
        pair_slot=np.full(model.n_pairs, -1, np.int64),
        slot_pair=np.full(len(model.slot_class), -1, np.int64),
        company_pairs=[order[bounds[i] : bounds[i + 1]] for i in range(len(model.companies))],
        class_local=class_local,
    )


def _state_from(model: Compiled, pairs_slots: list[tuple[int, int]]) -> _State:
    st = _empty_state(model)
    for p, j in pairs_slots:
        st.pair_slot[p] = j
        st.slot_pair[j] = p
    return st


def _assignments(model: Compiled, st: _State) -> list[tuple[str, str]]:
    inst = model.instance
    held = np.flatnonzero(st.pair_slot >= 0)
    rows = sorted(
        (int(model.pair_cand[p]), int(model.slot_start[st.pair_slot[p]]), int(st.pair_slot[p]))
        for p in held
    )
    return [(inst.candidates[c].id, inst.slots[j].id) for c, _, j in rows]
