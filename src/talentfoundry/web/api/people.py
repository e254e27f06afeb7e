"""Candidate self-service (profile, CV, event registration) and consented, audited CV views."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from talentfoundry.domain.errors import PayloadTooLarge
from talentfoundry.services import candidates, shortlist
from talentfoundry.services.schemas import AttendIn, Id, ProfileIn, RatingIn
from talentfoundry.web.api.schemas import ApplicationOut, AttendeeOut, CvOut, ProfileOut
from talentfoundry.web.deps import (
    CANDIDATES,
    DB,
    RECRUITERS_AND_ORGANISERS,
    AppSettings,
    CurrentUser,
    ReindexAfter,
    writes,
)

router = APIRouter()


def _cv_out(view: candidates.CvView) -> CvOut:
    cv = view.cv
    return CvOut(
        candidate_id=view.candidate.id,
        filename=cv.filename,
        media_type=cv.media_type,
        size_bytes=cv.size_bytes,
        uploaded_at=cv.uploaded_at,
        text=cv.text,
    )


@router.get("/me/profile", response_model=ProfileOut, tags=["candidates"])
def my_profile(db: DB, user: CurrentUser) -> Any:
    return ProfileOut.of(candidates.view_profile(db, user, user.id))


@router.patch(
    "/me/profile",
    response_model=ProfileOut,
    tags=["candidates"],
    dependencies=[CANDIDATES, ReindexAfter],
)
def update_my_profile(db: DB, user: CurrentUser, data: ProfileIn) -> Any:
    candidates.update_profile(db, user, data)
    return ProfileOut.of(user)


@router.put(
    "/me/cv", response_model=CvOut, tags=["candidates"], dependencies=[CANDIDATES, ReindexAfter]
)
async def upload_cv(
    db: DB, user: CurrentUser, settings: AppSettings, file: UploadFile = File(...)
) -> Any:
    """Upload a CV (PDF, DOCX or plain text; the type is read from the content)."""
    limit = settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"The file is larger than the {limit / 1_048_576:.1f} MB limit.")
    # Read in a worker process for up to TALENTFOUNDRY_CV_READ_SECONDS; the database work, like
    # the reading, runs in the thread pool, never on the event loop.
    name = file.filename or "cv"

    def store() -> Any:
        candidates.upload_cv(db, user, name, data, settings=settings)
        return _cv_out(candidates.view_cv(db, user, user.id))

    return await run_in_threadpool(store)


@router.get("/candidates/{user_id}", response_model=ProfileOut, tags=["candidates"])
@writes  # audited: records who looked
def candidate_profile(db: DB, user: CurrentUser, user_id: Id) -> Any:
    """A candidate's profile: themself, consented recruiters, their organisers and university."""
    return ProfileOut.of(candidates.view_profile(db, user, user_id))


@router.get("/candidates/{user_id}/cv", response_model=CvOut, tags=["candidates"])
@writes  # audited: records who looked
def candidate_cv(db: DB, user: CurrentUser, user_id: Id) -> Any:
    """A candidate's CV text. Every view by someone else is audited."""
    return _cv_out(candidates.view_cv(db, user, user_id))


@router.get("/candidates/{user_id}/cv/file", tags=["candidates"])
@writes  # audited: records who looked
def candidate_cv_file(db: DB, user: CurrentUser, user_id: Id) -> Response:
    """The original CV file, as uploaded (audited)."""
    view = candidates.view_cv(db, user, user_id, download=True)
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in view.cv.filename)
    return Response(
        content=view.cv.content,
        media_type=view.cv.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{safe}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post("/events/{event_id}/attendance", response_model=AttendeeOut, tags=["events"])
def attend(db: DB, user: CurrentUser, event_id: Id, data: AttendIn) -> Any:
    """Register for an event (or change one's CV-sharing consent for it)."""
    return candidates.attend_event(db, user, event_id, data)


@router.get("/events/{event_id}/attendance", response_model=AttendeeOut, tags=["events"])
def my_attendance(db: DB, user: CurrentUser, event_id: Id) -> Any:
    return candidates.my_attendance(db, user, event_id)


def _application_out(application: Any) -> ApplicationOut:
    out = ApplicationOut.model_validate(application)
    out.candidate_name = application.candidate.full_name
    out.role_title = application.job_role.title
    out.organisation_name = application.job_role.organisation.name
    return out


@router.post(
    "/roles/{role_id}/applications",
    status_code=201,
    response_model=ApplicationOut,
    tags=["roles"],
    dependencies=[CANDIDATES],
)
def apply(db: DB, user: CurrentUser, role_id: Id) -> Any:
    return _application_out(shortlist.apply(db, user, role_id))


@router.get(
    "/roles/{role_id}/shortlist",
    response_model=list[ApplicationOut],
    tags=["roles"],
    dependencies=[RECRUITERS_AND_ORGANISERS],
)
def role_shortlist(db: DB, user: CurrentUser, role_id: Id) -> Any:
    """The role's applicants: its company's recruiters and its events' organisers only."""
    return [_application_out(a) for a in shortlist.shortlist(db, user, role_id)]


@router.patch(
    "/applications/{application_id}",
    response_model=ApplicationOut,
    tags=["roles"],
    dependencies=[RECRUITERS_AND_ORGANISERS],
)
def rate(db: DB, user: CurrentUser, application_id: Id, data: RatingIn) -> Any:
    """Rate a candidate (1-5) and note after meeting them."""
    return _application_out(shortlist.rate(db, user, application_id, data))


@router.get("/me/applications", response_model=list[ApplicationOut], tags=["candidates"])
def my_applications(db: DB, user: CurrentUser) -> Any:
    return [_application_out(a) for a in shortlist.my_applications(db, user)]
