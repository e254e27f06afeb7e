"""Bulk import and export of organisations, roles and candidates (CSV or JSON lines).

An import is all or nothing: every row is validated first, the rows are written in one transaction,
and the first bad row rejects the whole file with its line number. Export writes the same columns
the import reads, so a file exported from one fair imports into another; for that reason its cells
are written verbatim (the CSVs made for people to open in a spreadsheet go through
:func:`talentfoundry.services.common.spreadsheet_safe` instead).

Organisations and roles are the public directory; candidates are personal records, exported as
the viewer may see them (:func:`talentfoundry.services.scopes.candidates`). The command line runs
as the database's operator (:data:`talentfoundry.domain.access.OPERATOR`) and exports all of them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain.access import OPERATOR, Principal
from talentfoundry.domain.enums import OrgKind, Seniority, UserRole, WorkAuthorisation, WorkMode
from talentfoundry.domain.errors import InputError
from talentfoundry.services import scopes
from talentfoundry.services.messages import message_for
from talentfoundry.services.passwords import hash_password
from talentfoundry.services.schemas import Name, OrganisationIn, SkillList, Slug, Strict, TimeZone
from talentfoundry.store.models import (
    CandidateProfile,
    CvDocument,
    Event,
    JobRole,
    Organisation,
    User,
)

Kind = Literal["organisations", "roles", "candidates"]
KINDS: tuple[Kind, ...] = ("organisations", "roles", "candidates")
LIST_SEPARATOR = ";"  # CSV cells holding lists: "Python; PyTorch"


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
    return value


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


class RoleRow(Strict):
    organisation: Slug
    events: list[Slug] = Field(default_factory=list)
    title: Name
    description: str = ""
    required_skills: SkillList = Field(default_factory=list)
    nice_skills: SkillList = Field(default_factory=list)
    seniority: Seniority
    location: str = ""
    work_mode: WorkMode
    visa_sponsorship: bool = False
    openings: int = Field(default=1, ge=1)
    status: Literal["open", "closed"] = "open"

    _lists = field_validator("events", "required_skills", "nice_skills", mode="before")(_split)


class CandidateRow(Strict):
    email: EmailStr
    full_name: Name
    timezone: TimeZone = "UTC"
    headline: str = ""
    institution: str = ""
    programme: str = ""
    graduation_year: int | None = Field(default=None, ge=1950, le=2100)
    experience_years: float | None = Field(default=None, ge=0, le=70)
    skills: SkillList = Field(default_factory=list)
    sectors_wanted: SkillList = Field(default_factory=list)
    locations_wanted: SkillList = Field(default_factory=list)
    work_authorisation: WorkAuthorisation | None = None
    overseas: bool = False
    university: Slug | None = None
    consent_contact: bool = False
    cv_text: str = ""

    _lists = field_validator("skills", "sectors_wanted", "locations_wanted", mode="before")(_split)
    _blanks = field_validator(
        "graduation_year", "experience_years", "work_authorisation", "university", mode="before"
    )(_blank_to_none)


class OrganisationRow(OrganisationIn):
    _blanks = field_validator("sector", "size", "website", "country", "city", mode="before")(
        _blank_to_none
    )


ROW_MODELS: dict[str, type[BaseModel]] = {
    "organisations": OrganisationRow,
    "roles": RoleRow,
    "candidates": CandidateRow,
}
COLUMNS: dict[str, list[str]] = {
    kind: list(model.model_fields) for kind, model in ROW_MODELS.items()
}


@dataclass(frozen=True, slots=True)
class ImportResult:
    kind: str
    created: int


def parse(kind: str, text: str, fmt: Literal["csv", "jsonl"]) -> list[tuple[int, BaseModel]]:
    """Validate every row; raise :class:`InputError` naming the line of the first bad one."""
    if kind not in ROW_MODELS:
        raise InputError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    model = ROW_MODELS[kind]
    rows = _csv_rows(text) if fmt == "csv" else _jsonl_rows(text)
    parsed: list[tuple[int, BaseModel]] = []
    for line, raw in rows:
        try:
            parsed.append((line, model.model_validate(raw)))
        except ValidationError as exc:
            first = message_for(exc.errors()[0], model)
            field = first.field or "row"  # the column, as the file names it
            raise InputError(f"line {line}: {field}: {first.message}", field=field) from exc
    if not parsed:
        raise InputError("the file has no rows")
    return parsed


def _csv_rows(text: str) -> Iterable[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise InputError("the CSV file is empty (a header row is needed)")
    for record in reader:
        if None in record:
            raise InputError(f"line {reader.line_num}: more cells than header columns")
        yield reader.line_num, {k: v for k, v in record.items() if v is not None}


def _jsonl_rows(text: str) -> Iterable[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number}: invalid JSON: {exc.msg}") from exc
        if not isinstance(value, dict):
            raise InputError(f"line {number}: expected a JSON object")
        yield number, value


def import_rows(
    db: Session,
    kind: str,
    rows: list[tuple[int, BaseModel]],
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Write validated rows. The caller's transaction makes it all or nothing."""
    writer = {"organisations": _import_org, "roles": _import_role, "candidates": _import_candidate}[
        kind
    ]
    cache: dict[str, Any] = {}
    for done, (line, row) in enumerate(rows, start=1):
        try:
            writer(db, row, cache)
        except InputError as exc:
            raise InputError(f"line {line}: {exc.message}", field=exc.field) from exc
        if progress is not None:
            progress(done)
    db.flush()
    return ImportResult(kind=kind, created=len(rows))


def _org_by_slug(db: Session, slug: str, cache: dict[str, Any]) -> Organisation | None:
    key = f"org:{slug}"
    if key not in cache:
        cache[key] = db.scalar(select(Organisation).where(Organisation.slug == slug))
    return cache[key]


def _import_org(db: Session, row: Any, cache: dict[str, Any]) -> None:
    if _org_by_slug(db, row.slug, cache) is not None:
        raise InputError(f"organisation {row.slug!r} already exists", field="slug")
    org = Organisation(**row.model_dump())
    db.add(org)
    cache[f"org:{row.slug}"] = org


def _import_role(db: Session, row: Any, cache: dict[str, Any]) -> None:
    org = _org_by_slug(db, row.organisation, cache)
    if org is None or org.kind != OrgKind.COMPANY:
        raise InputError(f"no company {row.organisation!r}", field="organisation")
    events = []
    for slug in row.events:
        event = db.scalar(select(Event).where(Event.slug == slug))
        if event is None:
            raise InputError(f"no event {slug!r}", field="events")
        events.append(event)
    values = row.model_dump(exclude={"organisation", "events"})
    db.add(JobRole(organisation=org, events=events, **values))


def _import_candidate(db: Session, row: Any, cache: dict[str, Any]) -> None:
    email = row.email.lower()
    if email in cache or db.scalar(select(User.id).where(User.email == email)) is not None:
        raise InputError(f"an account with e-mail {email!r} already exists", field="email")
    cache[email] = True
    university_id = None
    if row.university:
        uni = _org_by_slug(db, row.university, cache)
        if uni is None or uni.kind != OrgKind.UNIVERSITY:
            raise InputError(f"no university {row.university!r}", field="university")
        university_id = uni.id
    profile_fields = row.model_dump(
        exclude={"email", "full_name", "timezone", "university", "cv_text"}
    )
    user = User(
        email=email,
        # Imported people get a random password nobody knows; they set their own on first login.
        password_hash=hash_password(secrets.token_urlsafe(24)),
        full_name=row.full_name,
        role=UserRole.CANDIDATE,
        timezone=row.timezone,
        profile=CandidateProfile(university_id=university_id, **profile_fields),
    )
    if row.cv_text.strip():
        data = row.cv_text.encode()
        user.profile.cv = CvDocument(
            filename="cv.txt",
            media_type="text/plain",
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            content=data,
            text=row.cv_text,
        )
    db.add(user)


def export_rows(db: Session, kind: str, *, viewer: Principal = OPERATOR) -> list[dict[str, Any]]:
    """The rows of ``kind`` in the import's columns; candidates only those ``viewer`` may see."""
    if kind == "organisations":
        orgs = db.scalars(select(Organisation).order_by(Organisation.id))
        return [{c: getattr(o, c) for c in COLUMNS[kind]} for o in orgs]
    if kind == "roles":
        roles = db.scalars(
            select(JobRole)
            .options(selectinload(JobRole.organisation), selectinload(JobRole.events))
            .order_by(JobRole.id)
        )
        out = []
        for r in roles:
            row = {c: getattr(r, c) for c in COLUMNS[kind] if c not in ("organisation", "events")}
            out.append(
                {"organisation": r.organisation.slug, "events": [e.slug for e in r.events], **row}
            )
        return out
    if kind == "candidates":
        users = db.scalars(
            select(User)
            .where(User.role == UserRole.CANDIDATE, scopes.candidates(viewer))
            .options(selectinload(User.profile).selectinload(CandidateProfile.cv))
            .order_by(User.id)
        )
        unis = {
            o.id: o.slug
            for o in db.scalars(select(Organisation).where(Organisation.kind == "university"))
        }
        out = []
        for u in users:
            p = u.profile
            row: dict[str, Any] = {
                "email": u.email,
                "full_name": u.full_name,
                "timezone": u.timezone,
            }
            for c in COLUMNS[kind]:
                if p is not None and hasattr(CandidateProfile, c):
                    row[c] = getattr(p, c)
            row["university"] = unis.get(p.university_id) if p and p.university_id else None
            row["cv_text"] = p.cv.text if p and p.cv else ""
            out.append({c: row.get(c) for c in COLUMNS[kind]})
        return out
    raise InputError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}")


def to_csv(kind: str, rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[kind], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: LIST_SEPARATOR.join(v) if isinstance(v, list) else ("" if v is None else v)
                for k, v in row.items()
            }
        )
    return buffer.getvalue()


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
