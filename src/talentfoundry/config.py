"""Settings, read from ``TALENTFOUNDRY_*`` environment variables.

Built by :func:`get_settings` rather than a module global so that tests and the CLI pass their own
values. In production a default, short or repetitive secret key is refused: it signs the CSRF
tokens, and a guessable key would let anyone forge them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from talentfoundry.matching.cv_limits import DEFAULT_CV_LIMITS as CV_LIMITS

DEV_SECRET = "dev-only-insecure-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TALENTFOUNDRY_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default="sqlite:///talentfoundry.db",
        description="SQLAlchemy URL. SQLite file in the working directory by default; "
        "postgresql+psycopg://user@host/db in production.",
    )
    secret_key: str = DEV_SECRET
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    max_request_bytes: int | None = Field(
        default=None,
        ge=1024,
        description="Largest upload request (multipart), refused with 413 before it is read "
        "further. Default: `max_upload_bytes` plus 64 KB for the envelope around the file.",
    )
    max_body_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="Largest request body other than an upload (JSON, a page's form), refused "
        "with 413 before it is read further: such bodies are parsed whole into objects 10-30 "
        "times their size.",
    )
    cv_max_expanded_bytes: int = Field(
        default=CV_LIMITS.max_expanded_bytes,
        ge=1024 * 1024,
        description="What one CV's parts (a DOCX is a ZIP archive) may unpack to, checked before "
        "anything is unpacked.",
    )
    cv_max_expansion_ratio: int = Field(
        default=CV_LIMITS.max_expansion_ratio,
        ge=2,
        description="How many times its packed size one part of a CV over 1 MB may unpack to "
        "(a zip bomb packs about 1,000 to 1).",
    )
    cv_max_text_chars: int = Field(
        default=CV_LIMITS.max_text_chars, ge=1000, description="Characters of text one CV may hold."
    )
    cv_max_pdf_pages: int = Field(
        default=CV_LIMITS.max_pdf_pages, ge=1, description="Pages one PDF CV may have."
    )
    cv_read_seconds: float = Field(
        default=CV_LIMITS.seconds,
        gt=0,
        le=600,
        description="Time budget for reading one CV; the web's reader process is killed 5 s later.",
    )
    cv_worker_memory_bytes: int = Field(
        default=1024 * 1024 * 1024,
        ge=128 * 1024 * 1024,
        description="Address space of the process that reads one uploaded CV (RLIMIT_AS).",
    )
    cv_workers: int = Field(
        default=2,
        ge=1,
        le=64,
        description="CVs one web process reads at once, each in its own process; further uploads "
        "wait for a turn, at most `cv_read_seconds`.",
    )
    token_ttl_hours: int = Field(default=24 * 14, ge=1)
    cookie_secure: bool | None = Field(
        default=None,
        description="Send the session cookie over HTTPS only. Default: on in production, off "
        "elsewhere (a development server on http://127.0.0.1 could not keep a Secure cookie).",
    )
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=8)
    dense: Literal["auto", "on", "off"] | None = Field(
        default=None,
        description="Dense embeddings (a sentence model beside the lexical and skill evidence): "
        "`auto` uses the model when the `embeddings` extra is installed, `on` requires it, `off` "
        "never. Unset: off in the platform (too slow on a few CPU cores), auto for `foundry rank`.",
    )
    index_dir: str | None = Field(
        default=None,
        description="Folder where the match index of the database is saved, so that a process "
        "starts from it instead of re-reading every CV. Default: `<file>.index` next to a SQLite "
        "file; none (not saved) for PostgreSQL. `off` turns it off.",
    )

    max_active_requests: int = Field(
        default=16,
        ge=1,
        le=256,
        description="Requests one web process lets use the database at once; the rest wait in "
        "line (holding nothing) and get a 503 'try again' after `queue_wait_seconds`. Kept below "
        "the thread pool (40) so an admitted request never waits for a thread; the connection "
        "pool holds this many plus 4 (background work).",
    )
    queue_wait_seconds: float = Field(
        default=10.0,
        gt=0,
        le=120,
        description="How long a request may wait in line for the database before it is told to "
        "try again (503 with Retry-After).",
    )

    no_show_grace_minutes: int = Field(
        default=30,
        ge=0,
        le=24 * 60,
        description="How long after a meeting's end its company may still mark the candidate as "
        "not there (a no-show), or undo that; marking opens when the meeting starts.",
    )
    check_in_opens_before_minutes: int = Field(
        default=120,
        ge=0,
        le=7 * 24 * 60,
        description="How long before an event starts its check-in opens (the badge desk and "
        "joining online); it closes when the event ends.",
    )

    session_hours: int = Field(
        default=12,
        ge=1,
        le=24 * 90,
        description="How long a page session (the browser's login) lasts; logout, 'log out "
        "everywhere' and a password change end it sooner.",
    )
    rate_limit_url: str = Field(
        default="memory://",
        description="Where sign-in, sign-up and password-reset attempts are counted: "
        "`memory://` (one process) or `redis://host:6379/0` (shared by every process).",
    )
    rate_limit_prefix: str = Field(
        default="talentfoundry",
        min_length=1,
        description="Prefix of the rate-limit keys in the shared storage (one per deployment).",
    )
    sign_in_limit_per_account: str = Field(
        default="10 per 15 minutes",
        description="Failed sign-ins one account may have in that moving window.",
    )
    sign_in_limit_per_address: str = Field(
        default="60 per 15 minutes",
        description="Failed sign-ins one client address may make in that moving window.",
    )
    sign_up_limit_per_account: str = Field(
        default="5 per hour", description="Sign-ups one e-mail address may receive."
    )
    sign_up_limit_per_address: str = Field(
        default="20 per 10 minutes", description="Sign-ups one client address may send."
    )
    password_reset_limit_per_account: str = Field(
        default="5 per hour", description="Password-reset requests for one account."
    )
    password_reset_limit_per_address: str = Field(
        default="20 per hour", description="Password-reset requests from one client address."
    )

    smtp_url: str | None = Field(
        default=None,
        description="Mail server for outgoing e-mail: `smtp://user:password@host:587` or "
        "`smtps://...` (TLS from the start). Unset: messages are kept in the outbox, which "
        "admins read at /admin/outbox, and nothing is sent.",
    )
    smtp_starttls: bool = Field(
        default=False,
        description="Switch an `smtp://` connection to TLS with STARTTLS before logging in.",
    )
    mail_from: str = Field(
        default="Talent Foundry <no-reply@localhost>",
        min_length=3,
        description="Sender of every e-mail (From), e.g. `Fair team <fair@example.org>`.",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The site's address as people reach it, used for the links in e-mails (never "
        "taken from a request's Host header, which anyone can forge).",
    )
    password_reset_minutes: int = Field(
        default=60,
        ge=5,
        le=24 * 60,
        description="How long a password-reset link works (it works once).",
    )
    email_confirmation_hours: int = Field(
        default=72,
        ge=1,
        le=30 * 24,
        description="How long the link that confirms a new account's e-mail address works.",
    )
    mail_max_attempts: int = Field(
        default=5,
        ge=1,
        le=50,
        description="Tries to hand a message to the mail server (waiting 1, 2, 4... minutes "
        "between them) before it is marked failed; a refusal such as 'no such mailbox' is final "
        "at once.",
    )

    log_format: Literal["plain", "json"] | None = Field(
        default=None,
        description="Server log lines: `plain` text or `json` (one object a line, with the "
        "request id). Default: json in production, plain elsewhere.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] | None = Field(
        default=None,
        description="Lowest level of server log lines; one INFO line per request. Default: INFO "
        "in production, WARNING elsewhere (a quiet demo).",
    )

    @property
    def logs(self) -> tuple[str, str]:
        """The log format and level in effect (see ``log_format`` and ``log_level``)."""
        production = self.environment == "production"
        return (
            self.log_format or ("json" if production else "plain"),
            self.log_level or ("INFO" if production else "WARNING"),
        )

    @property
    def https_only(self) -> bool:
        """Whether cookies carry ``Secure`` and responses ``Strict-Transport-Security``."""
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.environment == "production"

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url_shape(cls, value: str | None) -> str | None:
        """A mistyped mail-server address is refused at start, not found at the first e-mail."""
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(
                "TALENTFOUNDRY_SMTP_URL must look like smtp://user:password@host:587 "
                "or smtps://user:password@host:465"
            )
        return value

    @model_validator(mode="after")
    def _refuse_weak_secret(self) -> Settings:
        if self.environment == "production":
            problem = secret_key_problem(self.secret_key)
            if problem:
                raise ValueError(
                    f"TALENTFOUNDRY_SECRET_KEY {problem}; in production set it to a long random "
                    "value, e.g. the output of: python -c 'import secrets; "
                    "print(secrets.token_urlsafe(48))'"
                )
        return self


MIN_SECRET_LENGTH = 32
MIN_SECRET_DISTINCT = 10


def secret_key_problem(secret: str) -> str | None:
    """Why ``secret`` is too weak to sign cookies and CSRF tokens in production, or None.

    The key signs every CSRF token; a short or repetitive key (``x``, ``aaaa...``) can be guessed
    offline from one token, and the development default is public.

    >>> secret_key_problem("x")
    'is 1 characters long, shorter than 32'
    >>> secret_key_problem("ab" * 20)
    'has only 2 distinct characters (at least 10 needed)'
    >>> secret_key_problem("kq3T8v0Rz_pLw2Nx5cYb7Hd9Jm4Fs6Gt") is None
    True
    """
    if secret == DEV_SECRET:
        return "is the development default"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"is {len(secret)} characters long, shorter than {MIN_SECRET_LENGTH}"
    distinct = len(set(secret))
    if distinct < MIN_SECRET_DISTINCT:
        return f"has only {distinct} distinct characters (at least {MIN_SECRET_DISTINCT} needed)"
    return None


DEFAULTS = Settings.model_construct()
"""Every field at its default, without reading the environment: what a service uses when its
caller passes no settings (tests of a service on its own)."""


@lru_cache
def get_settings() -> Settings:
    return Settings()
