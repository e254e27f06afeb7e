"""Refuse request bodies over a size before anything reads them: 413 with a problem in words.

Without this, a body's size was checked only by the handler, after Starlette had read the whole
body (a 1 GB upload was written to a temporary file first) and FastAPI had parsed it: JSON bodies
are parsed before any dependency runs, so before anyone is authenticated or admitted. This pure
ASGI middleware sits outside all of that:

- a ``Content-Length`` over the limit is refused at once, without reading a byte of the body;
- a body without one (``Transfer-Encoding: chunked``) is counted as it streams in, and the
  request is cut off and refused at the first chunk past the limit.

Two limits, because what a body costs once parsed depends on its kind: an upload
(``multipart/form-data``) is streamed to a temporary file by the multipart parser and costs about
its own size, so it may be as large as the upload limit plus its envelope; every other body (JSON,
a page's form) is parsed into Python objects at once, which take 10-30 times the bytes (a 5 MB JSON
list of empty objects is 110 MB), and no such body of this site comes near 1 MB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talentfoundry.web.problems import problem

if TYPE_CHECKING:
    from talentfoundry.config import Settings

__all__ = ["MULTIPART_ENVELOPE_BYTES", "BodyLimit", "upload_body_limit"]

MULTIPART_ENVELOPE_BYTES = 64 * 1024
"""Room around an uploaded file in its request: boundaries, part headers, the CSRF field."""


def upload_body_limit(settings: Settings) -> int:
    """The largest upload request (``max_request_bytes``, by default the upload limit plus the
    multipart envelope), so that a file at the upload limit is never refused here."""
    if settings.max_request_bytes is not None:
        return settings.max_request_bytes
    return settings.max_upload_bytes + MULTIPART_ENVELOPE_BYTES


class _TooLarge(Exception):
    """Raised into the application from ``receive`` to stop it reading the body."""


class BodyLimit:
    """ASGI middleware: refuse a body over ``upload_bytes`` (multipart) or ``other_bytes`` (any
    other kind) with 413 before the application reads it, or as soon as a streamed body passes
    the limit."""

    def __init__(self, app: ASGIApp, *, upload_bytes: int, other_bytes: int) -> None:
        self.app = app
        self.upload_bytes = upload_bytes
        self.other_bytes = other_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        multipart = headers.get(b"content-type", b"").lower().startswith(b"multipart/")
        limit = self.upload_bytes if multipart else self.other_bytes
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(scope, receive, send, limit, multipart=multipart)
            return

        received = 0
        over = False
        answered = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal answered
            if over:  # whatever the application makes of a cut-off body, the answer is the 413
                return
            answered = answered or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not answered:
            await _refuse(scope, receive, send, limit, multipart=multipart)


def _size(limit: int) -> str:
    """``5.1 MB``, or ``64 KB`` under a megabyte.

    >>> _size(5 * 1024 * 1024 + 64 * 1024), _size(65536)
    ('5.1 MB', '64 KB')
    """
    if limit >= 1_048_576:
        return f"{limit / 1_048_576:.1f} MB"
    return f"{max(1, round(limit / 1024))} KB"


async def _refuse(
    scope: Scope, receive: Receive, send: Send, limit: int, *, multipart: bool
) -> None:
    advice = "please upload a smaller file" if multipart else "please send less at once"
    response = problem(
        413,
        "Payload too large",
        f"The request is larger than {_size(limit)}, the most this site accepts at once; {advice}.",
        instance=scope.get("path"),
    )
    # The rest of the body is never read, so the connection cannot carry another request.
    response.headers["Connection"] = "close"
    await response(scope, receive, send)
