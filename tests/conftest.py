"""Shared fixtures: fast password hashing for tests, and the databases the integration tier runs on.

Integration tests run on SQLite and on PostgreSQL (``TALENTFOUNDRY_TEST_POSTGRES_URL``, default the
local server's ``test`` database). Each run creates its own PostgreSQL database and drops it after.
With ``CI=true`` an unreachable PostgreSQL fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Argon2 at production cost takes ~50 ms a hash; tests create hundreds of users.
os.environ.setdefault("TALENTFOUNDRY_ARGON2_TIME_COST", "1")
os.environ.setdefault("TALENTFOUNDRY_ARGON2_MEMORY_KIB", "64")
os.environ.setdefault("TALENTFOUNDRY_ENVIRONMENT", "test")

POSTGRES_URL = os.environ.get(
    "TALENTFOUNDRY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _postgres_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"tf_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL not reachable at {POSTGRES_URL}: {exc.orig}"
        if IN_CI:
            pytest.fail(message + " (CI=true: PostgreSQL tests must run, not skip)")
        pytest.skip(message)
    base, _, _ = POSTGRES_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    yield from _postgres_database()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty database on each backend (migrated once per session)."""
    from talentfoundry.store import migrate

    if request.param == "sqlite":
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('db')) / 'test.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    migrate.upgrade(url)
    return url
