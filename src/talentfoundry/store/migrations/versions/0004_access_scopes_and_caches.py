"""access scopes and analytics caches

``data_versions``: one random token per table, replaced in the same transaction as every change to
that table (``talentfoundry.store.versions``); the analytics caches are keyed by these tokens.
Upgrading seeds a token for every watched table, so caches work at once on a database that was
filled before this revision.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 17:40:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import talentfoundry.store.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As ``talentfoundry.store.versions.VERSIONED_TABLES`` when this revision was written (a migration
# must not change when the code does).
_WATCHED = (
    "attendees",
    "booths",
    "candidate_profiles",
    "cv_documents",
    "events",
    "job_roles",
    "organisations",
    "role_events",
)


def upgrade() -> None:
    table = op.create_table(
        "data_versions",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column(
            "changed_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_data_versions")),
    )
    now = datetime.now(UTC)
    op.bulk_insert(
        table,
        [{"table_name": name, "token": uuid.uuid4().hex, "changed_at": now} for name in _WATCHED],
    )


def downgrade() -> None:
    op.drop_table("data_versions")
