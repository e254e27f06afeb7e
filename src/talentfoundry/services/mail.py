"""Outgoing e-mail: written in the request's transaction, handed to the mail server after commit.

Why two steps (docs/adr/0008-outgoing-mail.md): a message queued in the same transaction as its
cause disappears with it when the request fails, and the SMTP conversation (seconds, sometimes
a timeout) never runs while a database transaction holds locks. :func:`deliver_pending` is the one
entry point that sends; today the web process calls it after a response is committed, and a job
queue will call the same function later. It is safe to call any number of times, at once too:

- a message is *claimed* in its own short transaction (``queued`` -> ``sending``, rows locked with
  ``SKIP LOCKED`` on PostgreSQL, SQLite's single writer elsewhere), so two runs never both send it;
- a message marked ``sent`` is never picked up again;
- a temporary failure (no connection, a 4xx answer) is retried after 1, 2, 4... minutes, up to
  ``mail_max_attempts`` tries, then marked ``failed`` with the reason; a permanent refusal (5xx,
  "no such mailbox") is final at once;
- a claim left behind by a process that died while sending is taken up again after
  ``STALE_CLAIM``: such a message may then arrive twice (SMTP cannot tell whether the server got
  it), never zero times; its Message-ID stays the same, so mail programs can tell the copies.
  Such a claim counts as a try too: once its tries reach ``mail_max_attempts`` it is ``failed``;
- a message that cannot even be written out (a header the mail library refuses) fails alone,
  with the reason; the others of its batch are sent and recorded as usual.

A message that holds a one-time link (``holds_secret``) keeps that link in the database only while
it may still be sent: once it is sent or has finally failed, the link is blanked out of the stored
bodies (:data:`LINK_REMOVED`), so the table is no store of working reset or confirmation links.
Messages read through :func:`list_messages` in production never show such a body at all.

Delivery runs after each request that queued mail and, for retries that are due while nobody
queues anything, every minute from ``foundry mail deliver`` (deploy/systemd).

Without ``smtp_url`` nothing is sent: queued messages are marked ``outbox`` and admins read them
in the pages (``/admin/outbox``), so a demo fair shows its mail without a mail server.
"""

from __future__ import annotations

import contextlib
import logging
import re
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from talentfoundry.config import Settings
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import InputError, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services.common import Page, paginate
from talentfoundry.store.db import transaction
from talentfoundry.store.mail_models import OutgoingMessage
from talentfoundry.store.models import User

__all__ = [
    "STATUSES",
    "Delivery",
    "SmtpServer",
    "build_email",
    "deliver_pending",
    "list_messages",
    "queue",
    "queued_already",
    "smtp_server",
]

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "mail_templates"
SMTP_TIMEOUT = 20.0  # seconds for connecting and for each answer of the server
STALE_CLAIM = timedelta(minutes=15)
BATCH = 200
STATUSES = ("queued", "sending", "sent", "failed", "outbox")
NO_SERVER = "No mail server is set up, so the message was kept in the outbox and not sent."
LINK_REMOVED = "[link removed after sending]"
HIDDEN = "Hidden: this message holds a link that opens the account of the person it is for."
_SECRET_LINK = re.compile(r"https?://[^\s\"'<>]+/[A-Za-z0-9_-]{32,}")
"""A link ending in a long random token: the one-time links (``secrets.token_urlsafe(32)``,
43 characters) of the messages that hold a secret; ordinary links have no such last segment."""

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,  # a missing value is an error, not a blank in someone's mail
    keep_trailing_newline=True,
)


def render(kind: str, context: dict[str, Any]) -> tuple[str, str]:
    """The text and HTML bodies of a message of ``kind`` (``mail_templates/<kind>.txt|.html``)."""
    text = _env.get_template(f"{kind}.txt").render(**context)
    html = _env.get_template(f"{kind}.html").render(**context)
    return text, html


def queue(
    db: Session,
    settings: Settings,
    *,
    to: User,
    kind: str,
    subject: str,
    context: dict[str, Any],
    idempotency_key: str,
    transactional: bool = True,
    holds_secret: bool = False,
    unsubscribe_url: str | None = None,
) -> OutgoingMessage | None:
    """Write a message to ``to`` in the caller's transaction; None when a message with this
    ``idempotency_key`` exists already (the same trigger seen twice sends one message).

    ``transactional`` messages (about the person's own account or action) carry no
    List-Unsubscribe; any other message must name the page where it can be switched off.
    ``holds_secret`` marks a message carrying a one-time link (a password reset, an address
    confirmation): its body is hidden in production listings, and the link is blanked out of the
    stored bodies once the message is sent or has finally failed.
    """
    if not transactional and not unsubscribe_url:
        raise ValueError("a message that is not transactional needs an unsubscribe_url")
    if queued_already(db, idempotency_key):
        return None
    values = {"name": to.full_name, "site": settings.public_url.rstrip("/"), **context}
    text, html = render(kind, values)
    message = OutgoingMessage(
        user_id=to.id,
        to_address=to.email,
        kind=kind,
        subject=subject,
        body_text=text,
        body_html=html,
        transactional=transactional,
        holds_secret=holds_secret,
        unsubscribe_url=unsubscribe_url,
        message_id=make_msgid(domain=_sender_domain(settings.mail_from)),
        idempotency_key=idempotency_key,
        status="queued",
        attempts=0,
    )
    try:
        with db.begin_nested():
            db.add(message)
            db.flush()
    except IntegrityError:  # the same trigger queued by another request at the same moment
        return None
    return message


def queued_already(db: Session, idempotency_key: str) -> bool:
    """Whether a message with this key exists (whatever became of it)."""
    found = select(OutgoingMessage.id).where(OutgoingMessage.idempotency_key == idempotency_key)
    return db.scalar(found) is not None


def _sender_domain(mail_from: str) -> str:
    address = parseaddr(mail_from)[1]
    return address.rpartition("@")[2] or "localhost"


def build_email(message: OutgoingMessage, settings: Settings, now: datetime) -> EmailMessage:
    """The MIME message as it goes out: text and HTML alternatives, Message-ID fixed when queued
    (the same on every try), Date of this try, and List-Unsubscribe where the message is not
    about the person's own account or action (RFC 2369)."""
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = formataddr((message.user.full_name if message.user else "", message.to_address))
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now)
    email["Message-ID"] = message.message_id
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    if not message.transactional:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    return email


@dataclass(frozen=True)
class SmtpServer:
    """Where to hand mail over, read from ``smtp_url`` (the password never goes to a log)."""

    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool  # smtps://: TLS from the first byte
    starttls: bool

    def __str__(self) -> str:
        return f"{'smtps' if self.tls else 'smtp'}://{self.host}:{self.port}"


def smtp_server(settings: Settings) -> SmtpServer | None:
    """The mail server of ``settings``, or None when none is set (mail goes to the outbox)."""
    if not settings.smtp_url:
        return None
    parts = urlsplit(settings.smtp_url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("TALENTFOUNDRY_SMTP_URL must look like smtp://user:password@host:587")
    tls = parts.scheme == "smtps"
    return SmtpServer(
        host=parts.hostname,
        port=parts.port or (465 if tls else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        tls=tls,
        starttls=settings.smtp_starttls and not tls,
    )


@dataclass
class Delivery:
    """What one :func:`deliver_pending` run did (ids of messages by outcome)."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    kept_in_outbox: int = 0


def deliver_pending(
    factory: sessionmaker[Session], settings: Settings, *, now: datetime | None = None
) -> Delivery:
    """Send every message that is due, in batches; never raises for a mail-server problem (the
    reason goes on the message). ``now`` is for tests that move the clock to the next retry."""
    now = now or utcnow()
    report = Delivery()
    server = smtp_server(settings)
    if server is None:
        with transaction(factory) as db:
            result = db.execute(
                update(OutgoingMessage)
                .where(OutgoingMessage.status == "queued")
                .values(status="outbox", last_error=NO_SERVER)
            )
            report.kept_in_outbox = int(getattr(result, "rowcount", 0) or 0)
        return report
    while True:
        claimed = _claim(factory, settings, now, report)
        if not claimed:
            return report
        outcomes = _send(server, settings, claimed, now)
        _record(factory, settings, outcomes, now, report)
        if len(claimed) < BATCH:
            return report


def _claim(
    factory: sessionmaker[Session], settings: Settings, now: datetime, report: Delivery
) -> list[OutgoingMessage]:
    """Take up to ``BATCH`` due messages for this run (``sending``, one more attempt), in one
    short transaction; rows another run holds are skipped, not waited for.

    A stale claim whose tries are used up is marked ``failed`` here instead of being taken again:
    a message whose sending kills the process every time must not be re-sent forever."""
    due = or_(
        (OutgoingMessage.status == "queued") & (OutgoingMessage.next_attempt_at <= now),
        (OutgoingMessage.status == "sending") & (OutgoingMessage.claimed_at < now - STALE_CLAIM),
    )
    with transaction(factory) as db:
        rows = list(
            db.scalars(
                select(OutgoingMessage)
                .where(due)
                .order_by(OutgoingMessage.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
        )
        claimed = []
        for row in rows:
            if row.status == "sending" and row.attempts >= settings.mail_max_attempts:
                reason = (
                    f"Sending was interrupted {row.attempts} times (the process ended while "
                    "sending it); given up."
                )
                _finish(row, "failed", reason)
                report.failed.append(row.id)
                log.warning("mail %d to user %s failed: %s", row.id, row.user_id, reason)
                continue
            row.status = "sending"
            row.claimed_at = now
            row.attempts += 1
            _ = row.user  # loaded now: the rows are used after this session closes
            claimed.append(row)
        db.flush()
    return claimed


def _finish(message: OutgoingMessage, status: str, reason: str | None) -> None:
    """Mark ``message`` sent or failed for good; a one-time link it holds leaves the store."""
    message.status, message.last_error = status, reason
    if message.holds_secret:
        message.body_text = _SECRET_LINK.sub(LINK_REMOVED, message.body_text)
        message.body_html = _SECRET_LINK.sub(LINK_REMOVED, message.body_html)


def _send(
    server: SmtpServer, settings: Settings, messages: list[OutgoingMessage], now: datetime
) -> dict[int, tuple[str, str | None]]:
    """Hand ``messages`` to the server over one connection; per message ``("sent", None)``,
    ``("retry", reason)`` or ``("failed", reason)``."""
    outcomes: dict[int, tuple[str, str | None]] = {}
    try:
        connection = _connect(server)
    except (OSError, smtplib.SMTPException) as exc:
        reason = f"Could not reach the mail server {server}: {_describe(exc)}"
        log.warning("mail: %s", reason)
        return {m.id: ("failed" if _permanent(exc) else "retry", reason) for m in messages}
    try:
        for message in messages:
            try:
                email = build_email(message, settings, now)
            except Exception as exc:  # one bad message must not hold up (or resend) its batch
                log.warning("mail %d could not be written: %s", message.id, exc)
                outcomes[message.id] = ("failed", f"The message could not be written: {exc}")
                continue
            try:
                connection.send_message(email)
            except smtplib.SMTPServerDisconnected as exc:
                outcomes[message.id] = ("retry", f"The mail server hung up: {_describe(exc)}")
                break
            except (OSError, smtplib.SMTPException) as exc:
                verdict = "failed" if _permanent(exc) else "retry"
                outcomes[message.id] = (verdict, f"The mail server refused it: {_describe(exc)}")
                _reset(connection)
            else:
                outcomes[message.id] = ("sent", None)
    finally:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()
    for message in messages:  # those after a hang-up: try again next time
        outcomes.setdefault(message.id, ("retry", "The mail server hung up before this one."))
    return outcomes


def _connect(server: SmtpServer) -> smtplib.SMTP:
    context = ssl.create_default_context()
    connection: smtplib.SMTP
    if server.tls:
        connection = smtplib.SMTP_SSL(
            server.host, server.port, timeout=SMTP_TIMEOUT, context=context
        )
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT)
        if server.starttls:
            connection.starttls(context=context)
    if server.username:
        connection.login(server.username, server.password or "")
    return connection


def _reset(connection: smtplib.SMTP) -> None:
    """Forget a refused transaction so the next message starts clean (RSET)."""
    with contextlib.suppress(OSError, smtplib.SMTPException):
        connection.rset()


def _permanent(exc: BaseException) -> bool:
    """A 5xx answer (the server will never take it) as opposed to a 4xx or a network error."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return False  # a wrong password is the operator's to fix; keep the message meanwhile
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{code} {reply.decode(errors='replace')}" for code, reply in exc.recipients.values()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
        return f"{exc.smtp_code} {text}"
    return str(exc) or type(exc).__name__


def _record(
    factory: sessionmaker[Session],
    settings: Settings,
    outcomes: dict[int, tuple[str, str | None]],
    now: datetime,
    report: Delivery,
) -> None:
    with transaction(factory) as db:
        for message_id, (verdict, reason) in outcomes.items():
            message = db.get(OutgoingMessage, message_id)
            if message is None:  # the person deleted their account meanwhile
                continue
            if verdict == "sent":
                _finish(message, "sent", None)
                message.sent_at = now
                report.sent.append(message_id)
            elif verdict == "retry" and message.attempts < settings.mail_max_attempts:
                message.status, message.last_error = "queued", reason
                message.next_attempt_at = now + timedelta(minutes=2 ** (message.attempts - 1))
                report.retrying.append(message_id)
            else:
                _finish(message, "failed", reason)
                report.failed.append(message_id)
                log.warning("mail %d to user %s failed: %s", message_id, message.user_id, reason)


def list_messages(
    db: Session,
    actor: User,
    settings: Settings,
    *,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """The outbox and delivery log, newest first: admins only, since messages hold other
    people's addresses (and, until sent, links that open their accounts).

    In production the body of a message that holds a secret is replaced by :data:`HIDDEN` for
    every caller (the rule lives here, not in a page): those rows are detached from the session
    first, so the replacement is never written back. Elsewhere (a demo fair without a mail
    server) the admin reads the link, since nobody else can deliver it."""
    if actor.role != UserRole.ADMIN:
        raise PermissionDenied("Only admins may read other people's messages.")
    if status and status not in STATUSES:
        raise InputError("Choose one of the listed states.", field="status")
    query = select(OutgoingMessage)
    if status:
        query = query.where(OutgoingMessage.status == status)
    query = query.order_by(OutgoingMessage.created_at.desc(), OutgoingMessage.id.desc())
    page = paginate(db, query, limit=limit, offset=offset)
    if settings.environment == "production":
        for message in page.items:
            if message.holds_secret:
                db.expunge(message)
                message.body_text = message.body_html = HIDDEN
    return page
