"""Closed vocabularies of the domain, as ``StrEnum`` so they serialise as their plain values."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    CAREER_DAY = "career_day"
    THEMED_DRIVE = "themed_drive"
    OVERSEAS_MISSION = "overseas_mission"


class EventStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    LIVE = "live"
    CLOSED = "closed"


STANDARD_THEMES = ("ai", "microelectronics", "life_health_tech", "fintech")
"""Sector themes the platform knows; events may add free-form ones."""


class OrgKind(StrEnum):
    COMPANY = "company"
    UNIVERSITY = "university"


class UserRole(StrEnum):
    CANDIDATE = "candidate"
    RECRUITER = "recruiter"
    UNIVERSITY_STAFF = "university_staff"
    ORGANISER = "organiser"
    ADMIN = "admin"


class Seniority(StrEnum):
    INTERNSHIP = "internship"
    GRADUATE = "graduate"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"


class WorkMode(StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class RoleStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class WorkAuthorisation(StrEnum):
    CITIZEN = "citizen"
    SETTLED = "settled"
    STUDENT_VISA = "student_visa"
    WORK_VISA = "work_visa"
    NEEDS_SPONSORSHIP = "needs_sponsorship"


class SessionKind(StrEnum):
    WORKSHOP = "workshop"
    TALK = "talk"
    PANEL = "panel"


class Mode(StrEnum):
    """Where a meeting or session happens: at the venue or online."""

    ONSITE = "onsite"
    ONLINE = "online"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class ApplicationStatus(StrEnum):
    APPLIED = "applied"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    OFFER = "offer"
    REJECTED = "rejected"


class CheckInChannel(StrEnum):
    ONSITE = "onsite"
    ONLINE = "online"
