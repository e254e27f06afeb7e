"""Meeting requests and the interview allocation: run, compare with FCFS, publish."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from talentfoundry.services import allocation
from talentfoundry.services.schemas import Id, Strict
from talentfoundry.web.deps import CANDIDATES, DB, ORGANISERS, CurrentUser

router = APIRouter(tags=["interviews"])


class RequestsIn(Strict):
    organisation_ids: list[Id] = Field(
        max_length=200, description="companies to meet, most wanted first"
    )


class RequestsOut(BaseModel):
    event_id: int
    organisation_ids: list[int]


class RunIn(Strict):
    max_meetings: int = Field(default=3, ge=1, le=20)
    objective: Literal["coverage_then_weight", "weight"] = "coverage_then_weight"


class RunOut(BaseModel):
    id: int
    event_id: int
    status: str
    objective: str
    max_meetings: int
    meetings: int
    before: dict[str, Any] = Field(description="first come, first served on the same requests")
    after: dict[str, Any] = Field(description="the optimal allocation")
    created_at: datetime
    published_at: datetime | None


def _run_out(run: Any) -> RunOut:
    return RunOut(
        id=run.id,
        event_id=run.event_id,
        status=run.status,
        objective=run.objective,
        max_meetings=run.max_meetings,
        meetings=len(run.assignments),
        before=run.stats["fcfs"],
        after=run.stats["ours"],
        created_at=run.created_at,
        published_at=run.published_at,
    )


@router.put(
    "/events/{event_id}/meeting-requests", response_model=RequestsOut, dependencies=[CANDIDATES]
)
def set_requests(db: DB, user: CurrentUser, event_id: Id, data: RequestsIn) -> Any:
    ids = allocation.set_requests(db, user, event_id, data.organisation_ids)
    return RequestsOut(event_id=event_id, organisation_ids=ids)


@router.get("/events/{event_id}/meeting-requests", response_model=RequestsOut)
def my_requests(db: DB, user: CurrentUser, event_id: Id) -> Any:
    ids = [r.organisation_id for r in allocation.my_requests(db, user, event_id)]
    return RequestsOut(event_id=event_id, organisation_ids=ids)


@router.post(
    "/events/{event_id}/allocations",
    status_code=201,
    response_model=RunOut,
    dependencies=[ORGANISERS],
)
def run(db: DB, user: CurrentUser, event_id: Id, data: RunIn) -> Any:
    """Compute the optimal allocation (not yet booked) with before/after figures."""
    return _run_out(allocation.run_allocation(db, user, event_id, **data.model_dump()))


@router.get(
    "/events/{event_id}/allocations/latest", response_model=RunOut, dependencies=[ORGANISERS]
)
def latest(db: DB, user: CurrentUser, event_id: Id) -> Any:
    return _run_out(allocation.latest_run(db, user, event_id))


@router.post("/allocations/{run_id}/publish", response_model=RunOut, dependencies=[ORGANISERS])
def publish(db: DB, user: CurrentUser, run_id: Id) -> Any:
    """Book every proposed meeting, all or nothing."""
    return _run_out(allocation.publish(db, user, run_id))
