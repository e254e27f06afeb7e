"""outgoing mail and one-time links

``outgoing_messages``: every e-mail with its delivery state (queued, sending, sent, failed, or kept
in the outbox when no mail server is set up), unique per ``idempotency_key``. ``one_time_links``:
the SHA-256 of password-reset and e-mail-confirmation tokens. ``users.email_verified_at``: when the
person confirmed their address (existing accounts start unconfirmed).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 22:09:35.000788
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import talentfoundry.store.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "one_time_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=24), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "created_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "expires_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("used_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_one_time_links_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_time_links")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_one_time_links_token_sha256")),
    )
    with op.batch_alter_table("one_time_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_one_time_links_user_id"), ["user_id"], unique=False)

    op.create_table(
        "outgoing_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("transactional", sa.Boolean(), nullable=False),
        sa.Column("holds_secret", sa.Boolean(), nullable=False),
        sa.Column("unsubscribe_url", sa.String(length=500), nullable=True),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "created_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "next_attempt_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "claimed_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("sent_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_outgoing_messages_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_messages")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outgoing_messages_idempotency_key")),
    )
    with op.batch_alter_table("outgoing_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outgoing_messages_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_outgoing_messages_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "email_verified_at",
                talentfoundry.store.types.UTCDateTime(timezone=True),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")

    with op.batch_alter_table("outgoing_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outgoing_messages_user_id"))
        batch_op.drop_index(batch_op.f("ix_outgoing_messages_status"))

    op.drop_table("outgoing_messages")
    with op.batch_alter_table("one_time_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_one_time_links_user_id"))

    op.drop_table("one_time_links")
