"""Who may open a page: a logged-in user of the right role, or a redirect to the login form.

Pages check the role before doing anything; the services then check the finer rules (which
company, which event), so a page can never show more than the API would.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.store.models import User

__all__ = ["NeedsLogin", "login_redirect", "require"]


class NeedsLogin(Exception):
    """Raised by a page that needs a logged-in user; answered with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


async def login_redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NeedsLogin)
    return RedirectResponse("/login", status_code=303)


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
        raise NeedsLogin(request.url.path)
    if roles and user.role not in roles:
        allowed = " and ".join(_ROLE_WORDS[r] for r in roles)
        raise PermissionDenied(f"This page is for {allowed}.")
    return user
