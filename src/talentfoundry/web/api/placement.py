"""Placement rounds: programmes, students' lists, programmes' rankings, run, publish, results."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, Field

from talentfoundry.services import placement_rounds as rounds
from talentfoundry.services.schemas import (
    MAX_DB_INT,
    DbInt,
    Id,
    LongText,
    Name,
    Strict,
    UtcDatetime,
)
from talentfoundry.web.deps import DB, CurrentUser

router = APIRouter(tags=["placement"])


class RoundIn(Strict):
    name: Name
    deadline: UtcDatetime
    optimal: Literal["student", "programme"] = "student"
    tie_seed: DbInt = 0


class RoundOut(BaseModel):
    id: int
    event_id: int
    name: str
    status: str
    optimal: str
    deadline: datetime
    programmes: list[ProgrammeOut]


class ProgrammeIn(Strict):
    organisation_id: Id
    title: Name
    kind: Literal["internship", "placement", "graduate_scheme", "research_project"]
    capacity: int = Field(ge=0, le=100_000)
    description: LongText = ""


class ProgrammeOut(BaseModel):
    id: int
    organisation_id: int
    organisation_name: str
    title: str
    kind: str
    capacity: int


class ChoicesIn(Strict):
    programme_ids: list[Id] = Field(max_length=50)


class RankingIn(Strict):
    ranks: dict[Id, Annotated[int, Field(ge=1, le=MAX_DB_INT)]] = Field(
        max_length=100_000, description="student id -> rank (1 best; equal ranks tie)"
    )


class ApplicantOut(BaseModel):
    student_id: int
    full_name: str
    rank: int | None


class OutcomeOut(BaseModel):
    round_id: int
    placed: bool
    programme: ProgrammeOut | None
    reasons: list[str]


def _programme(p: Any) -> ProgrammeOut:
    return ProgrammeOut(
        id=p.id,
        organisation_id=p.organisation_id,
        organisation_name=p.organisation.name,
        title=p.title,
        kind=p.kind,
        capacity=p.capacity,
    )


def _round(r: Any) -> RoundOut:
    return RoundOut(
        id=r.id,
        event_id=r.event_id,
        name=r.name,
        status=r.status,
        optimal=r.optimal,
        deadline=r.deadline,
        programmes=[_programme(p) for p in r.programmes],
    )


@router.post("/events/{event_id}/placement-rounds", status_code=201, response_model=RoundOut)
def create_round(db: DB, user: CurrentUser, event_id: Id, data: RoundIn) -> Any:
    return _round(rounds.create_round(db, user, event_id, **data.model_dump()))


@router.get("/events/{event_id}/placement-rounds", response_model=list[RoundOut])
def list_rounds(db: DB, event_id: Id) -> Any:
    return [_round(r) for r in rounds.list_rounds(db, event_id)]


@router.get("/placement-rounds/{round_id}", response_model=RoundOut)
def get_round(db: DB, round_id: Id) -> Any:
    return _round(rounds.get_round(db, round_id))


@router.post(
    "/placement-rounds/{round_id}/programmes", status_code=201, response_model=ProgrammeOut
)
def add_programme(db: DB, user: CurrentUser, round_id: Id, data: ProgrammeIn) -> Any:
    return _programme(rounds.add_programme(db, user, round_id, **data.model_dump()))


@router.put("/placement-rounds/{round_id}/choices")
def set_choices(db: DB, user: CurrentUser, round_id: Id, data: ChoicesIn) -> dict[str, list[int]]:
    """A student's ranked list of programmes, best first (replaces the previous list)."""
    return {"programme_ids": rounds.set_choices(db, user, round_id, data.programme_ids)}


@router.get("/placement-programmes/{programme_id}/applicants", response_model=list[ApplicantOut])
def applicants(db: DB, user: CurrentUser, programme_id: Id) -> Any:
    return [
        ApplicantOut(student_id=s.id, full_name=s.full_name, rank=rank)
        for s, rank in rounds.applicants(db, user, programme_id)
    ]


class SuggestedOut(BaseModel):
    student_id: int
    full_name: str
    match_score: float


@router.get(
    "/placement-programmes/{programme_id}/suggested-ranking", response_model=list[SuggestedOut]
)
def suggested_ranking(db: DB, user: CurrentUser, programme_id: Id) -> Any:
    """Applicants by matching score against the programme (the order used until staff rank)."""
    return [
        SuggestedOut(student_id=u.id, full_name=u.full_name, match_score=round(score, 4))
        for u, score in rounds.suggested_ranking(db, user, programme_id)
    ]


@router.put("/placement-programmes/{programme_id}/ranking", status_code=204)
def set_ranking(db: DB, user: CurrentUser, programme_id: Id, data: RankingIn) -> Response:
    rounds.set_ranking(db, user, programme_id, data.ranks)
    return Response(status_code=204)


@router.post("/placement-rounds/{round_id}/run")
def run(db: DB, user: CurrentUser, round_id: Id) -> dict[str, int]:
    """Run the stable matching (student-optimal unless the round says otherwise)."""
    summary = rounds.run_round(db, user, round_id)
    return {
        "students": summary.students,
        "placed": summary.placed,
        "unplaced": summary.unplaced,
        "places": summary.places,
    }


@router.post("/placement-rounds/{round_id}/publish", response_model=RoundOut)
def publish(db: DB, user: CurrentUser, round_id: Id) -> Any:
    return _round(rounds.publish_round(db, user, round_id))


@router.get("/placement-rounds/{round_id}/my-result", response_model=OutcomeOut)
def my_result(db: DB, user: CurrentUser, round_id: Id) -> Any:
    outcome = rounds.my_outcome(db, user, round_id)
    return OutcomeOut(
        round_id=round_id,
        placed=outcome.programme is not None,
        programme=_programme(outcome.programme) if outcome.programme else None,
        reasons=outcome.reasons,
    )


@router.get("/placement-rounds/{round_id}/results.csv")
def results_csv(db: DB, user: CurrentUser, round_id: Id) -> Response:
    return Response(
        content=rounds.export_csv(db, user, round_id),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="round-{round_id}.csv"'},
    )
