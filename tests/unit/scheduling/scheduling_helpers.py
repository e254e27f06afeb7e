"""Small instances for the scheduling tests, and an exact MIP written independently of the engine.

The MIP works on single slots with pairwise conflict rows (not on the engine's slot classes and
clique rows), so agreeing with it checks the engine's modelling, not just its arithmetic.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from talentfoundry.scheduling.instance import SCHEMA, Instance

DAY = datetime(2027, 3, 18, 8, 0, tzinfo=UTC)
PLUS8 = timezone(timedelta(hours=8))


def at(quarter: int) -> str:
    """ISO time ``quarter`` quarter-hours after 08:00 UTC, written with a +08:00 offset."""
    return (DAY + timedelta(minutes=15 * quarter)).astimezone(PLUS8).isoformat()


def slot(sid: str, company: str, start: int, length: int = 1, recruiter: str = "") -> dict:
    return {
        "id": sid,
        "company": company,
        "recruiter": recruiter or f"{company}-r",
        "start": at(start),
        "end": at(start + length),
    }


def cand(cid: str, max_meetings: int, requests: dict[str, float], busy=()) -> dict:
    return {
        "id": cid,
        "max_meetings": max_meetings,
        "busy": [{"start": at(s), "end": at(e)} for s, e in busy],
        "requests": [{"company": k, "weight": w} for k, w in requests.items()],
    }


def doc(slots: list[dict], cands: list[dict], objective: str = "coverage_then_weight") -> dict:
    return {
        "schema": SCHEMA,
        "slots": slots,
        "candidates": cands,
        "policy": {"objective": objective},
    }


def exact_optimum(instance: Instance) -> tuple[int, float]:
    """(coverage, weight) of an optimal allocation, by a two-stage MIP over single slots."""
    slots = instance.slots
    var: list[tuple[int, int, float]] = []  # (candidate, slot, weight)
    for ci, c in enumerate(instance.candidates):
        if c.max_meetings == 0:
            continue
        wants = {r.company: r.weight for r in c.requests}
        for si, s in enumerate(slots):
            if s.company in wants and not any(s.start < b.end and b.start < s.end for b in c.busy):
                var.append((ci, si, wants[s.company]))
    n_c = len(instance.candidates)
    n_x = len(var)
    if n_x == 0:
        return 0, 0.0
    rows: list[dict[int, float]] = []
    rhs: list[float] = []
    for si in range(len(slots)):
        rows.append({v: 1.0 for v, (_, s, _) in enumerate(var) if s == si})
        rhs.append(1)
    for ci, c in enumerate(instance.candidates):
        mine = [v for v, (c2, _, _) in enumerate(var) if c2 == ci]
        rows.append(dict.fromkeys(mine, 1.0))
        rhs.append(c.max_meetings)
        for company in {slots[var[v][1]].company for v in mine}:
            rows.append({v: 1.0 for v in mine if slots[var[v][1]].company == company})
            rhs.append(1)
        for a_i, a in enumerate(mine):
            for b in mine[a_i + 1 :]:
                sa, sb = slots[var[a][1]], slots[var[b][1]]
                if sa.start < sb.end and sb.start < sa.end:
                    rows.append({a: 1.0, b: 1.0})
                    rhs.append(1)
        row = dict.fromkeys(mine, -1.0)
        row[n_x + ci] = 1.0  # covered <= number of meetings
        rows.append(row)
        rhs.append(0)
    mat = sparse.lil_matrix((len(rows), n_x + n_c))
    for r, row in enumerate(rows):
        for col, val in row.items():
            mat[r, col] = val
    cons = [LinearConstraint(mat.tocsr(), -np.inf, np.array(rhs, float))]
    n = n_x + n_c
    ones = np.ones(n)
    cover = np.zeros(n)
    cover[n_x:] = -1
    coverage = 0
    if instance.policy.objective == "coverage_then_weight":
        res = milp(cover, constraints=cons, integrality=ones, bounds=Bounds(0, 1))
        coverage = round(-res.fun)
        cons.append(LinearConstraint(cover[None, :], -np.inf, -coverage + 0.5))
    weight = np.zeros(n)
    weight[:n_x] = [-w for _, _, w in var]
    res = milp(weight, constraints=cons, integrality=ones, bounds=Bounds(0, 1))
    if instance.policy.objective == "weight":
        coverage = -1  # not defined for this objective
    return coverage, float(-res.fun)


def random_doc(rng: np.random.Generator, objective: str) -> dict[str, Any]:
    """A small random instance: 1-4 companies, up to 10 slots, up to 7 candidates."""
    n_comp = int(rng.integers(1, 5))
    slots = []
    for k in range(n_comp):
        for j in range(int(rng.integers(1, 4))):
            slots.append(
                slot(f"s{k}{j}", f"k{k}", int(rng.integers(0, 6)), int(rng.integers(1, 4)))
            )
    cands = []
    for i in range(int(rng.integers(1, 8))):
        chosen = rng.choice(n_comp, size=int(rng.integers(0, n_comp + 1)), replace=False)
        reqs = {f"k{int(k)}": float(rng.integers(0, 6)) for k in chosen}
        busy = []
        if rng.random() < 0.4:
            b = int(rng.integers(0, 7))
            busy.append((b, b + int(rng.integers(1, 3))))
        cands.append(cand(f"c{i}", int(rng.integers(0, 4)), reqs, busy))
    return doc(slots, cands, objective)
