"""Request dependencies as ``Annotated`` aliases: the database unit of work and the current user.

The API authenticates with bearer tokens only (never cookies), so a malicious page cannot make a
browser call it with the user's credentials; HTML pages use the signed session cookie plus a CSRF
token on every form.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from talentfoundry.domain.errors import AuthRequired, PermissionDenied
from talentfoundry.services import accounts, match_index
from talentfoundry.store.db import transaction
from talentfoundry.store.models import User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def get_db(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on any error."""
    factories = request.app.state.session_factories
    with transaction(factories["read" if request.method in SAFE_METHODS else "write"]) as session:
        yield session


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


def require_roles(*roles: str):
    def _check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise PermissionDenied(f"This needs one of the roles: {', '.join(roles)}.")
        return user

    return Depends(_check)


def page_user(request: Request, db: DB) -> User | None:
    """The user logged in through the HTML login form (signed session cookie), if any."""
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    user = db.get(User, user_id)
    if user is None or not user.is_active or request.session.get("pwh") != user.password_hash[-16:]:
        request.session.clear()  # deleted account or changed password: the cookie is void
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
