"""``foundry mail deliver``: one delivery run of the queued mail, for a timer.

A web process hands mail to the server after each request that queued some; a message waiting
for its retry (the server was down) would otherwise wait until someone else's request queues
mail. deploy/systemd/talentfoundry-mail.timer runs this every minute. It calls the one entry point
that sends (``services.mail.deliver_pending``), so it is safe next to the web processes.
"""

from __future__ import annotations

import typer

from talentfoundry.cli._common import fail

__all__ = ["app", "deliver"]

app = typer.Typer(help="Outgoing e-mail.", no_args_is_help=True)


@app.command("deliver")
def deliver(
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        "--database",
        help="SQLAlchemy URL (default: TALENTFOUNDRY_DATABASE_URL or the SQLite file).",
    ),
) -> None:
    """Send the mail that is due now (first tries and retries) and say what became of it."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import SQLAlchemyError

    from talentfoundry.config import get_settings
    from talentfoundry.services import mail
    from talentfoundry.store.db import make_session_factory, normalise_url, open_engine
    from talentfoundry.store.mail_models import OutgoingMessage

    settings = get_settings()
    url = normalise_url(database_url or settings.database_url)
    try:
        with open_engine(url) as engine:
            factory = make_session_factory(engine)
            report = mail.deliver_pending(factory, settings)
            with factory() as db:
                waiting = db.scalar(
                    select(func.count())
                    .select_from(OutgoingMessage)
                    .where(OutgoingMessage.status.in_(("queued", "sending")))
                )
    except ValueError as exc:  # a malformed TALENTFOUNDRY_SMTP_URL
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"cannot use the database: {getattr(exc, 'orig', None) or exc}")
    summary = f"sent {len(report.sent)}, failed {len(report.failed)}, waiting {waiting or 0}"
    if report.kept_in_outbox:
        summary += f", kept in the outbox {report.kept_in_outbox} (no mail server is set up)"
    typer.echo(summary)
