"""Tables of the fair day: leads (a company's record of the people it met at its booth).

Kept apart from ``store.models`` (which imports this module at its end, so Alembic and
``Base.metadata`` see these tables) to keep each module readable.

A lead is one row per (event, company, candidate): scanning the same badge again counts the visit
again instead of adding a row, so a recruiter's list has one line per person. The candidate may
withdraw from a company's leads: the row stays, emptied of the company's note and rating and
marked withdrawn, so that a later scan at that booth is refused instead of quietly adding the
person back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from talentfoundry.domain.timeutil import utcnow
from talentfoundry.store.models import Base, Booth, Event, Organisation, User


def _now() -> datetime:
    return utcnow()


class Lead(Base):
    """A candidate met at a company's booth (their badge scanned, or its code typed)."""

    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("event_id", "organisation_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    booth_id: Mapped[int | None] = mapped_column(ForeignKey("booths.id", ondelete="SET NULL"))
    scanned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    first_scanned_at: Mapped[datetime] = mapped_column(default=_now)
    last_scanned_at: Mapped[datetime] = mapped_column(default=_now)
    scans: Mapped[int] = mapped_column(Integer, default=1)
    rating: Mapped[int | None] = mapped_column(SmallInteger)  # 1-5, the company's own
    note: Mapped[str] = mapped_column(Text, default="")
    withdrawn_at: Mapped[datetime | None]  # the candidate left this company's leads
    how: Mapped[str] = mapped_column(String(16), default="scan")  # scan | typed

    event: Mapped[Event] = relationship()
    organisation: Mapped[Organisation] = relationship()
    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])
    booth: Mapped[Booth | None] = relationship()
