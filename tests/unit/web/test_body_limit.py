"""The body limit middleware, at the ASGI level: a streamed body is read only up to the limit, and
whatever the application makes of a cut-off body, the client gets the 413 problem."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from talentfoundry.config import Settings
from talentfoundry.web.body_limit import BodyLimit, upload_body_limit

pytestmark = pytest.mark.unit


def run(
    middleware: BodyLimit, headers: list[tuple[bytes, bytes]], chunks: list[bytes]
) -> tuple[list[dict[str, Any]], int]:
    """Send ``chunks`` as a streamed body; returns what went back and how many were read."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if read == len(chunks):
            return {"type": "http.disconnect"}
        read += 1
        return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "PUT", "path": "/api/v1/me/cv", "headers": headers}
    asyncio.run(middleware(scope, receive, send))
    return sent, read


async def reads_everything(scope: Any, receive: Any, send: Any) -> None:
    """An application that reads the whole body, then answers 200 with its length."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(len(body)).encode()})


async def answers_400_on_errors(scope: Any, receive: Any, send: Any) -> None:
    """Like FastAPI, which answers 400 "error parsing the body" when reading the body fails."""
    try:
        await reads_everything(scope, receive, send)
    except Exception:
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b"There was an error parsing the body"})


MULTIPART = [(b"content-type", b"multipart/form-data; boundary=x")]


def problem_of(sent: list[dict[str, Any]]) -> tuple[int, dict[str, Any]]:
    start, body = sent[0], sent[1]
    assert (b"content-type", b"application/problem+json") in start["headers"]
    return start["status"], json.loads(body["body"])


@pytest.mark.parametrize("app", [reads_everything, answers_400_on_errors])
def test_a_streamed_body_is_read_up_to_the_limit_and_no_further(app: Any) -> None:
    middleware = BodyLimit(app, upload_bytes=10_000, other_bytes=1_000)
    sent, read = run(middleware, MULTIPART, [b"x" * 4_000] * 100)  # 400 KB, no Content-Length
    assert read == 3  # 12,000 bytes: the chunk that passed the limit was the last one read
    status, problem = problem_of(sent)
    assert (status, problem["title"], problem["instance"]) == (
        413,
        "Payload too large",
        "/api/v1/me/cv",
    )
    assert len(sent) == 2  # the application's own answer never went out


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    middleware = BodyLimit(reads_everything, upload_bytes=10_000, other_bytes=1_000)
    sent, read = run(middleware, [*MULTIPART, (b"content-length", b"10001")], [b"x" * 10_001])
    assert read == 0
    assert problem_of(sent) == (
        413,
        {
            "type": "about:blank",
            "title": "Payload too large",
            "status": 413,
            "detail": "The request is larger than 10 KB, the most this site accepts at once; "
            "please upload a smaller file.",
            "instance": "/api/v1/me/cv",
        },
    )
    assert (b"connection", b"close") in sent[0]["headers"]


def test_bodies_other_than_uploads_have_the_smaller_limit() -> None:
    middleware = BodyLimit(reads_everything, upload_bytes=10_000, other_bytes=1_000)
    json_body = [(b"content-type", b"application/json")]
    sent, _ = run(middleware, json_body, [b"x" * 1_001])
    assert problem_of(sent)[1]["detail"] == (
        "The request is larger than 1 KB, the most this site accepts at once; "
        "please send less at once."
    )
    sent, _ = run(middleware, json_body, [b"x" * 1_000])
    assert (sent[0]["status"], sent[1]["body"]) == (200, b"1000")  # at the limit: let through
    sent, _ = run(middleware, MULTIPART, [b"x" * 9_000])
    assert (sent[0]["status"], sent[1]["body"]) == (200, b"9000")


def test_the_upload_body_limit_leaves_room_for_the_envelope_unless_set() -> None:
    assert upload_body_limit(Settings()) == 5 * 1024 * 1024 + 64 * 1024
    assert upload_body_limit(Settings(max_upload_bytes=2048)) == 2048 + 64 * 1024
    assert upload_body_limit(Settings(max_request_bytes=4096)) == 4096
