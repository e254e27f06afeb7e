"""``foundry allocate``: run (and optionally publish) the interview allocation of an event."""

from __future__ import annotations

from typing import Any

import typer

from talentfoundry.cli._common import fail


def allocate(
    event: str = typer.Argument(..., help="The event's slug."),
    publish: bool = typer.Option(False, "--publish", help="Book the proposed meetings."),
    max_meetings: int = typer.Option(3, "--max-meetings", min=1, max=20),
    objective: str = typer.Option("coverage_then_weight", "--objective"),
    database_url: str | None = typer.Option(None, "--database-url"),
) -> None:
    """Allocate interview slots from the candidates' requests; show the result next to first come,
    first served on the same requests. Runs as the platform operator (the first admin)."""
    from rich.console import Console
    from rich.table import Table
    from sqlalchemy import select

    from talentfoundry.config import get_settings
    from talentfoundry.domain.errors import FoundryError
    from talentfoundry.services import allocation, events
    from talentfoundry.store.db import make_session_factory, open_engine, run_transaction
    from talentfoundry.store.models import User

    def work(db: Any) -> dict[str, Any]:
        admin = db.scalar(select(User).where(User.role == "admin").order_by(User.id))
        if admin is None:
            fail("no admin account in this database")
        target = events.get_event_by_slug(db, admin, event)
        with Console(stderr=True).status("allocating interview slots"):
            run = allocation.run_allocation(
                db, admin, target.id, max_meetings=max_meetings, objective=objective
            )
        if publish:
            allocation.publish(db, admin, run.id)
        return run.stats

    url = database_url or get_settings().database_url
    try:
        with open_engine(url) as engine:
            # Run again from the start if it lost a race with the web process (a deadlock).
            stats = run_transaction(make_session_factory(engine), work)
    except FoundryError as exc:
        fail(exc.message)
    table = Table(title=f"Interview allocation for {event}")
    for column in ("", "first come, first served", "optimal"):
        table.add_column(column)
    for key in ("candidates_with_meeting", "total_weight", "meetings", "slot_fill_rate"):
        table.add_row(key.replace("_", " "), str(stats["fcfs"][key]), str(stats["ours"][key]))
    Console().print(table)
    typer.echo(
        "published: meetings booked" if publish else "proposal saved (use --publish to book)"
    )
