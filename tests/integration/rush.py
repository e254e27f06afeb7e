"""A registration rush against a real ``foundry serve`` process: many clients at once, each request
answered or not, with its status and latency. Used by the rush test (a small fair, 200 clients) and
by ``bench/registration_rush.py`` (the demo fair, 10,000 requests).

The server runs in its own process, as shipped (``foundry serve``), so what is measured is what a
visitor meets: uvicorn's event loop, its thread pool, the connection pool and the database's locks.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from talentfoundry.domain.enums import EventStatus
from talentfoundry.services import accounts
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import Attendee, Event, EventSession, InterviewSlot, User


@dataclass(frozen=True, slots=True)
class Call:
    """One request of the rush: who sends it, and what."""

    method: str
    path: str
    token: str
    kind: str  # "booking" or "seat": what the request tries to take
    json: dict | None = None


@dataclass(slots=True)
class Answer:
    call: Call
    status: int | None  # None: no HTTP answer (timeout, reset)
    seconds: float
    error: str = ""
    body: dict | None = None


@dataclass(slots=True)
class RushReport:
    answers: list[Answer] = field(default_factory=list)
    wall_seconds: float = 0.0

    def statuses(self) -> Counter[str]:
        return Counter(str(a.status) if a.status else a.error for a in self.answers)

    def unanswered(self) -> list[Answer]:
        return [a for a in self.answers if a.status is None]

    def percentile(self, q: float) -> float:
        times = sorted(a.seconds for a in self.answers if a.status is not None)
        if not times:
            return float("nan")
        return times[min(len(times) - 1, int(q * len(times)))]

    def throughput(self) -> float:
        return len(self.answers) / self.wall_seconds if self.wall_seconds else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(
    database_url: str, log: Path, *, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run ``foundry serve`` on a free port in a child process; yields its base URL. Its output
    goes to ``log`` (a pipe nobody reads would fill up and stall the server)."""
    port = free_port()
    env = {**os.environ, "TALENTFOUNDRY_ENVIRONMENT": "development", **(extra_env or {})}
    env.pop("PYTEST_CURRENT_TEST", None)
    command = [sys.executable, "-c", "from talentfoundry.cli import main; main()"]
    command += ["serve", "--port", str(port), "--database-url", database_url]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        _wait_until_settled(process.pid)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"foundry serve exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(base + "/api/v1/events?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("foundry serve did not answer within 60 s")


def _wait_until_settled(pid: int, *, limit: float = 180.0) -> None:
    """Wait until the server has finished warming up (match index, skill sets): its CPU time
    grows by less than a tenth of a second per second, twice in a row. A rush measured during the
    warm-up would measure the warm-up."""
    clock_ticks = os.sysconf("SC_CLK_TCK")

    def cpu_seconds() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / clock_ticks  # utime + stime

    deadline = time.monotonic() + limit
    quiet, last = 0, cpu_seconds()
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(1.0)
        now = cpu_seconds()
        quiet = quiet + 1 if now - last < 0.1 else 0
        last = now


async def _send(client: httpx.AsyncClient, call: Call) -> Answer:
    started = time.perf_counter()
    try:
        response = await client.request(
            call.method,
            call.path,
            json=call.json,
            headers={"Authorization": f"Bearer {call.token}"},
        )
    except httpx.TimeoutException:
        return Answer(call, None, time.perf_counter() - started, "timeout")
    except httpx.TransportError as exc:
        return Answer(call, None, time.perf_counter() - started, type(exc).__name__)
    body = None
    if response.headers.get("content-type", "").endswith("json"):
        body = response.json()
    return Answer(call, response.status_code, time.perf_counter() - started, body=body)


async def _rush(base: str, calls: Sequence[Call], clients: int, timeout: float) -> RushReport:
    queue: asyncio.Queue[Call] = asyncio.Queue()
    for call in calls:
        queue.put_nowait(call)
    report = RushReport()
    # Idle connections are closed by the client after 1 s, well before the server's 5 s: with
    # equal timeouts a client can pick a connection at the instant the server closes it, and a
    # POST on it fails without an answer (no HTTP client retries a POST by itself).
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=1.0
    )

    async def client_loop(client: httpx.AsyncClient) -> None:
        while True:
            try:
                call = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            report.answers.append(await _send(client, call))

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    report.wall_seconds = time.perf_counter() - started
    return report


def rush(base: str, calls: Sequence[Call], *, clients: int, timeout: float = 30.0) -> RushReport:
    """Send ``calls`` with ``clients`` concurrent clients; every call ends in an answer or error."""
    return asyncio.run(_rush(base, calls, clients, timeout))


@dataclass(frozen=True, slots=True)
class Crowd:
    """What a rush needs from a database: candidates with tokens, and what they can take."""

    event_id: int
    tokens: list[str]
    slot_ids: list[int]
    session_ids: list[int]


def crowd(engine: Engine, *, people: int, seed: int = 7) -> Crowd:
    """Tokens for ``people`` candidates registered for the first open event, and its slots and
    sessions (what they will rush for)."""
    with transaction(make_session_factory(engine)) as db:
        event = db.scalar(
            select(Event).where(Event.status == EventStatus.OPEN).order_by(Event.id).limit(1)
        )
        assert event is not None, "the database has no open event"
        users = _registered(db, event.id, people, seed)
        tokens = [accounts.issue_token(db, user) for user in users]
        slot_ids = list(
            db.scalars(select(InterviewSlot.id).where(InterviewSlot.event_id == event.id))
        )
        session_ids = list(
            db.scalars(select(EventSession.id).where(EventSession.event_id == event.id))
        )
        return Crowd(event.id, tokens, slot_ids, session_ids)


def _registered(db: Session, event_id: int, people: int, seed: int) -> list[User]:
    users = list(
        db.scalars(
            select(User)
            .join(Attendee, Attendee.user_id == User.id)
            .where(Attendee.event_id == event_id, User.role == "candidate")
            .order_by(User.id)
        )
    )
    random.Random(seed).shuffle(users)
    return users[:people]


def plan(crowd: Crowd, requests: int, *, seat_share: float = 0.3, seed: int = 11) -> list[Call]:
    """``requests`` calls: bookings of random slots and sign-ups for random sessions, by random
    people of the crowd (so the same person often asks for overlapping things at once)."""
    rng = random.Random(seed)
    calls = []
    for _ in range(requests):
        token = rng.choice(crowd.tokens)
        if crowd.session_ids and rng.random() < seat_share:
            session_id = rng.choice(crowd.session_ids)
            calls.append(Call("POST", f"/api/v1/sessions/{session_id}/registration", token, "seat"))
        else:
            slot_id = rng.choice(crowd.slot_ids)
            calls.append(Call("POST", "/api/v1/bookings", token, "booking", {"slot_id": slot_id}))
    return calls
