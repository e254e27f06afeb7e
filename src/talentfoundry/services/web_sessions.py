"""Browser sessions kept on the server, so that logging out really ends them.

The cookie holds only a random id (256 bits); the database keeps its SHA-256 with the person, the
times and a short description of the browser. A signed cookie that carries the user id cannot be
taken back: it keeps working after logout until it expires. A row can be deleted, which ends the
session at once, from any process (logout, "log out everywhere", a password change, erasure).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from talentfoundry.domain.timeutil import utcnow
from talentfoundry.store.models import User, WebSession

__all__ = [
    "TOUCH_EVERY",
    "LoadedSession",
    "describe_user_agent",
    "end",
    "end_all_for",
    "is_well_formed",
    "list_for",
    "load",
    "new_id",
    "save_data",
    "start",
    "touch",
]

TOUCH_EVERY = timedelta(minutes=5)
"""``last_seen_at`` is written at most this often: a write per page view would queue every
request behind SQLite's write lock for a column that only the account page reads."""

_ID_BYTES = 32
_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # token_urlsafe(32): 43 characters


def new_id() -> str:
    """A fresh, unguessable session id for the cookie."""
    return secrets.token_urlsafe(_ID_BYTES)


def is_well_formed(raw_id: str | None) -> bool:
    """Whether ``raw_id`` looks like an id from :func:`new_id` (anything else is ignored)."""
    return bool(raw_id) and _ID_PATTERN.match(raw_id or "") is not None


def _digest(raw_id: str) -> str:
    return hashlib.sha256(raw_id.encode()).hexdigest()


def start(
    db: Session, user: User, *, user_agent: str, lifetime: timedelta, now: datetime | None = None
) -> str:
    """Open a session for ``user`` and return its id (the cookie's value, shown only once).

    Expired rows of everyone are purged here: sign-ins are rare enough to pay for it, and it
    keeps the table to the live sessions without a separate job.
    """
    now = now or utcnow()
    db.execute(delete(WebSession).where(WebSession.expires_at <= now))
    raw_id = new_id()
    db.add(
        WebSession(
            user_id=user.id,
            id_sha256=_digest(raw_id),
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            user_agent=describe_user_agent(user_agent),
            data={},
        )
    )
    db.flush()
    return raw_id


@dataclass(frozen=True)
class LoadedSession:
    """What a request needs of its session row."""

    user_id: int
    data: dict[str, Any]
    expires_at: datetime
    stale: bool  # last seen more than TOUCH_EVERY ago: call touch()


def load(db: Session, raw_id: str, *, now: datetime | None = None) -> LoadedSession | None:
    """The live session with this id, or None (unknown, ended, expired or a deactivated user).

    Only reads, so that a page view takes no write lock; :func:`touch` marks it as seen.
    """
    now = now or utcnow()
    row = db.scalar(select(WebSession).where(WebSession.id_sha256 == _digest(raw_id)))
    if row is None or row.expires_at <= now or not row.user.is_active:
        return None
    return LoadedSession(
        user_id=row.user_id,
        data=dict(row.data or {}),
        expires_at=row.expires_at,
        stale=now - row.last_seen_at >= TOUCH_EVERY,
    )


def touch(db: Session, raw_id: str, *, now: datetime | None = None) -> None:
    """Record that the session was used now (shown as "last seen" on the account page)."""
    now = now or utcnow()
    row = db.scalar(select(WebSession).where(WebSession.id_sha256 == _digest(raw_id)))
    if row is not None:
        row.last_seen_at = now
        db.flush()


def save_data(db: Session, raw_id: str, data: dict[str, Any]) -> None:
    """Store the session's small key-value data (a one-time notice between two pages)."""
    row = db.scalar(select(WebSession).where(WebSession.id_sha256 == _digest(raw_id)))
    if row is not None:
        row.data = dict(data)
        db.flush()


def end(db: Session, raw_id: str) -> None:
    """End one session (logout in this browser)."""
    db.execute(delete(WebSession).where(WebSession.id_sha256 == _digest(raw_id)))
    db.flush()


def end_all_for(db: Session, user_id: int) -> int:
    """End every browser session of one person; returns how many there were.

    Callers go through ``services.accounts.end_all_sessions``, which ends API tokens too.
    """
    result = db.execute(delete(WebSession).where(WebSession.user_id == user_id))
    db.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def list_for(db: Session, user: User, *, now: datetime | None = None) -> list[WebSession]:
    """The person's live sessions, most recently seen first (for the account page)."""
    now = now or utcnow()
    return list(
        db.scalars(
            select(WebSession)
            .where(WebSession.user_id == user.id, WebSession.expires_at > now)
            .order_by(WebSession.last_seen_at.desc(), WebSession.id.desc())
        )
    )


_BROWSERS = (
    ("Edge", re.compile(r"Edg(e|A|iOS)?/")),
    ("Opera", re.compile(r"OPR/|Opera")),
    ("Samsung Internet", re.compile(r"SamsungBrowser/")),
    ("Firefox", re.compile(r"Firefox/|FxiOS/")),
    ("Chrome", re.compile(r"Chrome/|CriOS/|Chromium/")),
    ("Safari", re.compile(r"Safari/")),
    ("curl", re.compile(r"^curl/")),
    ("Python", re.compile(r"python-(requests|httpx)|^testclient$", re.IGNORECASE)),
)
_SYSTEMS = (
    ("Android", re.compile(r"Android")),
    ("iOS", re.compile(r"iPhone|iPad|iPod")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Mac OS X|Macintosh")),
    ("ChromeOS", re.compile(r"CrOS")),
    ("Linux", re.compile(r"Linux|X11")),
)


def describe_user_agent(user_agent: str) -> str:
    """A short, human description of a browser ("Firefox on Linux") for the account page.

    Only this summary is kept, not the full header, which says more than a person needs to
    recognise their own devices.

    >>> describe_user_agent(
    ...     "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
    'Firefox on Linux'
    >>> describe_user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
    ...     "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
    'Safari on iOS'
    >>> describe_user_agent("")
    'Unknown browser'
    """
    text = user_agent.strip()
    if not text:
        return "Unknown browser"
    browser = next((name for name, pattern in _BROWSERS if pattern.search(text)), None)
    system = next((name for name, pattern in _SYSTEMS if pattern.search(text)), None)
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return str(browser or system)
    return text[:60]
