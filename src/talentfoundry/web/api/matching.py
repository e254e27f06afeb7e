"""Recommendations for candidates and ranked, explained shortlists for recruiters."""

from __future__ import annotations

import statistics
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from talentfoundry.domain.errors import PermissionDenied
from talentfoundry.matching.rank import RankedMatch, RankResult
from talentfoundry.services import match_index, matching
from talentfoundry.services.schemas import GraduationYear, Id, SearchText
from talentfoundry.web.deps import (
    CANDIDATES,
    DB,
    ORGANISERS,
    RECRUITERS_AND_ORGANISERS,
    CurrentUser,
)

router = APIRouter(tags=["matching"])

TopK = Annotated[int, Query(ge=1, le=100)]


class MatchOut(BaseModel):
    id: int
    score: float
    matched_skills: list[dict[str, Any]]
    missing_skills: list[str]
    missing_evidence: list[dict[str, str]] = []
    """For missing skills the candidate's text denies, is learning or names only about an
    employer: name, stance (negated, learning, employer), quote."""
    related_skills: list[dict[str, Any]] = []
    """For missing skills: a broader or sibling skill the candidate holds (``via``), which earns
    partial credit in the skill score but does not meet the requirement."""
    components: dict[str, dict[str, Any]]


class RoleMatchOut(MatchOut):
    title: str
    organisation_id: int
    organisation_name: str


class CandidateMatchOut(MatchOut):
    full_name: str
    headline: str
    graduation_year: int | None


class RankingOut(BaseModel):
    results: list[Any]
    message: str | None = None
    warnings: list[str] = []
    components: list[str] = []


def _match(r: RankedMatch) -> dict[str, Any]:
    return {
        "id": int(r.id),
        "score": round(r.score, 4),
        "matched_skills": [m.to_json() for m in r.matched_skills],
        "missing_skills": list(r.missing_skills),
        "missing_evidence": [m.to_json() for m in r.missing_evidence],
        "related_skills": [m.to_json() for m in r.related_skills],
        "components": r.components,
    }


def _ranking(result: RankResult | None, message: str | None, rows: list[Any]) -> RankingOut:
    if result is None:
        return RankingOut(results=[], message=message)
    return RankingOut(
        results=rows,
        message=result.message or message,
        warnings=list(result.warnings),
        components=list(result.components),
    )


@router.get("/me/recommendations", response_model=RankingOut, dependencies=[CANDIDATES])
def my_recommendations(db: DB, user: CurrentUser, event_id: Id | None = None, k: TopK = 20) -> Any:
    """Open roles ranked for me, each with the skills it matched (and the CV line that shows
    them), the required skills I lack, and each component's share of the score."""
    recs = matching.recommend_roles(db, user, event_id=event_id, k=k)
    rows = []
    if recs.result is not None:
        for r in recs.result.results:
            role = recs.roles[int(r.id)]
            rows.append(
                RoleMatchOut(
                    **_match(r),
                    title=role.title,
                    organisation_id=role.organisation_id,
                    organisation_name=role.organisation.name,
                )
            )
    return _ranking(recs.result, recs.message, rows)


@router.get(
    "/roles/{role_id}/ranked-candidates",
    response_model=RankingOut,
    dependencies=[RECRUITERS_AND_ORGANISERS],
)
def ranked_candidates(
    db: DB,
    user: CurrentUser,
    role_id: Id,
    work_authorisation: SearchText | None = None,
    graduation_year: GraduationYear | None = None,
    location: SearchText | None = None,
    k: TopK = 20,
) -> Any:
    """The best candidates for a role among those who share their CV with the company, explained."""
    filters = matching.ShortlistFilters(work_authorisation, graduation_year, location)
    result, people = matching.ranked_candidates(db, user, role_id, filters=filters, k=k)
    rows = []
    for r in result.results:
        person = people[int(r.id)]
        profile = person.profile
        rows.append(
            CandidateMatchOut(
                **_match(r),
                full_name=person.full_name,
                headline=profile.headline if profile else "",
                graduation_year=profile.graduation_year if profile else None,
            )
        )
    return _ranking(result, None, rows)


@router.get("/events/{event_id}/match-scores", dependencies=[ORGANISERS])
def match_scores(db: DB, user: CurrentUser, event_id: Id) -> list[dict[str, Any]]:
    """Per sector: each registered candidate's best match score (for the event's organisers)."""
    return [
        {
            "sector": s.sector,
            "roles": s.roles,
            "candidates": len(s.best_scores),
            "median": round(float(statistics.median(s.best_scores)), 4) if s.best_scores else None,
            "best_scores": s.best_scores,
        }
        for s in matching.score_distribution(db, user, event_id)
    ]


@router.get("/events/{event_id}/match-scores.svg", dependencies=[ORGANISERS])
def match_scores_plot(db: DB, user: CurrentUser, event_id: Id) -> Response:
    sectors = matching.score_distribution(db, user, event_id)
    return Response(matching.distribution_svg(sectors), media_type="image/svg+xml")


@router.get("/matching/status", dependencies=[ORGANISERS])
def status(db: DB, user: CurrentUser) -> dict[str, Any]:
    """The match index of this server process (organisers and admins): documents held, the
    components in use and their caveats, and the work under way: ``progress`` is ``{"stage",
    "done", "total", "started_at"}`` while a sync or the background dense encoding runs, else
    null; ``pending_dense`` counts documents still waiting for their dense vector (0 when dense
    embeddings are off); ``reindexing`` counts documents the current sync re-reads."""
    if user.role not in ("organiser", "admin"):
        raise PermissionDenied("Only organisers and admins see the index status.")
    return match_index.index_status(db)
