"""Sign-up, login, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from talentfoundry.config import get_settings
from talentfoundry.domain.enums import OrgKind, UserRole
from talentfoundry.domain.errors import AuthRequired, Conflict, InputError
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services.passwords import check_strength, hash_password, verify_password
from talentfoundry.services.schemas import RegisterIn, UserIn
from talentfoundry.store.models import ApiToken, CandidateProfile, Organisation, User

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
    """Self-service sign-up: always a candidate (other roles are created by admins/organisers)."""
    return create_user(db, UserIn(**data.model_dump(), role=UserRole.CANDIDATE))


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


def issue_token(db: Session, user: User) -> str:
    """A new bearer token; the caller sees it once, the database keeps only its hash."""
    token = "tf_" + secrets.token_urlsafe(32)
    ttl = timedelta(hours=get_settings().token_ttl_hours)
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
