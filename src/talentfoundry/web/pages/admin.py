"""Admin pages: a home with the platform's counts, every account (filter by role, search by name
or e-mail, switch an account off or on), every organisation and every event, each linked to its
own page. Admins only; the rules and queries are in :mod:`talentfoundry.services.admin`."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from talentfoundry.domain.enums import OrgKind, UserRole
from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import admin, events, organisations
from talentfoundry.services.common import MAX_PAGE
from talentfoundry.services.schemas import Id, SearchText
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.forms import whole_number
from talentfoundry.web.pages.guards import AdminPage, CheckedForm, safe_next
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(prefix="/admin", include_in_schema=False)

PER_PAGE = 50
ROLES = [(r.value, r.value.replace("_", " ")) for r in UserRole]
_NOTICES = {
    "deactivated": "Account deactivated: it can no longer sign in, and its sessions have ended.",
    "reactivated": "Account reactivated: it can sign in again.",
}


def _offset(text: str) -> int:
    value = whole_number(text)
    return value if value is not None and value >= 0 else 0


@router.get("", response_class=HTMLResponse)
def admin_home(request: Request, db: DB, me: AdminPage) -> HTMLResponse:
    return render(request, "admin_home.html", me, counts=admin.counts(db, me), roles=ROLES)


@router.get("/users", response_class=HTMLResponse)
def users(
    request: Request,
    db: DB,
    me: AdminPage,
    role: SearchText = "",
    q: SearchText = "",
    offset: str = "",
) -> HTMLResponse:
    form = {"role": role, "q": q}
    errors: dict[str, str] = {}
    try:
        page = admin.list_users(
            db, me, role=role or None, q=q or None, limit=PER_PAGE, offset=_offset(offset)
        )
    except FoundryError as exc:
        errors = {exc.field or "_form": exc.message}
        page = admin.list_users(db, me, q=q or None, limit=PER_PAGE)
    here = f"/admin/users?{urlencode(form)}"
    return render(
        request,
        "admin_users.html",
        me,
        status_code=422 if errors else 200,
        page=page,
        form=form,
        errors=errors,
        roles=ROLES,
        here=here,
        notice=_NOTICES.get(request.query_params.get("msg", ""), ""),
    )


@router.post("/users/{user_id}/active", response_model=None)
def set_active(
    request: Request,
    db: DB,
    me: AdminPage,
    _form: CheckedForm,
    user_id: Id,
    active: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    switched_on = active == "1"
    admin.set_active(db, me, user_id, switched_on)
    back = back if (safe_next(back) or "").startswith("/admin/users") else "/admin/users"
    joiner = "&" if "?" in back else "?"
    msg = "reactivated" if switched_on else "deactivated"
    return RedirectResponse(f"{back}{joiner}msg={msg}#u{user_id}", status_code=303)


@router.get("/organisations", response_class=HTMLResponse)
def organisation_list(
    request: Request,
    db: DB,
    me: AdminPage,
    kind: SearchText = "",
    q: SearchText = "",
    offset: str = "",
) -> HTMLResponse:
    kinds = [k.value for k in OrgKind]
    chosen = kind if kind in kinds else None
    page = organisations.list_organisations(
        db, kind=chosen, q=q or None, limit=PER_PAGE, offset=_offset(offset)
    )
    form = {"kind": chosen or "", "q": q}
    return render(
        request,
        "admin_organisations.html",
        me,
        page=page,
        form=form,
        kinds=kinds,
        here=f"/admin/organisations?{urlencode(form)}",
    )


@router.get("/events", response_class=HTMLResponse)
def event_list(request: Request, db: DB, me: AdminPage) -> HTMLResponse:
    page = events.list_events(db, me, limit=MAX_PAGE)  # drafts too: admins see every event
    return render(request, "admin_events.html", me, page=page)
