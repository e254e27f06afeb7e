"""Computed once, served until the data changes: a per-process memo keyed by database versions.

Each entry is keyed by what was asked (the report, its parameters, the viewer's grounds) and by
the version tokens of the tables it was computed from (:mod:`talentfoundry.store.versions`). The
tokens are read from the database on every call, before computing, so:

- a change committed by any process changes a token, and the next request anywhere recomputes;
- a request never gets an answer older than the data its own transaction can see (a value
  computed under a token from slightly newer data is only ever served to requests that read
  the same token, i.e. that started before the change committed);
- a session with uncommitted changes to a table, or a table without a token, bypasses the memo.

Concurrent requests for the same missing entry compute it once (the others wait for it). The memo
holds the last ``MAX_ENTRIES`` answers of the process, least recently used first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from talentfoundry.store import versions

__all__ = ["MAX_ENTRIES", "Stats", "cached", "forget", "stats"]

T = TypeVar("T")

MAX_ENTRIES = 256


@dataclass(slots=True)
class Stats:
    """Counts since the process started (or :func:`forget`): what the benchmark reports."""

    hits: int = 0
    misses: int = 0
    bypassed: int = 0


_entries: OrderedDict[Hashable, Any] = OrderedDict()
_computing: dict[Hashable, threading.Lock] = {}
_lock = threading.Lock()
_stats = Stats()


def _database(db: Session) -> str:
    return db.get_bind().engine.url.render_as_string(hide_password=True)


def cached(
    db: Session,
    name: str,
    key: Hashable,
    tables: Iterable[str],
    compute: Callable[[], T],
) -> T:
    """``compute()``, or its answer from the last time the ``tables`` were as they are now."""
    stamp = versions.tokens(db, tables)
    if stamp is None:
        with _lock:
            _stats.bypassed += 1
        return compute()
    full = (_database(db), name, key, stamp)
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            _stats.hits += 1
            return _entries[full]
        gate = _computing.setdefault(full, threading.Lock())
    with gate:  # one computation per entry; the others wait and read it
        with _lock:
            if full in _entries:
                _stats.hits += 1
                return _entries[full]
        try:
            value = compute()
        finally:
            with _lock:
                _computing.pop(full, None)
        with _lock:
            _stats.misses += 1
            _entries[full] = value
            _entries.move_to_end(full)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return value


def stats() -> Stats:
    with _lock:
        return Stats(_stats.hits, _stats.misses, _stats.bypassed)


def forget() -> None:
    """Drop every entry and reset the counts (benchmarks measure cold answers with it)."""
    with _lock:
        _entries.clear()
        _stats.hits = _stats.misses = _stats.bypassed = 0
