"""Analytics: the skills gap between what employers ask for and what students offer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from talentfoundry.services import skills_gap
from talentfoundry.services.schemas import GraduationYear, Id, SearchText
from talentfoundry.web.deps import DB, STAFF_AND_ADMINS, STAFF_AND_ORGANISERS, CurrentUser

router = APIRouter(tags=["analytics"])


@dataclass(frozen=True)
class GapQuery:
    """The report's scope: the event, and optionally one programme or graduation year."""

    event_id: Id
    programme: SearchText | None = None
    graduation_year: GraduationYear | None = None


Scope = Annotated[GapQuery, Depends()]


def _report(db: DB, user: CurrentUser, university_id: Id, scope: Scope) -> Any:
    return skills_gap.gap_report(
        db,
        user,
        university_id,
        scope.event_id,
        programme=scope.programme,
        graduation_year=scope.graduation_year,
    )


Report = Annotated[Any, Depends(_report)]


@router.get("/universities/{university_id}/skills-gap", dependencies=[STAFF_AND_ORGANISERS])
def gap_json(report: Report) -> dict[str, Any]:
    """Per sector: the most demanded skills, the share of roles asking for each, the share of the
    cohort offering it, the gap, and the demanded skills no student offers."""
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


@router.get("/universities/{university_id}/skills-gap.csv", dependencies=[STAFF_AND_ORGANISERS])
def gap_csv(report: Report) -> Response:
    return Response(skills_gap.to_csv(report), media_type="text/csv")


@router.get("/universities/{university_id}/skills-gap.png", dependencies=[STAFF_AND_ORGANISERS])
def gap_png(report: Report) -> Response:
    return Response(skills_gap.plot_png(report), media_type="image/png")


@router.get("/universities/{university_id}/skills-gap-trend", dependencies=[STAFF_AND_ADMINS])
def gap_trend(
    db: DB,
    user: CurrentUser,
    university_id: Id,
    programme: SearchText | None = None,
    graduation_year: GraduationYear | None = None,
) -> list[dict[str, Any]]:
    """Coverage of employers' asks by the cohort, event after event (oldest first)."""
    points = skills_gap.gap_trend(
        db, user, university_id, programme=programme, graduation_year=graduation_year
    )
    return [
        {
            "event": p.event,
            "starts_at": p.starts_at.isoformat(),
            "roles": p.roles,
            "coverage": round(p.coverage, 4),
            "sectors": {k: round(v, 4) for k, v in p.sectors.items()},
        }
        for p in points
    ]
