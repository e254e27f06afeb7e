"""The allocation model as a (mixed-integer) linear program: for the bound and small exact solves.

Variables: ``x[p, q]`` = request ``p`` is met in slot class ``q`` (one of the classes the candidate
can attend), and ``y[c]`` = candidate ``c`` has at least one meeting. Constraints: class capacity,
each request at most once, ``max_meetings``, ``y[c] <= sum x[c, .]``, and the time conflicts as
clique constraints: for every candidate and every start time ``t`` of a class they could attend,
the classes running at ``t`` hold at most one of their meetings (for intervals, the cliques at
start points are all the maximal cliques, so this is exact for the integer model and the
strongest such family for the LP).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from talentfoundry.scheduling.model import Compiled

__all__ = ["LinearModel", "build_linear_model"]


@dataclass(slots=True)
class LinearModel:
    n_x: int
    var_pair: np.ndarray  # pair of each x variable
    var_class: np.ndarray  # class of each x variable
    n_cand: int
    a_ub: sparse.csr_matrix  # rows: constraints <= b_ub over [x..., y...]
    b_ub: np.ndarray
    weight: np.ndarray  # objective coefficient of each x (the request's weight)

    @property
    def n_vars(self) -> int:
        return self.n_x + self.n_cand


def build_linear_model(model: Compiled) -> LinearModel:
    """Assemble the constraint matrix (CSR) of the model described in the module docstring."""
    lengths = np.fromiter((len(qs) for qs in model.pair_classes), np.int64, model.n_pairs)
    var_pair = np.repeat(np.arange(model.n_pairs, dtype=np.int64), lengths)
    var_class = (
        np.concatenate(model.pair_classes).astype(np.int64)
        if model.n_pairs and lengths.sum()
        else np.zeros(0, np.int64)
    )
    n_x = len(var_pair)
    var_cand = model.pair_cand[var_pair] if n_x else np.zeros(0, np.int64)
    n_cand = model.n_cand
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    rhs: list[np.ndarray] = []
    row = 0
    x_idx = np.arange(n_x, dtype=np.int64)
    ones = np.ones(n_x)

    def block(r: np.ndarray, c: np.ndarray, v: np.ndarray, b: np.ndarray) -> None:
        nonlocal row
        rows.append(r + row)
        cols.append(c)
        vals.append(v)
        rhs.append(b)
        row += len(b)

    cap = np.fromiter((len(s) for s in model.class_slots), float, model.n_classes)
    block(var_class, x_idx, ones, cap)  # class capacity
    block(var_pair, x_idx, ones, np.ones(model.n_pairs))  # each request at most once
    block(var_cand, x_idx, ones, model.max_meetings.astype(float))  # max meetings
    # y[c] - sum x[c, .] <= 0
    cand_ids = np.arange(n_cand, dtype=np.int64)
    block(
        np.concatenate([cand_ids, var_cand]),
        np.concatenate([n_x + cand_ids, x_idx]),
        np.concatenate([np.ones(n_cand), -ones]),
        np.zeros(n_cand),
    )
    # time-conflict cliques per candidate
    order = np.argsort(var_cand, kind="stable")
    bounds = np.searchsorted(var_cand[order], np.arange(n_cand + 1))
    starts = model.class_start[var_class] if n_x else np.zeros(0, np.int64)
    ends = model.class_end[var_class] if n_x else np.zeros(0, np.int64)
    c_rows: list[np.ndarray] = []
    c_cols: list[np.ndarray] = []
    n_cliques = 0
    for c in range(n_cand):
        mine = order[bounds[c] : bounds[c + 1]]
        if len(mine) < 2 or model.max_meetings[c] < 2:
            continue
        s, e, pr = starts[mine], ends[mine], var_pair[mine]
        points = np.unique(s)
        member = (s[None, :] <= points[:, None]) & (points[:, None] < e[None, :])
        seen: set[bytes] = set()
        for t in range(len(points)):
            sel = np.flatnonzero(member[t])
            if len(sel) < 2 or len(np.unique(pr[sel])) < 2:
                continue  # one request only: already limited by its own row
            key = sel.tobytes()
            if key in seen:
                continue
            seen.add(key)
            c_rows.append(np.full(len(sel), n_cliques, np.int64))
            c_cols.append(mine[sel])
            n_cliques += 1
    if n_cliques:
        cc = np.concatenate(c_cols)
        block(np.concatenate(c_rows), cc, np.ones(len(cc)), np.ones(n_cliques))
    a_ub = sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(row, n_x + n_cand),
    )
    return LinearModel(
        n_x=n_x,
        var_pair=var_pair,
        var_class=var_class,
        n_cand=n_cand,
        a_ub=a_ub,
        b_ub=np.concatenate(rhs),
        weight=model.pair_weight[var_pair] if n_x else np.zeros(0),
    )
