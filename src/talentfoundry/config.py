"""Settings, read from ``TALENTFOUNDRY_*`` environment variables.

Built by :func:`get_settings` rather than a module global so that tests and the CLI pass their own
values. In production a default secret key is refused: a leaked, well-known key would let
anyone forge a login cookie.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    token_ttl_hours: int = Field(default=24 * 14, ge=1)
    cookie_secure: bool = False
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=8)
    index_dir: str | None = Field(
        default=None,
        description="Folder where the match index of the database is saved, so that a process "
        "starts from it instead of re-reading every CV. Default: `<file>.index` next to a SQLite "
        "file; none (not saved) for PostgreSQL. `off` turns it off.",
    )

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.environment == "production" and self.secret_key == DEV_SECRET:
            raise ValueError(
                "TALENTFOUNDRY_SECRET_KEY must be set to a long random value in production"
            )
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
