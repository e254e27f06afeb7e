"""The browser's session cookie: an opaque random id, with the login kept on the server.

:class:`BrowserSessionMiddleware` replaces Starlette's ``SessionMiddleware`` (a signed cookie
whose readable payload carried the user id and which kept working after logout). It reads the
``tf_session`` cookie and offers :func:`current` (the id; ``web.deps.page_user`` finds who is
logged in from the row of ``services.web_sessions``) and ``request.session`` (a small dict stored
in that row, for one-time notices between two pages). Handlers log people in and out with
:func:`sign_in` and :func:`sign_out`, which give the browser a new id each time (no session
fixation).

Visitors who are not logged in get an id too (no row), because their forms need a CSRF token
(``web.pages.csrf`` derives it from the id with the secret key). The API never reads this cookie:
it authenticates with bearer tokens only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import anyio
from fastapi import Request
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talentfoundry.services import web_sessions
from talentfoundry.store.db import transaction
from talentfoundry.store.models import User

__all__ = ["COOKIE", "BrowserSession", "BrowserSessionMiddleware", "current", "sign_in", "sign_out"]

COOKIE = "tf_session"
_SCOPE_KEY = "tf.browser_session"
_SKIPPED = ("/static/", "/api/")  # no forms and no cookie logins there


log = logging.getLogger(__name__)


@dataclass
class BrowserSession:
    """This request's view of its browser session."""

    raw_id: str
    user_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    saved_data: dict[str, Any] = field(default_factory=dict)
    send_cookie: bool = False
    max_age: int | None = None  # seconds the cookie lives; None: until the browser closes
    loaded: bool = False  # the row was looked up (by ``web.deps.page_user``)
    stale: bool = False  # the row was last marked as seen long ago: touch it after the response


def current(request: Request) -> BrowserSession | None:
    """The request's session state, or None outside the middleware (API and static paths)."""
    return request.scope.get(_SCOPE_KEY)


def sign_in(request: Request, db: Session, user: User) -> None:
    """Log ``user`` in in this browser: a new session row and a new cookie id.

    The previous id (anonymous, or another person's on a shared computer) is ended, so an id that
    someone planted or saw before the login opens nothing.
    """
    state = _require(request)
    settings = request.app.state.settings
    web_sessions.end(db, state.raw_id)  # whoever was logged in in this browser before
    lifetime = timedelta(hours=settings.session_hours)
    state.raw_id = web_sessions.start(
        db, user, user_agent=request.headers.get("user-agent", ""), lifetime=lifetime
    )
    state.user_id = user.id
    state.loaded = True
    state.data.clear()
    state.saved_data = {}
    state.send_cookie = True
    state.max_age = int(lifetime.total_seconds())


def sign_out(request: Request, db: Session) -> None:
    """End this browser's session (its row is deleted) and give the browser a new anonymous id."""
    state = _require(request)
    web_sessions.end(db, state.raw_id)
    state.raw_id = web_sessions.new_id()
    state.user_id = None
    state.loaded = True
    state.data.clear()
    state.saved_data = {}
    state.send_cookie = True
    state.max_age = None


def _require(request: Request) -> BrowserSession:
    state = current(request)
    if state is None:
        raise RuntimeError("BrowserSessionMiddleware is not installed for this path")
    return state


class BrowserSessionMiddleware:
    """Pure ASGI middleware (no response buffering) that keeps the session cookie.

    It does not read the database: ``web.deps.page_user`` looks the session up inside the
    request's own unit of work. It writes only when the session's data changed (before the
    response) or the session was last marked as seen more than ``web_sessions.TOUCH_EVERY`` ago
    (after the response), in a worker thread so that the event loop never waits on it.
    """

    def __init__(self, app: ASGIApp, *, https_only: bool) -> None:
        self.app = app
        self.https_only = https_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_SKIPPED):
            await self.app(scope, receive, send)
            return
        raw_id = _cookie(scope)
        if raw_id is not None:
            state = BrowserSession(raw_id=raw_id)
        else:
            state = BrowserSession(raw_id=web_sessions.new_id(), send_cookie=True, loaded=True)
        scope[_SCOPE_KEY] = state
        scope["session"] = state.data  # what ``request.session`` reads

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                if state.user_id is not None and state.data != state.saved_data:
                    await anyio.to_thread.run_sync(self._save, scope, state)
                if state.send_cookie:
                    MutableHeaders(scope=message).append("set-cookie", self._cookie_header(state))
            await send(message)

        await self.app(scope, receive, send_with_cookie)
        if state.stale and state.user_id is not None:  # after the response: costs the user nothing
            await anyio.to_thread.run_sync(self._touch, scope, state.raw_id)

    def _cookie_header(self, state: BrowserSession) -> str:
        parts = [f"{COOKIE}={state.raw_id}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if state.max_age is not None:
            parts.append(f"Max-Age={state.max_age}")
        if self.https_only:
            parts.append("Secure")
        return "; ".join(parts)

    # Both run after the request's own unit of work committed: failing here must not turn a
    # done request into an error (the replay middleware would answer 503 "try again" for work
    # already done). What they keep is small (a notice, a last-seen time): log and go on.

    @staticmethod
    def _touch(scope: Scope, raw_id: str) -> None:
        try:
            with transaction(scope["app"].state.session_factories["write"]) as db:
                web_sessions.touch(db, raw_id)
        except SQLAlchemyError:
            log.warning("could not mark a browser session as seen", exc_info=True)

    @staticmethod
    def _save(scope: Scope, state: BrowserSession) -> None:
        try:
            with transaction(scope["app"].state.session_factories["write"]) as db:
                web_sessions.save_data(db, state.raw_id, state.data)
        except SQLAlchemyError:
            log.warning("could not keep a browser session's notice", exc_info=True)
            return
        state.saved_data = dict(state.data)


def _cookie(scope: Scope) -> str | None:
    """The well-formed session id the browser sent, if any."""
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            raw_id = cookie_parser(value.decode("latin-1")).get(COOKIE)
            if web_sessions.is_well_formed(raw_id):
                return raw_id
    return None
