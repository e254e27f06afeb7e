"""Admission: how many requests may use the database at once, and what the rest are told.

Why this exists: the web process runs each request's database work in a thread pool (40 threads),
and a request holds its connection, and on SQLite the write lock, from its first query to its
commit. Under a registration rush, requests that had already opened a transaction waited for a
free thread to run the rest of their handler, while every thread was busy with requests waiting
for a connection or for SQLite's write lock: the process stalled with the CPU idle, clients timed
out, and work they had given up on was committed minutes later.

The cure is to decide *before* a request takes anything: a request waits in line (on the event
loop, holding nothing) until one of ``active`` places is free, and gives up with a clear 503
("try again in a few seconds", ``Retry-After``) after ``wait_seconds``. Fewer requests run at once
than there are threads and pooled connections, so an admitted request never waits for either.
On SQLite, which has one writer at a time anyway, writing requests also wait in a line of their
own (``writers=1``) instead of spinning on the database's busy timeout.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from talentfoundry.domain.errors import Busy
from talentfoundry.web import metrics

BUSY_MESSAGE = "Many people are signing up right now. Please try again in a few seconds."


class Gate:
    """At most ``active`` requests at once, of which at most ``writers`` write (None: no limit).

    Waiting is first come, first served (asyncio's semaphores wake waiters in order). The
    semaphores belong to the event loop that first uses them; a test client that starts a new
    loop gets new ones.
    """

    def __init__(self, *, active: int, writers: int | None, wait_seconds: float) -> None:
        self.active = active
        self.writers = writers
        self.wait_seconds = wait_seconds
        self._loop: asyncio.AbstractEventLoop | None = None
        self._active: asyncio.Semaphore
        self._writers: asyncio.Semaphore | None

    def _semaphores(self) -> tuple[asyncio.Semaphore, asyncio.Semaphore | None]:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop = loop
            self._active = asyncio.Semaphore(self.active)
            self._writers = asyncio.Semaphore(self.writers) if self.writers else None
        return self._active, self._writers

    @asynccontextmanager
    async def admit(self, *, writes: bool) -> AsyncIterator[None]:
        """Wait for a place (writers first in their own line), or raise :class:`Busy`."""
        active, writers = self._semaphores()
        deadline = asyncio.get_running_loop().time() + self.wait_seconds
        held: list[asyncio.Semaphore] = []
        metrics.WAITING.inc()  # the line's length and the admitted, for /metrics
        waiting = True
        try:
            for semaphore in (writers, active) if writes else (active,):
                if semaphore is None:
                    continue
                left = deadline - asyncio.get_running_loop().time()
                try:
                    async with asyncio.timeout(max(left, 0.001)):
                        await semaphore.acquire()
                except TimeoutError:
                    metrics.ADMISSION_REFUSED.inc()
                    raise Busy(BUSY_MESSAGE, retry_after=math.ceil(self.wait_seconds)) from None
                held.append(semaphore)
            metrics.WAITING.dec()
            waiting = False
            with metrics.ADMITTED.track_inprogress():
                yield
        finally:
            if waiting:
                metrics.WAITING.dec()
            for semaphore in reversed(held):
                semaphore.release()
