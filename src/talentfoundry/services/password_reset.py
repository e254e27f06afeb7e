"""Forgotten passwords: a time-limited, single-use link by e-mail, then a new password.

Asking gives the same answer whether or not the address has an account (so the form cannot be used
to find out who is registered) and is counted against the password-reset limits of the address
asked about and of the asking network address (docs/adr/0003-rate-limits.md). Setting the new
password ends every browser session and API token of the person (``accounts.end_all_sessions``):
whoever knew the old password, or held a session, is out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from talentfoundry.config import Settings
from talentfoundry.domain.errors import FoundryError, InputError
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import accounts, mail
from talentfoundry.services.account_mail import LinkPurpose, issue_link, link_url, usable_link
from talentfoundry.services.account_mail import use_all as use_all_links
from talentfoundry.services.passwords import check_strength, hash_password
from talentfoundry.services.sign_in_limits import Attempt, AttemptLimits
from talentfoundry.store.models import User

__all__ = ["LinkExpired", "link_is_usable", "request_reset", "reset_password"]


class LinkExpired(FoundryError):
    """The reset link is unknown, used, or past its time (the page does not say which)."""

    status = 410
    title = "Link expired"


EXPIRED = "This link has expired or was already used. Ask for a new one below."


def request_reset(
    db: Session,
    limits: AttemptLimits,
    settings: Settings,
    email: str,
    *,
    address: str,
    now: datetime | None = None,
) -> None:
    """Queue a reset link to ``email`` if an active account has it; otherwise do nothing. The
    caller answers the same either way."""
    email = email.strip()
    if not email or "@" not in email or len(email) > 254:
        raise InputError("Enter the e-mail address you log in with.", field="email")
    limits.consume(Attempt.PASSWORD_RESET, email, address)
    user = accounts.find_by_email(db, email)
    if user is None or not user.is_active:
        return
    now = now or utcnow()
    minutes = settings.password_reset_minutes
    link, token = issue_link(db, user, LinkPurpose.PASSWORD_RESET, timedelta(minutes=minutes), now)
    mail.queue(
        db,
        settings,
        to=user,
        kind="password_reset",
        subject="Choose a new password for Talent Foundry",
        context={"link": link_url(settings, LinkPurpose.PASSWORD_RESET, token), "minutes": minutes},
        idempotency_key=f"password-reset:{link.id}",
        holds_secret=True,
    )


def link_is_usable(db: Session, token: str, *, now: datetime | None = None) -> bool:
    """Whether the reset page should offer the new-password form for ``token``."""
    return usable_link(db, token, LinkPurpose.PASSWORD_RESET, now or utcnow()) is not None


def reset_password(
    db: Session,
    limits: AttemptLimits,
    token: str,
    new_password: str,
    *,
    now: datetime | None = None,
) -> User:
    """Set ``new_password`` for the person of the link, use up the link (and any other reset link
    of theirs), and end all their sessions and tokens. A weak password leaves the link usable."""
    now = now or utcnow()
    link = usable_link(db, token, LinkPurpose.PASSWORD_RESET, now, lock=True)
    if link is None:
        raise LinkExpired(EXPIRED)
    try:
        check_strength(new_password)
    except InputError as exc:
        raise InputError(exc.message, field="new_password") from exc
    user = link.user
    user.password_hash = hash_password(new_password)
    link.used_at = now
    use_all_links(db, user, LinkPurpose.PASSWORD_RESET, now)
    if user.email_verified_at is None:  # the link reached them: the address is theirs
        user.email_verified_at = now
    accounts.end_all_sessions(db, user)
    limits.forget_account(Attempt.SIGN_IN, user.email)  # failed sign-ins no longer lock them out
    return user
