"""Candidate account pages: sign-up, profile, CV upload, data export and account deletion."""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import available_timezones

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from talentfoundry.domain.enums import OrgKind, WorkAuthorisation
from talentfoundry.domain.errors import AuthRequired, FoundryError, InputError, PayloadTooLarge
from talentfoundry.domain.timeutil import validate_timezone
from talentfoundry.services import accounts, audit, candidates, organisations, privacy, shortlist
from talentfoundry.services.schemas import ProfileIn, RegisterIn
from talentfoundry.services.sign_in_limits import TooManyAttempts
from talentfoundry.store.models import User
from talentfoundry.web import browser_sessions
from talentfoundry.web.deps import DB, AppSettings, ClientAddress, Limits, PageUser, ReindexAfter
from talentfoundry.web.mail_delivery import DeliverMailAfter
from talentfoundry.web.pages.forms import errors_of, split_list, strip_empty
from talentfoundry.web.pages.guards import CandidatePage, CheckedForm, SignedInPage
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

SIGNUP_FIELDS = ("email", "password", "full_name", "timezone")


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "signup.html", user, form={"timezone": "UTC"}, errors={})


@router.post("/signup", response_model=None, dependencies=[DeliverMailAfter])
def signup(
    request: Request,
    _form: CheckedForm,
    db: DB,
    limits: Limits,
    settings: AppSettings,
    address: ClientAddress,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    full_name: Annotated[str, Form()] = "",
    timezone: Annotated[str, Form()] = "UTC",
) -> Response:
    try:  # a hidden field the browser fills in: a zone unknown here must not block signing up
        timezone = validate_timezone(timezone)
    except InputError:
        timezone = "UTC"
    form = {"email": email, "full_name": full_name, "timezone": timezone}
    try:
        data = RegisterIn(email=email, password=password, full_name=full_name, timezone=timezone)
        user = accounts.sign_up(db, limits, settings, data, address=address)
    except (ValidationError, FoundryError) as exc:
        errors = errors_of(exc, SIGNUP_FIELDS)
        status = exc.status if isinstance(exc, TooManyAttempts) else 422
        response = render(
            request, "signup.html", None, status_code=status, form=form, errors=errors
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    # The same answer whether or not the address was new (services.accounts.sign_up): nobody is
    # logged in here, so the answer cannot tell a taken address from a new one; both go to the
    # login form with the address filled in, and on to the profile.
    del user
    return RedirectResponse(
        f"/login?msg=signed-up&email={quote(data.email)}&next={quote('/me/profile?welcome=1')}",
        status_code=303,
    )


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


_OLD_ZONE_NAMES = ("Etc/", "SystemV/", "US/", "posix", "right/")


@cache
def _zone_names() -> tuple[str, ...]:
    """The IANA zones a person picks from ("Europe/Berlin"), without the legacy aliases
    ("US/Pacific", "EST5EDT", "Etc/GMT+5"), which the service still accepts."""
    zones = {z for z in available_timezones() if "/" in z and not z.startswith(_OLD_ZONE_NAMES)}
    return ("UTC", *sorted(zones))


def _zone_choices(current: str) -> list[tuple[str, list[str]]]:
    """The zones grouped by region for the select ("Europe": [...]), the current one included
    even when it is a legacy alias, so saving the profile never changes it unasked."""
    names = list(_zone_names())
    if current and current not in names:
        names.insert(0, current)
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name.split("/", 1)[0] if "/" in name else "Other", []).append(name)
    return list(groups.items())


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
        zones=_zone_choices(str(form.get("timezone") or user.timezone)),
        **extra,
    )


@router.get("/me/profile", response_class=HTMLResponse)
def profile_form(request: Request, db: DB, me: CandidatePage, welcome: int = 0) -> HTMLResponse:
    profile = candidates.view_profile(db, me, me.id).profile
    form = _profile_form(profile) | {"timezone": me.timezone}
    return _profile_page(request, db, me, form, {}, welcome=bool(welcome))


@router.post("/me/profile", response_model=None, dependencies=[ReindexAfter])
def profile_save(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
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
    timezone: Annotated[str, Form()] = "",
) -> Response:
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
        "timezone": timezone or me.timezone,
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
    if timezone:  # a form without the field keeps the zone
        values["timezone"] = timezone
    try:
        candidates.update_profile(db, me, ProfileIn(**values))
    except (ValidationError, FoundryError) as exc:
        return _profile_page(request, db, me, form, errors_of(exc, tuple(form)))
    return RedirectResponse("/me/profile?saved=1", status_code=303)


def _cv_page(
    request: Request, db: DB, user: User, errors: dict[str, str], status_code: int = 200
) -> HTMLResponse:
    cv = user.profile.cv if user.profile else None
    limit_mb = request.app.state.settings.max_upload_bytes / 1_048_576
    return render(
        request, "cv.html", user, status_code=status_code, cv=cv, errors=errors, limit_mb=limit_mb
    )


@router.get("/me/cv", response_class=HTMLResponse)
def cv_form(request: Request, db: DB, me: CandidatePage) -> HTMLResponse:
    return _cv_page(request, db, me, {})


@router.post("/me/cv", response_model=None, dependencies=[ReindexAfter])
async def cv_upload(
    request: Request,
    db: DB,
    me: CandidatePage,
    _form: CheckedForm,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Async only to read the uploaded file; everything that touches the database (and the
    reading of the CV in a worker process) runs in the thread pool, off the event loop."""
    settings = request.app.state.settings
    limit = settings.max_upload_bytes
    data = await file.read(limit + 1) if file is not None and file.filename else None

    def store() -> Response:
        if file is None or not file.filename or data is None:
            return _cv_page(request, db, me, {"file": "Choose a file to upload."}, 422)
        try:
            if len(data) > limit:
                raise PayloadTooLarge(
                    f"The file is larger than the {limit / 1_048_576:.1f} MB limit."
                )
            with db.begin_nested():  # a bad file leaves the previous CV as it was
                candidates.upload_cv(db, me, file.filename, data, settings=settings)
        except FoundryError as exc:
            return _cv_page(request, db, me, {"file": exc.message}, exc.status)
        return RedirectResponse("/me/cv?uploaded=1", status_code=303)

    return await run_in_threadpool(store)


_VIEWED = {
    "cv.view": "read your CV",
    "cv.download": "downloaded your CV file",
    "profile.view": "opened your profile",
    "data.export": "downloaded your data",
}


@router.get("/me/cv/views", response_class=HTMLResponse)
def cv_views(request: Request, db: DB, me: CandidatePage) -> HTMLResponse:
    """Who read my CV or profile, by name and company, newest first (the audit log about me)."""
    entries = list(reversed(audit.entries_about(db, me.id)))
    return render(request, "cv_views.html", me, entries=entries, actions=_VIEWED)


@router.get("/me/applications", response_class=HTMLResponse)
def my_applications(request: Request, db: DB, me: CandidatePage) -> HTMLResponse:
    """The roles I applied to: role (linked), company, where it stands, and when I applied."""
    applications = sorted(
        shortlist.my_applications(db, me), key=lambda a: (a.created_at, a.id), reverse=True
    )
    return render(request, "applications.html", me, applications=applications)


@router.get("/me/data", response_class=HTMLResponse)
def data_page(request: Request, me: SignedInPage) -> HTMLResponse:
    return render(request, "my_data.html", me, errors={})


@router.post("/me/data/export")
def data_export(
    request: Request,
    db: DB,
    me: SignedInPage,
    _form: CheckedForm,
) -> Response:
    """A POST, not a GET: exporting is audited, and a link on another site must not trigger it."""
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
    me: SignedInPage,
    _form: CheckedForm,
    password: Annotated[str, Form()] = "",
) -> Response:
    try:
        privacy.delete_account(db, me, password)
    except AuthRequired as exc:
        return render(
            request, "my_data.html", me, status_code=401, errors={"password": exc.message}
        )
    browser_sessions.sign_out(request, db)
    return RedirectResponse("/goodbye", status_code=303)


@router.get("/goodbye", response_class=HTMLResponse)
def goodbye(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "goodbye.html", user)
