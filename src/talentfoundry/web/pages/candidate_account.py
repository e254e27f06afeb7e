"""Candidate account pages: sign-up, profile, CV upload, data export and account deletion."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from talentfoundry.config import get_settings
from talentfoundry.domain.enums import OrgKind, UserRole, WorkAuthorisation
from talentfoundry.domain.errors import AuthRequired, FoundryError, PayloadTooLarge
from talentfoundry.services import accounts, candidates, organisations, privacy
from talentfoundry.services.schemas import ProfileIn, RegisterIn
from talentfoundry.store.models import User
from talentfoundry.web.deps import DB, PageUser, ReindexAfter
from talentfoundry.web.pages.csrf import check_csrf
from talentfoundry.web.pages.forms import errors_of, split_list, strip_empty
from talentfoundry.web.pages.guards import require
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

SIGNUP_FIELDS = ("email", "password", "full_name", "timezone")


def _log_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session.update(uid=user.id, pwh=user.password_hash[-16:])


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "signup.html", user, form={"timezone": "UTC"}, errors={})


@router.post("/signup", response_model=None)
def signup(
    request: Request,
    db: DB,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    full_name: Annotated[str, Form()] = "",
    timezone: Annotated[str, Form()] = "UTC",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    form = {"email": email, "full_name": full_name, "timezone": timezone}
    try:
        data = RegisterIn(email=email, password=password, full_name=full_name, timezone=timezone)
        user = accounts.register_candidate(db, data)
    except (ValidationError, FoundryError) as exc:
        errors = errors_of(exc, SIGNUP_FIELDS)
        return render(request, "signup.html", None, status_code=422, form=form, errors=errors)
    _log_in(request, user)
    return RedirectResponse("/me/profile?welcome=1", status_code=303)


def _universities(db: DB) -> list[tuple[int, str]]:
    page = organisations.list_organisations(db, kind=OrgKind.UNIVERSITY, limit=200)
    return [(o.id, o.name) for o in page.items]


def _profile_form(profile: Any) -> dict[str, Any]:
    return {
        "headline": profile.headline,
        "institution": profile.institution,
        "programme": profile.programme,
        "graduation_year": profile.graduation_year,
        "experience_years": profile.experience_years,
        "experience": profile.experience,
        "skills": ", ".join(profile.skills or []),
        "sectors_wanted": ", ".join(profile.sectors_wanted or []),
        "locations_wanted": ", ".join(profile.locations_wanted or []),
        "work_authorisation": profile.work_authorisation or "",
        "overseas": profile.overseas,
        "university_id": profile.university_id or "",
        "consent_contact": profile.consent_contact,
    }


def _profile_page(
    request: Request, db: DB, user: User, form: dict[str, Any], errors: dict[str, str], **extra: Any
) -> HTMLResponse:
    return render(
        request,
        "profile.html",
        user,
        status_code=422 if errors else 200,
        form=form,
        errors=errors,
        universities=_universities(db),
        work_authorisations=[w.value for w in WorkAuthorisation],
        **extra,
    )


@router.get("/me/profile", response_class=HTMLResponse)
def profile_form(request: Request, db: DB, user: PageUser, welcome: int = 0) -> HTMLResponse:
    me = require(request, user, UserRole.CANDIDATE)
    profile = candidates.view_profile(db, me, me.id).profile
    return _profile_page(request, db, me, _profile_form(profile), {}, welcome=bool(welcome))


@router.post("/me/profile", response_model=None, dependencies=[ReindexAfter])
def profile_save(
    request: Request,
    db: DB,
    user: PageUser,
    csrf: Annotated[str, Form()] = "",
    headline: Annotated[str, Form()] = "",
    institution: Annotated[str, Form()] = "",
    programme: Annotated[str, Form()] = "",
    graduation_year: Annotated[str, Form()] = "",
    experience_years: Annotated[str, Form()] = "",
    experience: Annotated[str, Form()] = "",
    skills: Annotated[str, Form()] = "",
    sectors_wanted: Annotated[str, Form()] = "",
    locations_wanted: Annotated[str, Form()] = "",
    work_authorisation: Annotated[str, Form()] = "",
    overseas: Annotated[str, Form()] = "",
    university_id: Annotated[str, Form()] = "",
    consent_contact: Annotated[str, Form()] = "",
) -> Response:
    me = require(request, user, UserRole.CANDIDATE)
    check_csrf(request, csrf)
    form = {
        "headline": headline,
        "institution": institution,
        "programme": programme,
        "graduation_year": graduation_year,
        "experience_years": experience_years,
        "experience": experience,
        "skills": skills,
        "sectors_wanted": sectors_wanted,
        "locations_wanted": locations_wanted,
        "work_authorisation": work_authorisation,
        "overseas": bool(overseas),
        "university_id": university_id,
        "consent_contact": bool(consent_contact),
    }
    # Text fields left blank are cleared; numbers and choices left blank become "not given".
    values: dict[str, Any] = {
        "headline": headline,
        "institution": institution,
        "programme": programme,
        "experience": experience,
        "skills": split_list(skills),
        "sectors_wanted": split_list(sectors_wanted),
        "locations_wanted": split_list(locations_wanted),
        "overseas": bool(overseas),
        "consent_contact": bool(consent_contact),
        **strip_empty(
            {
                "graduation_year": graduation_year,
                "experience_years": experience_years,
                "work_authorisation": work_authorisation,
                "university_id": university_id,
            }
        ),
    }
    for key in ("graduation_year", "experience_years", "work_authorisation", "university_id"):
        values.setdefault(key, None)
    try:
        candidates.update_profile(db, me, ProfileIn(**values))
    except (ValidationError, FoundryError) as exc:
        return _profile_page(request, db, me, form, errors_of(exc, tuple(form)))
    return RedirectResponse("/me/profile?saved=1", status_code=303)


def _cv_page(
    request: Request, db: DB, user: User, errors: dict[str, str], status_code: int = 200
) -> HTMLResponse:
    cv = user.profile.cv if user.profile else None
    limit_mb = get_settings().max_upload_bytes / 1_048_576
    return render(
        request, "cv.html", user, status_code=status_code, cv=cv, errors=errors, limit_mb=limit_mb
    )


@router.get("/me/cv", response_class=HTMLResponse)
def cv_form(request: Request, db: DB, user: PageUser) -> HTMLResponse:
    me = require(request, user, UserRole.CANDIDATE)
    return _cv_page(request, db, me, {})


@router.post("/me/cv", response_model=None, dependencies=[ReindexAfter])
async def cv_upload(
    request: Request,
    db: DB,
    user: PageUser,
    file: Annotated[UploadFile | None, File()] = None,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    me = require(request, user, UserRole.CANDIDATE)
    check_csrf(request, csrf)
    limit = get_settings().max_upload_bytes
    if file is None or not file.filename:
        return _cv_page(request, db, me, {"file": "Choose a file to upload."}, 422)
    data = await file.read(limit + 1)
    try:
        if len(data) > limit:
            raise PayloadTooLarge(f"The file is larger than the {limit / 1_048_576:.1f} MB limit.")
        with db.begin_nested():  # a bad file leaves the previous CV as it was
            candidates.upload_cv(db, me, file.filename, data)
    except FoundryError as exc:
        return _cv_page(request, db, me, {"file": exc.message}, exc.status)
    return RedirectResponse("/me/cv?uploaded=1", status_code=303)


@router.get("/me/data", response_class=HTMLResponse)
def data_page(request: Request, user: PageUser) -> HTMLResponse:
    me = require(request, user)
    return render(request, "my_data.html", me, errors={})


@router.post("/me/data/export")
def data_export(
    request: Request, db: DB, user: PageUser, csrf: Annotated[str, Form()] = ""
) -> Response:
    """A POST, not a GET: exporting is audited, and a link on another site must not trigger it."""
    me = require(request, user)
    check_csrf(request, csrf)
    body = json.dumps(privacy.export_my_data(db, me), indent=2, ensure_ascii=False, default=str)
    return Response(
        body,
        media_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="talentfoundry-my-data.json"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/me/delete", response_model=None)
def delete_account(
    request: Request,
    db: DB,
    user: PageUser,
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    me = require(request, user)
    check_csrf(request, csrf)
    try:
        privacy.delete_account(db, me, password)
    except AuthRequired as exc:
        return render(
            request, "my_data.html", me, status_code=401, errors={"password": exc.message}
        )
    request.session.clear()
    return RedirectResponse("/goodbye", status_code=303)


@router.get("/goodbye", response_class=HTMLResponse)
def goodbye(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "goodbye.html", user)
