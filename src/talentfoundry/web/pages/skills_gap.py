"""University staff page: the skills gap between what an event's employers ask for and what the
university's students offer, with filters (event, programme, graduation year), the plot, the same
numbers as a table, the demanded skills no student offers, and a CSV download."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import InputError, PermissionDenied
from talentfoundry.services import events, skills_gap, students
from talentfoundry.services.schemas import SearchText
from talentfoundry.store.models import Event, User
from talentfoundry.web.deps import DB, PageUser
from talentfoundry.web.pages.forms import optional_int
from talentfoundry.web.pages.guards import require
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(prefix="/staff", include_in_schema=False)


@dataclass(frozen=True, slots=True)
class _Query:
    event: Event | None
    programme: str
    graduation_year: int | None


def _university_staff(request: Request, user: PageUser) -> User:
    me = require(request, user, UserRole.UNIVERSITY_STAFF)
    if me.organisation_id is None:
        raise PermissionDenied("Your account is not linked to a university yet.")
    return me


UniversityStaffPage = Annotated[User, Depends(_university_staff)]
"""A university's staff member: the skills gap is always about their own university."""


def _query(
    db: DB, me: User, event_id: str, programme: str, graduation_year: str
) -> tuple[list[Event], _Query]:
    """The filters as typed, checked; raises InputError at the field that is wrong."""
    choices = events.list_events(db, me, limit=200).items
    event = choices[0] if choices else None
    if event_id.strip():
        event = next((e for e in choices if str(e.id) == event_id.strip()), None)
        if event is None:
            raise InputError("Choose one of the listed events.", field="event_id")
    year = optional_int(graduation_year, "graduation_year", "Graduation year")
    return choices, _Query(event, programme.strip(), year)


def _report(db: DB, me: User, q: _Query) -> skills_gap.GapReport:
    assert q.event is not None and me.organisation_id is not None
    return skills_gap.gap_report(
        db,
        me,
        me.organisation_id,
        q.event.id,
        programme=q.programme or None,
        graduation_year=q.graduation_year,
    )


@router.get("/skills-gap", response_class=HTMLResponse)
def gap_page(
    request: Request,
    db: DB,
    me: UniversityStaffPage,
    event_id: str = "",
    programme: SearchText = "",
    graduation_year: str = "",
) -> HTMLResponse:
    form = {"event_id": event_id, "programme": programme, "graduation_year": graduation_year}
    programmes = students.programmes(db, me)
    try:
        choices, q = _query(db, me, event_id, programme, graduation_year)
    except InputError as exc:
        return render(
            request,
            "skills_gap.html",
            me,
            status_code=422,
            events=[(e.id, e.name) for e in events.list_events(db, me, limit=200).items],
            programmes=programmes,
            form=form,
            errors={exc.field or "_form": exc.message},
            report=None,
            trend=[],
            query="",
        )
    report, trend = skills_gap.gap_with_trend(
        db,
        me,
        me.organisation_id,
        q.event.id if q.event else None,
        programme=q.programme or None,
        graduation_year=q.graduation_year,
    )
    form["event_id"] = str(q.event.id) if q.event else ""
    query = request.url.query
    if q.event and not event_id:
        query = f"event_id={q.event.id}" + (f"&{query}" if query else "")
    return render(
        request,
        "skills_gap.html",
        me,
        events=[(e.id, e.name) for e in choices],
        programmes=programmes,
        form=form,
        errors={},
        report=report,
        trend=trend,
        query=query,
    )


def _checked(db: DB, me: User, event_id: str, programme: str, graduation_year: str) -> _Query:
    _, q = _query(db, me, event_id, programme, graduation_year)
    if q.event is None:
        raise InputError("There is no event to compare with yet.", field="event_id")
    return q


@router.get("/skills-gap.png")
def gap_plot(
    request: Request,
    db: DB,
    me: UniversityStaffPage,
    event_id: str = "",
    programme: SearchText = "",
    graduation_year: str = "",
) -> Response:
    report = _report(db, me, _checked(db, me, event_id, programme, graduation_year))
    return Response(
        skills_gap.plot_png(report), media_type="image/png", headers={"Cache-Control": "no-store"}
    )


@router.get("/skills-gap.csv")
def gap_csv(
    request: Request,
    db: DB,
    me: UniversityStaffPage,
    event_id: str = "",
    programme: SearchText = "",
    graduation_year: str = "",
) -> Response:
    report = _report(db, me, _checked(db, me, event_id, programme, graduation_year))
    return Response(
        skills_gap.to_csv(report),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="skills-gap.csv"'},
    )
