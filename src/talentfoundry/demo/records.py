"""Plain records of a generated demo fair, ready for the lead's loader to put in the database.

WHY plain frozen dataclasses: the generator is a pure engine (no store, no services); records are
immutable so a fair can be shared between tests and the loader without defensive copies, and
``slots=True`` keeps 10,000+ objects small. Every datetime is timezone-aware UTC; the event's own
IANA zone is kept beside it for display. Cross-references use string keys (``org_key``,
``event_key``, ``recruiter_key``) that the loader maps to database ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "BoothRecord",
    "CandidateRecord",
    "DemoFair",
    "EventRecord",
    "OrganisationRecord",
    "RoleRecord",
    "SessionRecord",
    "SlotRecord",
    "UserRecord",
]


@dataclass(frozen=True, slots=True)
class EventRecord:
    key: str
    kind: str  # "career_day" | "themed_drive" | "overseas_mission"
    name: str
    themes: tuple[str, ...]  # from STANDARD_THEMES plus free-form ones such as "robotics"
    timezone: str  # IANA zone the event is shown in
    venue: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    onsite: bool
    online: bool
    status: str  # "draft" | "open" | "live" | "closed"
    description: str


@dataclass(frozen=True, slots=True)
class OrganisationRecord:
    key: str  # slug, also used in website and e-mail domains
    kind: str  # "company" | "university"
    name: str
    sector: str  # a theme, a free-form sector ("robotics"), or "education" for universities
    size: str  # "1-10" | "11-50" | "51-250" | "251-1000" | "1000+"
    website: str  # https://<slug>.example
    country: str
    city: str
    description: str


@dataclass(frozen=True, slots=True)
class BoothRecord:
    event_key: str
    org_key: str
    location_code: str | None  # e.g. "Hall A-12"; None for an online-only booth
    online_room_url: str | None  # "https://rooms.example/<event>/<org>"; None for onsite-only


@dataclass(frozen=True, slots=True)
class UserRecord:
    key: str
    email: str
    full_name: str
    role: str  # "candidate" | "recruiter" | "university_staff" | "organiser" | "admin"
    org_key: str | None  # set for recruiters and university staff
    timezone: str


@dataclass(frozen=True, slots=True)
class RoleRecord:
    key: str
    org_key: str
    event_keys: tuple[str, ...]
    title: str
    description: str
    required_skills: tuple[str, ...]
    nice_skills: tuple[str, ...]
    seniority: str  # "internship" | "graduate" | "junior" | "mid" | "senior" | "lead"
    location: str  # "City, Country"
    work_mode: str  # "onsite" | "hybrid" | "remote"
    visa_sponsorship: bool
    openings: int
    status: str  # "open" | "closed"


@dataclass(frozen=True, slots=True)
class CandidateRecord:
    key: str  # the candidate's user key
    full_name: str
    email: str
    headline: str
    institution: str
    programme: str
    graduation_year: int
    experience_years: float
    skills: tuple[str, ...]  # declared skills; every one appears in ``cv_text``
    sectors_wanted: tuple[str, ...]
    locations_wanted: tuple[str, ...]  # "City, Country" or "Remote"
    work_authorisation: str  # "citizen" | "settled" | "student_visa" | "work_visa" | ...
    overseas: bool
    timezone: str
    cv_text: str
    consent_share_cv: bool
    consent_contact: bool
    university_key: str | None  # set when ``institution`` is one of the demo universities


@dataclass(frozen=True, slots=True)
class SessionRecord:
    key: str
    event_key: str
    kind: str  # "workshop" | "talk" | "panel"
    title: str
    speaker: str
    description: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    mode: str  # "onsite" | "online"
    location: str | None  # room, for onsite sessions
    online_url: str | None  # for online sessions
    capacity: int | None  # None: unlimited (online talks)


@dataclass(frozen=True, slots=True)
class SlotRecord:
    key: str
    event_key: str
    org_key: str
    recruiter_key: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    mode: str  # "onsite" | "online"


@dataclass(frozen=True, slots=True)
class DemoFair:
    """A whole generated fair. ``event`` is the main career day; ``other_events`` the rest."""

    event: EventRecord
    other_events: tuple[EventRecord, ...]
    organisations: tuple[OrganisationRecord, ...]
    booths: tuple[BoothRecord, ...]
    users: tuple[UserRecord, ...]
    roles: tuple[RoleRecord, ...]
    candidates: tuple[CandidateRecord, ...]
    sessions: tuple[SessionRecord, ...]
    slots: tuple[SlotRecord, ...]

    @property
    def events(self) -> tuple[EventRecord, ...]:
        """The main event first, then the others."""
        return (self.event, *self.other_events)
