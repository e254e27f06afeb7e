"""First come, first served: what career-fair platforms do today, kept as the comparison point.

Candidates in input (sign-up) order take, for each of their requests in order, the earliest free
slot of that company they can attend (not busy, not overlapping a meeting they already hold),
until they reach ``max_meetings``. Early sign-ups fill the popular companies, later ones often get
nothing: the gap the optimal allocator closes.
"""

from __future__ import annotations

import time

from talentfoundry.scheduling.instance import Instance
from talentfoundry.scheduling.model import compile_instance
from talentfoundry.scheduling.result import Allocation, summarise

__all__ = ["first_come_first_served"]


def first_come_first_served(instance: Instance) -> Allocation:
    """Greedy allocation in sign-up order (deterministic)."""
    started = time.perf_counter()
    model = compile_instance(instance)
    slot_ids = [s.id for s in instance.slots]
    free = {q: list(model.class_slots[q]) for q in range(model.n_classes)}
    out: list[tuple[str, str]] = []
    for i, cand in enumerate(instance.candidates):
        held: list[tuple[int, int]] = []
        for p in model.cand_pairs[i]:
            if len(held) >= cand.max_meetings:
                break
            for q in model.pair_classes[p]:  # sorted by start: earliest first
                if not free[q]:
                    continue
                qs, qe = int(model.class_start[q]), int(model.class_end[q])
                if any(qs < he and hs < qe for hs, he in held):
                    continue
                out.append((cand.id, slot_ids[free[q].pop(0)]))
                held.append((qs, qe))
                break
    order = {c.id: n for n, c in enumerate(instance.candidates)}
    start_of = {s.id: s.start for s in instance.slots}
    out.sort(key=lambda cs: (order[cs[0]], start_of[cs[1]], cs[1]))
    stats = summarise(instance, out)
    stats.update(method="fcfs", solve_seconds=round(time.perf_counter() - started, 4))
    return Allocation(out, stats)
