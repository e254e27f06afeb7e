"""Upper bounds, to measure how close an allocation is to the best possible.

* Coverage: the min-cost-flow relaxation without time conflicts. It is exactly the LP bound: scale
  any fractional LP solution down to one meeting per candidate and every conflict row holds, so
  the conflict rows cannot lower the coverage LP; and that LP (a bipartite b-matching) is integral.
* Weight at a given coverage: the LP of :mod:`talentfoundry.scheduling.lp` (time conflicts as
  clique rows) with integrality dropped and ``sum y >= coverage``, solved by HiGHS (interior point,
  which is several times faster than simplex at fair scale). The benchmark asks for the weight
  bound at the coverage the allocator actually reached, so "weight / bound" compares like with
  like. For the ``weight`` objective there is no coverage row.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from talentfoundry.scheduling.allocator import relaxation_bound
from talentfoundry.scheduling.instance import Instance
from talentfoundry.scheduling.lp import build_linear_model
from talentfoundry.scheduling.model import compile_instance

__all__ = ["lp_bounds"]


def lp_bounds(instance: Instance, *, at_coverage: int | None = None) -> dict[str, Any]:
    """Return ``coverage_bound``, ``weight_bound`` (at ``at_coverage``, default the coverage
    bound; unconstrained for the ``weight`` objective), the relaxation's own weight and timings."""
    started = time.perf_counter()
    model = compile_instance(instance)
    flow = relaxation_bound(model)
    coverage_first = instance.policy.objective == "coverage_then_weight"
    coverage_bound = flow["coverage"] if coverage_first else None
    lin = build_linear_model(model)
    n = lin.n_vars
    if lin.n_x == 0:  # nobody can meet anybody: nothing to solve
        return {
            "coverage_bound": coverage_bound,
            "weight_bound": 0.0,
            "at_coverage": at_coverage if coverage_first else None,
            "relaxation_weight": flow["weight"],
            "lp_variables": int(n),
            "lp_constraints": int(lin.a_ub.shape[0]),
            "lp_seconds": round(time.perf_counter() - started, 3),
        }
    a_ub, b_ub = lin.a_ub, lin.b_ub
    if coverage_first:
        target = float(coverage_bound if at_coverage is None else at_coverage)
        cover = np.zeros(n)
        cover[lin.n_x :] = -1.0
        a_ub = sparse.vstack([a_ub, sparse.csr_matrix(cover[None, :])], format="csr")
        b_ub = np.append(b_ub, -target)
    objective = np.zeros(n)
    objective[: lin.n_x] = -lin.weight
    res = linprog(objective, A_ub=a_ub, b_ub=b_ub, bounds=(0.0, 1.0), method="highs-ipm")
    if res.status != 0:
        raise RuntimeError(f"weight LP failed: {res.message}")
    return {
        "coverage_bound": coverage_bound,
        "weight_bound": float(-res.fun),
        "at_coverage": at_coverage if coverage_first else None,
        "relaxation_weight": flow["weight"],
        "lp_variables": int(n),
        "lp_constraints": int(a_ub.shape[0]),
        "lp_seconds": round(time.perf_counter() - started, 3),
    }
