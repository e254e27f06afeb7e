"""Send the mail a request queued, after its transaction has committed.

The request's unit of work (``web.deps.DB``) commits before the response is sent; background tasks
run after the response is sent, so :func:`services.mail.deliver_pending` only ever sees committed
messages and the person never waits for the mail server. A job queue takes this over later
(issue 17); ``deliver_pending`` stays the one entry point.
"""

from __future__ import annotations

import logging

from fastapi import BackgroundTasks, Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from talentfoundry.config import Settings
from talentfoundry.services import mail

__all__ = ["DeliverMailAfter"]

log = logging.getLogger(__name__)


def _deliver(factory: sessionmaker[Session], settings: Settings) -> None:
    """Run one delivery; a failure (the database gone, a bad mail-server address) is logged for
    the operator and leaves the messages queued for the next run."""
    try:
        mail.deliver_pending(factory, settings)
    except Exception:
        log.exception("mail delivery after a request failed; the messages stay queued")


def _deliver_after(request: Request, background: BackgroundTasks) -> None:
    background.add_task(
        _deliver, request.app.state.session_factories["write"], request.app.state.settings
    )


DeliverMailAfter = Depends(_deliver_after)
"""Route dependency: ``dependencies=[DeliverMailAfter]`` on a route that may queue mail."""
