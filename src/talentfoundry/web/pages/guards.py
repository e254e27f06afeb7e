"""Who may open a page: a logged-in user of the right role, or a redirect to the login form.

Pages check the role before doing anything; the services then check the finer rules (which
company, which event), so a page can never show more than the API would.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.store.models import User

__all__ = ["NeedsLogin", "login_redirect", "require", "safe_next"]


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
        allowed = " and ".join(_ROLE_WORDS[r] for r in roles)
        raise PermissionDenied(f"This page is for {allowed}.")
    return user
