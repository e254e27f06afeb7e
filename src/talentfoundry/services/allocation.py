"""Interview allocation for an event: candidates' ranked meeting requests in, optimal bookings out.

The organiser runs the allocation (the scheduling engine) and sees the figures next to what first
come, first served would have given on the same requests; publishing turns the proposal into
bookings. Bookings made before the run stay as they are: their slots are taken, their time is the
candidate's busy time, and a company already met is not requested again. After publication a
cancelled meeting's slot goes to the best waiting request that fits; nobody else's meetings move.

Weights: a request's weight is the matching score (0-1) between the candidate and the company's
best-fitting open role at the event (:mod:`talentfoundry.services.match_index`). Where there is no
score (no CV or skills, or the company posted no role) it is the candidate's own order instead,
on the same 0-1 scale: ``(n - rank + 1) / n``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from talentfoundry import scheduling
from talentfoundry.domain import windows
from talentfoundry.domain.enums import OrgKind, RegistrationStatus, RoleStatus, UserRole
from talentfoundry.domain.errors import Conflict, InputError, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.services import commitments, match_index
from talentfoundry.services.common import get_or_404
from talentfoundry.services.events import require_manager
from talentfoundry.services.locking import lock
from talentfoundry.store.models import (
    AllocationRun,
    Attendee,
    Booking,
    Event,
    EventSession,
    InterviewSlot,
    JobRole,
    MeetingRequest,
    Organisation,
    SessionRegistration,
    User,
    role_events,
)

MAX_REQUESTS = 15


def set_requests(
    db: Session,
    actor: User,
    event_id: int,
    organisation_ids: list[int],
    *,
    now: datetime | None = None,
) -> list[int]:
    """Replace the candidate's ranked list of companies to meet (first = most wanted), until the
    event ends (after the allocation, the lists still decide who gets a cancelled slot)."""
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Only candidates request meetings.")
    event = get_or_404(db, Event, event_id, "event")
    if (
        db.scalar(
            select(Attendee.id).where(Attendee.event_id == event.id, Attendee.user_id == actor.id)
        )
        is None
    ):
        raise Conflict("Register for the event before requesting meetings.")
    windows.meeting_requests_open(event.ends_at, event.timezone, now or utcnow())
    if len(organisation_ids) > MAX_REQUESTS:
        raise InputError(f"At most {MAX_REQUESTS} companies.", field="organisation_ids")
    if len(set(organisation_ids)) != len(organisation_ids):
        raise InputError("Each company may appear only once.", field="organisation_ids")
    companies = {
        o.id
        for o in db.scalars(select(Organisation).where(Organisation.id.in_(organisation_ids)))
        if o.kind == OrgKind.COMPANY
    }
    unknown = [o for o in organisation_ids if o not in companies]
    if unknown:
        raise InputError(f"No company with id {unknown[0]}.", field="organisation_ids")
    db.execute(
        delete(MeetingRequest).where(
            MeetingRequest.event_id == event.id, MeetingRequest.candidate_id == actor.id
        )
    )
    db.add_all(
        MeetingRequest(event_id=event.id, candidate_id=actor.id, organisation_id=org, rank=rank)
        for rank, org in enumerate(organisation_ids, start=1)
    )
    db.flush()
    return organisation_ids


def my_requests(db: Session, actor: User, event_id: int) -> list[MeetingRequest]:
    return list(
        db.scalars(
            select(MeetingRequest)
            .where(MeetingRequest.event_id == event_id, MeetingRequest.candidate_id == actor.id)
            .order_by(MeetingRequest.rank)
        )
    )


def _iso(value: Any) -> str:
    return value.isoformat()


def _match_scores(
    db: Session, event: Event, requests: dict[int, list[MeetingRequest]]
) -> dict[tuple[int, int], float]:
    """(candidate, company) -> the candidate's best matching score over the company's open roles
    at this event; pairs without evidence are left out."""
    roles_of: dict[int, list[str]] = defaultdict(list)
    for role_id, org_id in db.execute(
        select(JobRole.id, JobRole.organisation_id)
        .join(role_events, role_events.c.job_role_id == JobRole.id)
        .where(role_events.c.event_id == event.id, JobRole.status == RoleStatus.OPEN)
    ).all():
        roles_of[org_id].append(str(role_id))
    if not roles_of or not requests:
        return {}
    with match_index.searching(db) as index:  # read under the lock: no sync changes it meanwhile
        people = [c for c in requests if (match_index.CANDIDATES, str(c)) in index]
        if not people:
            return {}
        role_ids, component_scores = index.scores(match_index.CANDIDATES, [str(c) for c in people])
    column = {role_id: j for j, role_id in enumerate(role_ids)}
    out: dict[tuple[int, int], float] = {}
    for row, candidate_id in enumerate(people):
        for wish in requests[candidate_id]:
            columns = [column[r] for r in roles_of.get(wish.organisation_id, []) if r in column]
            if columns:
                best = float(component_scores.fused[row, columns].max())
                out[(candidate_id, wish.organisation_id)] = round(best, 6)
    return out


def build_instance(
    db: Session, event: Event, *, max_meetings: int, objective: str, keep_booked: bool = False
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The event as a ``talentfoundry.schedule/v1`` document, and the meetings already booked.

    For a new run (``keep_booked=False``) booked slots are left out and each booking becomes the
    candidate's busy time, one meeting fewer and one company less to request. For a refill
    (``keep_booked=True``) every slot stays in and the bookings come back as assignments.
    """
    booked: dict[int, int] = dict(
        db.execute(
            select(Booking.slot_id, Booking.candidate_id)
            .join(InterviewSlot)
            .where(InterviewSlot.event_id == event.id)
        ).all()
    )
    slots = list(
        db.scalars(
            select(InterviewSlot)
            .where(InterviewSlot.event_id == event.id)
            .order_by(InterviewSlot.starts_at, InterviewSlot.id)
        )
    )
    by_id = {s.id: s for s in slots}
    held: dict[int, list[InterviewSlot]] = defaultdict(list)
    for slot_id, candidate_id in booked.items():
        held[candidate_id].append(by_id[slot_id])
    sessions = db.execute(
        select(SessionRegistration.user_id, EventSession.starts_at, EventSession.ends_at)
        .join(EventSession)
        .where(
            EventSession.event_id == event.id,
            SessionRegistration.status == RegistrationStatus.CONFIRMED,
        )
    ).all()
    busy: dict[int, list[dict[str, str]]] = defaultdict(list)
    for user_id, start, end in sessions:
        busy[user_id].append({"start": _iso(start), "end": _iso(end)})
    hiring = {s.organisation_id for s in slots if keep_booked or s.id not in booked}
    requests: dict[int, list[MeetingRequest]] = defaultdict(list)
    for request in db.scalars(
        select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id)
        .order_by(MeetingRequest.created_at, MeetingRequest.candidate_id, MeetingRequest.rank)
    ):
        requests[request.candidate_id].append(request)
    scores = _match_scores(db, event, requests)
    # Meetings and seats at other events are busy time too (an overseas mission's online
    # interview can clash with this fair): the one agenda rule, commitments.refuse_meeting.
    for candidate_id, items in commitments.commitments_of(db, requests).items():
        busy[candidate_id] += [
            {"start": _iso(c.starts_at), "end": _iso(c.ends_at)}
            for c in items
            if c.event_id != event.id
        ]
    candidates = []
    for candidate_id, wishes in requests.items():  # sign-up order: first request first
        mine = [] if keep_booked else held[candidate_id]
        met = {s.organisation_id for s in mine}
        n = len(wishes)
        # Companies already met, or with no free slot left, are out of reach for this run.
        open_wishes = [
            w for w in wishes if w.organisation_id not in met and w.organisation_id in hiring
        ]
        remaining = max_meetings - len(mine)
        if not open_wishes or remaining <= 0:
            continue
        candidates.append(
            {
                "id": str(candidate_id),
                "max_meetings": remaining,
                "busy": busy[candidate_id]
                + [{"start": _iso(s.starts_at), "end": _iso(s.ends_at)} for s in mine],
                "requests": [
                    {
                        "company": str(w.organisation_id),
                        "weight": scores.get(
                            (candidate_id, w.organisation_id), (n - w.rank + 1) / n
                        ),
                    }
                    for w in open_wishes
                ],
            }
        )
    document = {
        "schema": "talentfoundry.schedule/v1",
        "slots": [
            {
                "id": str(s.id),
                "company": str(s.organisation_id),
                "recruiter": str(s.recruiter_id or 0),
                "start": _iso(s.starts_at),
                "end": _iso(s.ends_at),
                "mode": s.mode,
            }
            for s in slots
            if keep_booked or s.id not in booked
        ],
        "candidates": candidates,
        "policy": {"objective": objective},
        "timezone": event.timezone,
    }
    booked_pairs = [(str(c), str(sl)) for sl, c in booked.items()] if keep_booked else []
    return document, booked_pairs


def run_allocation(
    db: Session,
    actor: User,
    event_id: int,
    *,
    max_meetings: int = 3,
    objective: str = "coverage_then_weight",
) -> AllocationRun:
    """Compute a proposal (nothing is booked until :func:`publish`)."""
    event = lock(db, Event, event_id, "event")
    require_manager(db, actor, event)
    if not 1 <= max_meetings <= 20:
        raise InputError("max_meetings must be between 1 and 20", field="max_meetings")
    if objective not in ("coverage_then_weight", "weight"):
        raise InputError("objective must be coverage_then_weight or weight", field="objective")
    document, _ = build_instance(db, event, max_meetings=max_meetings, objective=objective)
    instance = scheduling.parse_instance(document)
    ours = scheduling.allocate(instance)
    fcfs = scheduling.first_come_first_served(instance)
    problems = scheduling.violations(instance, ours.assignments)
    if problems:  # the engine is tested never to do this; refuse rather than publish a bad plan
        raise Conflict("The allocation broke a rule and was discarded: " + problems[0])
    run = AllocationRun(
        event_id=event.id,
        objective=objective,
        max_meetings=max_meetings,
        stats={"ours": ours.stats, "fcfs": fcfs.stats},
        assignments=[f"{c}:{s}" for c, s in ours.assignments],
        created_by_id=actor.id,
    )
    db.add(run)
    db.flush()
    return run


def publish(db: Session, actor: User, run_id: int) -> AllocationRun:
    """Turn the proposal into bookings, all or nothing.

    Each proposed meeting must still pass the agenda rule every path uses
    (:func:`commitments.refuse_meeting`), under the locks of all its candidates: a hand booking
    or a seat taken since the run can make a proposed meeting clash. If any can no longer be
    made, nothing is published and the organiser is told which and why.
    """
    run = lock(db, AllocationRun, run_id, "allocation run")
    event = lock(db, Event, run.event_id, "event")
    require_manager(db, actor, event)
    if run.status == "published":
        raise Conflict("This allocation is already published.")
    latest = db.scalar(
        select(AllocationRun.id)
        .where(AllocationRun.event_id == event.id)
        .order_by(AllocationRun.id.desc())
    )
    if latest != run.id:
        raise Conflict("A newer allocation exists for this event; publish that one.")
    pairs = [tuple(int(x) for x in item.split(":")) for item in run.assignments]
    people = {c for c, _ in pairs}
    commitments.lock_people(db, people)
    # Then the places, in id order: a slot cannot be booked, moved into or deleted meanwhile.
    slots = {
        s.id: s
        for s in db.scalars(
            select(InterviewSlot)
            .where(InterviewSlot.id.in_([s for _, s in pairs]))
            .order_by(InterviewSlot.id)
            .with_for_update()
            .options(selectinload(InterviewSlot.organisation))
        )
    }
    taken = set(db.scalars(select(Booking.slot_id).where(Booking.slot_id.in_(list(slots)))))
    names = dict(db.execute(select(User.id, User.full_name).where(User.id.in_(people))).all())
    agenda = commitments.commitments_of(db, people)
    problems: list[str] = []
    for candidate_id, slot_id in pairs:
        slot = slots.get(slot_id)
        name = names.get(candidate_id, f"candidate {candidate_id}")
        if candidate_id not in names:
            problems.append(f"the account of the candidate proposed slot {slot_id} was deleted")
            continue
        if slot is None:
            problems.append(f"the slot proposed to {name} was deleted")
            continue
        if slot_id in taken:
            problems.append(f"the slot proposed to {name} was booked by someone else")
            continue
        refusal = commitments.refuse_meeting(agenda[candidate_id], slot)
        if refusal is not None:
            problems.append(refusal.for_organiser(name, event.timezone))
            continue
        agenda[candidate_id].append(commitments.as_meeting(-slot_id, slot, slot.organisation.name))
    if problems:
        more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
        shown = "; ".join(problems[:3]) + more
        raise Conflict(
            f"{len(problems)} of the proposed meetings can no longer be made since the run "
            f"({shown}). Run the allocation again, then publish."
        )
    try:
        with db.begin_nested():
            db.add_all(
                Booking(slot_id=slot_id, candidate_id=candidate_id)
                for candidate_id, slot_id in pairs
            )
            db.flush()
    except IntegrityError as exc:  # the locks above make this a bug, not a race: say so clearly
        raise Conflict(
            "The proposed meetings changed while they were being booked; nothing was booked. "
            "Run the allocation again, then publish."
        ) from exc
    run.status = "published"
    run.published_at = utcnow()
    db.flush()
    return run


def refill(
    db: Session,
    slot: InterviewSlot,
    *,
    cancelled_by: int | None = None,
    now: datetime | None = None,
) -> Booking | None:
    """A meeting was cancelled: give its slot to the best waiting request that fits, moving nobody.

    Only after a published allocation (before that, the slot is simply free again), and never back
    to the person who cancelled it. Who is best is the engine's rule
    (:func:`talentfoundry.scheduling.best_request_for_slot`): coverage first, then weight. The
    winner's agenda is then checked again under their lock (the engine saw it a moment earlier);
    if it no longer fits, the next best is asked.
    """
    run = db.scalar(
        select(AllocationRun)
        .where(AllocationRun.event_id == slot.event_id, AllocationRun.status == "published")
        .order_by(AllocationRun.id.desc())
    )
    if run is None or not windows.slot_refillable(slot.starts_at, now or utcnow()):
        return None  # a meeting that has started cannot go to someone who is not there
    document, assignments = build_instance(
        db, slot.event, max_meetings=run.max_meetings, objective=run.objective, keep_booked=True
    )
    excluded = {str(cancelled_by)}
    while True:
        document["candidates"] = [c for c in document["candidates"] if c["id"] not in excluded]
        winner = scheduling.best_request_for_slot(
            scheduling.parse_instance(document), assignments, str(slot.id)
        )
        if winner is None:
            return None
        commitments.lock_people(db, [int(winner)])
        person = db.get(User, int(winner))
        if person is not None and commitments.meeting_refusal(db, person, slot) is None:
            break
        excluded.add(winner)
    booking = Booking(slot_id=slot.id, candidate_id=int(winner))
    db.add(booking)
    db.flush()
    return booking


def latest_run(db: Session, actor: User, event_id: int) -> AllocationRun:
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    run = db.scalar(
        select(AllocationRun)
        .where(AllocationRun.event_id == event.id)
        .order_by(AllocationRun.id.desc())
    )
    if run is None:
        raise InputError("No allocation has been run for this event yet.")
    return run
