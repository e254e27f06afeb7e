"""Engine and sessions.

SQLite (the zero-set-up default) gets foreign keys switched on, WAL journalling and a busy
timeout, so that the demo server behaves like PostgreSQL for the rules the product relies on
(cascades, unique constraints under concurrent writers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 30, "check_same_thread": False})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if ":memory:" not in url and url not in ("sqlite://", "sqlite:///"):
            event.listen(engine, "connect", _sqlite_wal)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see make_engine)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    """Emit BEGIN ourselves (pysqlite defers it), IMMEDIATE for writing units of work.

    A deferred transaction that reads, then writes, fails at once with SQLITE_BUSY when another
    writer committed in between; taking the write lock at BEGIN makes such writers queue instead
    (up to the busy timeout), which is what "check the seat, then take it" needs.
    """
    mode = conn.get_execution_options().get("tf_sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def open_engine(url: str) -> Iterator[Engine]:
    """An engine for one command's lifetime; its connections are closed on the way out."""
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def make_session_factory(engine: Engine, *, write: bool = True) -> sessionmaker[Session]:
    """Sessions for units of work. ``write=False`` gives read-only-friendly sessions that do not
    take SQLite's write lock (PostgreSQL needs no such distinction: it locks rows, see services)."""
    bind = engine
    if engine.dialect.name == "sqlite":
        bind = engine.execution_options(tf_sqlite_begin="IMMEDIATE" if write else "DEFERRED")
    return sessionmaker(bind=bind, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
