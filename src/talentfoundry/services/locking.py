"""Row locks for scarce things (seats, slots, a person's agenda).

On PostgreSQL ``SELECT ... FOR UPDATE`` makes concurrent writers on the same row queue. On SQLite
the statement has no lock clause, but writing units of work start with ``BEGIN IMMEDIATE``
(see :mod:`talentfoundry.store.db`), which serialises them as a whole.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.domain.errors import NotFound
from talentfoundry.store.models import Base

T = TypeVar("T", bound=Base)


def lock(db: Session, model: type[T], ident: int, label: str) -> T:
    obj = db.scalar(
        select(model)
        .where(model.id == ident)
        .with_for_update()
        .execution_options(populate_existing=True)  # type: ignore[attr-defined]
    )
    if obj is None:
        raise NotFound(f"No {label} with id {ident}.")
    return obj
