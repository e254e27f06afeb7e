"""Database models (SQLAlchemy 2, typed).

Times are :class:`UTCDateTime` (UTC in, aware UTC out). Vocabularies are plain strings validated at
the boundary (API schemas, importers) against :mod:`talentfoundry.domain.enums`; keeping them as
strings lets a new value ship without a migration. Scarce things are guarded by the database
itself: a slot has at most one booking because ``bookings.slot_id`` is unique, so two people
booking the last slot at once cannot both succeed, whatever the web tier does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from talentfoundry.domain.timeutil import utcnow
from talentfoundry.store.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


def _now() -> datetime:
    return utcnow()


event_organisers = Table(
    "event_organisers",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

role_events = Table(
    "role_events",
    Base.metadata,
    Column("job_role_id", ForeignKey("job_roles.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)


class Organisation(Base):
    """A company or a university."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[str | None] = mapped_column(String(16))
    website: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(80))
    city: Mapped[str | None] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=_now)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    email_verified_at: Mapped[datetime | None]  # when they followed the confirmation link

    organisation: Mapped[Organisation | None] = relationship()
    profile: Mapped[CandidateProfile | None] = relationship(
        back_populates="user", cascade="all, delete-orphan", uselist=False
    )


class ApiToken(Base):
    """A bearer token; only its SHA-256 is stored, so a database leak yields no usable token."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime]

    user: Mapped[User] = relationship()


class WebSession(Base):
    """A browser's login. The cookie holds a random id; only its SHA-256 is stored here, so a
    database leak opens no session, and deleting the row ends the session at once."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    id_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    user_agent: Mapped[str] = mapped_column(String(120), default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)

    user: Mapped[User] = relationship()


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[list[str]] = mapped_column(default=list)
    timezone: Mapped[str] = mapped_column(String(64))
    venue: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    onsite: Mapped[bool] = mapped_column(Boolean, default=True)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=_now)

    organisers: Mapped[list[User]] = relationship(secondary=event_organisers)


class Booth(Base):
    """Where a company meets people at an event: on-site location code, online room, or both."""

    __tablename__ = "booths"
    __table_args__ = (UniqueConstraint("event_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    location_code: Mapped[str | None] = mapped_column(String(40))
    online_room_url: Mapped[str | None] = mapped_column(String(300))

    event: Mapped[Event] = relationship()
    organisation: Mapped[Organisation] = relationship()


class JobRole(Base):
    __tablename__ = "job_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    required_skills: Mapped[list[str]] = mapped_column(default=list)
    nice_skills: Mapped[list[str]] = mapped_column(default=list)
    seniority: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(120), default="")
    work_mode: Mapped[str] = mapped_column(String(16))
    visa_sponsorship: Mapped[bool] = mapped_column(Boolean, default=False)
    openings: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    organisation: Mapped[Organisation] = relationship()
    events: Mapped[list[Event]] = relationship(secondary=role_events)


class CandidateProfile(Base):
    __tablename__ = "candidate_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    headline: Mapped[str] = mapped_column(String(200), default="")
    institution: Mapped[str] = mapped_column(String(200), default="")
    programme: Mapped[str] = mapped_column(String(200), default="")
    graduation_year: Mapped[int | None] = mapped_column(Integer)
    experience_years: Mapped[float | None] = mapped_column(Float)
    experience: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[str]] = mapped_column(default=list)
    sectors_wanted: Mapped[list[str]] = mapped_column(default=list)
    locations_wanted: Mapped[list[str]] = mapped_column(default=list)
    work_authorisation: Mapped[str | None] = mapped_column(String(32))
    overseas: Mapped[bool] = mapped_column(Boolean, default=False)
    university_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    user: Mapped[User] = relationship(back_populates="profile")
    cv: Mapped[CvDocument | None] = relationship(
        back_populates="profile", cascade="all, delete-orphan", uselist=False
    )


class CvDocument(Base):
    """The candidate's current CV: the original file as uploaded, and its extracted text."""

    __tablename__ = "cv_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_profiles.id", ondelete="CASCADE"), unique=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    text: Mapped[str] = mapped_column(Text)
    uploaded_at: Mapped[datetime] = mapped_column(default=_now)

    profile: Mapped[CandidateProfile] = relationship(back_populates="cv")


class Attendee(Base):
    """A person registered for an event: their badge code and their consent for that event."""

    __tablename__ = "attendees"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    badge_code: Mapped[str] = mapped_column(String(32), unique=True)
    consent_share_cv: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_at: Mapped[datetime] = mapped_column(default=_now)

    user: Mapped[User] = relationship()
    event: Mapped[Event] = relationship()


class EventSession(Base):
    """A workshop, talk or panel. ``capacity`` None means unlimited (typical of online talks)."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    speaker: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    mode: Mapped[str] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(String(120))
    online_url: Mapped[str | None] = mapped_column(String(300))
    capacity: Mapped[int | None] = mapped_column(Integer)

    event: Mapped[Event] = relationship()


class SessionRegistration(Base):
    __tablename__ = "session_registrations"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=_now)

    session: Mapped[EventSession] = relationship()


class InterviewSlot(Base):
    __tablename__ = "interview_slots"
    __table_args__ = (Index("ix_interview_slots_event_org", "event_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    recruiter_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    mode: Mapped[str] = mapped_column(String(16))

    organisation: Mapped[Organisation] = relationship()
    event: Mapped[Event] = relationship()
    recruiter: Mapped[User | None] = relationship()
    booking: Mapped[Booking | None] = relationship(back_populates="slot", uselist=False)
    booth: Mapped[Booth | None] = relationship(
        primaryjoin="and_(InterviewSlot.event_id == foreign(Booth.event_id), "
        "InterviewSlot.organisation_id == foreign(Booth.organisation_id))",
        viewonly=True,
        uselist=False,
    )
    """The company's booth at this event: where an on-site meeting happens, or its video room."""

    @property
    def place(self) -> str | None:
        """Where to go: the booth's location code on site, the online room's URL otherwise."""
        if self.booth is None:
            return None
        if self.mode == "online":
            return self.booth.online_room_url or self.booth.location_code
        return self.booth.location_code or self.booth.online_room_url


class Booking(Base):
    """A 1:1 interview. ``slot_id`` is unique: the database refuses a second booking of a slot."""

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("interview_slots.id", ondelete="CASCADE"), unique=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    job_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_roles.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    no_show_at: Mapped[datetime | None]  # the company marked the candidate as not there
    no_show_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    slot: Mapped[InterviewSlot] = relationship(back_populates="booking")
    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])


class Application(Base):
    """A candidate on a role's shortlist, with the employer's rating and note after meeting them."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("job_role_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_role_id: Mapped[int] = mapped_column(
        ForeignKey("job_roles.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="applied")
    rating: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    rated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    job_role: Mapped[JobRole] = relationship()
    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])


class CheckIn(Base):
    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(120), default="")
    checked_in_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    at: Mapped[datetime] = mapped_column(default=_now)


class AuditLog(Base):
    """Who read or exported whose personal data, and when. Kept when the subject is erased."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    subject_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class PlacementRound(Base):
    """A Talent Foundry placement round: students rank programmes, programmes rank applicants,
    the organiser runs the stable matching and publishes the result."""

    __tablename__ = "placement_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    """draft, open, closed, run, published: moved only by ``services.placement_rounds`` through
    the table in ``domain.round_states`` (an open round past its deadline counts as closed)."""
    optimal: Mapped[str] = mapped_column(String(16), default="student")
    deadline: Mapped[datetime]
    tie_seed: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    run_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=_now)

    event: Mapped[Event] = relationship()
    programmes: Mapped[list[PlacementProgramme]] = relationship(
        back_populates="round", order_by="PlacementProgramme.id"
    )


class PlacementProgramme(Base):
    """An internship, placement or graduate scheme offered in a round, with its places."""

    __tablename__ = "placement_programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("placement_rounds.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer)
    ranked: Mapped[bool] = mapped_column(Boolean, default=False)
    """False until the programme submits a ranking; until then its applicants count as tied."""

    round: Mapped[PlacementRound] = relationship(back_populates="programmes")
    organisation: Mapped[Organisation] = relationship()


class PlacementChoice(Base):
    """A student's ranked list: ``rank`` 1 is their first choice."""

    __tablename__ = "placement_choices"
    __table_args__ = (
        UniqueConstraint("round_id", "student_id", "programme_id"),
        UniqueConstraint("round_id", "student_id", "rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("placement_rounds.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("placement_programmes.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer)


class ProgrammeRanking(Base):
    """A programme's ranking of an applicant: ``rank`` 1 is best; equal ranks are a tie."""

    __tablename__ = "programme_rankings"
    __table_args__ = (UniqueConstraint("programme_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("placement_programmes.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)


class PlacementOutcome(Base):
    """A student's result in a round: a programme, or none with the reasons (JSON)."""

    __tablename__ = "placement_outcomes"
    __table_args__ = (UniqueConstraint("round_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("placement_rounds.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("placement_programmes.id", ondelete="CASCADE")
    )
    reasons: Mapped[list[str]] = mapped_column(default=list)

    programme: Mapped[PlacementProgramme | None] = relationship()
    student: Mapped[User] = relationship()


class MeetingRequest(Base):
    """A candidate asks to meet a company at an event; ``rank`` 1 is their first wish."""

    __tablename__ = "meeting_requests"
    __table_args__ = (UniqueConstraint("event_id", "candidate_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=_now)

    organisation: Mapped[Organisation] = relationship()


class AllocationRun(Base):
    """One run of the interview allocation: its proposal, its figures, whether it is published."""

    __tablename__ = "allocation_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="proposed")  # proposed, published
    objective: Mapped[str] = mapped_column(String(32))
    max_meetings: Mapped[int] = mapped_column(Integer)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    assignments: Mapped[list[str]] = mapped_column(default=list)  # "candidate_id:slot_id"
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    published_at: Mapped[datetime | None]


class DataVersion(Base):
    """A random token per table, replaced in the same transaction as every change to the table
    (``store/versions.py``): a cache keyed by the tokens of what it read is stale exactly when a
    token differs, in every process that shares the database."""

    __tablename__ = "data_versions"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
    changed_at: Mapped[datetime] = mapped_column(default=_now)


# Outgoing mail and one-time links, and the fair day's tables, live in their own modules; imported
# here so that every user of Base.metadata (Alembic, the tests' clean-up) sees their tables.
from talentfoundry.store import fair_day_models, mail_models  # noqa: E402, F401
