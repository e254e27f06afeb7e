"""Exact allocation by mixed-integer programming (HiGHS through ``scipy.optimize.milp``).

Only for small instances or small residual gaps: the allocator calls it when its fast result does
not reach the flow bound and the model is small enough to prove optimality in seconds. The
lexicographic objective is solved in two stages (best coverage, then best weight at that
coverage) instead of one big-M objective, which would be numerically fragile in a MIP.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from talentfoundry.scheduling.lp import build_linear_model
from talentfoundry.scheduling.model import Compiled

__all__ = ["solve_exact"]


def solve_exact(
    model: Compiled, *, time_limit: float = 20.0, node_limit: int | None = None
) -> tuple[list[tuple[int, int]], bool] | None:
    """Return ((pair, slot) meetings, proven optimal) or ``None`` if HiGHS found no solution.

    ``node_limit`` bounds the branch-and-bound deterministically (a time limit alone would make
    the result depend on the machine's load).
    """
    lin = build_linear_model(model)
    if lin.n_x == 0:
        return [], True
    n = lin.n_vars
    integrality = np.ones(n)
    bounds = Bounds(np.zeros(n), np.ones(n))
    cons = [LinearConstraint(lin.a_ub, -np.inf, lin.b_ub)]
    proven = True
    options: dict[str, float | int] = {"time_limit": time_limit}
    if node_limit is not None:
        options["node_limit"] = node_limit
    if model.instance.policy.objective == "coverage_then_weight":
        c1 = np.zeros(n)
        c1[lin.n_x :] = -1.0
        res = milp(
            c1,
            constraints=cons,
            integrality=integrality,
            bounds=bounds,
            options=options,
        )
        if res.x is None:
            return None
        proven &= res.status == 0
        coverage = round(-res.fun)
        row = sparse.csr_matrix(c1[None, :])
        cons.append(LinearConstraint(row, -np.inf, -coverage + 0.5))
    c2 = np.zeros(n)
    c2[: lin.n_x] = -lin.weight
    res = milp(
        c2,
        constraints=cons,
        integrality=integrality,
        bounds=bounds,
        options=options,
    )
    if res.x is None:
        return None
    proven &= res.status == 0
    chosen = np.flatnonzero(res.x[: lin.n_x] > 0.5)
    used: dict[int, int] = {}
    out: list[tuple[int, int]] = []
    for v in chosen:
        q = int(lin.var_class[v])
        slot = model.class_slots[q][used.get(q, 0)]
        used[q] = used.get(q, 0) + 1
        out.append((int(lin.var_pair[v]), slot))
    return out, proven
