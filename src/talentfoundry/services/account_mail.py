"""E-mails about a person's own account, and the one-time links they carry.

- a new sign-up is asked to confirm its address (a link that sets ``users.email_verified_at``);
  signing in does not wait for it, the person's page shows a reminder with "send again";
- a sign-up with an address that already has an account tells the owner (the sign-up page itself
  answers the same in both cases, so it cannot be used to find out who is registered);
- the password-reset link (``services.password_reset``).

A link's token is random (256 bits); the link table stores only its SHA-256, and the message
carrying it holds the link only until it is sent or has finally failed (``services.mail`` then
blanks it out of the stored bodies). It works once and until its expiry. Links are built on
``public_url``, never on a request's Host header, which anyone can set to send a victim a reset
link pointing at their own site.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from talentfoundry.config import Settings
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import mail
from talentfoundry.store.mail_models import OneTimeLink
from talentfoundry.store.models import User

__all__ = [
    "LinkPurpose",
    "confirm_email",
    "issue_link",
    "link_url",
    "notify_sign_up_attempt",
    "send_confirmation",
    "usable_link",
    "use_all",
]

CONFIRM_AGAIN_EVERY = timedelta(minutes=10)
"""At most one "send again" confirmation per person in this time (a button is easy to press)."""


class LinkPurpose(StrEnum):
    PASSWORD_RESET = "password-reset"
    CONFIRM_EMAIL = "confirm-email"


_PATHS = {LinkPurpose.PASSWORD_RESET: "/password/reset", LinkPurpose.CONFIRM_EMAIL: "/confirm"}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(
    db: Session, user: User, purpose: LinkPurpose, lifetime: timedelta, now: datetime
) -> tuple[OneTimeLink, str]:
    """A new one-time link for ``user``: the row (token hashed) and the token, seen only here."""
    token = secrets.token_urlsafe(32)
    row = OneTimeLink(
        user_id=user.id,
        purpose=purpose.value,
        token_sha256=_digest(token),
        email=user.email,
        created_at=now,
        expires_at=now + lifetime,
    )
    db.add(row)
    db.flush()
    return row, token


def link_url(settings: Settings, purpose: LinkPurpose, token: str) -> str:
    return f"{settings.public_url.rstrip('/')}{_PATHS[purpose]}/{token}"


def usable_link(
    db: Session, token: str, purpose: LinkPurpose, now: datetime, *, lock: bool = False
) -> OneTimeLink | None:
    """The link of ``token`` if it is for ``purpose``, unused, unexpired, and its person's
    address and account are still the ones it was sent for; else None (the pages say "expired or
    used" without telling which). ``lock`` holds the row until commit, so two clicks at once
    cannot both use it."""
    if not token or len(token) > 200:
        return None
    query = select(OneTimeLink).where(
        OneTimeLink.token_sha256 == _digest(token), OneTimeLink.purpose == purpose.value
    )
    if lock:
        query = query.with_for_update()
    row = db.scalar(query)
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    if not row.user.is_active or row.user.email != row.email:
        return None
    return row


def use_all(db: Session, user: User, purpose: LinkPurpose, now: datetime) -> None:
    """Mark every open link of ``user`` for ``purpose`` used (one reset ends the others)."""
    db.execute(
        update(OneTimeLink)
        .where(
            OneTimeLink.user_id == user.id,
            OneTimeLink.purpose == purpose.value,
            OneTimeLink.used_at.is_(None),
        )
        .values(used_at=now)
    )


def send_confirmation(
    db: Session, settings: Settings, user: User, *, now: datetime | None = None, again: bool = False
) -> bool:
    """Queue "confirm your e-mail address" with a fresh link: once at sign-up, then ``again``
    at most once per ``CONFIRM_AGAIN_EVERY`` (a double click sends one message). False when
    nothing was queued (that, or the address is confirmed already)."""
    now = now or utcnow()
    if user.email_verified_at is not None:
        return False
    window = int(now.timestamp() // CONFIRM_AGAIN_EVERY.total_seconds())
    key = f"confirm-email:{user.id}:" + (f"again-{window}" if again else "sign-up")
    if mail.queued_already(db, key):
        return False
    hours = settings.email_confirmation_hours
    _, token = issue_link(db, user, LinkPurpose.CONFIRM_EMAIL, timedelta(hours=hours), now)
    queued = mail.queue(
        db,
        settings,
        to=user,
        kind="confirm_email",
        subject="Confirm your e-mail address for Talent Foundry",
        context={"link": link_url(settings, LinkPurpose.CONFIRM_EMAIL, token), "hours": hours},
        idempotency_key=key,
        holds_secret=True,
    )
    return queued is not None


def confirm_email(db: Session, token: str, *, now: datetime | None = None) -> User | None:
    """Mark the address of the link's person confirmed; None when the link is expired, used or
    unknown."""
    now = now or utcnow()
    row = usable_link(db, token, LinkPurpose.CONFIRM_EMAIL, now, lock=True)
    if row is None:
        return None
    row.used_at = now
    if row.user.email_verified_at is None:
        row.user.email_verified_at = now
    use_all(db, row.user, LinkPurpose.CONFIRM_EMAIL, now)
    db.flush()
    return row.user


def notify_sign_up_attempt(
    db: Session, settings: Settings, user: User, *, now: datetime | None = None
) -> None:
    """Tell the owner of an address that someone tried to sign up with it: at most one such
    message an hour, however often it is tried (the sign-up limit caps tries too)."""
    now = now or utcnow()
    site = settings.public_url.rstrip("/")
    mail.queue(
        db,
        settings,
        to=user,
        kind="sign_up_attempt",
        subject="Someone tried to create a Talent Foundry account with your address",
        context={"login_link": f"{site}/login", "forgot_link": f"{site}/password/forgot"},
        idempotency_key=f"sign-up-attempt:{user.id}:{int(now.timestamp() // 3600)}",
    )
