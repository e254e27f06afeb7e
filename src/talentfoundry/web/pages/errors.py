"""HTML error pages (403, 404, ...) that keep the visitor's menu.

The error handlers run outside the request's own dependencies (its unit of work was rolled back),
so the logged-in user is read again here through a fresh read-only session: a person refused one
page still sees their own links to carry on, not the anonymous menu.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from talentfoundry.web.deps import page_user
from talentfoundry.web.pages.routes import render

__all__ = ["error_page"]


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    """The error as a page, with the logged-in user's menu when there is one."""
    if "session" not in request.scope:  # outside the session middleware: anonymous page
        return render(request, "error.html", None, status_code=status, title=title, detail=detail)
    factory = request.app.state.session_factories["read"]
    with factory() as db:
        user = page_user(request, db)
        return render(request, "error.html", user, status_code=status, title=title, detail=detail)
