"""University staff pages: their students and how they take part."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from talentfoundry.services import students
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.guards import StaffPage
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/students", response_class=HTMLResponse)
def my_students(request: Request, db: DB, me: StaffPage) -> HTMLResponse:
    rows = students.my_students(db, me)
    return render(
        request,
        "students.html",
        me,
        rows=rows,
        university=me.organisation.name if me.organisation else "",
    )
