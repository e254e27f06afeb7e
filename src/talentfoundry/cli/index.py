"""``foundry index``: build the match index of a database now, with a progress bar and a summary.

It runs the very code a server runs for its first sync (``services.match_index.build_index``), dense
embeddings included when ``TALENTFOUNDRY_DENSE`` turns them on, so it shows how long a server
takes to get ready and where the time goes. It saves the index where a server looks for it
(``TALENTFOUNDRY_INDEX_DIR``, by default ``<file>.index`` next to a SQLite database), so a server
started afterwards loads it and re-reads only the documents changed since; run again, it does the
same (starts from what it saved and re-reads what changed).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import typer

from talentfoundry.cli._common import fail

__all__ = ["index"]


def index(
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        "--database",
        help="SQLAlchemy URL (default: TALENTFOUNDRY_DATABASE_URL or the SQLite file).",
    ),
) -> None:
    """Build the match index of a database (candidates and open roles) and say what it holds."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from sqlalchemy.exc import SQLAlchemyError

    from talentfoundry.config import get_settings
    from talentfoundry.domain.errors import FoundryError
    from talentfoundry.services import match_config, match_index
    from talentfoundry.store.db import make_session_factory, normalise_url, open_engine, transaction

    url = normalise_url(database_url or get_settings().database_url)
    shown = _check_url(url)
    console = Console(stderr=True)
    started = time.perf_counter()
    stage_seconds: dict[str, float] = {}
    try:
        with (
            open_engine(url) as engine,
            Progress(
                TextColumn("{task.description:<28}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
                disable=not console.is_terminal,
            ) as bar,
        ):
            _require_schema(engine)
            match_config.configure(engine, get_settings())  # dense and index_dir, as a server would
            tasks: dict[str, Any] = {}
            began: dict[str, float] = {}
            before: dict[str, float] = {}  # a stage can run twice (scores, after dense)

            def progress(stage: str, done: int, total: int) -> None:
                now = time.perf_counter()
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                if stage not in began or done == 0:
                    began[stage] = now
                    before[stage] = stage_seconds.get(stage, 0.0)
                bar.update(tasks[stage], completed=done, total=total)
                stage_seconds[stage] = before[stage] + now - began[stage]

            with transaction(make_session_factory(engine, write=False)) as db:
                state = match_index.build_index(db, progress=progress)
    except FoundryError as exc:
        fail(exc.message)
    except SQLAlchemyError as exc:
        fail(f"cannot read the database at {shown}: {_reason(exc)}")
    elapsed = time.perf_counter() - started
    counts = f"{state.candidates:,} candidates, {state.roles:,} open roles"
    typer.echo(f"Match index of {shown}: {counts}")
    typer.echo(f"components: {', '.join(state.components)}")
    steps = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in stage_seconds.items())
    typer.echo(f"time: {elapsed:.1f} s" + (f" ({steps})" if steps else ""))
    if state.restored:
        typer.echo(
            f"started from the saved index ({state.restored:,} documents); "
            f"re-read {state.last_sync:,} changed since"
        )
    if state.saved_in is not None:
        typer.echo(f"saved in {state.saved_in}")
    else:
        typer.echo("not saved (set TALENTFOUNDRY_INDEX_DIR to keep it for the next start)")
    if state.pending_dense:
        typer.echo(f"dense vectors still missing: {state.pending_dense:,}")
    for note in state.warnings:
        typer.echo(f"note: {note}", err=True)


def _check_url(url: str) -> str:
    """The URL as it may be shown (no password); exits 2 when it cannot name a database."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        fail(f"not a database URL: {url!r} (e.g. sqlite:///talentfoundry.db)")
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if path and path != ":memory:" and not Path(path).is_file():
            # SQLite would create an empty file here and find no tables in it.
            fail(f"no database file at {path} (`foundry demo` or `foundry db upgrade` makes one)")
    try:
        parsed.get_dialect().import_dbapi()
    except Exception as exc:  # unknown dialect or missing driver: one line, not a traceback
        fail(f"cannot use {shown}: {exc}")
    return shown


def _require_schema(engine: Any) -> None:
    """Exit 2 when the database is reachable but has no Talent Foundry tables."""
    from sqlalchemy import inspect

    from talentfoundry.store.models import User

    if not inspect(engine).has_table(User.__tablename__):
        fail(
            f"{engine.url.render_as_string(hide_password=True)} has no Talent Foundry tables "
            "(run `foundry db upgrade` first)"
        )


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0]
