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
from talentfoundry.web.deps import DB, CurrentUser

router = APIRouter(tags=["auth"])


class LoginIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=200)


class DeleteIn(BaseModel):
    password: str = Field(min_length=1, max_length=200)


@router.post("/auth/register", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def register(db: DB, data: RegisterIn) -> Any:
    """Candidate self-service sign-up."""
    return accounts.register_candidate(db, data)


@router.post("/auth/token", response_model=TokenOut)
def token(db: DB, data: LoginIn) -> TokenOut:
    user = accounts.authenticate(db, data.email, data.password)
    return TokenOut(access_token=accounts.issue_token(db, user), user_id=user.id, role=user.role)


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


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def create_user(db: DB, actor: CurrentUser, data: UserIn) -> Any:
    """Admins create any account; organisers create recruiter and university-staff accounts."""
    allowed = {
        UserRole.ADMIN.value: set(UserRole),
        UserRole.ORGANISER.value: {UserRole.RECRUITER, UserRole.UNIVERSITY_STAFF},
    }.get(actor.role, set())
    if data.role not in allowed:
        raise PermissionDenied(f"You may not create {data.role.value} accounts.")
    return accounts.create_user(db, data)
