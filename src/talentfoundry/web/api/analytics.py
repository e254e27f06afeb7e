"""Analytics: the skills gap between what employers ask for and what students offer."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from talentfoundry.services import skills_gap
from talentfoundry.web.deps import DB, CurrentUser

router = APIRouter(tags=["analytics"])


def _report(db: DB, user: CurrentUser, university_id: int, event_id: int, **filters: Any) -> Any:
    return skills_gap.gap_report(db, user, university_id, event_id, **filters)


@router.get("/universities/{university_id}/skills-gap")
def gap_json(
    db: DB,
    user: CurrentUser,
    university_id: int,
    event_id: int,
    programme: str | None = None,
    graduation_year: int | None = None,
) -> dict[str, Any]:
    """Per sector: the most demanded skills, the share of roles asking for each, the share of the
    cohort offering it, the gap, and the demanded skills no student offers."""
    report = _report(
        db, user, university_id, event_id, programme=programme, graduation_year=graduation_year
    )
    return {
        "university": report.university,
        "event": report.event,
        "cohort": report.cohort,
        "sectors": [
            {
                "sector": s.sector,
                "roles": s.roles,
                "coverage": round(s.coverage, 4),
                "skills": [asdict(k) | {"gap": round(k.gap, 4)} for k in s.skills],
                "missing": [k.skill for k in s.missing],
            }
            for s in report.sectors
        ],
    }


@router.get("/universities/{university_id}/skills-gap.csv")
def gap_csv(
    db: DB,
    user: CurrentUser,
    university_id: int,
    event_id: int,
    programme: str | None = None,
    graduation_year: int | None = None,
) -> Response:
    report = _report(
        db, user, university_id, event_id, programme=programme, graduation_year=graduation_year
    )
    return Response(skills_gap.to_csv(report), media_type="text/csv")


@router.get("/universities/{university_id}/skills-gap.png")
def gap_png(
    db: DB,
    user: CurrentUser,
    university_id: int,
    event_id: int,
    programme: str | None = None,
    graduation_year: int | None = None,
) -> Response:
    report = _report(
        db, user, university_id, event_id, programme=programme, graduation_year=graduation_year
    )
    return Response(skills_gap.plot_png(report), media_type="image/png")
