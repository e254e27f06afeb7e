"""Sign-up, sign-in, password changes, API tokens, and ending a person's sessions.

Every path (pages, API, CLI) signs people in and up through these functions, so the attempt
limits (``services.sign_in_limits``) and the rule "a password change ends every session" hold
on all of them.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from talentfoundry.config import Settings
from talentfoundry.domain.enums import OrgKind, UserRole
from talentfoundry.domain.errors import AuthRequired, Conflict, InputError
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import account_mail, web_sessions
from talentfoundry.services.passwords import check_strength, hash_password, verify_password
from talentfoundry.services.schemas import RegisterIn, UserIn
from talentfoundry.services.sign_in_limits import Attempt, AttemptLimits
from talentfoundry.store.models import ApiToken, CandidateProfile, Organisation, User

log = logging.getLogger(__name__)

# A real hash of a random password: verifying against it costs what a real check costs, so a login
# for an unknown e-mail takes as long as one with a wrong password (no enumeration by timing).
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def find_by_email(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def register_candidate(db: Session, data: RegisterIn) -> User:
    """A candidate account, refused with 409 when the e-mail is taken: for trusted callers only
    (the CLI, imports, tests). The public sign-up is :func:`sign_up`, which never says whether an
    address is registered."""
    return create_user(db, UserIn(**data.model_dump(), role=UserRole.CANDIDATE))


def sign_up(
    db: Session, limits: AttemptLimits, settings: Settings, data: RegisterIn, *, address: str
) -> User | None:
    """Self-service sign-up that tells nobody whether the address already has an account.

    A new address gets a candidate account (returned; it can sign in at once with its password)
    and an e-mail asking to confirm the address. A registered address is left as it was, its
    owner is told by e-mail (:func:`notify_sign_up_attempt`), and None is returned: callers
    answer both cases the same way. The messages are queued in this transaction; the caller
    delivers them after commit (``services.mail.deliver_pending``). The password is hashed in
    both cases so that the time taken does not tell either. Validation errors (a weak password, a
    bad time zone) do not depend on the address, so they may be shown as they are.
    """
    limits.consume(Attempt.SIGN_UP, data.email, address)
    check_strength(data.password)
    existing = find_by_email(db, data.email)
    if existing is None:
        try:
            with db.begin_nested():
                user = register_candidate(db, data)
        except Conflict:  # someone signed up with the same address at the same moment
            existing = find_by_email(db, data.email)
        else:
            account_mail.send_confirmation(db, settings, user)
            return user
    else:
        hash_password(data.password)  # the cost of creating an account, so timing tells nothing
    if existing is not None:
        notify_sign_up_attempt(db, settings, existing)
    return None


def notify_sign_up_attempt(db: Session, settings: Settings, user: User) -> None:
    """Tell the owner of an address, by e-mail, that someone tried to sign up with it ("if it
    was you, log in or choose a new password"), at most once an hour."""
    log.info("sign-up attempted with the address of existing account %d (owner told)", user.id)
    account_mail.notify_sign_up_attempt(db, settings, user)


def create_user(db: Session, data: UserIn, *, check_password: bool = True) -> User:
    if check_password:
        check_strength(data.password)
    if find_by_email(db, data.email) is not None:
        raise Conflict("An account with this e-mail already exists.", field="email")
    if data.role in (UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF):
        if data.organisation_id is None:
            raise InputError(
                f"A {data.role.value} belongs to an organisation.", field="organisation_id"
            )
        org = db.get(Organisation, data.organisation_id)
        expected = OrgKind.COMPANY if data.role is UserRole.RECRUITER else OrgKind.UNIVERSITY
        if org is None or org.kind != expected:
            raise InputError(
                f"organisation_id must name a {expected.value} for a {data.role.value}.",
                field="organisation_id",
            )
    user = User(
        email=data.email.strip().lower(),
        password_hash=hash_password(data.password),
        full_name=data.full_name,
        role=data.role.value,
        organisation_id=data.organisation_id,
        timezone=data.timezone,
    )
    if data.role is UserRole.CANDIDATE:
        user.profile = CandidateProfile()
    db.add(user)
    try:
        db.flush()
    except IntegrityError as exc:  # a concurrent sign-up with the same e-mail
        raise Conflict("An account with this e-mail already exists.", field="email") from exc
    return user


def sign_in(db: Session, limits: AttemptLimits, email: str, password: str, *, address: str) -> User:
    """The user with this e-mail and password, within the sign-in limits of the account and of
    the client ``address``: over a limit even the right password is refused (429)."""
    limits.check(Attempt.SIGN_IN, email, address)
    try:
        user = authenticate(db, email, password)
    except AuthRequired:
        limits.record_failure(Attempt.SIGN_IN, email, address)
        raise
    limits.forget_account(Attempt.SIGN_IN, email)
    return user


def change_password(
    db: Session,
    limits: AttemptLimits,
    user: User,
    current: str,
    new: str,
    *,
    address: str,
) -> None:
    """Set a new password after checking the current one, and end every session and API token
    of the person (a thief who had one is out); the caller opens a fresh session for the person
    who asked. Wrong current passwords count against the sign-in limit, so a stolen session
    cannot be used to guess the password."""
    limits.check(Attempt.SIGN_IN, user.email, address)
    if not verify_password(user.password_hash, current):
        limits.record_failure(Attempt.SIGN_IN, user.email, address)
        raise InputError("The current password is not right.", field="current_password")
    if new == current:
        raise InputError("The new password is the same as the current one.", field="new_password")
    try:
        check_strength(new)
    except InputError as exc:
        raise InputError(exc.message, field="new_password") from exc
    user.password_hash = hash_password(new)
    end_all_sessions(db, user)


def end_all_sessions(db: Session, user: User) -> None:
    """End every browser session and every API token of ``user``, in every process at once.

    The one place that does it: "log out everywhere", a password change, a password reset and
    account erasure all call this.
    """
    ended = web_sessions.end_all_for(db, user.id)
    tokens = db.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    db.flush()
    log.info(
        "ended all sessions of user %d (%d browser sessions, %d API tokens)",
        user.id,
        ended,
        int(getattr(tokens, "rowcount", 0) or 0),
    )


def authenticate(db: Session, email: str, password: str) -> User:
    user = find_by_email(db, email)
    if user is None or not user.is_active:
        verify_password(_dummy_hash(), password)
        raise AuthRequired("Wrong e-mail or password.")
    if not verify_password(user.password_hash, password):
        raise AuthRequired("Wrong e-mail or password.")
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_TOKEN_HOURS: int = Settings.model_fields["token_ttl_hours"].default


def issue_token(db: Session, user: User, *, lifetime_hours: int = _TOKEN_HOURS) -> str:
    """A new bearer token; the caller sees it once, the database keeps only its hash. The web
    layer passes ``Settings.token_ttl_hours``."""
    token = "tf_" + secrets.token_urlsafe(32)
    ttl = timedelta(hours=lifetime_hours)
    db.add(ApiToken(user_id=user.id, token_sha256=_digest(token), expires_at=utcnow() + ttl))
    db.flush()
    return token


def user_for_token(db: Session, token: str) -> User:
    row = db.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
    if row is None or row.expires_at <= utcnow() or not row.user.is_active:
        raise AuthRequired("The token is invalid or has expired; log in again.")
    return row.user


def revoke_token(db: Session, token: str) -> None:
    row = db.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
    if row is not None:
        db.delete(row)
        db.flush()
