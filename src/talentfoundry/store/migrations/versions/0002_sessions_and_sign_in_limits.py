"""server-side sessions and sign-in limits

Page logins move from a signed cookie that carried the user id to a row per browser session
(``web_sessions``): the cookie holds a random id, the row its SHA-256, so logout and a password
change end a session by deleting its row. Sign-in limits need no table: they are counted in the
rate-limit storage (``TALENTFOUNDRY_RATE_LIMIT_URL``, see docs/adr/0003-rate-limits.md).

Existing signed cookies simply stop opening a session: everyone logs in once more.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import talentfoundry.store.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    when = talentfoundry.store.types.UTCDateTime
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("id_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", when(timezone=True), nullable=False),
        sa.Column("last_seen_at", when(timezone=True), nullable=False),
        sa.Column("expires_at", when(timezone=True), nullable=False),
        sa.Column("user_agent", sa.String(length=120), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_web_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("id_sha256", name=op.f("uq_web_sessions_id_sha256")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_sessions_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_web_sessions_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_expires_at"))
        batch_op.drop_index(batch_op.f("ix_web_sessions_user_id"))
    op.drop_table("web_sessions")
