"""Placement rounds: programmes, students' lists, programmes' rankings, run, publish, results.

A round's ``status`` is its state now (draft, open, closed, run, published; an open round past its
deadline reads ``closed``); ``actions`` are the organiser's moves possible now. Every rule is in
``services.placement_rounds``; the handlers pass the request's clock (``deps.Now``)."""

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
from talentfoundry.web.deps import CANDIDATES, DB, ORGANISERS, PROGRAMME_STAFF, CurrentUser, Now

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
    status: Literal["draft", "open", "closed", "run", "published"] = Field(
        description="the round's state now: an open round past its deadline is closed"
    )
    next_step: str = Field(description="what happens next, in words")
    actions: list[Literal["open", "close", "run", "publish"]] = Field(
        description="the organiser's moves possible now (POST /placement-rounds/{id}/{action})"
    )
    optimal: str
    deadline: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    run_at: datetime | None
    published_at: datetime | None
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


def _round(r: Any, now: datetime) -> RoundOut:
    status = rounds.status_of(r, now)
    return RoundOut(
        id=r.id,
        event_id=r.event_id,
        name=r.name,
        status=status.state.value,
        next_step=status.next_step,
        actions=[action for action, _ in status.actions],
        optimal=r.optimal,
        deadline=r.deadline,
        opened_at=r.opened_at,
        closed_at=r.closed_at,
        run_at=r.run_at,
        published_at=r.published_at,
        programmes=[_programme(p) for p in r.programmes],
    )


@router.post(
    "/events/{event_id}/placement-rounds",
    status_code=201,
    response_model=RoundOut,
    dependencies=[ORGANISERS],
)
def create_round(db: DB, user: CurrentUser, event_id: Id, data: RoundIn, now: Now) -> Any:
    """A new round, as a draft (the deadline must be in the future)."""
    return _round(rounds.create_round(db, user, event_id, **data.model_dump(), now=now), now)


@router.get("/events/{event_id}/placement-rounds", response_model=list[RoundOut])
def list_rounds(db: DB, event_id: Id, now: Now) -> Any:
    return [_round(r, now) for r in rounds.list_rounds(db, event_id)]


@router.get("/placement-rounds/{round_id}", response_model=RoundOut)
def get_round(db: DB, round_id: Id, now: Now) -> Any:
    return _round(rounds.get_round(db, round_id), now)


@router.post(
    "/placement-rounds/{round_id}/open", response_model=RoundOut, dependencies=[ORGANISERS]
)
def open_round(db: DB, user: CurrentUser, round_id: Id, now: Now) -> Any:
    """Open a draft round for students' choices, until its deadline."""
    return _round(rounds.open_round(db, user, round_id, now=now), now)


@router.post(
    "/placement-rounds/{round_id}/close", response_model=RoundOut, dependencies=[ORGANISERS]
)
def close_round(db: DB, user: CurrentUser, round_id: Id, now: Now) -> Any:
    """Close students' choices before the deadline (the deadline closes them by itself)."""
    return _round(rounds.close_round(db, user, round_id, now=now), now)


@router.post(
    "/placement-rounds/{round_id}/programmes",
    status_code=201,
    response_model=ProgrammeOut,
    dependencies=[PROGRAMME_STAFF],
)
def add_programme(db: DB, user: CurrentUser, round_id: Id, data: ProgrammeIn, now: Now) -> Any:
    """A programme, while the round is a draft or open for choices."""
    return _programme(rounds.add_programme(db, user, round_id, **data.model_dump(), now=now))


@router.put("/placement-rounds/{round_id}/choices", dependencies=[CANDIDATES])
def set_choices(
    db: DB, user: CurrentUser, round_id: Id, data: ChoicesIn, now: Now
) -> dict[str, list[int]]:
    """A student's ranked list of programmes, best first (replaces the previous list); only
    while the round is open, before its deadline."""
    return {"programme_ids": rounds.set_choices(db, user, round_id, data.programme_ids, now=now)}


@router.get(
    "/placement-programmes/{programme_id}/applicants",
    response_model=list[ApplicantOut],
    dependencies=[PROGRAMME_STAFF],
)
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
    "/placement-programmes/{programme_id}/suggested-ranking",
    response_model=list[SuggestedOut],
    dependencies=[PROGRAMME_STAFF],
)
def suggested_ranking(db: DB, user: CurrentUser, programme_id: Id) -> Any:
    """Applicants by matching score against the programme (the order used until staff rank)."""
    return [
        SuggestedOut(student_id=u.id, full_name=u.full_name, match_score=round(score, 4))
        for u, score in rounds.suggested_ranking(db, user, programme_id)
    ]


@router.put(
    "/placement-programmes/{programme_id}/ranking", status_code=204, dependencies=[PROGRAMME_STAFF]
)
def set_ranking(db: DB, user: CurrentUser, programme_id: Id, data: RankingIn, now: Now) -> Response:
    """Until publication; a change after a run closes the round again (run it once more)."""
    rounds.set_ranking(db, user, programme_id, data.ranks, now=now)
    return Response(status_code=204)


@router.post("/placement-rounds/{round_id}/run", dependencies=[ORGANISERS])
def run(db: DB, user: CurrentUser, round_id: Id, now: Now) -> dict[str, int]:
    """Run the stable matching (student-optimal unless the round says otherwise), once choices
    are closed; again as often as needed before publication."""
    summary = rounds.run_round(db, user, round_id, now=now)
    return {
        "students": summary.students,
        "placed": summary.placed,
        "unplaced": summary.unplaced,
        "places": summary.places,
    }


@router.post(
    "/placement-rounds/{round_id}/publish", response_model=RoundOut, dependencies=[ORGANISERS]
)
def publish(db: DB, user: CurrentUser, round_id: Id, now: Now) -> Any:
    """Students see their results; nothing in the round changes after this."""
    return _round(rounds.publish_round(db, user, round_id, now=now), now)


@router.get(
    "/placement-rounds/{round_id}/my-result", response_model=OutcomeOut, dependencies=[CANDIDATES]
)
def my_result(db: DB, user: CurrentUser, round_id: Id) -> Any:
    outcome = rounds.my_outcome(db, user, round_id)
    return OutcomeOut(
        round_id=round_id,
        placed=outcome.programme is not None,
        programme=_programme(outcome.programme) if outcome.programme else None,
        reasons=outcome.reasons,
    )


@router.get("/placement-rounds/{round_id}/results.csv", dependencies=[PROGRAMME_STAFF])
def results_csv(db: DB, user: CurrentUser, round_id: Id) -> Response:
    return Response(
        content=rounds.export_csv(db, user, round_id),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="round-{round_id}.csv"'},
    )
