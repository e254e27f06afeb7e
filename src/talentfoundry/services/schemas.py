"""Validated inputs of the use cases, shared by the JSON API, the importers and the demo loader.

Pydantic does the field-level checks (types, ranges, vocabularies) so every entry point names the
same field in the same words when something is wrong.
"""

from __future__ import annotations

from datetime import UTC
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    TypeAdapter,
    model_validator,
)

from talentfoundry.domain.enums import (
    ApplicationStatus,
    CheckInChannel,
    EventKind,
    EventStatus,
    Mode,
    OrgKind,
    RoleStatus,
    Seniority,
    SessionKind,
    UserRole,
    WorkAuthorisation,
    WorkMode,
)
from talentfoundry.domain.timeutil import validate_timezone


def _tz(value: str) -> str:
    try:
        return validate_timezone(value)
    except Exception as exc:  # re-raised as a pydantic error naming the field
        raise ValueError(str(getattr(exc, "message", exc))) from exc


def _clean_list(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        item = value.strip()
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return list(seen.values())


TimeZone = Annotated[str, AfterValidator(_tz)]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(lambda v: v.astimezone(UTC))]
"""An instant given with any UTC offset, kept in UTC (the store's convention)."""
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
Name = Annotated[str, Field(min_length=1, max_length=200)]
SkillList = Annotated[list[Annotated[str, Field(max_length=100)]], AfterValidator(_clean_list)]
_HTTP_URL = TypeAdapter(HttpUrl)


def _url(value: str) -> str:
    return str(_HTTP_URL.validate_python(value))


Url = Annotated[str, Field(max_length=300), AfterValidator(_url)]
"""An http(s) URL, kept as a normalised string."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Interval(Strict):
    starts_at: UtcDatetime
    ends_at: UtcDatetime

    @model_validator(mode="after")
    def _ordered(self) -> _Interval:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class EventIn(_Interval):
    slug: Slug
    kind: EventKind
    name: Name
    description: str = ""
    themes: SkillList = Field(default_factory=list)
    timezone: TimeZone
    venue: str = ""
    onsite: bool = True
    online: bool = False
    status: EventStatus = EventStatus.DRAFT

    @model_validator(mode="after")
    def _some_mode(self) -> EventIn:
        if not (self.onsite or self.online):
            raise ValueError("an event is on-site, online or both (hybrid)")
        return self


class EventPatch(Strict):
    name: Name | None = None
    description: str | None = None
    themes: SkillList | None = None
    timezone: TimeZone | None = None
    venue: str | None = None
    starts_at: UtcDatetime | None = None
    ends_at: UtcDatetime | None = None
    onsite: bool | None = None
    online: bool | None = None
    status: EventStatus | None = None


class OrganisationIn(Strict):
    slug: Slug
    kind: OrgKind
    name: Name
    sector: str | None = Field(default=None, max_length=64)
    size: str | None = Field(default=None, pattern=r"^(1-10|11-50|51-250|251-1000|1000\+)$")
    website: Url | None = None
    country: str | None = Field(default=None, max_length=80)
    city: str | None = Field(default=None, max_length=80)
    description: str = ""


class OrganisationPatch(Strict):
    name: Name | None = None
    sector: str | None = Field(default=None, max_length=64)
    size: str | None = Field(default=None, pattern=r"^(1-10|11-50|51-250|251-1000|1000\+)$")
    website: Url | None = None
    country: str | None = None
    city: str | None = None
    description: str | None = None


class BoothIn(Strict):
    organisation_id: int
    location_code: str | None = Field(default=None, max_length=40)
    online_room_url: Url | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> BoothIn:
        if not (self.location_code or self.online_room_url):
            raise ValueError("a booth needs an on-site location code, an online room URL, or both")
        return self


class RoleIn(Strict):
    organisation_id: int
    event_ids: list[int] = Field(default_factory=list)
    title: Name
    description: str = Field(default="", max_length=20_000)
    required_skills: SkillList = Field(default_factory=list)
    nice_skills: SkillList = Field(default_factory=list)
    seniority: Seniority
    location: str = Field(default="", max_length=120)
    work_mode: WorkMode
    visa_sponsorship: bool = False
    openings: int = Field(default=1, ge=1, le=10_000)
    status: RoleStatus = RoleStatus.OPEN


class RolePatch(Strict):
    event_ids: list[int] | None = None
    title: Name | None = None
    description: str | None = Field(default=None, max_length=20_000)
    required_skills: SkillList | None = None
    nice_skills: SkillList | None = None
    seniority: Seniority | None = None
    location: str | None = None
    work_mode: WorkMode | None = None
    visa_sponsorship: bool | None = None
    openings: int | None = Field(default=None, ge=1, le=10_000)
    status: RoleStatus | None = None


class ProfileIn(Strict):
    """What a candidate can say about themself. Every field optional: profiles grow over time."""

    headline: str | None = Field(default=None, max_length=200)
    institution: str | None = Field(default=None, max_length=200)
    programme: str | None = Field(default=None, max_length=200)
    graduation_year: int | None = Field(default=None, ge=1950, le=2100)
    experience_years: float | None = Field(default=None, ge=0, le=70)
    experience: str | None = Field(default=None, max_length=20_000)
    skills: SkillList | None = None
    sectors_wanted: SkillList | None = None
    locations_wanted: SkillList | None = None
    work_authorisation: WorkAuthorisation | None = None
    overseas: bool | None = None
    university_id: int | None = None
    consent_contact: bool | None = None


class RegisterIn(Strict):
    email: EmailStr
    password: str = Field(min_length=1, max_length=200)
    full_name: Name
    timezone: TimeZone = "UTC"


class UserIn(RegisterIn):
    role: UserRole
    organisation_id: int | None = None


class SessionIn(_Interval):
    kind: SessionKind
    title: Name
    description: str = ""
    speaker: str = Field(default="", max_length=200)
    mode: Mode
    location: str | None = Field(default=None, max_length=120)
    online_url: Url | None = None
    capacity: int | None = Field(default=None, ge=1)


class SessionPatch(Strict):
    title: Name | None = None
    description: str | None = None
    speaker: str | None = Field(default=None, max_length=200)
    starts_at: UtcDatetime | None = None
    ends_at: UtcDatetime | None = None
    location: str | None = Field(default=None, max_length=120)
    online_url: Url | None = None
    capacity: int | None = Field(default=None, ge=1)


class SlotIn(_Interval):
    organisation_id: int
    recruiter_id: int | None = None
    mode: Mode


class AttendIn(Strict):
    consent_share_cv: bool = False


class BookingIn(Strict):
    slot_id: int
    job_role_id: int | None = None


class RatingIn(Strict):
    rating: int | None = Field(default=None, ge=1, le=5)
    note: str | None = Field(default=None, max_length=5_000)
    status: ApplicationStatus | None = None


class CheckInIn(Strict):
    badge_code: str = Field(min_length=4, max_length=32)
    channel: CheckInChannel = CheckInChannel.ONSITE
    location: str = Field(default="", max_length=120)
