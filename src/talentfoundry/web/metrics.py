"""Prometheus metrics at ``/metrics`` (prometheus-client).

- Requests: a counter and a latency histogram per *route template* (``/api/v1/events/{event_id}``),
  never per raw path, so that ids in URLs cannot grow the number of series without bound; a path
  no route matches is counted as ``unmatched``.
- Admission (``web/admission.py``): requests waiting in line and requests admitted, per process
  (summed over the live processes), and the requests told to try again.
- What an organiser watches: per open or live event, attendees, interview slots and bookings,
  seats taken, waitlisted and offered. These are read from the database at scrape time
  (``services.operations.fair_counts``), not counted in the services: the database is shared by
  every process and stays right after restarts and cancellations, and the services stay free of
  web concerns.

With several worker processes (``foundry serve --workers N``) each process writes its samples to
files in ``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode, set up by the serve
command before the workers start) and a scrape, answered by any one worker, merges them. A worker
that died (killed, or replaced by uvicorn's supervisor) leaves its files behind; its "live"
gauges are dropped at the next scrape, while its counters stay in the totals as they should.

The endpoint does not wait for admission: a scrape during a rush must still answer. Nginx in
``deploy/`` keeps it to the local network.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "ADMISSION_REFUSED",
    "ADMITTED",
    "MULTIPROC_ENV",
    "WAITING",
    "MetricsMiddleware",
    "route_template",
    "router",
]

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
UNMATCHED = "unmatched"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "talentfoundry_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "talentfoundry_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, waiting in line included.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
WAITING = Gauge(
    "talentfoundry_admission_waiting",
    "Requests waiting in line for the database (web/admission.py).",
    multiprocess_mode="livesum",
)
ADMITTED = Gauge(
    "talentfoundry_admission_active",
    "Requests admitted to the database and running now.",
    multiprocess_mode="livesum",
)
ADMISSION_REFUSED = Counter(
    "talentfoundry_admission_refused",
    "Requests told to try again (503) after waiting `queue_wait_seconds` in line.",
)

router = APIRouter(include_in_schema=False)


def route_template(scope: Scope) -> str:
    """The template of the route that answered (``/api/v1/events/{event_id}``), the mount's path
    for files (``/static``), or ``unmatched``: a label with a bounded number of values.

    FastAPI keeps an included router's routes with their own paths (``/events/{event_id}``), so
    the prefix they were included under is found again as the part of the request's path before
    the suffix the route's pattern matches (this project's prefixes hold no parameters).
    """
    route = scope.get("route")
    template = getattr(route, "path_format", None)
    pattern = getattr(route, "path_regex", None)
    if isinstance(template, str) and pattern is not None:
        path = scope.get("path", "")
        if pattern.match(path):
            return template
        for cut, char in enumerate(path):
            if char == "/" and cut and pattern.match(path[cut:]):
                return path[:cut] + template
        return template
    mounted = scope.get("root_path", "")[len(scope.get("app_root_path", "")) :]
    return mounted or UNMATCHED


class MetricsMiddleware:
    """Counts every HTTP request and times it, labelled by its route template.

    A plain ASGI middleware (no ``BaseHTTPMiddleware``): it reads the route the router put into
    the scope once the response is over, and never buffers a body.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets when the app raised before answering

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            route = route_template(scope)
            REQUESTS.labels(method, route, str(status)).inc()
            LATENCY.labels(method, route).observe(time.perf_counter() - started)


class _FairCollector:
    """The organisers' numbers, read from the database when Prometheus asks."""

    def __init__(self, factory: Any) -> None:
        self.factory = factory

    def collect(self) -> Iterator[Metric]:
        from sqlalchemy.exc import SQLAlchemyError

        from talentfoundry.services.operations import fair_counts

        up = GaugeMetricFamily(
            "talentfoundry_database_up", "1 when the database answered the scrape's queries."
        )
        try:
            with self.factory() as db:
                counts = fair_counts(db)
        except SQLAlchemyError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        families = {
            "attendees": "People registered for the event.",
            "slots": "Interview slots offered.",
            "bookings": "Interview slots booked.",
            "seats_taken": "Confirmed seats in the event's sessions.",
            "seats_waitlisted": "People on a session's waitlist.",
            "seat_capacity": "Seats offered in sessions with a capacity.",
        }
        for field, help_text in families.items():
            family = GaugeMetricFamily(
                f"talentfoundry_event_{field}",
                help_text + " Open and live events.",
                labels=["event"],
            )
            for row in counts:
                family.add_metric([str(row.event_id)], getattr(row, field))
            yield family


class _Joined:
    """Several collectors read as one registry by ``generate_latest``."""

    def __init__(self, sources: Iterable[Any]) -> None:
        self.sources = list(sources)

    def collect(self) -> Iterator[Metric]:
        for source in self.sources:
            yield from source.collect()


_LIVE_FILE = re.compile(r"gauge_live\w*_(\d+)\.db$")


def forget_dead_processes(directory: str) -> list[int]:
    """Drop the live gauges of worker processes that are gone (killed, or replaced by the
    supervisor, which has no hook to tell us). Returns their pids."""
    dead: set[int] = set()
    for path in Path(directory).glob("gauge_live*_*.db"):
        found = _LIVE_FILE.search(path.name)
        if found is None:
            continue
        pid = int(found.group(1))
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            dead.add(pid)
        except PermissionError:
            pass  # alive, another user's
    for pid in dead:
        mark_process_dead(pid, directory)
    return sorted(dead)


@router.get("/metrics")
def metrics(request: Request) -> Response:
    """Prometheus text format: this process's (or all workers') samples and the fair's counts."""
    directory = os.environ.get(MULTIPROC_ENV)
    sources: list[Any]
    if directory:
        forget_dead_processes(directory)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=directory)
        sources = [registry]
    else:
        sources = [REGISTRY]
    sources.append(_FairCollector(request.app.state.session_factories["read"]))
    return Response(generate_latest(_Joined(sources)), media_type=CONTENT_TYPE_LATEST)
