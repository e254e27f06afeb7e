"""Request dependencies as ``Annotated`` aliases: the database unit of work and the current user.

The API authenticates with bearer tokens only (never cookies), so a malicious page cannot make a
browser call it with the user's credentials; HTML pages use the session cookie (an opaque id of a
server-side session, ``web.browser_sessions``) plus a CSRF token on every form.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import BackgroundTasks, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from talentfoundry.config import Settings
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import AuthRequired, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import accounts, match_index, web_sessions
from talentfoundry.services.sign_in_limits import AttemptLimits
from talentfoundry.store.models import User
from talentfoundry.web import browser_sessions

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
F = TypeVar("F", bound=Callable[..., Any])


def writes(endpoint: F) -> F:
    """Mark a GET route that writes (an audited read records who looked): its unit of work is a
    writing one, which SQLite needs to know before its first query (a read transaction cannot
    safely become a writing one while others write). Reading sessions refuse to write, so a
    route that writes without the mark fails in the tests instead of in production."""
    endpoint.tf_writes = True  # type: ignore[attr-defined]
    return endpoint


def _writes(request: Request) -> bool:
    endpoint = request.scope.get("endpoint")
    return request.method not in SAFE_METHODS or getattr(endpoint, "tf_writes", False)


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on any error.

    Admitted first (:mod:`talentfoundry.web.admission`): the request waits in line on the event
    loop, holding no connection and no lock, or is told to try again. Opening, committing and
    closing run in the thread pool like the handler's queries, never on the event loop.
    """
    writing = _writes(request)
    factories = request.app.state.session_factories
    async with request.app.state.gate.admit(writes=writing):
        session = factories["write" if writing else "read"]()
        try:
            yield session
            await run_in_threadpool(session.commit)
        except BaseException:
            await run_in_threadpool(session.rollback)
            raise
        finally:
            await run_in_threadpool(session.close)


async def posted_form(request: Request) -> FormData:
    """The posted form, read on the event loop, so that a page handler can stay a sync function
    and do its database work in the thread pool (an ``async def`` handler would run its queries
    on the event loop and stall every other request while it waits for a lock)."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]

# scope="function": commit before the response is sent, so a redirect's next GET sees the write
# and a failed commit is an error response, not a success followed by silent loss.
DB = Annotated[Session, Depends(get_db, scope="function")]

_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/token")


def optional_api_user(
    db: DB, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> User | None:
    if credentials is None:
        return None
    return accounts.user_for_token(db, credentials.credentials)


def api_user(user: Annotated[User | None, Depends(optional_api_user)]) -> User:
    if user is None:
        raise AuthRequired(
            "Log in first: send 'Authorization: Bearer <token>' (POST /api/v1/auth/token)."
        )
    return user


OptionalUser = Annotated[User | None, Depends(optional_api_user)]
CurrentUser = Annotated[User, Depends(api_user)]


_ROLE_WORDS = {
    UserRole.CANDIDATE: "candidates",
    UserRole.RECRUITER: "recruiters",
    UserRole.ORGANISER: "organisers",
    UserRole.UNIVERSITY_STAFF: "university staff",
    UserRole.ADMIN: "admins",
}


def require_roles(*roles: UserRole) -> Any:
    """A route dependency that lets only these roles call the route, checked FIRST.

    Declared in the route's ``dependencies=[...]``, it runs before FastAPI validates the body or
    the query (FastAPI solves dependencies before it validates parameters), so a person who may
    not call the route is told 403 "only organisers..." rather than 422 "field required", which
    would tell them how to shape a request they may not make. The services still check the finer
    rules (which event, which company). The roles are kept on the dependency (``tf_roles``) so
    that tests can sweep every restricted route.
    """
    allowed = frozenset(roles)
    names = [_ROLE_WORDS[r] for r in roles]
    words = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def _check(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise PermissionDenied(f"Only {words} may do this.")
        return user

    _check.tf_roles = allowed  # type: ignore[attr-defined]
    return Depends(_check)


ORGANISERS = require_roles(UserRole.ORGANISER, UserRole.ADMIN)
"""Event management: the services then check it is one of *this event's* organisers."""
CANDIDATES = require_roles(UserRole.CANDIDATE)
RECRUITERS = require_roles(UserRole.RECRUITER)
RECRUITERS_AND_ORGANISERS = require_roles(UserRole.RECRUITER, UserRole.ORGANISER, UserRole.ADMIN)
"""Job roles, interview slots and applicants: the company's recruiters or the events' organisers."""
ORGANISATION_STAFF = require_roles(UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF, UserRole.ADMIN)
"""An organisation's own page: its recruiters or staff."""
PROGRAMME_STAFF = require_roles(
    UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF, UserRole.ORGANISER, UserRole.ADMIN
)
"""Placement programmes: the offering organisation's people or the event's organisers."""
STAFF_AND_ORGANISERS = require_roles(UserRole.UNIVERSITY_STAFF, UserRole.ORGANISER, UserRole.ADMIN)
"""A university's skills gap at an event: its staff or the event's organisers."""
STAFF_AND_ADMINS = require_roles(UserRole.UNIVERSITY_STAFF, UserRole.ADMIN)
"""A university's trend across events (which span organisers)."""


def page_user(request: Request, db: DB) -> User | None:
    """The user logged in in this browser (``web.browser_sessions``), if any.

    The session row is read here, inside the request's unit of work, rather than in the
    middleware, so that the read waits its turn like every other query. A deleted, ended or
    expired session, or a deactivated account, is simply "not logged in".
    """
    state = browser_sessions.current(request)
    if state is None:
        return None
    if not state.loaded:
        state.loaded = True
        found = web_sessions.load(db, state.raw_id)
        if found is None:
            state.user_id = None
        else:
            state.user_id = found.user_id
            state.data.update(found.data)
            state.saved_data = dict(found.data)
            state.stale = found.stale
    if state.user_id is None:
        return None
    user = db.get(User, state.user_id)
    if user is None or not user.is_active:
        return None
    return user


PageUser = Annotated[User | None, Depends(page_user)]


def _reindex_after(request: Request, background: BackgroundTasks) -> None:
    """Bring the match index up to date in the background once the response is sent, so the
    next recommendation or shortlist does not wait for the re-indexing of a changed CV or role.
    Its progress shows in ``GET /api/v1/matching/status`` and on the organisers' dashboard; with
    dense embeddings on, their vectors follow in another background thread
    (``services.match_index``)."""
    background.add_task(match_index.warm_up, request.app.state.session_factories["read"])


ReindexAfter = Depends(_reindex_after)


def clock_now(request: Request) -> datetime:
    """The current instant for time-bound rules (check-in, deadlines): ``app.state.clock()``
    when the app was given a clock (tests move through an event's day with it, without
    sleeping or patching globals), else the real UTC time."""
    clock = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else utcnow()


Now = Annotated[datetime, Depends(clock_now)]


def app_settings(request: Request) -> Settings:
    """The settings the app was created with (never re-read from the environment)."""
    return request.app.state.settings


AppSettings = Annotated[Settings, Depends(app_settings)]


def attempt_limits(request: Request) -> AttemptLimits:
    """The app's sign-in, sign-up and password-reset limits (one storage per app)."""
    return request.app.state.attempt_limits


Limits = Annotated[AttemptLimits, Depends(attempt_limits)]


def client_address(request: Request) -> str:
    """The caller's address for per-address limits. Behind a reverse proxy this is the address
    the proxy reports: uvicorn takes ``X-Forwarded-For`` from the addresses it trusts
    (``--forwarded-allow-ips``, 127.0.0.1 by default)."""
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]
