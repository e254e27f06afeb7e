"""Small pieces every service uses: pagination, loading by id, the acting principal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from talentfoundry.domain.access import Principal
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import InputError, NotFound
from talentfoundry.store.models import Base, User, event_organisers

T = TypeVar("T", bound=Base)

MAX_PAGE = 200


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Any]
    total: int
    limit: int
    offset: int


def check_window(limit: int, offset: int) -> None:
    """The page window every list accepts (SQL pages and pages of a ranked list alike)."""
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit must be between 1 and {MAX_PAGE}", field="limit")
    if offset < 0:
        raise InputError("offset must not be negative", field="offset")


def paginate(db: Session, query: Select[Any], *, limit: int, offset: int) -> Page:
    check_window(limit, offset)
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = list(db.scalars(query.limit(limit).offset(offset)).unique())
    return Page(items=items, total=total, limit=limit, offset=offset)


def contains_text(column: Any, needle: str) -> ColumnElement[bool]:
    """Case-insensitive "column contains needle" for a search box: the needle's ``%`` and ``_``
    are the characters typed, not LIKE wildcards (``q=%`` finds a literal percent sign, not
    every row). Every LIKE in the services goes through here."""
    return func.lower(column).contains(needle.strip().lower(), autoescape=True)


def get_or_404(db: Session, model: type[T], ident: int, label: str | None = None) -> T:
    obj = db.get(model, ident)
    if obj is None:
        raise NotFound(f"No {label or model.__name__.lower()} with id {ident}.")
    return obj


def principal_for(db: Session, user: User) -> Principal:
    """Reduce a user to what access rules need (one query for an organiser's events)."""
    organiser_of: frozenset[int] = frozenset()
    if user.role == UserRole.ORGANISER:
        organiser_of = frozenset(
            db.scalars(
                select(event_organisers.c.event_id).where(event_organisers.c.user_id == user.id)
            )
        )
    return Principal(
        user_id=user.id,
        role=UserRole(user.role),
        organisation_id=user.organisation_id,
        organiser_of=organiser_of,
    )


def spreadsheet_safe(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection): text starting with
    '=', '+', '-', '@' or a control character gets a leading apostrophe.

    >>> print(spreadsheet_safe("=SUM(A1:A9)"), spreadsheet_safe("Ann"))
    '=SUM(A1:A9) Ann
    """
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
