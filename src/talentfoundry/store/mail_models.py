"""Tables of outgoing mail and of one-time links (password reset, e-mail confirmation).

Kept apart from ``store.models`` (which imports this module at its end, so Alembic and
``Base.metadata`` see these tables) to keep each module readable.

An outgoing message is written in the same transaction as what caused it and sent after that
transaction commits (``services.mail.deliver_pending``): a rolled-back request leaves no message,
and a slow or absent mail server never holds a database transaction open. ``idempotency_key`` is
unique, so the same trigger queued twice (a retried request, two clicks) yields one message.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from talentfoundry.domain.timeutil import utcnow
from talentfoundry.store.models import Base, User


def _now() -> datetime:
    return utcnow()


class OutgoingMessage(Base):
    """One e-mail to one person, with its delivery state.

    ``status``: ``queued`` (waiting for its first or next try), ``sending`` (claimed by one
    delivery run; nobody else sends it), ``sent``, ``failed`` (given up, ``last_error`` says why)
    or ``outbox`` (no mail server is set up: kept here for the admins' outbox page).
    """

    __tablename__ = "outgoing_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    transactional: Mapped[bool] = mapped_column(Boolean, default=True)
    holds_secret: Mapped[bool] = mapped_column(Boolean, default=False)
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    message_id: Mapped[str] = mapped_column(String(200))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    next_attempt_at: Mapped[datetime] = mapped_column(default=_now)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]

    user: Mapped[User | None] = relationship()


class OneTimeLink(Base):
    """A link sent by e-mail that works once, until ``expires_at``: this table stores only the
    SHA-256 of its token. The message carrying the link (``OutgoingMessage``, ``holds_secret``)
    holds it in its bodies until it is sent or has finally failed, when ``services.mail`` blanks
    it out; so a copy of the database opens no account whose link has gone out, though one
    taken while a message waits (or kept in the outbox without a mail server) may."""

    __tablename__ = "one_time_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(24))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
