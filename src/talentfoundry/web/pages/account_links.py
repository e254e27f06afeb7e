"""Pages behind the links in account e-mails: forgot password, choose a new password, confirm an
e-mail address, and "send the confirmation again".

The rules (same answer for unknown addresses, limits, single use, expiry, ending sessions) live in
``services.password_reset`` and ``services.account_mail``; these handlers show forms and queue
mail that is sent after the request commits (``web.mail_delivery``).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import account_mail, password_reset
from talentfoundry.services.sign_in_limits import TooManyAttempts
from talentfoundry.web import browser_sessions
from talentfoundry.web.deps import DB, AppSettings, ClientAddress, Limits, Now, PageUser, writes
from talentfoundry.web.mail_delivery import DeliverMailAfter
from talentfoundry.web.pages.forms import errors_of
from talentfoundry.web.pages.guards import CheckedForm, SignedInPage
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# A page reached by a secret link is kept nowhere, and its address (the token) is not sent as the
# Referer of what it loads (the security headers keep a header a page sets).
_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@router.get("/password/forgot", response_class=HTMLResponse)
def forgot_form(request: Request, user: PageUser, email: str = "") -> HTMLResponse:
    sent = request.query_params.get("msg") == "sent"
    return render(
        request, "password_forgot.html", user, form={"email": email[:254]}, errors={}, sent=sent
    )


@router.post("/password/forgot", response_model=None, dependencies=[DeliverMailAfter])
def forgot(
    request: Request,
    _form: CheckedForm,
    db: DB,
    user: PageUser,
    limits: Limits,
    settings: AppSettings,
    address: ClientAddress,
    now: Now,
    email: Annotated[str, Form()] = "",
) -> Response:
    """The same answer whether or not an account has this address (services.password_reset)."""
    try:
        password_reset.request_reset(db, limits, settings, email, address=address, now=now)
    except FoundryError as exc:
        response = render(
            request,
            "password_forgot.html",
            user,
            status_code=exc.status,
            form={"email": email[:254]},
            errors=errors_of(exc, ("email",)),
            sent=False,
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return RedirectResponse(
        f"/password/forgot?msg=sent&email={quote(email.strip()[:254])}", status_code=303
    )


def _reset_page(
    request: Request,
    user: object,
    token: str,
    *,
    usable: bool,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    response = render(
        request,
        "password_reset.html",
        user,
        status_code=status_code if usable else 410,
        token=token,
        usable=usable,
        errors=errors or {},
        expired=password_reset.EXPIRED,
    )
    response.headers.update(_NO_STORE)
    return response


@router.get("/password/reset/{token}", response_class=HTMLResponse)
def reset_form(request: Request, db: DB, user: PageUser, now: Now, token: str) -> HTMLResponse:
    usable = password_reset.link_is_usable(db, token, now=now)
    return _reset_page(request, user, token, usable=usable)


@router.post("/password/reset/{token}", response_model=None)
def reset(
    request: Request,
    _form: CheckedForm,
    db: DB,
    user: PageUser,
    limits: Limits,
    now: Now,
    token: str,
    new_password: Annotated[str, Form()] = "",
) -> Response:
    try:
        with db.begin_nested():  # a refused password leaves the link and the sessions as they were
            person = password_reset.reset_password(db, limits, token, new_password, now=now)
    except password_reset.LinkExpired:
        return _reset_page(request, user, token, usable=False)
    except FoundryError as exc:
        errors = errors_of(exc, ("new_password",))
        return _reset_page(request, user, token, usable=True, errors=errors, status_code=422)
    if user is not None and user.id == person.id:  # their sessions ended, this one's too
        browser_sessions.sign_out(request, db)
    return RedirectResponse(
        f"/login?msg=password-changed&email={quote(person.email)}", status_code=303
    )


@router.get("/confirm/{token}", response_class=HTMLResponse)
@writes
def confirm(request: Request, db: DB, user: PageUser, now: Now, token: str) -> HTMLResponse:
    """Following the link is the confirmation (it proves the mailbox is theirs; a mail scanner
    opening it first proves the same), so no extra button is asked for."""
    person = account_mail.confirm_email(db, token, now=now)
    response = render(
        request,
        "confirm_email.html",
        user,
        status_code=200 if person else 410,
        confirmed=person is not None,
    )
    response.headers.update(_NO_STORE)
    return response


@router.post("/me/confirm/send-again", dependencies=[DeliverMailAfter])
def send_again(
    request: Request, me: SignedInPage, _form: CheckedForm, db: DB, settings: AppSettings, now: Now
) -> RedirectResponse:
    account_mail.send_confirmation(db, settings, me, now=now, again=True)
    return RedirectResponse("/me?msg=confirmation-sent", status_code=303)
