"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1, on a free port, in a thread.

It keeps every message it accepts, parsed with the standard library's ``email`` package, and can
be told to refuse some recipients with a permanent 550 answer, as a real server does for an
unknown mailbox.
"""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    """What the server received; ``refuse`` lists addresses answered with 550."""

    url: str
    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address in str(m["To"])]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_smtp_server() -> Iterator[Inbox]:
    port = free_port()
    inbox = Inbox(url=f"smtp://127.0.0.1:{port}")
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def body_parts(message: EmailMessage) -> tuple[str, str]:
    """The text and HTML alternatives of ``message``."""
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None, "a message without both parts"
    return str(text.get_content()), str(html.get_content())
