"""placement round states and time windows

Rounds get the states of ``talentfoundry.domain.round_states`` (draft, open, closed, run,
published) and the times of each move. Existing rows keep what they meant:

- ``open`` before its deadline stays ``open`` (opened when it was created);
- ``open`` past its deadline becomes ``closed`` (closed at the deadline: the old code already
  refused lists after it);
- ``run`` and ``published`` stay; their choices closed at the run if it came before the deadline
  (the old code let the organiser run early), else at the deadline. When a round was published is
  not known: ``published_at`` stays empty.

Downgrade: ``draft`` and ``closed`` become ``open`` (the old code knew no other state for a round
not yet run) and the new columns go.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 17:40:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import talentfoundry.store.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_TIMES = ("opened_at", "closed_at", "published_at")


def _rounds() -> sa.TableClause:
    when = talentfoundry.store.types.UTCDateTime
    return sa.table(
        "placement_rounds",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("deadline", when()),
        sa.column("created_at", when()),
        sa.column("run_at", when()),
        sa.column("opened_at", when()),
        sa.column("closed_at", when()),
    )


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): on SQLite a rebuild drops the table, and with foreign
    # keys on that would cascade to the rounds' programmes, choices and outcomes.
    for name in _NEW_TIMES:
        op.add_column(
            "placement_rounds",
            sa.Column(name, talentfoundry.store.types.UTCDateTime(timezone=True), nullable=True),
        )
    rounds = _rounds()
    bind = op.get_bind()
    now = datetime.now(UTC)
    rows = bind.execute(
        sa.select(
            rounds.c.id, rounds.c.status, rounds.c.deadline, rounds.c.created_at, rounds.c.run_at
        )
    ).all()
    for round_id, status, deadline, created_at, run_at in rows:
        values: dict[str, object] = {"opened_at": created_at}
        if status == "open" and deadline <= now:
            values.update(status="closed", closed_at=deadline)
        elif status in ("run", "published"):
            values["closed_at"] = min(deadline, run_at) if run_at is not None else deadline
        bind.execute(sa.update(rounds).where(rounds.c.id == round_id).values(**values))


def downgrade() -> None:
    rounds = _rounds()
    op.get_bind().execute(
        sa.update(rounds).where(rounds.c.status.in_(("draft", "closed"))).values(status="open")
    )
    for name in reversed(_NEW_TIMES):
        op.drop_column("placement_rounds", name)
