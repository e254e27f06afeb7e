"""A student's own ranked list in a placement round, read back for the pages.

:mod:`talentfoundry.services.placement_rounds` writes the list (``set_choices``); the web page
needs to show it again, best first, to let the student reorder it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.store.models import PlacementChoice, PlacementProgramme, User

__all__ = ["my_choices"]


def my_choices(db: Session, actor: User, round_id: int) -> list[PlacementProgramme]:
    """The programmes ``actor`` listed in the round, their first choice first (only their own)."""
    return list(
        db.scalars(
            select(PlacementProgramme)
            .join(PlacementChoice, PlacementChoice.programme_id == PlacementProgramme.id)
            .where(PlacementChoice.round_id == round_id, PlacementChoice.student_id == actor.id)
            .order_by(PlacementChoice.rank)
        )
    )
