"""Recruiter page: the candidates the matching engine ranks best for one of the company's roles,
with filters (right to work, graduation year, location) and the reasons for each, among only those
who agreed to share their CV with the company's events. Each links to the audited CV view."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from talentfoundry.domain.enums import WorkAuthorisation
from talentfoundry.domain.errors import InputError
from talentfoundry.services import matching
from talentfoundry.services.schemas import Id, SearchText
from talentfoundry.web.deps import DB
from talentfoundry.web.pages.forms import optional_int
from talentfoundry.web.pages.guards import RecruiterPage
from talentfoundry.web.pages.recruiter import own_role
from talentfoundry.web.pages.routes import render

__all__ = ["router"]

router = APIRouter(prefix="/recruiter", include_in_schema=False)


@router.get("/roles/{role_id}/ranked", response_class=HTMLResponse)
def ranked_candidates(
    request: Request,
    db: DB,
    me: RecruiterPage,
    role_id: Id,
    work_authorisation: SearchText = "",
    graduation_year: str = "",
    location: SearchText = "",
) -> HTMLResponse:
    role = own_role(db, me, role_id)
    form = {
        "work_authorisation": work_authorisation,
        "graduation_year": graduation_year,
        "location": location,
    }
    context = {
        "role": role,
        "form": form,
        "work_authorisations": [w.value for w in WorkAuthorisation],
        "rows": [],
        "warnings": [],
        "message": None,
    }
    try:
        if work_authorisation and work_authorisation not in context["work_authorisations"]:
            raise InputError("Choose one of the listed values.", field="work_authorisation")
        year = optional_int(graduation_year, "graduation_year", "Graduation year")
    except InputError as exc:
        errors = {exc.field or "_form": exc.message}
        return render(request, "ranked.html", me, status_code=422, errors=errors, **context)
    filters = matching.ShortlistFilters(work_authorisation or None, year, location.strip() or None)
    result, people = matching.ranked_candidates(db, me, role.id, filters=filters)
    context["rows"] = [{"person": people[int(r.id)], "match": r} for r in result.results]
    context["warnings"] = list(result.warnings)
    context["message"] = result.message
    return render(request, "ranked.html", me, errors={}, **context)
