"""Password and sessions page, for every logged-in person: change the password, see where one is
logged in, and log out everywhere.

The rules (current password checked, strength, ending every session and API token) live in
``services.accounts``; this module only shows the form and keeps this browser logged in with a
fresh session after a password change.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import accounts, web_sessions
from talentfoundry.services.sign_in_limits import TooManyAttempts
from talentfoundry.store.models import User
from talentfoundry.web import browser_sessions
from talentfoundry.web.deps import DB, ClientAddress, Limits
from talentfoundry.web.pages.forms import errors_of
from talentfoundry.web.pages.guards import CheckedForm, SignedInPage
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PASSWORD_FIELDS = ("current_password", "new_password")
_NOTICES = {"changed": "Password changed. Every other browser and API token is logged out."}


def _page(
    request: Request,
    db: DB,
    user: User,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "security.html",
        user,
        status_code=status_code,
        errors=errors or {},
        sessions=web_sessions.list_for(db, user),
        notice=_NOTICES.get(request.query_params.get("msg", ""), ""),
    )


@router.get("/me/security", response_class=HTMLResponse)
def security_page(request: Request, db: DB, me: SignedInPage) -> HTMLResponse:
    return _page(request, db, me)


@router.post("/me/password", response_model=None)
def change_password(
    request: Request,
    db: DB,
    me: SignedInPage,
    _form: CheckedForm,
    limits: Limits,
    address: ClientAddress,
    current_password: Annotated[str, Form()] = "",
    new_password: Annotated[str, Form()] = "",
) -> Response:
    try:
        with db.begin_nested():  # a refused change leaves the password and sessions as they were
            accounts.change_password(
                db, limits, me, current_password, new_password, address=address
            )
    except FoundryError as exc:
        response = _page(request, db, me, errors_of(exc, PASSWORD_FIELDS), exc.status)
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    browser_sessions.sign_in(request, db, me)  # this browser stays in, with a new session
    return RedirectResponse("/me/security?msg=changed", status_code=303)


@router.post("/me/sessions/end-all")
def log_out_everywhere(
    request: Request,
    db: DB,
    me: SignedInPage,
    _form: CheckedForm,
) -> RedirectResponse:
    """End every session and API token of the person, this browser's included."""
    accounts.end_all_sessions(db, me)
    browser_sessions.sign_out(request, db)
    return RedirectResponse("/login?msg=ended", status_code=303)
