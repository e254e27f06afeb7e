"""How often someone may try to sign in, sign up or reset a password, per account and per address.

Counted with the ``limits`` library (the engine under slowapi and Flask-Limiter) in a moving
window, in the storage that ``TALENTFOUNDRY_RATE_LIMIT_URL`` names: ``memory://`` for one process,
``redis://...`` so that every worker process of a deployment shares one count (a limit kept in each
process's memory would let an attacker multiply it by the number of workers). Why these limits and
numbers: docs/adr/0003-rate-limits.md.

Sign-in counts failures only (a fair's Wi-Fi puts hundreds of honest people behind one address);
sign-up and password reset count every request. A request over a limit is refused before the
password is even looked at, so the right password is refused too until the window moves on.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from limits import RateLimitItem, parse
from limits.errors import ConfigurationError, StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from talentfoundry.config import Settings
from talentfoundry.domain.errors import FoundryError

__all__ = ["Attempt", "AttemptLimits", "TooManyAttempts"]

log = logging.getLogger(__name__)


class Attempt(StrEnum):
    """The guarded actions; each has a limit per account (e-mail) and per client address."""

    SIGN_IN = "sign-in"
    SIGN_UP = "sign-up"
    PASSWORD_RESET = "password-reset"


_WORDS = {
    Attempt.SIGN_IN: "sign-in attempts",
    Attempt.SIGN_UP: "sign-ups",
    Attempt.PASSWORD_RESET: "password-reset requests",
}
_WHOSE = {"account": "for this account", "address": "from your network address"}


class TooManyAttempts(FoundryError):
    """A limit is reached: HTTP 429 with ``Retry-After``; the message says how long to wait."""

    status = 429
    title = "Too many requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Limit:
    attempt: Attempt
    per: str  # "account" or "address"
    item: RateLimitItem


class AttemptLimits:
    """The limits of one deployment, over one storage. Built once per app from its settings.

    Times come from ``time.time()``, the clock the ``limits`` storages read too, so that a test
    can move both forward together instead of sleeping through a window.
    """

    def __init__(self, settings: Settings) -> None:
        self._url = settings.rate_limit_url
        options: dict[str, float | str | bool] = {"wrap_exceptions": True}
        if not self._url.startswith("memory"):
            options |= {
                "key_prefix": settings.rate_limit_prefix,
                # A storage that does not answer must not hold sign-ins up (see _guarded).
                "socket_connect_timeout": 2.0,
                "socket_timeout": 2.0,
            }
        try:
            storage = storage_from_string(self._url, **options)
        except ConfigurationError as exc:
            raise ValueError(f"TALENTFOUNDRY_RATE_LIMIT_URL {self._url!r}: {exc}") from exc
        self._limiter = MovingWindowRateLimiter(storage)
        self._limits = {
            (attempt, per): _Limit(attempt, per, parse(text))
            for attempt, per, text in (
                (Attempt.SIGN_IN, "account", settings.sign_in_limit_per_account),
                (Attempt.SIGN_IN, "address", settings.sign_in_limit_per_address),
                (Attempt.SIGN_UP, "account", settings.sign_up_limit_per_account),
                (Attempt.SIGN_UP, "address", settings.sign_up_limit_per_address),
                (Attempt.PASSWORD_RESET, "account", settings.password_reset_limit_per_account),
                (Attempt.PASSWORD_RESET, "address", settings.password_reset_limit_per_address),
            )
        }

    # -- what the account services call -----------------------------------------------------

    def check(self, attempt: Attempt, account: str, address: str) -> None:
        """Refuse (:class:`TooManyAttempts`) when either limit of ``attempt`` is used up."""
        for limit, key in self._both(attempt, account, address):
            if not self._guarded(lambda lim=limit, k=key: self._limiter.test(lim.item, *k)):
                self._refuse(limit, key, account, address)

    def record_failure(self, attempt: Attempt, account: str, address: str) -> None:
        """Count one failed try against the account and the address."""
        for limit, key in self._both(attempt, account, address):
            self._guarded(lambda lim=limit, k=key: self._limiter.hit(lim.item, *k))

    def consume(self, attempt: Attempt, account: str, address: str) -> None:
        """Count one try, refusing it when either limit is already used up (sign-up, reset)."""
        self.check(attempt, account, address)
        self.record_failure(attempt, account, address)

    def forget_account(self, attempt: Attempt, account: str) -> None:
        """Start the account's count afresh (after a successful sign-in)."""
        limit = self._limits[(attempt, "account")]
        self._guarded(
            lambda: self._limiter.clear(limit.item, *self._key(attempt, "account", account))
        )

    # -- internals ---------------------------------------------------------------------------

    def _both(
        self, attempt: Attempt, account: str, address: str
    ) -> list[tuple[_Limit, tuple[str, ...]]]:
        return [
            (self._limits[(attempt, "account")], self._key(attempt, "account", account)),
            (self._limits[(attempt, "address")], self._key(attempt, "address", address)),
        ]

    @staticmethod
    def _key(attempt: Attempt, per: str, value: str) -> tuple[str, ...]:
        """Storage key parts. E-mails are hashed so that the shared storage holds no addresses."""
        normal = value.strip().lower()
        if per == "account":
            normal = hashlib.sha256(normal.encode()).hexdigest()[:32]
        return (attempt.value, per, normal)

    def _guarded(self, call: Callable[[], bool | None]) -> bool:
        """Run a storage call; when the storage is down, log it and let the request through.

        Failing open is chosen over failing closed: an outage of Redis must not lock every
        person out of the fair, and the passwords are Argon2-hashed and strength-checked anyway.
        """
        try:
            result = call()
        except StorageError as exc:
            log.error("rate-limit storage %s unavailable, limits not applied: %s", self._url, exc)
            return True
        return True if result is None else bool(result)

    def _refuse(self, limit: _Limit, key: tuple[str, ...], account: str, address: str) -> None:
        stats = self._limiter.get_window_stats(limit.item, *key)
        seconds = max(1, math.ceil(stats.reset_time - time.time()))
        minutes = math.ceil(seconds / 60)
        log.warning(
            "%s refused: limit %r per %s reached (account %s, address %s); retry in %d s",
            limit.attempt.value,
            str(limit.item),
            limit.per,
            account,
            address,
            seconds,
        )
        raise TooManyAttempts(
            f"Too many {_WORDS[limit.attempt]} {_WHOSE[limit.per]}. "
            f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
            retry_after=seconds,
        )
