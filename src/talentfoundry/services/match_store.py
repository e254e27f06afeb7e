"""Where the product saves its match index, and how a saved index is read back.

A process saves its index (``TALENTFOUNDRY_INDEX_DIR``; by default ``<file>.index`` next to a SQLite
database, not saved for PostgreSQL unless set) with the stamps of its documents, so that the next
process starts from it and re-reads only what changed (:mod:`talentfoundry.services.match_index`).
A saved index is used only by the same database and the same engine (``MatchIndex.identity()``:
format, taxonomy, encoder, extraction code); anything else raises :class:`UnusableSavedIndex`,
which the caller logs before it rebuilds.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from talentfoundry.config import Settings
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.matching.index import MatchIndex

__all__ = ["IndexStore", "UnusableSavedIndex", "index_store", "load_saved", "write_saved"]

INDEX_OFF = frozenset({"", "off", "none", "no", "false", "0"})
"""Values of ``TALENTFOUNDRY_INDEX_DIR`` that turn the saving of the index off."""
KEEP_VERSIONS = 2
"""Saved versions kept: the newest, and the one a process starting right now may be reading."""


@dataclass(frozen=True, slots=True)
class IndexStore:
    """Where the index of one database is saved.

    ``root`` holds one folder per saved version (``MatchIndex.save`` plus ``product.json``: the
    database, the engine's identity and the stamps of the documents) and a file ``CURRENT`` that
    names the live one. A version is written under a temporary name and renamed when complete,
    then ``CURRENT`` is replaced (``Path.replace``, atomic), so a reader never sees half of one.
    """

    root: Path
    database: str  # the URL without its password (a SQLite file by its absolute path)


def _database_name(url: URL) -> str:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return f"sqlite:///{Path(url.database).resolve()}"
    return url.render_as_string(hide_password=True)


def index_store(url: URL, settings: Settings | None) -> IndexStore | None:
    """Where the index of the database at ``url`` is saved; None when it is not.

    ``settings.index_dir`` (``TALENTFOUNDRY_INDEX_DIR``) names the folder (``off`` turns saving
    off). Unset, a SQLite file's index goes next to it (``<file>.index``), except in the test
    environment, whose databases are emptied between tests; a PostgreSQL database's is not saved,
    as its web processes may not share a disk. Without settings (a database that no app or command
    configured, see ``match_index.configure``) nothing is saved.
    """
    if settings is None:
        return None
    name = _database_name(url)
    if settings.index_dir is not None:
        if settings.index_dir.strip().lower() in INDEX_OFF:
            return None
        return IndexStore(Path(settings.index_dir).expanduser().resolve(), name)
    if settings.environment == "test" or not name.startswith("sqlite:///"):
        return None
    return IndexStore(Path(name.removeprefix("sqlite:///") + ".index"), name)


class UnusableSavedIndex(Exception):
    """A saved index that does not belong to this database or engine."""


def load_saved(store: IndexStore, fresh: MatchIndex) -> tuple[MatchIndex, dict[Any, str]] | None:
    """The saved index and its documents' stamps, if it belongs here; None when there is none.

    Raises when there is one that cannot be used (the caller logs why and rebuilds).
    """
    current = store.root / "CURRENT"
    if not current.is_file():
        return None
    name = current.read_text(encoding="utf-8").strip()
    if not name or Path(name).name != name:
        raise UnusableSavedIndex(f"CURRENT names {name!r}, not a version folder")
    folder = store.root / name
    meta = json.loads((folder / "product.json").read_text(encoding="utf-8"))
    if meta.get("database") != store.database:
        raise UnusableSavedIndex(f"it was saved for another database ({meta.get('database')})")
    if meta.get("identity") != fresh.identity():
        raise UnusableSavedIndex(
            "it was saved by another version of the engine, taxonomy or encoder"
        )
    # The process's own scoring knobs, not the defaults: they decide the scores, not the features.
    index = MatchIndex.load(
        folder, encoder=fresh.encoder, config=fresh.config, taxonomy=fresh.taxonomy
    )
    stamps = {
        (side, str(doc_id)): str(stamp)
        for side, rows in meta["stamps"].items()
        for doc_id, stamp in rows.items()
    }
    unstamped = [(s, i) for s in MatchIndex.SIDES for i in index.ids(s) if (s, i) not in stamps]
    if unstamped:
        raise UnusableSavedIndex(f"{len(unstamped)} of its documents have no stamp")
    return index, stamps


def write_saved(store: IndexStore, index: MatchIndex, stamps: dict[Any, str]) -> Path:
    """Write a new version of the saved index and make it the live one; returns its folder."""
    store.root.mkdir(parents=True, exist_ok=True)
    name = f"v{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp = store.root / f".tmp-{name}"
    try:
        index.save(tmp)
        by_side: dict[str, dict[str, str]] = {side: {} for side in MatchIndex.SIDES}
        for (side, doc_id), stamp in stamps.items():
            by_side[side][doc_id] = stamp
        meta = {
            "database": store.database,
            "identity": index.identity(),
            "saved_at": utcnow().isoformat(),
            "stamps": by_side,
        }
        (tmp / "product.json").write_text(json.dumps(meta), encoding="utf-8")
        tmp.rename(store.root / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pointer = store.root / f".CURRENT-{name}"
    pointer.write_text(name, encoding="utf-8")
    pointer.replace(store.root / "CURRENT")
    _prune(store.root, name)
    return store.root / name


def _prune(root: Path, live: str) -> None:
    """Remove old versions (keeping the newest few) and leftovers of writers that died."""
    versions = sorted(p.name for p in root.glob("v*") if p.is_dir() and p.name != live)
    for old in versions[: max(0, len(versions) - (KEEP_VERSIONS - 1))]:
        shutil.rmtree(root / old, ignore_errors=True)
    hour_ago = time.time() - 3600
    for leftover in [*root.glob(".tmp-*"), *root.glob(".CURRENT-*")]:
        try:
            if leftover.stat().st_mtime >= hour_ago:  # another process may be writing it
                continue
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        except OSError:
            pass
