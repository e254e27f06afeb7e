"""Integration fixtures: a real database (SQLite and PostgreSQL), emptied after every test, and an
API client with one logged-in user per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from talentfoundry.config import Settings
from talentfoundry.store.db import make_engine, make_session_factory
from talentfoundry.store.models import Base


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    from talentfoundry.services.match_index import forget_indexes

    forget_indexes()  # the match index caches documents of this database
    with engine.begin() as conn:  # empty every table, children first
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    session = make_session_factory(engine)()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def client(engine: Engine, database_url: str) -> Iterator[TestClient]:
    from talentfoundry.web.app import create_app

    app = create_app(Settings(database_url=database_url, environment="test"))
    with TestClient(app) as test_client:
        yield test_client


@dataclass
class Actor:
    """A logged-in API user: id, role and ready-made auth headers."""

    id: int
    email: str
    role: str
    organisation_id: int | None
    headers: dict[str, str]


@pytest.fixture
def world(engine: Engine, client: TestClient) -> dict[str, Any]:
    """A small fair: one open event, two companies with booths, a university, a user per role."""
    from tests.integration.worldbuilder import build_world

    return build_world(engine, client)
