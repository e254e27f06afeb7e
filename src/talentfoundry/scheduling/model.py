"""The instance compiled to integers: what every allocator and the bound work on.

Times become integer seconds since the epoch (UTC), companies and candidates become indices, and
slots of one company with the same start and end are grouped into a *class*: recruiters of one
company interviewing in parallel are interchangeable for every constraint, so the flow, the
repair and the LP all work on classes with a capacity instead of on single slots (this halves the
models at fair scale and removes a pure symmetry from the MIP). A *pair* is one request
(candidate, company) together with the classes the candidate could attend (not while busy).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from talentfoundry.scheduling.instance import Instance

__all__ = ["Compiled", "compile_instance", "overlaps"]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Half-open intervals: a slot ending at 10:00 does not clash with one starting at 10:00."""
    return a_start < b_end and b_start < a_end


@dataclass(slots=True)
class Compiled:
    """Integer view of an :class:`Instance` (see module docstring)."""

    instance: Instance
    n_cand: int
    companies: list[str]
    slot_start: np.ndarray  # int64 seconds, per slot index
    slot_end: np.ndarray
    slot_company: np.ndarray  # company index per slot
    class_company: np.ndarray  # company index per class
    class_start: np.ndarray
    class_end: np.ndarray
    class_slots: list[list[int]]  # slot indices of each class, sorted by (start, id)
    slot_class: np.ndarray
    company_classes: list[list[int]]  # classes of each company, sorted by start
    max_meetings: np.ndarray
    pair_cand: np.ndarray  # per pair (request): candidate index
    pair_company: np.ndarray
    pair_weight: np.ndarray  # float weights as given
    pair_classes: list[np.ndarray]  # feasible classes of each pair
    cand_pairs: list[list[int]]  # pairs of each candidate, in request order

    @property
    def n_pairs(self) -> int:
        return len(self.pair_cand)

    @property
    def n_classes(self) -> int:
        return len(self.class_company)


def compile_instance(instance: Instance) -> Compiled:
    """Build the integer model; deterministic (everything sorted or in input order)."""
    companies = sorted({s.company for s in instance.slots} | _requested(instance))
    comp_index = {c: i for i, c in enumerate(companies)}
    n_slots = len(instance.slots)
    slot_start = np.fromiter((int(s.start.timestamp()) for s in instance.slots), np.int64, n_slots)
    slot_end = np.fromiter((int(s.end.timestamp()) for s in instance.slots), np.int64, n_slots)
    slot_company = np.fromiter((comp_index[s.company] for s in instance.slots), np.int64, n_slots)

    key_to_class: dict[tuple[int, int, int], int] = {}
    order = sorted(
        range(n_slots),
        key=lambda j: (slot_company[j], slot_start[j], slot_end[j], instance.slots[j].id),
    )
    class_slots: list[list[int]] = []
    class_key: list[tuple[int, int, int]] = []
    slot_class = np.empty(n_slots, np.int64)
    for j in order:
        key = (int(slot_company[j]), int(slot_start[j]), int(slot_end[j]))
        q = key_to_class.get(key)
        if q is None:
            q = len(class_slots)
            key_to_class[key] = q
            class_slots.append([])
            class_key.append(key)
        class_slots[q].append(j)
        slot_class[j] = q
    n_classes = len(class_slots)
    class_company = np.array([k[0] for k in class_key], np.int64).reshape(n_classes)
    class_start = np.array([k[1] for k in class_key], np.int64).reshape(n_classes)
    class_end = np.array([k[2] for k in class_key], np.int64).reshape(n_classes)
    company_classes: list[list[int]] = [[] for _ in companies]
    for q in range(n_classes):  # classes were created in (company, start) order
        company_classes[class_company[q]].append(q)
    company_class_arr = [np.array(qs, np.int64) for qs in company_classes]

    pair_cand: list[int] = []
    pair_company: list[int] = []
    pair_weight: list[float] = []
    pair_classes: list[np.ndarray] = []
    cand_pairs: list[list[int]] = []
    for i, cand in enumerate(instance.candidates):
        mine: list[int] = []
        busy = [(int(b.start.timestamp()), int(b.end.timestamp())) for b in cand.busy]
        if cand.max_meetings > 0:
            for req in cand.requests:
                k = comp_index[req.company]
                qs = company_class_arr[k]
                if busy and len(qs):
                    ok = np.ones(len(qs), bool)
                    cs, ce = class_start[qs], class_end[qs]
                    for b_start, b_end in busy:
                        ok &= ~((cs < b_end) & (b_start < ce))
                    qs = qs[ok]
                mine.append(len(pair_cand))
                pair_cand.append(i)
                pair_company.append(k)
                pair_weight.append(req.weight)
                pair_classes.append(qs)
        cand_pairs.append(mine)

    return Compiled(
        instance=instance,
        n_cand=len(instance.candidates),
        companies=companies,
        slot_start=slot_start,
        slot_end=slot_end,
        slot_company=slot_company,
        class_company=class_company,
        class_start=class_start,
        class_end=class_end,
        class_slots=class_slots,
        slot_class=slot_class,
        company_classes=company_classes,
        max_meetings=np.array([c.max_meetings for c in instance.candidates], np.int64),
        pair_cand=np.array(pair_cand, np.int64),
        pair_company=np.array(pair_company, np.int64),
        pair_weight=np.array(pair_weight, float),
        pair_classes=pair_classes,
        cand_pairs=cand_pairs,
    )


def _requested(instance: Instance) -> set[str]:
    return {r.company for c in instance.candidates for r in c.requests}
