"""``foundry place``: run a placement round from a ``talentfoundry.placement/v1`` file."""

from __future__ import annotations

from pathlib import Path

import typer

from talentfoundry.cli._common import check_out, fail, read_json, run_on_file, write_json

__all__ = ["place"]

_HELP = (
    "Run a stable placement round: students rank programmes, programmes (with capacities) rank "
    "students.\n\n"
    "Reads a talentfoundry.placement/v1 JSON file and writes a JSON object whose 'matching' maps "
    "every programme id to its students (in the programme's order) and whose 'unmatched' lists "
    "the unplaced students; it adds 'optimal', 'tie_seed', 'stats' and 'reasons' (why each "
    "unplaced student was not taken by each programme they listed).\n\n"
    "A pair is acceptable only if each side lists the other. The result is student-optimal unless "
    "the file or --optimal says 'programme'.\n\n"
    "Ties: a list inside a programme's prefs means those students are ranked equally. Ties are "
    "broken by one lottery for all programmes: a student's number is the first 8 bytes of "
    "blake2b('SEED:STUDENT_ID'), lower wins; SEED is --tie-seed, else the file's 'tie_seed', "
    "else 0. The same file and seed always give the same result.\n\n"
    "An invalid file (unknown or duplicate ids, unknown keys, capacity < 0, wrong types) exits "
    "with status 2 and a message naming the file and the offending id."
)


def place(
    instance: Path = typer.Option(..., "--instance", help="talentfoundry.placement/v1 JSON file"),
    out: Path = typer.Option(..., "--out", help="where to write the result JSON"),
    optimal: str | None = typer.Option(
        None, "--optimal", help="'student' or 'programme' (overrides the file's 'optimal')"
    ),
    tie_seed: int | None = typer.Option(
        None, "--tie-seed", help="lottery seed for ties (overrides the file's 'tie_seed')"
    ),
    reasons: bool = typer.Option(
        True, "--reasons/--no-reasons", help="include why each unplaced student was not placed"
    ),
) -> None:
    from dataclasses import replace

    from talentfoundry.placement import explain_unplaced, parse_instance, solve, to_document
    from talentfoundry.placement._bulk import paused_gc

    if optimal is not None and optimal not in ("student", "programme"):
        fail(f"--optimal must be 'student' or 'programme', got {optimal!r}")
    check_out(out)
    with paused_gc():  # large rounds: millions of acyclic objects, see placement._bulk
        document = read_json(instance)
        parsed = run_on_file(instance, parse_instance, document)
        del document
        if optimal is not None:
            parsed = replace(parsed, optimal=optimal)
        if tie_seed is not None:
            parsed = replace(parsed, tie_seed=tie_seed)
        placement = solve(parsed)
        reports = explain_unplaced(parsed, placement) if reasons else None
        write_json(out, to_document(parsed, placement, reports))
    typer.echo(
        f"placed {len(placement.assignment)} of {len(parsed.students)} students "
        f"({placement.optimal}-optimal), {len(placement.unmatched)} unplaced; wrote {out}"
    )


place.__doc__ = _HELP
