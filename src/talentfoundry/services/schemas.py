"""Validated inputs of the use cases, shared by the JSON API, the importers and the demo loader.

Pydantic does the field-level checks (types, ranges, vocabularies) so every entry point names the
same field in the same words when something is wrong. The words themselves are made in one place,
:mod:`talentfoundry.services.messages`, from each error's kind and the field's label: a schema
says how a person calls its fields in ``labels`` (a noun phrase that fits in a sentence: "your
full name", "the web address"), :data:`DEFAULT_LABELS` covers the fields that read the same
everywhere, and :data:`PATTERN_HINTS` says in words what each pattern allows. The rules about
several fields at once raise a ``PydanticCustomError`` whose ``ctx["field"]`` names the field a
person would fix, so pages and the API show the message there.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Literal

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
from pydantic_core import PydanticCustomError

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
from talentfoundry.domain.intervals import END_AFTER_START, end_after_start
from talentfoundry.domain.timeutil import validate_timezone


def _tz(value: str) -> str:
    try:
        return validate_timezone(value)
    except Exception as exc:  # re-raised as a pydantic error naming the field
        raise PydanticCustomError(
            "time_zone", "{value} is not a time zone", {"value": repr(value)}
        ) from exc


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
    span = {"earliest": EARLIEST.year, "latest": LATEST.year}
    try:
        value = value.astimezone(UTC)
    except OverflowError as exc:
        raise PydanticCustomError("date_range", "the date is out of range", span) from exc
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "date_range", "the date must lie between {earliest} and {latest}", span
        )
    return value


TimeZone = Annotated[str, AfterValidator(_tz)]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_utc)]
"""An instant given with any UTC offset, kept in UTC (the store's convention)."""
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
SIZE_PATTERN = r"^(1-10|11-50|51-250|251-1000|1000\+)$"
PATTERN_HINTS = {
    SLUG_PATTERN: "may use up to 80 lowercase letters, digits and dashes, starting with a letter "
    "or digit (e.g. ai-in-action-2027)",
    SIZE_PATTERN: "must be one of 1-10, 11-50, 51-250, 251-1000 or 1000+ (people)",
}
"""What each pattern allows, in words that follow the field's label."""
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]


def _one_line(value: str) -> str:
    """Refuse control characters (line breaks, tabs, NUL...) in a name or title: a person's name
    goes into the To: header of their e-mail, where a line break would start a new header (or
    make the mail library refuse the whole message), and no name needs one."""
    if any(unicodedata.category(ch) == "Cc" and ch != "\x00" for ch in value):  # NUL: own words
        raise PydanticCustomError("one_line", "Please write it on one line.")
    return value


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]
"""A name or title: one line of text, without control characters."""
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


def _nul_error() -> PydanticCustomError:
    return PydanticCustomError("nul_character", "text may not contain NUL characters")


def no_nul(value: str) -> str:
    if "\x00" in value:
        raise _nul_error()
    return value


SearchText = Annotated[str, annotated_types.MaxLen(200), AfterValidator(no_nul)]
"""A free-text filter in a query string (a search box, a sector): short and NUL-free."""


DEFAULT_LABELS: dict[str, str] = {
    "email": "the e-mail address",
    "password": "the password",
    "full_name": "the full name",
    "timezone": "the time zone",
    "starts_at": "the start",
    "ends_at": "the end",
    "deadline": "the deadline",
    "slug": "the web address",
    "kind": "the kind",
    "status": "the status",
    "themes": "the themes",
    "onsite": "whether it happens on site",
    "online": "whether it happens online",
    "location_code": "the booth's location code",
    "online_room_url": "the online room's address",
    "online_url": "the online room's address",
    "organisation_id": "the organisation",
    "organisation_ids": "the companies",
    "event_ids": "the events",
    "size": "the company size",
    "required_skills": "the required skills",
    "nice_skills": "the nice-to-have skills",
    "work_mode": "the work mode",
    "visa_sponsorship": "whether the role sponsors a visa",
    "overseas": "whether you would work overseas",
    "openings": "the number of openings",
    "graduation_year": "graduation year",
    "experience_years": "years of experience",
    "sectors_wanted": "the sectors wanted",
    "locations_wanted": "the places wanted",
    "work_authorisation": "the right to work",
    "university_id": "the university",
    "consent_contact": "whether you agree to be contacted",
    "consent_share_cv": "whether you share your CV",
    "capacity": "the number of seats",
    "recruiter_id": "the recruiter",
    "slot_id": "the interview slot",
    "job_role_id": "the role",
    "badge_code": "the badge code",
    "channel": "the check-in channel",
    "q": "the search text",
    "limit": "the number of results per page",
    "offset": "the offset",
}
"""How a person calls each field wherever a schema does not say otherwise; any other field is
called by its name in words ("event_id" is "the event", "venue" is "the venue")."""


class Strict(BaseModel):
    """Base of every input: unknown fields are errors, and no text may hold a NUL character.

    ``labels`` maps a field to how a person calls it here, overriding :data:`DEFAULT_LABELS`.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    labels: ClassVar[dict[str, str]] = {}

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if has_nul(value):
            raise _nul_error()
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
            raise PydanticCustomError(
                "not_clearable", "may not be null; leave the field out to keep its current value"
            )
        return value


class _Interval(Strict):
    starts_at: UtcDatetime
    ends_at: UtcDatetime

    @model_validator(mode="after")
    def _ordered(self) -> _Interval:
        if not end_after_start(self.starts_at, self.ends_at):
            raise PydanticCustomError("end_before_start", END_AFTER_START, {"field": "ends_at"})
        return self


ONSITE_OR_ONLINE = "Choose on site, online or both (hybrid)."
BOOTH_PLACE = "Give the booth an on-site location code, an online room address, or both."


class EventIn(_Interval):
    labels = {"name": "the event's name", "kind": "the kind of event"}

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
            raise PydanticCustomError("no_mode", ONSITE_OR_ONLINE, {"field": "onsite"})
        return self


class EventPatch(_Patch):
    labels = EventIn.labels

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
    labels = {"name": "the organisation's name", "kind": "the kind of organisation"}

    slug: Slug
    kind: OrgKind
    name: Name
    sector: str | None = Field(default=None, max_length=64)
    size: str | None = Field(default=None, pattern=SIZE_PATTERN)
    website: Url | None = None
    country: str | None = Field(default=None, max_length=80)
    city: str | None = Field(default=None, max_length=80)
    description: LongText = ""


class OrganisationPatch(_Patch):
    clearable = frozenset({"sector", "size", "website", "country", "city"})
    labels = OrganisationIn.labels

    name: Name | None = None
    sector: str | None = Field(default=None, max_length=64)
    size: str | None = Field(default=None, pattern=SIZE_PATTERN)
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
            raise PydanticCustomError("no_place", BOOTH_PLACE, {"field": "location_code"})
        return self


class RoleIn(Strict):
    labels = {"title": "the role's title", "location": "the role's location"}

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
    labels = RoleIn.labels

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
    labels = {
        "headline": "your headline",
        "institution": "your institution",
        "programme": "your programme",
        "experience": "your experience",
        "skills": "your skills",
        "sectors_wanted": "the sectors you want to work in",
        "locations_wanted": "the places you want to work in",
    }
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
    timezone: TimeZone | None = None
    """Kept on the account, not the profile: the candidate's agenda and times are shown in it."""


class RegisterIn(Strict):
    labels = {
        "email": "your e-mail address",
        "password": "a password",
        "full_name": "your full name",
        "timezone": "your time zone",
    }

    email: EmailStr
    password: str = Field(min_length=1, max_length=200)
    full_name: Name
    timezone: TimeZone = "UTC"


class UserIn(RegisterIn):
    labels = {
        "email": "their e-mail address",
        "password": "a first password",
        "full_name": "the person's full name",
        "timezone": "their time zone",
        "role": "the role",
    }

    role: UserRole
    organisation_id: Id | None = None


class SessionIn(_Interval):
    labels = {"title": "the session's title", "kind": "the kind of session", "mode": "the mode"}

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
    labels = SessionIn.labels

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


class LeadScanIn(Strict):
    """A badge scanned (or its code typed) at a company's booth."""

    labels: ClassVar[dict[str, str]] = {"code": "the badge code"}

    code: str = Field(min_length=4, max_length=32)
    how: Literal["scan", "typed"] = "scan"


class LeadNoteIn(Strict):
    """The company's own rating (1-5, or none) and note on a lead."""

    rating: int | None = Field(default=None, ge=1, le=5)
    note: str = Field(default="", max_length=5_000)


class CheckInIn(Strict):
    badge_code: str = Field(min_length=4, max_length=32)
    channel: CheckInChannel = CheckInChannel.ONSITE
    location: str = Field(default="", max_length=120)
