"""A request that lost a race inside the database is run again, whole; overload is a clear 503.

PostgreSQL may abort one of two transactions that wait for each other's row locks (a deadlock) or
that conflict under serialisable isolation. Nothing of the aborted transaction was written, so the
right answer is to run the request again from the start: the person never sees the race. This
middleware buffers the request body, and when the application raises such an error before it
started its response, replays the request (up to ``attempts`` times, with a short random pause).

Errors that mean "the server is full for a moment" rather than "you did something wrong" become
``503`` problems with ``Retry-After`` and a sentence for a person, never a 500 with a stack trace:
no pooled connection free in time, SQLite's write lock not granted within its busy timeout.
"""

from __future__ import annotations

import asyncio
import logging
import random

from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talentfoundry.domain.errors import Busy
from talentfoundry.store.db import is_race
from talentfoundry.web.admission import BUSY_MESSAGE
from talentfoundry.web.problems import foundry_error

log = logging.getLogger(__name__)


def is_overload(exc: BaseException) -> bool:
    if isinstance(exc, PoolTimeout):
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


class RetryRaces:
    """ASGI middleware: replay requests aborted by a database race; overload as 503."""

    def __init__(self, app: ASGIApp, *, attempts: int = 3) -> None:
        self.app = app
        self.attempts = attempts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        for attempt in range(1, self.attempts + 1):
            started = False

            async def tracking_send(message: Message) -> None:
                nonlocal started
                started = started or message["type"] == "http.response.start"
                await send(message)

            try:
                await self.app(scope, _replay(body), tracking_send)
                return
            except Exception as exc:
                if started:
                    raise
                if is_race(exc) and attempt < self.attempts:
                    log.info("retrying %s %s after a database race", scope["method"], scope["path"])
                    await asyncio.sleep(random.uniform(0.005, 0.05) * attempt)
                    continue
                if is_race(exc) or is_overload(exc):
                    log.warning("busy: %s %s: %s", scope["method"], scope["path"], exc)
                    await _busy(scope, send)
                    return
                raise


async def _read_body(receive: Receive) -> list[Message]:
    """The request's body messages, kept to be replayed (the body limit applies before this)."""
    messages = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replay(messages: list[Message]) -> Receive:
    queue = list(messages)

    async def receive() -> Message:
        if queue:
            return queue.pop(0)
        await asyncio.Event().wait()  # as a real client that sent everything: wait forever
        return {"type": "http.disconnect"}  # pragma: no cover

    return receive


async def _busy(scope: Scope, send: Send) -> None:
    response = foundry_error(Request(scope), Busy(BUSY_MESSAGE, retry_after=5))
    await response(scope, _replay([]), send)
