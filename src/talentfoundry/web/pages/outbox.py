"""The admins' outbox: every e-mail the platform wrote and what became of it (queued, sent,
failed with the reason, or kept here because no mail server is set up).

Admins only: messages hold other people's addresses. In production the body of a message holding
a link that opens an account is hidden even from admins (``services.mail.list_messages`` does it).
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from talentfoundry.domain.errors import FoundryError
from talentfoundry.services import mail
from talentfoundry.services.schemas import SearchText
from talentfoundry.web.deps import DB, AppSettings
from talentfoundry.web.pages.forms import whole_number
from talentfoundry.web.pages.guards import AdminPage
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
STATE_WORDS = {
    "queued": "waiting to be sent",
    "sending": "being sent",
    "sent": "sent",
    "failed": "failed",
    "outbox": "kept here, not sent",
}


@router.get("/admin/outbox", response_class=HTMLResponse)
def outbox(
    request: Request,
    db: DB,
    me: AdminPage,
    settings: AppSettings,
    status: SearchText = "",
    offset: str = "",
) -> HTMLResponse:
    start = whole_number(offset)
    start = start if start is not None and start >= 0 else 0
    errors: dict[str, str] = {}
    try:
        page = mail.list_messages(
            db, me, settings, status=status or None, limit=PER_PAGE, offset=start
        )
    except FoundryError as exc:
        errors = {exc.field or "_form": exc.message}
        page = mail.list_messages(db, me, settings, limit=PER_PAGE)
    form = {"status": status}
    return render(
        request,
        "admin_outbox.html",
        me,
        status_code=422 if errors else 200,
        page=page,
        form=form,
        errors=errors,
        statuses=list(STATE_WORDS.items()),
        state_words=STATE_WORDS,
        sending=bool(settings.smtp_url),
        here=f"/admin/outbox?{urlencode(form)}",
    )
