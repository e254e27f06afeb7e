"""Who may open a page: a logged-in user of the right role, or a redirect to the login form.

Pages check the role before doing anything; the services then check the finer rules (which
company, which event), so a page can never show more than the API would.

The checks are FastAPI dependencies, declared in the handler's signature: ``me: CandidatePage``
is the logged-in candidate (anyone else gets the login form or "This page is for candidates."),
and ``_form: CheckedForm`` refuses a posted form without this browser's CSRF token. FastAPI solves a
handler's dependencies in the order they are declared and before it validates the form fields,
so declaring the person first means who may call is settled before anything they sent is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.store.models import User
from talentfoundry.web.deps import PageUser, PostedForm
from talentfoundry.web.pages.csrf import check_csrf

__all__ = [
    "ORGANISER_ROLES",
    "AdminPage",
    "CandidatePage",
    "CheckedForm",
    "NeedsLogin",
    "OrganiserPage",
    "RecruiterPage",
    "SignedInPage",
    "StaffPage",
    "login_redirect",
    "require",
    "safe_next",
]

ORGANISER_ROLES = (UserRole.ORGANISER, UserRole.ADMIN)
"""Who runs events: organisers, and admins who may stand in for them."""


class NeedsLogin(Exception):
    """Raised by a page that needs a logged-in user; answered with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


async def login_redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NeedsLogin)
    return RedirectResponse(f"/login?next={quote(exc.next_url, safe='/')}", status_code=303)


def safe_next(value: str | None) -> str | None:
    r"""``value`` if it is a path on this site, else None: after logging in we go back there, and
    a link such as ``/login?next=//evil.example`` must not send the user to another site.

    >>> safe_next("/me/cv?x=1"), safe_next("//evil.example"), safe_next("https://evil.example")
    ('/me/cv?x=1', None, None)
    >>> safe_next("/\\evil.example") is None
    True
    """
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if any(ord(ch) < 32 for ch in value):  # no header splitting through the Location header
        return None
    return value


_ROLE_WORDS = {
    UserRole.CANDIDATE: "candidates",
    UserRole.RECRUITER: "recruiters",
    UserRole.ORGANISER: "organisers",
    UserRole.UNIVERSITY_STAFF: "university staff",
    UserRole.ADMIN: "admins",
}


def require(request: Request, user: User | None, *roles: UserRole) -> User:
    """The logged-in user if their role is one of ``roles`` (any role when none are given)."""
    if user is None:
        query = request.url.query
        raise NeedsLogin(request.url.path + (f"?{query}" if query else ""))
    if roles and user.role not in roles:
        words = [_ROLE_WORDS[r] for r in roles]
        allowed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        raise PermissionDenied(f"This page is for {allowed}.")
    return user


def page_for(*roles: UserRole) -> Callable[[Request, User | None], User]:
    """A dependency giving the logged-in user when their role is one of ``roles`` (any role when
    none are given); see :func:`require`."""

    def dependency(request: Request, user: PageUser) -> User:
        return require(request, user, *roles)

    return dependency


def _company_recruiter(request: Request, user: PageUser) -> User:
    me = require(request, user, UserRole.RECRUITER)
    if me.organisation_id is None:
        raise PermissionDenied("Your account is not linked to a company yet.")
    return me


SignedInPage = Annotated[User, Depends(page_for())]
CandidatePage = Annotated[User, Depends(page_for(UserRole.CANDIDATE))]
RecruiterPage = Annotated[User, Depends(_company_recruiter)]
"""A recruiter whose account is linked to a company (every recruiter page is about one)."""
OrganiserPage = Annotated[User, Depends(page_for(*ORGANISER_ROLES))]
StaffPage = Annotated[User, Depends(page_for(UserRole.UNIVERSITY_STAFF))]
AdminPage = Annotated[User, Depends(page_for(UserRole.ADMIN))]


async def checked_form(request: Request, posted: PostedForm) -> FormData:
    """The posted form, once its CSRF token (field ``csrf``) is this browser's."""
    check_csrf(request, str(posted.get("csrf", "")))
    return posted


CheckedForm = Annotated[FormData, Depends(checked_form)]
"""The posted form, CSRF-checked. A handler that takes its fields as ``Form()`` parameters
declares it too (``_form: CheckedForm``), so that no posted form skips the check."""
