"""Candidate self-service (profile, CV, event registration) and consented, audited CV views."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from talentfoundry.config import DEFAULTS, Settings
from talentfoundry.domain import access
from talentfoundry.domain.enums import EventStatus, OrgKind, UserRole
from talentfoundry.domain.errors import Conflict, InputError, NotFound, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import audit, cv_worker
from talentfoundry.services.common import get_or_404, principal_for
from talentfoundry.services.schemas import AttendIn, ProfileIn
from talentfoundry.store.models import (
    Attendee,
    Booth,
    CandidateProfile,
    CvDocument,
    Event,
    Organisation,
    User,
)


def _candidate(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None or user.role != UserRole.CANDIDATE or user.profile is None:
        raise NotFound(f"No candidate with id {user_id}.")
    return user


def _require_candidate(actor: User) -> CandidateProfile:
    if actor.role != UserRole.CANDIDATE or actor.profile is None:
        raise PermissionDenied("Only candidates have a profile and a CV.")
    return actor.profile


def require_view(db: Session, actor: User, candidate: User) -> None:
    """Refuse unless ``actor`` may see this candidate (see :func:`access.can_view_candidate`)."""
    attends = list(db.scalars(select(Attendee).where(Attendee.user_id == candidate.id)))
    consented_events = [a.event_id for a in attends if a.consent_share_cv]
    shared_with = frozenset(
        db.scalars(select(Booth.organisation_id).where(Booth.event_id.in_(consented_events)))
        if consented_events
        else []
    )
    allowed = access.can_view_candidate(
        principal_for(db, actor),
        candidate.id,
        shared_with_org_ids=shared_with,
        attends_event_ids=frozenset(a.event_id for a in attends),
        university_id=candidate.profile.university_id if candidate.profile else None,
    )
    if not allowed:
        if actor.role == UserRole.RECRUITER:
            raise PermissionDenied(
                "This candidate has not agreed to share their CV with your company's events."
            )
        raise PermissionDenied("You may not see this candidate.")


def view_profile(db: Session, actor: User, candidate_user_id: int) -> User:
    candidate = _candidate(db, candidate_user_id)
    require_view(db, actor, candidate)
    if actor.id != candidate.id:
        audit.record(db, actor, "profile.view", candidate.id)
    return candidate


def update_profile(db: Session, actor: User, patch: ProfileIn) -> CandidateProfile:
    profile = _require_candidate(actor)
    values = patch.model_dump(exclude_unset=True)
    uni = values.get("university_id")
    if uni is not None:  # checked before anything changes: a refused edit changes nothing
        org = db.get(Organisation, uni)
        if org is None or org.kind != OrgKind.UNIVERSITY:
            raise InputError(f"No university with id {uni}.", field="university_id")
    if "timezone" in values:  # the account's, not the profile's: every page shows times in it
        actor.timezone = values.pop("timezone")
    for key, value in values.items():
        setattr(profile, key, value)
    db.flush()
    return profile


def upload_cv(
    db: Session, actor: User, filename: str, data: bytes, *, settings: Settings | None = None
) -> CvDocument:
    """Store the CV and its text, replacing the previous one. A bad file changes nothing.

    The file is read in a separate process bounded in memory and time, under the CV limits of
    ``settings`` (:mod:`talentfoundry.services.cv_worker`), before anything is written: a file
    that expands too far is refused on the field ``file`` and the previous CV stays.
    """
    profile = _require_candidate(actor)
    document = cv_worker.read_cv(data, settings or DEFAULTS)
    name = clean_filename(filename)
    cv = profile.cv or CvDocument(profile_id=profile.id)
    cv.filename = name
    cv.media_type = document.media_type
    cv.size_bytes = len(data)
    cv.sha256 = hashlib.sha256(data).hexdigest()
    cv.content = data
    cv.text = document.text
    cv.uploaded_at = utcnow()  # a replaced CV is a new upload: the match index re-reads it
    profile.cv = cv
    db.flush()
    return cv


MAX_FILENAME_CHARS = 255  # the column's length
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)


def clean_filename(filename: str | None) -> str:
    r"""The name an uploaded file is kept under: its base name, without control characters, at
    most 255 characters; ``cv`` when nothing is left.

    Browsers send a base name, but other clients send paths (``C:\Users\jane\cv.pdf``), NUL
    bytes (PostgreSQL refuses them in text: that was a 500), line breaks (they would split a
    ``Content-Disposition`` header) and bidirectional overrides (``cv\u202efdp.exe`` shows as
    ``cvexe.pdf``). A long name is cut before its extension, so ``.pdf`` stays.

    >>> clean_filename("C:\\Users\\jane\\my\x00 cv\n.pdf"), clean_filename("cv\u202efdp.exe")
    ('my cv.pdf', 'cvfdp.exe')
    >>> clean_filename("../../"), clean_filename(None), clean_filename("a" * 300 + ".docx")[-7:]
    ('cv', 'cv', 'aa.docx')
    >>> len(clean_filename("a" * 300 + ".docx"))
    255
    """
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        ch
        for ch in name
        if ch not in _BIDI_CONTROLS and unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp")
    )
    name = name.strip(" .") or "cv"
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) <= 16:
            name = stem[: MAX_FILENAME_CHARS - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            name = name[:MAX_FILENAME_CHARS]
    return name


@dataclass(frozen=True, slots=True)
class CvView:
    candidate: User
    cv: CvDocument


def view_cv(db: Session, actor: User, candidate_user_id: int, *, download: bool = False) -> CvView:
    """A CV, if the viewer may see it; every view by someone else is written to the audit log."""
    candidate = _candidate(db, candidate_user_id)
    require_view(db, actor, candidate)
    cv = candidate.profile.cv if candidate.profile else None
    if cv is None:
        raise NotFound("This candidate has not uploaded a CV yet.")
    if actor.id != candidate.id:
        audit.record(db, actor, "cv.download" if download else "cv.view", candidate.id, cv_id=cv.id)
    return CvView(candidate=candidate, cv=cv)


def new_badge_code() -> str:
    """Short, unguessable, unambiguous (no 0/O, 1/I) code printed on the QR badge."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "TF-" + "".join(secrets.choice(alphabet) for _ in range(8))


def attend_event(db: Session, actor: User, event_id: int, data: AttendIn) -> Attendee:
    """Register for an event (any role), or update one's consent for it."""
    event = get_or_404(db, Event, event_id, "event")
    if event.status not in (EventStatus.OPEN, EventStatus.LIVE):
        raise Conflict("Registration for this event is not open.")
    attendee = db.scalar(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.user_id == actor.id)
    )
    if attendee is None:
        attendee = Attendee(event_id=event.id, user_id=actor.id, badge_code=new_badge_code())
        db.add(attendee)
    attendee.consent_share_cv = data.consent_share_cv
    try:
        db.flush()
    except IntegrityError as exc:
        raise Conflict("You are already registered for this event.") from exc
    return attendee


def my_attendance(db: Session, actor: User, event_id: int) -> Attendee:
    attendee = db.scalar(
        select(Attendee).where(Attendee.event_id == event_id, Attendee.user_id == actor.id)
    )
    if attendee is None:
        raise NotFound("You are not registered for this event.")
    return attendee
