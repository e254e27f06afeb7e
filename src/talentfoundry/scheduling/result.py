"""The allocation a scheduler returns, its figures, and a checker for the hard constraints.

The same :func:`summarise` computes the figures for every method (first come first served, ours,
an exact MIP), so before/after comparisons shown to organisers are like for like. The checker is
independent of every allocator (it re-reads the instance, not the compiled model), which is what
lets a test claim "no allocation ever double-books a slot or a person".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from talentfoundry.scheduling.instance import Instance

__all__ = ["Allocation", "summarise", "violations"]


@dataclass(slots=True)
class Allocation:
    """``assignments`` holds (candidate id, slot id) pairs, sorted by candidate order then time."""

    assignments: list[tuple[str, str]]
    stats: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "assignments": [{"candidate": c, "slot": s} for c, s in self.assignments],
            "stats": self.stats,
        }


def summarise(instance: Instance, assignments: list[tuple[str, str]]) -> dict[str, Any]:
    """Coverage, weight, meetings and slot fill rate of an allocation."""
    weight_of = {(c.id, r.company): r.weight for c in instance.candidates for r in c.requests}
    company_of = {s.id: s.company for s in instance.slots}
    covered = {c for c, _ in assignments}
    total = sum(weight_of.get((c, company_of[s]), 0.0) for c, s in assignments)
    n_slots = len(instance.slots)
    return {
        "candidates": len(instance.candidates),
        "slots": n_slots,
        "candidates_with_meeting": len(covered),
        "total_weight": round(total, 9),
        "meetings": len(assignments),
        "slot_fill_rate": round(len(assignments) / n_slots, 6) if n_slots else 0.0,
        "objective": instance.policy.objective,
    }


def violations(instance: Instance, assignments: list[tuple[str, str]]) -> list[str]:
    """Every broken hard constraint, as a sentence; an empty list means the allocation is valid."""
    problems: list[str] = []
    slots = {s.id: s for s in instance.slots}
    cands = {c.id: c for c in instance.candidates}
    taken: dict[str, str] = {}
    per_cand: dict[str, list[str]] = {}
    for cid, sid in assignments:
        if cid not in cands or sid not in slots:
            problems.append(f"unknown candidate or slot in ({cid!r}, {sid!r})")
            continue
        if sid in taken:
            problems.append(f"slot {sid!r} double-booked ({taken[sid]!r} and {cid!r})")
        taken[sid] = cid
        per_cand.setdefault(cid, []).append(sid)
    for cid, sids in per_cand.items():
        cand = cands[cid]
        requested = {r.company for r in cand.requests}
        if len(sids) > cand.max_meetings:
            problems.append(f"candidate {cid!r} has {len(sids)} > {cand.max_meetings} meetings")
        companies = [slots[s].company for s in sids]
        for comp in set(companies):
            if comp not in requested:
                problems.append(f"candidate {cid!r} meets unrequested company {comp!r}")
            if companies.count(comp) > 1:
                problems.append(f"candidate {cid!r} meets company {comp!r} twice")
        for a_index, a in enumerate(sids):
            sa = slots[a]
            for busy in cand.busy:
                if sa.start < busy.end and busy.start < sa.end:
                    problems.append(f"candidate {cid!r} is busy during slot {a!r}")
            for b in sids[a_index + 1 :]:
                sb = slots[b]
                if sa.start < sb.end and sb.start < sa.end:
                    problems.append(f"candidate {cid!r} double-booked in {a!r} and {b!r}")
    return problems
