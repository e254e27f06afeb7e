"""Password hashing with Argon2id (argon2-cffi), the OWASP-recommended default."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from talentfoundry.config import get_settings
from talentfoundry.domain.errors import InputError

MIN_PASSWORD_LENGTH = 10


@lru_cache
def _hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def hasher() -> PasswordHasher:
    settings = get_settings()
    return _hasher(settings.argon2_time_cost, settings.argon2_memory_kib)


def check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(
            f"Password must be at least {MIN_PASSWORD_LENGTH} characters long.", field="password"
        )
    if password.isdigit() or (password.lower() == password and password.isalpha()):
        raise InputError(
            "Password is too easy to guess: mix letters with digits, capitals or symbols.",
            field="password",
        )


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
