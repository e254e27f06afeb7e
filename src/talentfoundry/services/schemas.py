"""Validated inputs of the use cases, shared by the JSON API, the importers and the demo loader.

Pydantic does the field-level checks (types, ranges, vocabularies) so every entry point names the
same field in the same words when something is wrong.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar

import annotated_types
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    TypeAdapter,
    ValidationInfo,
    field_validator,
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


MAX_DB_INT = 2**31 - 1
"""The largest value the store's integer columns hold on every backend (PostgreSQL ``integer``
is 32-bit); a larger id or count can name nothing stored, and would fail in the driver."""
Id = Annotated[int, annotated_types.Ge(1), annotated_types.Le(MAX_DB_INT)]
"""A row id as a client sends it (body, path or query): ids start at 1 and fit the column."""
GraduationYear = Annotated[int, annotated_types.Ge(1950), annotated_types.Le(2100)]
DbInt = Annotated[int, annotated_types.Ge(-MAX_DB_INT - 1), annotated_types.Le(MAX_DB_INT)]
"""Any other whole number stored in an integer column (a seed, a rank)."""

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, tzinfo=UTC)


def _utc(value: datetime) -> datetime:
    """Convert to UTC, refusing instants far outside any fair: those are typos, and near the
    calendar's ends (year 1 or 9999) the conversion to UTC or to the event's time zone would
    overflow."""
    try:
        value = value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the date is out of range") from exc
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"the date must lie between {EARLIEST.year} and {LATEST.year}")
    return value


TimeZone = Annotated[str, AfterValidator(_tz)]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_utc)]
"""An instant given with any UTC offset, kept in UTC (the store's convention)."""
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
Name = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(max_length=20_000)]
"""A description or note: generous, but bounded so one request cannot store megabytes."""
SkillList = Annotated[list[Annotated[str, Field(max_length=100)]], AfterValidator(_clean_list)]
_HTTP_URL = TypeAdapter(HttpUrl)


def _url(value: str) -> str:
    return str(_HTTP_URL.validate_python(value))


Url = Annotated[str, Field(max_length=300), AfterValidator(_url)]
"""An http(s) URL, kept as a normalised string."""


def has_nul(value: Any) -> bool:
    """Whether a value, or any string inside it, holds a NUL character.

    PostgreSQL refuses NUL in text (SQLite stores it), so it is refused at the door on every
    backend rather than failing in the driver on one.

    >>> has_nul(["ok", "a" + chr(0)]), has_nul({"k": ["ok"]})
    (True, False)
    """
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(has_nul(v) for v in value)
    return False


def no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    return value


SearchText = Annotated[str, annotated_types.MaxLen(200), AfterValidator(no_nul)]
"""A free-text filter in a query string (a search box, a sector): short and NUL-free."""


class Strict(BaseModel):
    """Base of every input: unknown fields are errors, and no text may hold a NUL character."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if has_nul(value):
            raise ValueError("text may not contain NUL characters")
        return value


class _Patch(Strict):
    """A partial update: a field left out keeps its value. ``null`` is accepted only for the
    fields in ``clearable`` (those that may be empty), and clears them; for any other field it
    is an error at that field, rather than a failed write of NULL into a required column."""

    clearable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _null_only_where_clearable(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.clearable:
            raise ValueError("may not be null; leave the field out to keep its current value")
        return value


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
    description: LongText = ""
    themes: SkillList = Field(default_factory=list)
    timezone: TimeZone
    venue: str = Field(default="", max_length=200)
    onsite: bool = True
    online: bool = False
    status: EventStatus = EventStatus.DRAFT

    @model_validator(mode="after")
    def _some_mode(self) -> EventIn:
        if not (self.onsite or self.online):
            raise ValueError("an event is on-site, online or both (hybrid)")
        return self


class EventPatch(_Patch):
    name: Name | None = None
    description: LongText | None = None
    themes: SkillList | None = None
    timezone: TimeZone | None = None
    venue: str | None = Field(default=None, max_length=200)
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
    description: LongText = ""


class OrganisationPatch(_Patch):
    clearable = frozenset({"sector", "size", "website", "country", "city"})

    name: Name | None = None
    sector: str | None = Field(default=None, max_length=64)
    size: str | None = Field(default=None, pattern=r"^(1-10|11-50|51-250|251-1000|1000\+)$")
    website: Url | None = None
    country: str | None = Field(default=None, max_length=80)
    city: str | None = Field(default=None, max_length=80)
    description: LongText | None = None


class BoothIn(Strict):
    organisation_id: Id
    location_code: str | None = Field(default=None, max_length=40)
    online_room_url: Url | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> BoothIn:
        if not (self.location_code or self.online_room_url):
            raise ValueError("a booth needs an on-site location code, an online room URL, or both")
        return self


class RoleIn(Strict):
    organisation_id: Id
    event_ids: list[Id] = Field(default_factory=list, max_length=100)
    title: Name
    description: LongText = ""
    required_skills: SkillList = Field(default_factory=list)
    nice_skills: SkillList = Field(default_factory=list)
    seniority: Seniority
    location: str = Field(default="", max_length=120)
    work_mode: WorkMode
    visa_sponsorship: bool = False
    openings: int = Field(default=1, ge=1, le=10_000)
    status: RoleStatus = RoleStatus.OPEN


class RolePatch(_Patch):
    event_ids: list[Id] | None = Field(default=None, max_length=100)
    title: Name | None = None
    description: LongText | None = None
    required_skills: SkillList | None = None
    nice_skills: SkillList | None = None
    seniority: Seniority | None = None
    location: str | None = Field(default=None, max_length=120)
    work_mode: WorkMode | None = None
    visa_sponsorship: bool | None = None
    openings: int | None = Field(default=None, ge=1, le=10_000)
    status: RoleStatus | None = None


class ProfileIn(_Patch):
    """What a candidate can say about themself. Every field optional: profiles grow over time."""

    clearable = frozenset(
        {"graduation_year", "experience_years", "work_authorisation", "university_id"}
    )
    headline: str | None = Field(default=None, max_length=200)
    institution: str | None = Field(default=None, max_length=200)
    programme: str | None = Field(default=None, max_length=200)
    graduation_year: GraduationYear | None = None
    experience_years: float | None = Field(default=None, ge=0, le=70)
    experience: str | None = Field(default=None, max_length=20_000)
    skills: SkillList | None = None
    sectors_wanted: SkillList | None = None
    locations_wanted: SkillList | None = None
    work_authorisation: WorkAuthorisation | None = None
    overseas: bool | None = None
    university_id: Id | None = None
    consent_contact: bool | None = None


class RegisterIn(Strict):
    email: EmailStr
    password: str = Field(min_length=1, max_length=200)
    full_name: Name
    timezone: TimeZone = "UTC"


class UserIn(RegisterIn):
    role: UserRole
    organisation_id: Id | None = None


class SessionIn(_Interval):
    kind: SessionKind
    title: Name
    description: LongText = ""
    speaker: str = Field(default="", max_length=200)
    mode: Mode
    location: str | None = Field(default=None, max_length=120)
    online_url: Url | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)


class SessionPatch(_Patch):
    clearable = frozenset({"location", "online_url", "capacity"})

    title: Name | None = None
    description: LongText | None = None
    speaker: str | None = Field(default=None, max_length=200)
    starts_at: UtcDatetime | None = None
    ends_at: UtcDatetime | None = None
    location: str | None = Field(default=None, max_length=120)
    online_url: Url | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)


class SlotIn(_Interval):
    organisation_id: Id
    recruiter_id: Id | None = None
    mode: Mode


class AttendIn(Strict):
    consent_share_cv: bool = False


class BookingIn(Strict):
    slot_id: Id
    job_role_id: Id | None = None


class RatingIn(_Patch):
    clearable = frozenset({"rating"})

    rating: int | None = Field(default=None, ge=1, le=5)
    note: str | None = Field(default=None, max_length=5_000)
    status: ApplicationStatus | None = None


class CheckInIn(Strict):
    badge_code: str = Field(min_length=4, max_length=32)
    channel: CheckInChannel = CheckInChannel.ONSITE
    location: str = Field(default="", max_length=120)
