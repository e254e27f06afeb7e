"""CSRF protection for HTML forms: a token tied to the browser's session id, echoed by each form.

The token is an HMAC of the session cookie's id under the secret key, so nothing needs storing:
a cross-site page can make the browser send our cookie, but it can read neither the cookie
(HttpOnly) nor our pages, and without the secret key it cannot compute the token, so its forged
POST fails the comparison. Logging in or out gives the browser a new id, hence a new token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from fastapi import Request

from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.web import browser_sessions


def csrf_token(request: Request) -> str:
    """The token for this browser's forms ("" where there is no browser session: the API)."""
    state = browser_sessions.current(request)
    if state is None:
        return ""
    secret = request.app.state.settings.secret_key.encode()
    digest = hmac.new(secret, b"csrf:" + state.raw_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = csrf_token(request)
    # Bytes: compare_digest refuses str with non-ASCII characters, which a forger may send.
    if not (expected and submitted and hmac.compare_digest(expected.encode(), submitted.encode())):
        raise PermissionDenied(
            "The form expired or came from another site; reload the page and try again."
        )
