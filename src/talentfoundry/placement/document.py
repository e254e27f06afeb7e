"""The output document of a placement round (what ``foundry place --out`` writes).

``matching`` and ``unmatched`` are the contract of issue 5 and stay exactly as specified (every
programme id is a key, even with no students; students in the programme's preference order).
``reasons`` and ``stats`` are additions that readers of the contract may ignore: the reasons are
what an unplaced student is shown, the stats what an organiser checks before publishing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from talentfoundry.placement.deferred_acceptance import Placement
from talentfoundry.placement.explain import UnplacedReport
from talentfoundry.placement.instance import Instance

__all__ = ["placement_stats", "to_document"]


def placement_stats(instance: Instance, placement: Placement) -> dict[str, Any]:
    """Counts an organiser looks at: fill, and how far down their lists students were placed."""
    prefs = {s.id: s.prefs for s in instance.students}
    choice = Counter(prefs[sid].index(pid) + 1 for sid, pid in placement.assignment.items())
    places = sum(p.capacity for p in instance.programmes)
    return {
        "students": len(instance.students),
        "programmes": len(instance.programmes),
        "places": places,
        "placed": len(placement.assignment),
        "unplaced": len(placement.unmatched),
        "places_left": places - len(placement.assignment),
        "placed_by_choice": {str(k): choice[k] for k in sorted(choice)},
    }


def to_document(
    instance: Instance, placement: Placement, reports: dict[str, UnplacedReport] | None = None
) -> dict[str, Any]:
    """The JSON-ready result: ``matching``, ``unmatched``, ``optimal``, ``stats`` and, when
    ``reports`` is given, ``reasons`` (student id -> one entry per programme they listed)."""
    document: dict[str, Any] = {
        "matching": placement.matching,
        "unmatched": placement.unmatched,
        "optimal": placement.optimal,
        "tie_seed": instance.tie_seed,
        "stats": placement_stats(instance, placement),
    }
    if reports is not None:
        document["reasons"] = {
            sid: {
                "summary": report.summary,
                "programmes": [reason.to_json() for reason in report.reasons],
            }
            for sid, report in reports.items()
        }
    return document
