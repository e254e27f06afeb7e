"""A request id on every request and in every log line written while it runs; the log format.

The id comes from the client or the proxy (``X-Request-ID``: nginx in ``deploy/`` passes its
own ``$request_id``) when it is a short token, else a new one is made; it goes back in the
response's ``X-Request-ID`` header, so a person reporting a problem can quote it, and it is kept
in a :mod:`contextvars` variable for the length of the request. The handlers' thread-pool work and
the background tasks after the response run in copies of the request's context, so their log
lines carry it too. A logging filter on the handler (not on one logger) adds it to every record,
from our loggers and from libraries alike.

The JSON formatter is python-json-logger's (a small, long-kept library on top of the standard
``logging``), not structlog: the project logs through ``logging`` everywhere, uvicorn does too, and
what was missing was only a formatter and a field, not a new logging API (docs/adr/0009).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talentfoundry.web.metrics import route_template

__all__ = [
    "HEADER",
    "REQUEST_ID",
    "RequestContextMiddleware",
    "RequestIdFilter",
    "log_config",
]

HEADER = "X-Request-ID"
REQUEST_ID: ContextVar[str | None] = ContextVar("talentfoundry_request_id", default=None)
_ACCEPTED = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
"""An id from outside is kept when it is a short token: it is written into logs and headers, so
anything longer or with other characters (spaces, newlines, quotes) is replaced, not trusted."""

request_log = logging.getLogger("talentfoundry.request")


def incoming_id(value: str | None) -> str:
    """The client's id when acceptable, else a new one (32 hex digits).

    >>> incoming_id("req-42")
    'req-42'
    >>> len(incoming_id("two words")), len(incoming_id(None))
    (32, 32)
    """
    if value and _ACCEPTED.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Sets the request id, echoes it in the response, and logs one line per request (method,
    route template, path, status, duration) at INFO on ``talentfoundry.request``: the access log,
    which uvicorn's own cannot be since it knows neither the id nor the route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = None
        for name, value in scope.get("headers", ()):
            if name == b"x-request-id":
                raw = value.decode("latin-1")
                break
        request_id = incoming_id(raw)
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
            # The route's template, not the path: a path can carry a secret (a password-reset
            # or confirmation link's token), and a log is read by more people than a mailbox.
            route = route_template(scope)
            request_log.info(
                "%s %s %s %.1f ms",
                scope["method"],
                route,
                status,
                elapsed_ms,
                extra={
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "duration_ms": elapsed_ms,
                },
            )
            REQUEST_ID.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (the current request's, or ``-`` outside a request) to each record,
    and drops uvicorn's ``color_message`` (terminal colours, a duplicate of the message)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        if hasattr(record, "color_message"):
            del record.color_message
        return True


PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(levelname)s %(name)s %(message)s %(request_id)s %(process)d"


def log_config(log_format: str, level: str) -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` dictionary: one handler on stderr, plain or JSON lines,
    with the request id. Given to uvicorn (``log_config=``), which applies it in every worker
    process, its own loggers included (they propagate to the root handler)."""
    formatter: dict[str, Any]
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"levelname": "level", "name": "logger", "process": "pid"},
            "timestamp": "time",
        }
    else:
        formatter = {"format": PLAIN_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"main": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "main",
                "filters": ["request_id"],
            }
        },
        "loggers": {
            **{
                name: {"handlers": [], "propagate": True}
                for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
            },
            # /readyz reads the revision through Alembic, which says "Context impl ..." each time.
            "alembic.runtime.migration": {"level": "WARNING"},
        },
        "root": {"level": level, "handlers": ["stderr"]},
    }
