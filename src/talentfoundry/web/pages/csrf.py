"""CSRF protection for HTML forms: a per-session token in the signed cookie, echoed by each form.

A cross-site page can make the browser send our cookie, but it cannot read the token to put in the
form, so its forged POST fails the comparison.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request

from talentfoundry.domain.errors import PermissionDenied


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    if not (isinstance(expected, str) and submitted and hmac.compare_digest(expected, submitted)):
        raise PermissionDenied(
            "The form expired or came from another site; reload the page and try again."
        )
