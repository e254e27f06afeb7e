"""fair day: leads, and meetings marked as missed

``leads``: the people a company met at its booth, one row per (event, company, candidate); a
repeated scan counts the visit again. A candidate who withdraws keeps a row marked
``withdrawn_at`` (note and rating emptied), so a later scan at that booth is refused.
``bookings.no_show_at`` / ``no_show_by_id``: the company marked the candidate as not there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 22:45:34.683224
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import talentfoundry.store.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("booth_id", sa.Integer(), nullable=True),
        sa.Column("scanned_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "first_scanned_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "last_scanned_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("scans", sa.Integer(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column(
            "withdrawn_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["booth_id"], ["booths.id"], name=op.f("fk_leads_booth_id_booths"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["users.id"],
            name=op.f("fk_leads_candidate_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_leads_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_leads_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["scanned_by_id"],
            ["users.id"],
            name=op.f("fk_leads_scanned_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
        sa.UniqueConstraint(
            "event_id",
            "organisation_id",
            "candidate_id",
            name=op.f("uq_leads_event_id_organisation_id_candidate_id"),
        ),
    )
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leads_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_leads_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_leads_organisation_id"), ["organisation_id"], unique=False
        )

    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "no_show_at", talentfoundry.store.types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(sa.Column("no_show_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_bookings_no_show_by_id_users"),
            "users",
            ["no_show_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_bookings_no_show_by_id_users"), type_="foreignkey")
        batch_op.drop_column("no_show_by_id")
        batch_op.drop_column("no_show_at")

    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leads_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_leads_event_id"))
        batch_op.drop_index(batch_op.f("ix_leads_candidate_id"))

    op.drop_table("leads")
