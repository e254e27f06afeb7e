"""Demo fair generator: a deterministic, realistic science-park career day as plain records.

Use :func:`generate_demo_fair`; the lead's loader turns the records into database rows.
"""

from talentfoundry.demo.generator import (
    DEMO_LOGINS,
    MAIN_EVENT_KEY,
    generate_demo_fair,
    mentioned_skills,
)
from talentfoundry.demo.records import (
    BoothRecord,
    CandidateRecord,
    DemoFair,
    EventRecord,
    OrganisationRecord,
    RoleRecord,
    SessionRecord,
    SlotRecord,
    UserRecord,
)

__all__ = [
    "DEMO_LOGINS",
    "MAIN_EVENT_KEY",
    "BoothRecord",
    "CandidateRecord",
    "DemoFair",
    "EventRecord",
    "OrganisationRecord",
    "RoleRecord",
    "SessionRecord",
    "SlotRecord",
    "UserRecord",
    "generate_demo_fair",
    "mentioned_skills",
]
