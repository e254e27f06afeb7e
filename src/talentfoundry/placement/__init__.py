"""Placement engine: stable matching with capacities (hospitals/residents). Pure: no web, no store.

Students rank programmes, programmes rank applicants and have capacities; the engine returns the
student-optimal stable placement (default) or the programme-optimal one. A pair is acceptable only
if each side lists the other. A programme may rank students equally (a list inside its ``prefs``);
ties are broken by a seeded single lottery, see :mod:`talentfoundry.placement.ties`.

Typical use::

    instance = parse_instance(json_document)      # InputError naming the offending id if invalid
    placement = solve(instance)                   # or solve(instance, "programme")
    reports = explain_unplaced(instance, placement)
    document = to_document(instance, placement, reports)

An :class:`Instance` built in code (from the database, say) must pass :func:`validate_instance`
before :func:`solve`; :func:`parse_instance` does that itself.

>>> doc = {"schema": "talentfoundry.placement/v1",
...        "students": [{"id": "ana", "prefs": ["acme"]}, {"id": "ben", "prefs": ["acme"]}],
...        "programmes": [{"id": "acme", "capacity": 1, "prefs": ["ben", "ana"]}]}
>>> result = solve(parse_instance(doc))
>>> result.matching, result.unmatched
({'acme': ['ben']}, ['ana'])
"""

from talentfoundry.placement.deferred_acceptance import Placement, solve
from talentfoundry.placement.document import placement_stats, to_document
from talentfoundry.placement.explain import ProgrammeReason, UnplacedReport, explain_unplaced
from talentfoundry.placement.instance import (
    SCHEMA,
    Instance,
    Optimal,
    Programme,
    Student,
    parse_instance,
    validate_instance,
)
from talentfoundry.placement.ties import lottery, strict_order

__all__ = [
    "SCHEMA",
    "Instance",
    "Optimal",
    "Placement",
    "Programme",
    "ProgrammeReason",
    "Student",
    "UnplacedReport",
    "explain_unplaced",
    "lottery",
    "parse_instance",
    "placement_stats",
    "solve",
    "strict_order",
    "to_document",
    "validate_instance",
]
