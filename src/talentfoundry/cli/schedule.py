"""``foundry schedule``: allocate interview slots for a ``talentfoundry.schedule/v1`` instance."""

from __future__ import annotations

from pathlib import Path

import typer

from talentfoundry.cli._common import check_out, fail, read_json, run_on_file, write_json

__all__ = ["schedule"]


def schedule(
    instance: Path = typer.Option(
        ..., "--instance", help="Instance JSON (talentfoundry.schedule/v1)."
    ),
    out: Path = typer.Option(..., "--out", help="Where to write the allocation JSON."),
    baseline: str | None = typer.Option(
        None,
        "--baseline",
        help="Run a baseline instead of the optimiser: 'fcfs' (first come, first served).",
    ),
) -> None:
    """Allocate interview slots: maximise candidates with a meeting, then total weight."""
    from talentfoundry.scheduling import allocate, first_come_first_served, parse_instance

    if baseline not in (None, "fcfs"):
        fail(f"--baseline must be 'fcfs', got {baseline!r}")
    check_out(out)
    doc = read_json(instance)
    inst = run_on_file(instance, parse_instance, doc)
    result = first_come_first_served(inst) if baseline == "fcfs" else allocate(inst)
    write_json(out, result.to_json())
    s = result.stats
    typer.echo(
        f"{s['candidates_with_meeting']}/{s['candidates']} candidates with a meeting, "
        f"{s['meetings']} meetings, weight {s['total_weight']:g}, "
        f"slot fill {s['slot_fill_rate']:.1%} ({s['method']}, {s['solve_seconds']:.2f} s) -> {out}"
    )
