"""What only an admin sees and does: every account (with its e-mail), counts of the platform's
people, organisations and events, and switching an account off or on again.

WHY a service of its own: the admin pages show personal data (e-mail addresses of every role),
so the role check lives here, next to the queries, and no other path can list accounts. A
deactivated account cannot sign in, and its open sessions and API tokens end at once
(:func:`talentfoundry.services.accounts.end_all_sessions`); nothing of it is deleted, so an admin
can switch it back on (erasure is the person's own request: ``services/privacy.py``).
"""

from __future__ import annotations

import logging

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import InputError, PermissionDenied
from talentfoundry.services.accounts import end_all_sessions
from talentfoundry.services.common import Page, contains_text, get_or_404, paginate
from talentfoundry.store.models import Event, Organisation, User

__all__ = ["Counts", "counts", "list_users", "require_admin", "set_active"]

log = logging.getLogger(__name__)

Counts = dict[str, dict[str, int]]


def require_admin(actor: User) -> None:
    if actor.role != UserRole.ADMIN:
        raise PermissionDenied("Only admins may do that.")


def counts(db: Session, actor: User) -> Counts:
    """Accounts by role, organisations by kind and events by status (three grouped queries)."""
    require_admin(actor)
    grouped = (
        ("users", User.role),
        ("organisations", Organisation.kind),
        ("events", Event.status),
    )
    return {
        name: {str(k): int(n) for k, n in db.execute(select(col, func.count()).group_by(col))}
        for name, col in grouped
    }


def list_users(
    db: Session,
    actor: User,
    *,
    role: str | None = None,
    q: str | None = None,
    active: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Accounts by name, filtered by role, activity and a search of name or e-mail."""
    require_admin(actor)
    if role and role not in {r.value for r in UserRole}:
        raise InputError("Choose one of the listed roles.", field="role")
    query = select(User).options(selectinload(User.organisation))
    if role:
        query = query.where(User.role == role)
    if active is not None:
        query = query.where(User.is_active.is_(active))
    if q and q.strip():
        query = query.where(or_(contains_text(User.full_name, q), contains_text(User.email, q)))
    return paginate(db, query.order_by(User.full_name, User.id), limit=limit, offset=offset)


def set_active(db: Session, actor: User, user_id: int, active: bool) -> User:
    """Switch an account off (it can no longer sign in; its sessions and tokens end now) or on
    again. An admin cannot switch off their own account: someone must be left to undo it."""
    require_admin(actor)
    user = get_or_404(db, User, user_id, "account")
    if user.id == actor.id and not active:
        raise InputError("You cannot deactivate your own account.", field="user_id")
    if user.is_active == active:
        return user
    user.is_active = active
    if not active:
        end_all_sessions(db, user)
    db.flush()
    log.info(
        "admin %d %s account %d", actor.id, "reactivated" if active else "deactivated", user.id
    )
    return user
