"""Engine and sessions.

SQLite (the zero-set-up default) gets foreign keys switched on, WAL journalling and a busy
timeout, so that the demo server behaves like PostgreSQL for the rules the product relies on
(cascades, unique constraints under concurrent writers).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from talentfoundry.store import versions  # noqa: F401  (version tokens on every Session's commit)

T = TypeVar("T")


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


def pool_options(max_active: int) -> dict[str, Any]:
    """Connection pool for a web process admitting ``max_active`` requests at once
    (:mod:`talentfoundry.web.admission`): one connection each plus a few for background work
    (match-index syncs), and a short wait, so that running out is a clear 503, never a stall."""
    return {"pool_size": max_active + 4, "max_overflow": 4, "pool_timeout": 10}


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
    """Sessions for units of work. ``write=False`` gives reading sessions that do not take
    SQLite's write lock (PostgreSQL needs no such distinction: it locks rows, see services).

    A reading session refuses to write: on SQLite a read transaction that then writes fails
    whenever another writer committed in between ("database is locked"), so the need to write
    must be known at the start (``web.deps.writes``). Refusing on both databases keeps the
    behaviour the same and makes a missing mark fail in the tests.
    """
    bind = engine
    if engine.dialect.name == "sqlite":
        bind = engine.execution_options(tf_sqlite_begin="IMMEDIATE" if write else "DEFERRED")
    factory = sessionmaker(bind=bind, expire_on_commit=False)
    if not write:
        event.listen(factory, "before_flush", _refuse_writes)
    return factory


class RetryTransaction(Exception):
    """Raised by a service that found, under its locks, that it cannot finish correctly without
    locks it could not take in order (someone joined a waitlist in the meantime). Nothing is
    written: the caller rolls back and runs the whole unit of work again, as it does for a
    PostgreSQL deadlock (``web.retry``, :func:`run_transaction`)."""


def run_transaction(
    factory: sessionmaker[Session], work: Callable[[Session], T], *, attempts: int = 3
) -> T:
    """Run ``work`` in one unit of work, again from the start if it lost a race (a deadlock, a
    serialisation failure, :class:`RetryTransaction`); the CLI and background jobs use this,
    web requests get the same from ``web.retry``."""
    for attempt in range(1, attempts + 1):
        try:
            with transaction(factory) as session:
                return work(session)
        except Exception as exc:
            if attempt == attempts or not is_race(exc):
                raise
            time.sleep(random.uniform(0.005, 0.05) * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


# SQLSTATEs of transactions PostgreSQL aborted to resolve a race: retrying them is always safe.
RACE_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected


def is_race(exc: BaseException) -> bool:
    """Whether ``exc`` means "run the unit of work again", nothing having been written."""
    if isinstance(exc, RetryTransaction):
        return True
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in RACE_SQLSTATES


class ReadOnlyUnitOfWork(RuntimeError):
    """A reading session was asked to write: the caller should have opened a writing one."""


def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlyUnitOfWork(
            "this unit of work was opened for reading; open a writing one "
            "(web routes: mark a GET that writes with talentfoundry.web.deps.writes)"
        )


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
