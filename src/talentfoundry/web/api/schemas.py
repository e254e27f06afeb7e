"""What the API returns. Instants are UTC (ISO 8601 with 'Z' offset) plus, where an event gives a
time zone, the same instant in that zone (``*_local``) so clients need not convert."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from talentfoundry.domain.timeutil import in_zone

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PageOut(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    user_id: int
    role: str


class UserOut(Out):
    id: int
    email: str
    full_name: str
    role: str
    organisation_id: int | None
    timezone: str


class EventOut(Out):
    id: int
    slug: str
    kind: str
    name: str
    description: str
    themes: list[str]
    timezone: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    starts_at_local: datetime | None = None
    ends_at_local: datetime | None = None
    onsite: bool
    online: bool
    status: str

    @classmethod
    def of(cls, event: object) -> EventOut:
        out = cls.model_validate(event)
        out.starts_at_local = in_zone(out.starts_at, out.timezone)
        out.ends_at_local = in_zone(out.ends_at, out.timezone)
        return out


class OrganisationOut(Out):
    id: int
    slug: str
    kind: str
    name: str
    sector: str | None
    size: str | None
    website: str | None
    country: str | None
    city: str | None
    description: str


class BoothOut(Out):
    id: int
    event_id: int
    organisation_id: int
    organisation_name: str
    location_code: str | None
    online_room_url: str | None

    @classmethod
    def of(cls, booth: object) -> BoothOut:
        return cls(
            id=booth.id,  # type: ignore[attr-defined]
            event_id=booth.event_id,  # type: ignore[attr-defined]
            organisation_id=booth.organisation_id,  # type: ignore[attr-defined]
            organisation_name=booth.organisation.name,  # type: ignore[attr-defined]
            location_code=booth.location_code,  # type: ignore[attr-defined]
            online_room_url=booth.online_room_url,  # type: ignore[attr-defined]
        )


class RoleOut(Out):
    id: int
    organisation_id: int
    organisation_name: str
    event_ids: list[int]
    title: str
    description: str
    required_skills: list[str]
    nice_skills: list[str]
    seniority: str
    location: str
    work_mode: str
    visa_sponsorship: bool
    openings: int
    status: str

    @classmethod
    def of(cls, role: object) -> RoleOut:
        data = {k: getattr(role, k) for k in cls.model_fields if hasattr(role, k)}
        data["organisation_name"] = role.organisation.name  # type: ignore[attr-defined]
        data["event_ids"] = [e.id for e in role.events]  # type: ignore[attr-defined]
        return cls(**data)


class ProfileOut(Out):
    user_id: int
    full_name: str
    headline: str
    institution: str
    programme: str
    graduation_year: int | None
    experience_years: float | None
    experience: str
    skills: list[str]
    sectors_wanted: list[str]
    locations_wanted: list[str]
    work_authorisation: str | None
    overseas: bool
    university_id: int | None
    consent_contact: bool
    has_cv: bool
    timezone: str

    @classmethod
    def of(cls, user: object) -> ProfileOut:
        profile = user.profile  # type: ignore[attr-defined]
        data = {k: getattr(profile, k) for k in cls.model_fields if hasattr(profile, k)}
        data.update(
            user_id=user.id,  # type: ignore[attr-defined]
            full_name=user.full_name,  # type: ignore[attr-defined]
            has_cv=profile.cv is not None,
            timezone=user.timezone,  # type: ignore[attr-defined]
        )
        return cls(**data)


class CvOut(BaseModel):
    candidate_id: int
    filename: str
    media_type: str
    size_bytes: int
    uploaded_at: datetime
    text: str


class AttendeeOut(Out):
    event_id: int
    user_id: int
    badge_code: str
    consent_share_cv: bool
    registered_at: datetime


class AttendeeRowOut(BaseModel):
    user_id: int
    full_name: str
    email: str
    role: str
    badge_code: str
    consent_share_cv: bool
    registered_at: datetime

    @classmethod
    def of(cls, attendee: object) -> AttendeeRowOut:
        user = attendee.user  # type: ignore[attr-defined]
        return cls(
            user_id=user.id,
            full_name=user.full_name,
            email=user.email,
            role=user.role,
            badge_code=attendee.badge_code,  # type: ignore[attr-defined]
            consent_share_cv=attendee.consent_share_cv,  # type: ignore[attr-defined]
            registered_at=attendee.registered_at,  # type: ignore[attr-defined]
        )


class SessionOut(Out):
    id: int
    event_id: int
    kind: str
    title: str
    description: str
    speaker: str
    starts_at: datetime
    ends_at: datetime
    mode: str
    location: str | None
    online_url: str | None
    capacity: int | None
    confirmed: int | None = None
    starts_at_local: datetime | None = None
    ends_at_local: datetime | None = None

    @classmethod
    def of(cls, session: object, confirmed: int | None = None) -> SessionOut:
        out = cls.model_validate(session)
        zone = session.event.timezone  # type: ignore[attr-defined]
        out.starts_at_local, out.ends_at_local = (
            in_zone(out.starts_at, zone),
            in_zone(out.ends_at, zone),
        )
        out.confirmed = confirmed
        return out


class RegistrationOut(BaseModel):
    session_id: int
    status: str
    waitlist_position: int | None
    promoted_user_id: int | None = None
    blocked_by: list[str] = Field(
        default=[],
        description="What of yours overlaps this session while you wait (a free seat skips you "
        "until you move or cancel it).",
    )
    seat_free: bool = False
    message: str = ""


class BlockedOut(BaseModel):
    """A person waiting for a session who is skipped for free seats because of a clash."""

    user_id: int
    full_name: str
    waitlist_position: int
    blocked_by: list[str]


class MoveIn(BaseModel):
    slot_id: int = Field(ge=1, le=2**31 - 1)


class SlotOut(Out):
    id: int
    event_id: int
    organisation_id: int
    organisation_name: str
    recruiter_id: int | None
    starts_at: datetime
    ends_at: datetime
    mode: str
    booked: bool
    place: str | None = Field(description="booth location on site, or the video room's URL")
    starts_at_local: datetime
    ends_at_local: datetime

    @classmethod
    def of(cls, slot: object) -> SlotOut:
        zone = slot.event.timezone  # type: ignore[attr-defined]
        return cls(
            place=slot.place,  # type: ignore[attr-defined]
            starts_at_local=in_zone(slot.starts_at, zone),  # type: ignore[attr-defined]
            ends_at_local=in_zone(slot.ends_at, zone),  # type: ignore[attr-defined]
            id=slot.id,  # type: ignore[attr-defined]
            event_id=slot.event_id,  # type: ignore[attr-defined]
            organisation_id=slot.organisation_id,  # type: ignore[attr-defined]
            organisation_name=slot.organisation.name,  # type: ignore[attr-defined]
            recruiter_id=slot.recruiter_id,  # type: ignore[attr-defined]
            starts_at=slot.starts_at,  # type: ignore[attr-defined]
            ends_at=slot.ends_at,  # type: ignore[attr-defined]
            mode=slot.mode,  # type: ignore[attr-defined]
            booked=slot.booking is not None,  # type: ignore[attr-defined]
        )


class BookingOut(BaseModel):
    id: int
    slot: SlotOut
    candidate_id: int
    job_role_id: int | None
    no_show_at: datetime | None = None  # the company marked the candidate as not there

    @classmethod
    def of(cls, booking: object) -> BookingOut:
        return cls(
            id=booking.id,  # type: ignore[attr-defined]
            slot=SlotOut.of(booking.slot),  # type: ignore[attr-defined]
            candidate_id=booking.candidate_id,  # type: ignore[attr-defined]
            job_role_id=booking.job_role_id,  # type: ignore[attr-defined]
            no_show_at=booking.no_show_at,  # type: ignore[attr-defined]
        )


class ApplicationOut(Out):
    id: int
    job_role_id: int
    role_title: str | None = None
    organisation_name: str | None = None
    candidate_id: int
    candidate_name: str | None = None
    status: str
    rating: int | None
    note: str
    created_at: datetime


class CheckInOut(BaseModel):
    user_id: int
    full_name: str
    channel: str
    at: datetime
    already_checked_in: bool


class AuditOut(Out):
    at: datetime
    actor_id: int | None
    actor_name: str | None = None
    organisation_name: str | None = None
    action: str
