"""``foundry backup PATH`` and ``foundry restore PATH``: copies of a SQLite database.

Both use SQLite's online backup API (``sqlite3.Connection.backup``), which copies the database
page by page under SQLite's own locks: a backup taken while the server runs is a consistent
snapshot, never a torn file (copying the file with ``cp`` during a write is not, and misses what
is still in the ``-wal`` file). The backup is written next to PATH and renamed into place, and it
is one self-contained file (rollback journal, not WAL).

Restore refuses to replace a database that holds tables unless ``--force`` is given, and even then
keeps the replaced one next to it (``<file>.before-restore-<time>``). With ``--force`` it may run
while a server uses the database: the copy goes through the same locks, so a request sees either
the old database or the restored one, never a mix; stopping the server first is still wiser, since
requests in flight are lost with the old database.

PostgreSQL has its own tools: ``pg_dump -Fc`` and ``pg_restore`` (README, "Backups").
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import typer

from talentfoundry.cli._common import fail

PG_DUMP_HINT = (
    "is a PostgreSQL database: back it up with `pg_dump -Fc -f talentfoundry.dump <database>` "
    "and restore with `pg_restore --clean --if-exists -d <database> talentfoundry.dump` "
    "(README, Backups)"
)


def _database_file(database_url: str | None) -> Path:
    """The SQLite file the URL names; anything else ends with one line."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from talentfoundry.config import get_settings
    from talentfoundry.store.db import normalise_url

    url = normalise_url(database_url or get_settings().database_url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        fail(f"not a database URL: {url!r} (e.g. sqlite:///talentfoundry.db)")
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "postgresql":
        fail(f"{shown} {PG_DUMP_HINT}")
    if parsed.get_backend_name() != "sqlite":
        fail(f"{shown}: backup and restore handle SQLite files only")
    if not parsed.database or parsed.database == ":memory:":
        fail(f"{shown} is an in-memory database: there is no file to back up or restore")
    return Path(parsed.database)


def _tables(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
        0
    ]


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Online backup of ``source`` into ``target``, in steps of 1,024 pages so that a running
    server's writers wait at most one step, not the whole copy."""
    source.backup(target, pages=1024)


def backup(
    path: Path = typer.Argument(..., help="File to write the backup to."),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Database to back up (default: TALENTFOUNDRY_DATABASE_URL)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite PATH if it exists."),
) -> None:
    """Back up a SQLite database to PATH, safely while the server runs (PostgreSQL: pg_dump)."""
    source_file = _database_file(database_url)
    if not source_file.is_file():
        fail(f"no database file at {source_file}")
    if path.exists() and not force:
        fail(f"{path} already exists; pass --force to overwrite it")
    if path.is_dir():
        fail(f"{path} is a directory, expected a file path")
    if path.resolve() == source_file.resolve():
        fail(f"{path} is the database itself; choose another file")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    # Owner-only from the first byte: a backup holds password hashes, CVs and e-mail addresses.
    partial.touch(mode=0o600)
    try:
        # Read-only: a typo in the URL must not create an empty database, nor may a backup write.
        with closing(
            sqlite3.connect(f"{source_file.resolve().as_uri()}?mode=ro", uri=True)
        ) as source:
            if _tables(source) == 0:
                fail(f"{source_file} holds no tables: nothing to back up")
            target = sqlite3.connect(partial)
            try:
                _copy(source, target)
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                problem = target.execute("PRAGMA quick_check").fetchone()[0]
                tables = _tables(target)
            finally:
                target.close()
        if problem != "ok":
            fail(f"the copy of {source_file} failed its integrity check: {problem}")
        partial.replace(path)
    except sqlite3.Error as exc:
        fail(f"cannot back up {source_file}: {exc}")
    finally:
        partial.unlink(missing_ok=True)
    size = path.stat().st_size
    typer.echo(f"backed up {source_file} to {path} ({tables} tables, {size / 1e6:.1f} MB)")


def restore(
    path: Path = typer.Argument(..., help="Backup file written by `foundry backup`."),
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        help="Database to restore into (default: TALENTFOUNDRY_DATABASE_URL).",
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace a database that holds tables (the old one is kept aside)."
    ),
) -> None:
    """Restore a SQLite database from a backup (PostgreSQL: pg_restore)."""
    from talentfoundry.services.operations import head_revision

    target_file = _database_file(database_url)
    if not path.is_file():
        fail(f"{path}: no such backup file")
    if path.resolve() == target_file.resolve():
        fail(f"{path} is the database itself; choose the backup file")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                fail(f"{path} is damaged (integrity check failed); choose another backup")
            has_version = source.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'"
            ).fetchone()[0]
            if not has_version:
                fail(f"{path} is not a Talent Foundry database (no migration version)")
            revision = source.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = revision[0] if revision else None
            head = head_revision()
            if revision is not None and revision > head:
                fail(
                    f"{path} is at migration {revision}, newer than this version of "
                    f"Talent Foundry ({head}); restore it with a newer release"
                )
            kept = _restore_into(source, target_file, force=force)
    except sqlite3.DatabaseError as exc:
        fail(f"cannot restore from {path}: {exc}")
    typer.echo(f"restored {target_file} from {path} (migration {revision})")
    if kept:
        typer.echo(f"the database it replaced is kept in {kept}")
    if revision != head:
        typer.echo(f"next: `foundry db upgrade` brings it from {revision} to {head}")


def _restore_into(source: sqlite3.Connection, target_file: Path, *, force: bool) -> Path | None:
    """Copy ``source`` over ``target_file``; returns where the replaced database was kept."""
    kept: Path | None = None
    if target_file.exists():
        with closing(sqlite3.connect(target_file)) as current:
            tables = _tables(current)
        if tables and not force:
            fail(
                f"{target_file} already holds a database ({tables} tables); stop the server and "
                "pass --force to replace it (the current one is kept aside)"
            )
        if tables:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = target_file.with_name(f"{target_file.name}.before-restore-{stamp}")
            with closing(sqlite3.connect(target_file)) as current:
                kept.touch(mode=0o600)  # owner-only, like the backup itself
                aside = sqlite3.connect(kept)
                try:
                    _copy(current, aside)
                    aside.execute("PRAGMA journal_mode=DELETE")
                finally:
                    aside.close()
    target_file.parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(target_file, timeout=30)
    try:
        _copy(source, target)
    finally:
        target.close()
    return kept
