"""Version tokens of tables, replaced in the same transaction as every change to them.

A cache of something computed from the database (the analytics pages) is keyed by the tokens of
the tables it read: it is stale exactly when one of them differs. The token lives in the database
(``data_versions``), so a change made by any process is seen by every other one at its next
request; a process keeps nothing that another could fail to invalidate.

Tokens are replaced by session events, not by each service, so that no writer can forget:

- ``before_flush`` notes the tables of every added, changed or deleted object, the association
  tables of its relationships, and the tables the database cascades a delete to;
- ``do_orm_execute`` notes the table of every bulk ``INSERT``/``UPDATE``/``DELETE`` run through a
  session (and its cascades);
- ``before_commit`` of the outermost transaction writes a fresh random token for each noted table
  in ``VERSIONED_TABLES``, last thing before ``COMMIT``: if the transaction rolls back, so does the
  token. Tables are bumped in name order and nothing else is locked after them, so two writers
  cannot deadlock on them; the row lock is held only while the transaction commits.

Writes that bypass sessions (raw connections: migrations, test clean-up) are not seen. A cache
therefore treats a table without a token as "unknown": it computes and does not store.
Only tables that analytics read are versioned; the busiest ones (bookings, seats, check-ins) are
left out on purpose so that a registration rush never queues on a token row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from talentfoundry.domain.timeutil import utcnow
from talentfoundry.store.models import Base, DataVersion

__all__ = ["VERSIONED_TABLES", "bump", "pending", "tokens"]

VERSIONED_TABLES = frozenset(
    {
        "attendees",
        "booths",
        "candidate_profiles",
        "cv_documents",
        "events",
        "job_roles",
        "organisations",
        "role_events",
    }
)
"""The tables whose changes replace their token (what the analytics caches depend on)."""

_NOTED = "tf_changed_tables"  # Session.info key: tables changed in the open transaction


def _cascades() -> dict[str, frozenset[str]]:
    """Table -> tables whose rows the database deletes or changes when a row of it is deleted
    (foreign keys ON DELETE CASCADE / SET NULL), transitively."""
    direct: dict[str, set[str]] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if (fk.ondelete or "").upper() in ("CASCADE", "SET NULL"):
                direct.setdefault(fk.column.table.name, set()).add(table.name)
    closed: dict[str, frozenset[str]] = {}
    for name in direct:
        seen: set[str] = set()
        todo = list(direct[name])
        while todo:
            child = todo.pop()
            if child not in seen:
                seen.add(child)
                todo.extend(direct.get(child, ()))
        closed[name] = frozenset(seen)
    return closed


_CASCADES = _cascades()


def _note(session: Session, tables: Iterable[str], *, deleting: bool = False) -> None:
    noted: set[str] = session.info.setdefault(_NOTED, set())
    for name in tables:
        noted.add(name)
        if deleting:
            noted.update(_CASCADES.get(name, ()))


_TABLES_OF: dict[type, tuple[str, ...]] = {}


def _tables_of(obj: Any) -> tuple[str, ...]:
    """The tables an object's flush may write: its own and its relationships' link tables."""
    cls = type(obj)
    if cls not in _TABLES_OF:
        mapper = inspect(obj).mapper
        names = [t.name for t in mapper.tables]
        names += [r.secondary.name for r in mapper.relationships if isinstance(r.secondary, Table)]
        _TABLES_OF[cls] = tuple(names)
    return _TABLES_OF[cls]


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.new:
        _note(session, _tables_of(obj))
    for obj in session.dirty:
        _note(session, _tables_of(obj))
    for obj in session.deleted:
        _note(session, _tables_of(obj), deleting=True)


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name and name != DataVersion.__tablename__:
        _note(state.session, [name], deleting=state.is_delete)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outermost commit bumps
    session.flush()
    bump(session, session.info.get(_NOTED, ()))


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost transaction ended: committed or rolled back
        session.info.pop(_NOTED, None)


def bump(session: Session, tables: Iterable[str]) -> None:
    """Give each of ``tables`` that is versioned a fresh token (in the session's transaction)."""
    names = sorted(set(tables) & VERSIONED_TABLES)
    if not names:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    now = utcnow()
    for name in names:
        statement = insert(DataVersion).values(
            table_name=name, token=uuid.uuid4().hex, changed_at=now
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[DataVersion.table_name],
                set_={
                    "token": statement.excluded.token,
                    "changed_at": statement.excluded.changed_at,
                },
            )
        )
    session.info[_NOTED] = set()


def pending(session: Session) -> frozenset[str]:
    """Tables changed in the session's open transaction and not yet committed (a cache must not
    be read for them: their tokens change only at commit)."""
    return frozenset(session.info.get(_NOTED, ()))


def tokens(session: Session, tables: Iterable[str]) -> tuple[str | None, ...] | None:
    """The current tokens of ``tables`` in name order; None when one of them is not versioned,
    has no token (written around the sessions), or has uncommitted changes in this session."""
    names = sorted(set(tables))
    if not set(names) <= VERSIONED_TABLES:
        return None
    found = dict(
        session.execute(
            select(DataVersion.table_name, DataVersion.token).where(
                DataVersion.table_name.in_(names)
            )
        ).all()
    )
    if len(found) != len(names) or pending(session) & set(names):
        return None
    return tuple(found[n] for n in names)
