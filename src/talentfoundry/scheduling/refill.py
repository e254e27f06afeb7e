"""Late changes: who gets a slot freed by a cancellation, without moving anyone else.

After an allocation is published, people have planned around their meetings, so a cancellation
must not reshuffle confirmed agendas: the freed slot goes to the single best waiting request that
fits as is. "Best" follows the event's objective: under ``coverage_then_weight`` a candidate with
no meeting yet comes first, then the higher weight, then the earlier sign-up (input order).

>>> from talentfoundry.scheduling.instance import parse_instance
>>> inst = parse_instance({"schema": "talentfoundry.schedule/v1",
...     "slots": [{"id": "s1", "company": "acme", "start": "2027-03-18T09:00:00Z",
...                "end": "2027-03-18T09:20:00Z"}],
...     "candidates": [
...         {"id": "ana", "max_meetings": 1, "requests": [{"company": "acme", "weight": 1}]},
...         {"id": "ben", "max_meetings": 1, "requests": [{"company": "acme", "weight": 3}]}]})
>>> best_request_for_slot(inst, [], "s1")
'ben'
"""

from __future__ import annotations

from talentfoundry.domain.errors import InputError
from talentfoundry.scheduling.instance import Instance

__all__ = ["best_request_for_slot"]


def best_request_for_slot(
    instance: Instance, assignments: list[tuple[str, str]], slot_id: str
) -> str | None:
    """The candidate who should get ``slot_id`` now, or ``None`` if no waiting request fits.

    ``assignments`` are the current (candidate, slot) meetings, without the cancelled one.
    """
    slots = {s.id: s for s in instance.slots}
    if slot_id not in slots:
        raise InputError(f"unknown slot {slot_id!r}", field="slot")
    slot = slots[slot_id]
    if any(s == slot_id for _, s in assignments):
        raise InputError(f"slot {slot_id!r} is not free", field="slot")
    held: dict[str, list[str]] = {}
    for cid, sid in assignments:
        held.setdefault(cid, []).append(sid)
    coverage_first = instance.policy.objective == "coverage_then_weight"
    best: tuple[int, float, int] | None = None
    best_id: str | None = None
    for order, cand in enumerate(instance.candidates):
        request = next((r for r in cand.requests if r.company == slot.company), None)
        if request is None:
            continue
        mine = [slots[s] for s in held.get(cand.id, [])]
        if len(mine) >= cand.max_meetings or any(m.company == slot.company for m in mine):
            continue
        if any(b.start < slot.end and slot.start < b.end for b in cand.busy):
            continue
        if any(m.start < slot.end and slot.start < m.end for m in mine):
            continue
        key = (int(coverage_first and not mine), request.weight, -order)
        if best is None or key > best:
            best, best_id = key, cand.id
    return best_id
