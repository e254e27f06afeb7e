"""Deferred acceptance for hospitals/residents: the student-optimal or programme-optimal stable
placement.

A pair (student, programme) is *acceptable* only when each lists the other. A placement is
*stable* when no acceptable pair would both rather be together: the student is unplaced or prefers
the programme to their place, and the programme has a free place or ranks the student above one of
its students. Among stable placements there is one every student likes at least as much as any
other (student-optimal) and one every programme likes best (programme-optimal); each is unique, so
any correct algorithm returns the same answer, which is why the ``matching`` package is a test
oracle for this module.

Why not the ``matching`` package itself: it deep-copies a graph of player objects (recursion error
beyond ~2,000 students), keeps lists sorted with ``list.index`` and scans lists for membership, so
it grows much faster than linearly. Here everything is integer arrays in CSR form (one flat list
per side plus offsets); the student-proposing loop keeps, per programme, a max-heap of the ranks it
holds so its current worst is found in O(log capacity); the programme-proposing loop keeps per
student the rank of the offer held. Both are iterative and touch each acceptable pair at most
once, so the cost is O(pairs · log capacity) plus one numpy sort to find the acceptable pairs.

>>> from talentfoundry.placement.instance import Instance, Programme, Student
>>> inst = Instance(
...     students=(Student("ana", ("acme", "bolt")), Student("ben", ("acme",))),
...     programmes=(Programme("acme", 1, ("ben", "ana")), Programme("bolt", 1, ("ana",))),
... )
>>> solve(inst).matching
{'acme': ['ben'], 'bolt': ['ana']}
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from talentfoundry.placement._bulk import paused_gc
from talentfoundry.placement.instance import Instance, Optimal
from talentfoundry.placement.ties import strict_order

__all__ = ["Compiled", "Placement", "compile_instance", "solve"]


@dataclass(frozen=True, slots=True)
class Placement:
    """The result: ``matching`` has every programme id as a key (in input order) with its students
    in the programme's preference order; ``unmatched`` lists unplaced students in input order."""

    matching: dict[str, list[str]]
    unmatched: list[str]
    optimal: Optimal
    assignment: dict[str, str] = field(repr=False)
    """student id -> programme id, for placed students only."""


@dataclass(frozen=True, slots=True)
class Compiled:
    """An instance as integer arrays (students and programmes numbered in input order).

    ``s_start[s]:s_start[s+1]`` indexes the student's *acceptable* programmes in their order:
    ``s_prog`` (programme index) and ``s_rank`` (the programme's strict rank of the student).
    ``p_start[p]:p_start[p+1]`` indexes the programme's acceptable students in its strict
    (tie-broken) order: ``p_student``, ``p_rank`` (the student's rank of the programme, 0 = first)
    and ``p_srank`` (the programme's strict rank of the student).
    ``p_order[p_offset[p] + r]`` is the student the programme ranks ``r``-th (strict, 0 = best)
    among all it listed, acceptable or not.
    """

    student_ids: list[str]
    programme_ids: list[str]
    capacity: list[int]
    s_start: list[int]
    s_prog: list[int]
    s_rank: list[int]
    p_start: list[int]
    p_student: list[int]
    p_rank: list[int]
    p_srank: list[int]
    p_offset: list[int]
    p_order: list[int]


def _offsets(lengths: list[int]) -> np.ndarray:
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.asarray(lengths, dtype=np.int64), out=starts[1:])
    return starts


def compile_instance(instance: Instance) -> Compiled:
    """Number everyone, break ties, and keep only mutually acceptable pairs (vectorised)."""
    student_ids = [s.id for s in instance.students]
    programme_ids = [p.id for p in instance.programmes]
    n_students = len(student_ids)
    n_programmes = len(programme_ids)
    sindex = {sid: i for i, sid in enumerate(student_ids)}
    pindex = {pid: j for j, pid in enumerate(programme_ids)}

    # Programmes' strict orders, as student indices. Fast path: no ties anywhere, so every entry
    # is a student id; a tie group (a tuple) is not a key of ``sindex`` and sends us to the slow
    # path, which breaks ties programme by programme.
    programmes = instance.programmes
    try:
        p_order = list(map(sindex.__getitem__, chain.from_iterable(p.prefs for p in programmes)))
        p_lengths = [len(p.prefs) for p in programmes]
    except KeyError:
        orders = [strict_order(p, instance.tie_seed) for p in programmes]
        p_order = list(map(sindex.__getitem__, chain.from_iterable(orders)))
        p_lengths = [len(order) for order in orders]
    p_starts = _offsets(p_lengths)
    pp_student = np.asarray(p_order, dtype=np.int64)
    pp_prog = np.repeat(np.arange(n_programmes, dtype=np.int64), p_lengths)
    pp_rank = np.arange(pp_student.size, dtype=np.int64) - p_starts[pp_prog]

    # Students' lists, as programme indices.
    s_lengths = [len(s.prefs) for s in instance.students]
    s_starts = _offsets(s_lengths)
    total = int(s_starts[-1])
    sp_prog = np.fromiter(
        map(pindex.__getitem__, chain.from_iterable(s.prefs for s in instance.students)),
        dtype=np.int64,
        count=total,
    )
    sp_student = np.repeat(np.arange(n_students, dtype=np.int64), s_lengths)
    sp_pos = np.arange(total, dtype=np.int64) - s_starts[sp_student]

    # Mutually acceptable pairs: a student's (s, p) key that also occurs on the programme side.
    width = max(n_programmes, 1)
    p_keys = pp_student * width + pp_prog
    key_order = np.argsort(p_keys, kind="stable")
    sorted_keys = p_keys[key_order]
    s_keys = sp_student * width + sp_prog
    where = np.searchsorted(sorted_keys, s_keys)
    where_clipped = np.minimum(where, max(sorted_keys.size - 1, 0))
    found = (
        sorted_keys[where_clipped] == s_keys if sorted_keys.size else np.zeros(total, dtype=bool)
    )
    acc_student = sp_student[found]
    acc_prog = sp_prog[found]
    acc_pos = sp_pos[found]
    acc_rank = pp_rank[key_order[where_clipped[found]]]

    # Student side (already grouped by student, in their order).
    s_start = _offsets(np.bincount(acc_student, minlength=n_students).tolist())
    # Programme side: group by programme, in the programme's strict order.
    by_programme = np.lexsort((acc_rank, acc_prog))
    p_start = _offsets(np.bincount(acc_prog, minlength=n_programmes).tolist())

    return Compiled(
        student_ids=student_ids,
        programme_ids=programme_ids,
        capacity=[p.capacity for p in instance.programmes],
        s_start=s_start.tolist(),
        s_prog=acc_prog.tolist(),
        s_rank=acc_rank.tolist(),
        p_start=p_start.tolist(),
        p_student=acc_student[by_programme].tolist(),
        p_rank=acc_pos[by_programme].tolist(),
        p_srank=acc_rank[by_programme].tolist(),
        p_offset=p_starts.tolist(),
        p_order=p_order,
    )


def _student_proposing(c: Compiled) -> list[list[int]]:
    """Each programme's held students (as its strict ranks), student-optimal."""
    s_start, s_prog, s_rank, capacity = c.s_start, c.s_prog, c.s_rank, c.capacity
    n_students = len(c.student_ids)
    nxt = s_start[:-1]  # a copy: next proposal index per student
    # Max-heap of held ranks per programme (stored negated): the top is the current worst.
    held: list[list[int]] = [[] for _ in c.programme_ids]
    heappush, heapreplace = heapq.heappush, heapq.heapreplace
    p_order, p_offset = c.p_order, c.p_offset
    free = list(range(n_students - 1, -1, -1))
    pop, push = free.pop, free.append
    while free:
        s = pop()
        i = nxt[s]
        end = s_start[s + 1]
        while i < end:
            p = s_prog[i]
            r = s_rank[i]
            i += 1
            heap = held[p]
            if len(heap) < capacity[p]:
                heappush(heap, -r)
                break
            if heap and -heap[0] > r:
                bumped = -heapreplace(heap, -r)
                push(p_order[p_offset[p] + bumped])
                break
        nxt[s] = i
    return [sorted(-r for r in heap) for heap in held]


def _programme_proposing(c: Compiled) -> list[list[int]]:
    """Each programme's held students (as its strict ranks), programme-optimal."""
    p_start, p_student, p_rank, capacity = c.p_start, c.p_student, c.p_rank, c.capacity
    n_students = len(c.student_ids)
    nxt = p_start[:-1]
    holds = [0] * len(c.programme_ids)
    match = [-1] * n_students  # programme index held by each student
    held_at = [0] * n_students  # flat programme-side index of that offer
    active = [p for p in range(len(c.programme_ids) - 1, -1, -1) if capacity[p] > 0]
    pop, push = active.pop, active.append
    while active:
        p = pop()
        need = capacity[p] - holds[p]
        i = nxt[p]
        end = p_start[p + 1]
        while need > 0 and i < end:
            s = p_student[i]
            current = match[s]
            if current < 0:
                match[s] = p
                held_at[s] = i
                need -= 1
            elif p_rank[i] < p_rank[held_at[s]]:
                match[s] = p
                held_at[s] = i
                need -= 1
                holds[current] -= 1
                push(current)  # it may propose further (duplicates in the stack are harmless)
            i += 1
        nxt[p] = i
        holds[p] = capacity[p] - need
    held: list[list[int]] = [[] for _ in c.programme_ids]
    p_srank = c.p_srank
    for s, p in enumerate(match):
        if p >= 0:
            held[p].append(p_srank[held_at[s]])
    for ranks in held:
        ranks.sort()
    return held


def solve(instance: Instance, optimal: Optimal | None = None) -> Placement:
    """The stable placement favouring ``optimal`` (default: the instance's ``optimal`` field).

    The instance must be valid (see :func:`~talentfoundry.placement.instance.validate_instance`).
    """
    side = optimal or instance.optimal
    if side not in ("student", "programme"):
        raise ValueError(f"optimal must be 'student' or 'programme', got {side!r}")
    with paused_gc():
        return _solve(instance, side)


def _solve(instance: Instance, side: Optimal) -> Placement:
    compiled = compile_instance(instance)
    held = _student_proposing(compiled) if side == "student" else _programme_proposing(compiled)
    student_ids = compiled.student_ids
    matching: dict[str, list[str]] = {}
    assignment: dict[str, str] = {}
    p_order, p_offset = compiled.p_order, compiled.p_offset
    for p, (pid, ranks) in enumerate(zip(compiled.programme_ids, held, strict=True)):
        base = p_offset[p]
        students = [student_ids[p_order[base + r]] for r in ranks]
        matching[pid] = students
        for sid in students:
            assignment[sid] = pid
    unmatched = [sid for sid in student_ids if sid not in assignment]
    return Placement(matching=matching, unmatched=unmatched, optimal=side, assignment=assignment)
