"""Scheduling engine: interview-slot allocation and workshop seats. Pure: no web, no store.

``parse_instance`` validates a ``talentfoundry.schedule/v1`` document, ``allocate`` returns the
optimal allocation (flow + repair, exact MIP on small gaps), ``first_come_first_served`` the
baseline, ``lp_bounds`` the LP upper bound, ``violations`` checks any allocation against the hard
constraints, ``best_request_for_slot`` refills a cancelled meeting's slot without moving anyone,
and :mod:`talentfoundry.scheduling.seats` handles workshop and talk seats.
"""

from talentfoundry.scheduling.allocator import allocate
from talentfoundry.scheduling.baseline import first_come_first_served
from talentfoundry.scheduling.bound import lp_bounds
from talentfoundry.scheduling.instance import Instance, parse_instance
from talentfoundry.scheduling.refill import best_request_for_slot
from talentfoundry.scheduling.result import Allocation, summarise, violations

__all__ = [
    "Allocation",
    "Instance",
    "allocate",
    "best_request_for_slot",
    "first_come_first_served",
    "lp_bounds",
    "parse_instance",
    "summarise",
    "violations",
]
