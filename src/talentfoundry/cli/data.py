"""``foundry import`` / ``foundry export``: organisations, roles, candidates (CSV, JSON lines)."""

from __future__ import annotations

from pathlib import Path

import typer

from talentfoundry.cli._common import fail

KIND_HELP = "organisations, roles or candidates"


def _format(path: Path, fmt: str | None) -> str:
    chosen = fmt or {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(path.suffix.lower())
    if chosen not in ("csv", "jsonl"):
        fail(f"{path}: cannot tell the format from the name; pass --format csv or --format jsonl")
    return chosen


def import_(
    kind: str = typer.Argument(..., help=KIND_HELP),
    file: Path = typer.Argument(..., help="A .csv or .jsonl file."),
    fmt: str | None = typer.Option(None, "--format", help="csv or jsonl (default: from the name)."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Import rows, all or nothing: one bad row rejects the file (with its line number)."""
    from rich.progress import Progress

    from talentfoundry.config import get_settings
    from talentfoundry.domain.errors import FoundryError
    from talentfoundry.services import dataio
    from talentfoundry.store import migrate
    from talentfoundry.store.db import make_session_factory, open_engine, transaction

    chosen = _format(file, fmt)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{file}: cannot read ({exc})")
    url = database_url or get_settings().database_url
    try:
        rows = dataio.parse(kind, text, chosen)  # type: ignore[arg-type]
        migrate.upgrade(url)
        with (
            open_engine(url) as engine,
            Progress(transient=True) as progress,
            transaction(make_session_factory(engine)) as db,
        ):
            task = progress.add_task(f"importing {kind}", total=len(rows))
            result = dataio.import_rows(
                db, kind, rows, lambda n: progress.update(task, completed=n)
            )
    except FoundryError as exc:
        fail(f"{file}: {exc.message} (nothing was imported)")
    typer.echo(f"imported {result.created} {kind} from {file}")


def export(
    kind: str = typer.Argument(..., help=KIND_HELP),
    file: Path = typer.Argument(..., help="Where to write: .csv or .jsonl"),
    fmt: str | None = typer.Option(None, "--format", help="csv or jsonl (default: from the name)."),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Export rows in the format ``foundry import`` reads."""
    from talentfoundry.config import get_settings
    from talentfoundry.domain.errors import FoundryError
    from talentfoundry.services import dataio
    from talentfoundry.store.db import make_session_factory, open_engine, transaction

    chosen = _format(file, fmt)
    try:
        with (
            open_engine(database_url or get_settings().database_url) as engine,
            transaction(make_session_factory(engine, write=False)) as db,
        ):
            rows = dataio.export_rows(db, kind)
    except FoundryError as exc:
        fail(exc.message)
    text = dataio.to_csv(kind, rows) if chosen == "csv" else dataio.to_jsonl(rows)
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(file)
    typer.echo(f"exported {len(rows)} {kind} to {file}")
