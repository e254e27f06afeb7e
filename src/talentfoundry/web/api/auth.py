"""Sign-up, tokens, accounts; a person's own data export and erasure."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, EmailStr, Field

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.services import accounts, audit, privacy
from talentfoundry.services.schemas import RegisterIn, UserIn
from talentfoundry.web.api.schemas import AuditOut, TokenOut, UserOut
from talentfoundry.web.deps import (
    DB,
    ORGANISERS,
    AppSettings,
    ClientAddress,
    CurrentUser,
    Limits,
    writes,
)
from talentfoundry.web.mail_delivery import DeliverMailAfter

router = APIRouter(tags=["auth"])


class LoginIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=200)


class DeleteIn(BaseModel):
    password: str = Field(min_length=1, max_length=200)


class PasswordChangeIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


class SignUpOut(BaseModel):
    detail: str


SIGN_UP_ANSWER = (
    "Sign-up received. Get a token from POST /api/v1/auth/token with this e-mail and password. "
    "If the address already had an account, nothing about it changed and its owner is told."
)


@router.post(
    "/auth/register",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SignUpOut,
    responses={429: {"description": "Too many sign-ups for this address or from this client"}},
    dependencies=[DeliverMailAfter],
)
def register(
    db: DB, limits: Limits, settings: AppSettings, address: ClientAddress, data: RegisterIn
) -> SignUpOut:
    """Candidate self-service sign-up. The answer is the same whether or not the address is
    already registered (202, same body), so it cannot be used to find out who has an account;
    a new account signs in with ``POST /auth/token`` like everyone else."""
    accounts.sign_up(db, limits, settings, data, address=address)
    return SignUpOut(detail=SIGN_UP_ANSWER)


@router.post(
    "/auth/token",
    response_model=TokenOut,
    responses={429: {"description": "Too many failed sign-ins for this account or client"}},
)
def token(
    db: DB, limits: Limits, settings: AppSettings, address: ClientAddress, data: LoginIn
) -> TokenOut:
    user = accounts.sign_in(db, limits, data.email, data.password, address=address)
    issued = accounts.issue_token(db, user, lifetime_hours=settings.token_ttl_hours)
    return TokenOut(access_token=issued, user_id=user.id, role=user.role)


@router.post("/me/password", response_model=TokenOut)
def change_password(
    db: DB,
    user: CurrentUser,
    limits: Limits,
    settings: AppSettings,
    address: ClientAddress,
    data: PasswordChangeIn,
) -> TokenOut:
    """Change my password. Every session and API token of mine ends, this one included; the
    answer carries a fresh token so the caller stays signed in."""
    accounts.change_password(
        db, limits, user, data.current_password, data.new_password, address=address
    )
    issued = accounts.issue_token(db, user, lifetime_hours=settings.token_ttl_hours)
    return TokenOut(access_token=issued, user_id=user.id, role=user.role)


@router.post("/auth/logout-everywhere", status_code=status.HTTP_204_NO_CONTENT)
def logout_everywhere(db: DB, user: CurrentUser) -> Response:
    """End every browser session and API token of mine (this token included)."""
    accounts.end_all_sessions(db, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(
    db: DB,
    _user: CurrentUser,
    credentials: HTTPAuthorizationCredentials = Depends(HTTPBearer()),
) -> Response:
    accounts.revoke_token(db, credentials.credentials)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> Any:
    return user


@router.get("/me/export")
@writes  # audited: records who looked
def export(db: DB, user: CurrentUser) -> dict[str, Any]:
    """Everything the platform holds about me (GDPR-style access and portability)."""
    return privacy.export_my_data(db, user)


@router.get("/me/audit", response_model=list[AuditOut])
def who_viewed_me(db: DB, user: CurrentUser) -> Any:
    """Who looked at my profile or CV, and when."""
    return audit.entries_about(db, user.id)


@router.post("/me/delete", status_code=status.HTTP_204_NO_CONTENT)
def delete_me(db: DB, user: CurrentUser, data: DeleteIn) -> Response:
    """Erase my account and personal data (asks for the password again)."""
    privacy.delete_account(db, user, data.password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/users", status_code=status.HTTP_201_CREATED, response_model=UserOut, dependencies=[ORGANISERS]
)
def create_user(db: DB, actor: CurrentUser, data: UserIn) -> Any:
    """Admins create any account; organisers create recruiter and university-staff accounts."""
    allowed = {
        UserRole.ADMIN.value: set(UserRole),
        UserRole.ORGANISER.value: {UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF},
    }.get(actor.role, set())
    if data.role not in allowed:
        raise PermissionDenied(f"You may not create {data.role.value} accounts.")
    return accounts.create_user(db, data)
