"""``foundry demo``: build a realistic "AI in Action" fair in SQLite and serve it."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

DEFAULT_DB = Path("talentfoundry-demo.db")


def demo(
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port to serve on."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve after building (default)."),
    database: Path = typer.Option(DEFAULT_DB, "--database", help="SQLite file to (re)build."),
    seed: int = typer.Option(
        2026, "--seed", help="Random seed: the same seed gives the same fair."
    ),
    host: str = typer.Option("127.0.0.1", "--host"),
) -> None:
    """Build the demo fair (rebuilt if the file exists), print a login per role, serve it."""
    summary = build_demo(database, seed=seed)
    url = f"sqlite:///{database.resolve()}"
    typer.echo("")
    typer.echo(
        f"Demo fair ready in {database}: "
        + ", ".join(f"{n:,} {k}" for k, n in summary.counts.items())
    )
    typer.echo(f"Event page: http://{host}:{port}/events/{summary.event_slug}")
    typer.echo("Logins (password for all: " + _password() + "):")
    for role, email in sorted(summary.logins.items()):
        typer.echo(f"  {role:<17} {email}")
    if serve:
        from talentfoundry.cli.serve import run_server

        run_server(host=host, port=port, database_url=url)


def _password() -> str:
    from talentfoundry.services.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def build_demo(database: Path, *, seed: int):
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from talentfoundry.demo import generate_demo_fair
    from talentfoundry.services.demo import load_demo_fair
    from talentfoundry.store import migrate
    from talentfoundry.store.db import make_session_factory, open_engine, transaction

    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    # The match index saved next to the old file (services.match_index) describes the old fair.
    shutil.rmtree(f"{database.resolve()}.index", ignore_errors=True)
    url = f"sqlite:///{database.resolve()}"
    columns = (
        TextColumn("{task.description:<36}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns) as progress:
        task = progress.add_task("creating the database", total=7)
        migrate.upgrade(url)
        progress.update(task, advance=1, description="generating the fair")
        fair = generate_demo_fair(seed)
        progress.update(task, advance=1)

        def step(phase: str, _rows: int) -> None:
            progress.update(task, advance=1, description=f"loaded {phase}")

        with open_engine(url) as engine, transaction(make_session_factory(engine)) as db:
            summary = load_demo_fair(db, fair, seed=seed, progress=step)
    return summary
