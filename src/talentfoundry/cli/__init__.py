"""The ``foundry`` command.

One module per command group; each keeps heavy imports inside its functions so ``foundry --help``
answers at once. Bad input exits with status 2 and a one-line message (see ``_common.fail``).

The engines' file contracts (``rank``, ``cv``, ``schedule``, ``place``) are fixed interfaces: the
project is checked on unseen data through them.
"""

from __future__ import annotations

import typer

from talentfoundry.cli import (
    allocate,
    backup,
    cv,
    data,
    db,
    demo,
    index,
    mail,
    place,
    rank,
    schedule,
    serve,
)

app = typer.Typer(
    name="foundry",
    help="Talent Foundry: run hybrid tech career fairs (demo, serve, data) and the matching, "
    "scheduling and placement engines on files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# The platform.
app.command("demo")(demo.demo)
app.command("serve")(serve.serve)
app.add_typer(db.app, name="db")
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.command("import")(data.import_)
app.command("export")(data.export)
app.command("allocate")(allocate.allocate)
app.command("index")(index.index)
app.add_typer(mail.app, name="mail")
# The engines' file contracts.
app.command("cv")(cv.cv)
app.command("rank")(rank.rank)
app.command("schedule")(schedule.schedule)
app.command("place")(place.place)


def main() -> None:
    """Console-script entry point. Settings refused at start (a weak secret key in production,
    a malformed value) end with one line naming the variable, not a traceback."""
    from pydantic import ValidationError

    try:
        app()
    except ValidationError as exc:
        if exc.title != "Settings":
            raise
        for error in exc.errors():
            field = ".".join(str(part) for part in error.get("loc", ()))
            message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
            prefix = f"TALENTFOUNDRY_{field.upper()}: " if field else ""
            typer.echo(f"error: {prefix}{message}", err=True)
        raise SystemExit(2) from None
