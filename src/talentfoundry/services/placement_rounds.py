"""Placement rounds of the Talent Foundry programme (internships, placements, graduate schemes).

Students rank programmes; each programme's company or university ranks its applicants; the
organiser runs the stable matching (:mod:`talentfoundry.placement`) and publishes; every student
then sees their programme, or, when unplaced, why (each programme they listed either did not list
them or filled its places with students it ranks higher).

A programme that has not ranked its applicants gets the matching engine's order: applicants by
their matching score against the programme's title and description (best first). Applicants with
nothing to match on (no CV, no skills) come after them, tied, in the engine's documented seeded
lottery. Staff can replace that order at any time with their own ranking.

A round moves through draft, open, closed, run and published only along the table in
:mod:`talentfoundry.domain.round_states`, and only here: the API, the pages and the tests all
call these functions. Every function that depends on the time takes ``now`` (default: the real
UTC time), so the deadline holds on every path and tests move past it without sleeping. An open
round whose deadline has passed is closed for every purpose (:func:`state_of`), even before
anyone presses "close".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry import placement
from talentfoundry.domain import access, windows
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import Conflict, InputError, NotFound, PermissionDenied
from talentfoundry.domain.round_states import (
    ACTIONS,
    NEXT_STEP,
    Action,
    State,
    actions,
    after,
    effective,
    require_choices_may_change,
    require_programmes_may_change,
    require_rankings_may_change,
)
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.matching.index import MatchDocument
from talentfoundry.matching.rank import rank
from talentfoundry.services import match_config, match_index, scopes
from talentfoundry.services.common import get_or_404, principal_for, spreadsheet_safe
from talentfoundry.services.events import require_manager
from talentfoundry.services.locking import lock
from talentfoundry.store.models import (
    CandidateProfile,
    Event,
    Organisation,
    PlacementChoice,
    PlacementOutcome,
    PlacementProgramme,
    PlacementRound,
    ProgrammeRanking,
    User,
)

PROGRAMME_KINDS = ("internship", "placement", "graduate_scheme", "research_project")


def state_of(placement_round: PlacementRound, now: datetime | None = None) -> State:
    """The round's state at ``now`` (an open round past its deadline is closed)."""
    return effective(placement_round.status, placement_round.deadline, now or utcnow())


@dataclass(frozen=True, slots=True)
class RoundStatus:
    """What the pages and the API show about a round: its state, what happens next, what the
    organiser can do now, and whether lists, programmes and rankings may still change."""

    state: State
    next_step: str
    actions: list[tuple[str, str]] = field(default_factory=list)  # (action, button label)
    choices_open: bool = False
    programmes_open: bool = False
    rankings_open: bool = False
    note: str = ""  # why the round is where it is, when that is not obvious


def _too_late_to_open(placement_round: PlacementRound, now: datetime) -> bool:
    """A draft whose deadline has passed can never open: students would have no time."""
    return state_of(placement_round, now) is State.DRAFT and now >= placement_round.deadline


def status_of(placement_round: PlacementRound, now: datetime | None = None) -> RoundStatus:
    """The round as the pages and the API show it at ``now``; the same rules as the functions
    that move it, so a button is offered exactly when pressing it would work."""
    now = now or utcnow()
    state = state_of(placement_round, now)
    zone = placement_round.event.timezone
    note = ""
    if state is State.CLOSED and placement_round.run_at is not None:
        note = "A programme changed its ranking after the last run: run the round again."
    elif state is State.CLOSED and placement_round.status == State.OPEN:
        note = (
            "Choices closed at the deadline, "
            f"{windows.at_event_time(placement_round.deadline, zone, now=now)}."
        )
    elif _too_late_to_open(placement_round, now):
        note = "Its deadline has passed, so this round can no longer open."
    usable = [
        a
        for a in actions(state)
        if not (a is Action.OPEN and _too_late_to_open(placement_round, now))
    ]
    return RoundStatus(
        state=state,
        next_step=NEXT_STEP[state],
        actions=[(a.value, ACTIONS[a]) for a in usable],
        choices_open=state is State.OPEN,
        programmes_open=state in (State.DRAFT, State.OPEN),
        rankings_open=state is not State.PUBLISHED,
        note=note,
    )


def create_round(
    db: Session,
    actor: User,
    event_id: int,
    *,
    name: str,
    deadline: datetime,
    optimal: str = "student",
    tie_seed: int = 0,
    now: datetime | None = None,
) -> PlacementRound:
    """A new round, as a draft: programmes are added before the organiser opens it."""
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    if optimal not in ("student", "programme"):
        raise InputError("optimal must be 'student' or 'programme'", field="optimal")
    windows.future_deadline(deadline, now or utcnow())
    placement_round = PlacementRound(
        event_id=event.id,
        name=name,
        deadline=deadline,
        optimal=optimal,
        tie_seed=tie_seed,
        status=State.DRAFT.value,
    )
    db.add(placement_round)
    db.flush()
    return placement_round


def _move(placement_round: PlacementRound, action: Action, now: datetime) -> State:
    """Apply ``action`` by the transition table, and note when choices closed (at the deadline
    when it closed them, else now)."""
    state = state_of(placement_round, now)
    target = after(state, action)
    if placement_round.status == State.OPEN and target is not State.OPEN:
        placement_round.closed_at = min(now, placement_round.deadline)
    placement_round.status = target.value
    return target


def open_round(
    db: Session, actor: User, round_id: int, *, now: datetime | None = None
) -> PlacementRound:
    """Open a draft round for students' choices, until its deadline."""
    now = now or utcnow()
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    require_manager(db, actor, placement_round.event)
    if _too_late_to_open(placement_round, now):
        when = windows.at_event_time(placement_round.deadline, placement_round.event.timezone)
        raise Conflict(f"The deadline passed at {when}; this round can no longer open.")
    _move(placement_round, Action.OPEN, now)
    placement_round.opened_at = now
    db.flush()
    return placement_round


def close_round(
    db: Session, actor: User, round_id: int, *, now: datetime | None = None
) -> PlacementRound:
    """Close students' choices before the deadline (the deadline closes them by itself)."""
    now = now or utcnow()
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    require_manager(db, actor, placement_round.event)
    if placement_round.status == State.OPEN and now >= placement_round.deadline:
        when = windows.at_event_time(placement_round.deadline, placement_round.event.timezone)
        raise Conflict(f"Choices already closed at the deadline, {when}.")
    _move(placement_round, Action.CLOSE, now)
    db.flush()
    return placement_round


def get_round(db: Session, round_id: int) -> PlacementRound:
    return get_or_404(db, PlacementRound, round_id, "placement round")


def list_rounds(db: Session, event_id: int) -> list[PlacementRound]:
    return list(
        db.scalars(
            select(PlacementRound)
            .where(PlacementRound.event_id == event_id)
            .order_by(PlacementRound.id)
        )
    )


def _require_org_manager(db: Session, actor: User, org_id: int, event_id: int) -> None:
    p = principal_for(db, actor)
    if not (access.can_manage_organisation(p, org_id) or access.can_manage_event(p, event_id)):
        raise PermissionDenied(
            "Only the organisation's staff and the event's organisers may do that."
        )


def add_programme(
    db: Session,
    actor: User,
    round_id: int,
    *,
    organisation_id: int,
    title: str,
    kind: str,
    capacity: int,
    description: str = "",
    now: datetime | None = None,
) -> PlacementProgramme:
    """A programme offered in the round; added while it is a draft or open for choices."""
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    if db.get(Organisation, organisation_id) is None:
        raise InputError(f"No organisation with id {organisation_id}.", field="organisation_id")
    _require_org_manager(db, actor, organisation_id, placement_round.event_id)
    require_programmes_may_change(state_of(placement_round, now))
    if kind not in PROGRAMME_KINDS:
        raise InputError(f"kind must be one of: {', '.join(PROGRAMME_KINDS)}", field="kind")
    if capacity < 0:
        raise InputError("capacity must not be negative", field="capacity")
    programme = PlacementProgramme(
        round_id=placement_round.id,
        organisation_id=organisation_id,
        title=title,
        kind=kind,
        capacity=capacity,
        description=description,
    )
    db.add(programme)
    db.flush()
    return programme


def set_choices(
    db: Session,
    actor: User,
    round_id: int,
    programme_ids: list[int],
    *,
    now: datetime | None = None,
) -> list[int]:
    """Replace the student's ranked list (best first): only while the round is open and
    before its deadline."""
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Only students rank programmes.")
    now = now or utcnow()
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    if placement_round.status == State.OPEN:
        windows.choices_open(placement_round.deadline, placement_round.event.timezone, now)
    require_choices_may_change(state_of(placement_round, now))
    if len(set(programme_ids)) != len(programme_ids):
        raise InputError("Each programme may appear only once in your list.", field="programme_ids")
    valid = {p.id for p in placement_round.programmes}
    unknown = [p for p in programme_ids if p not in valid]
    if unknown:
        raise InputError(
            f"Programme {unknown[0]} is not part of this round.", field="programme_ids"
        )
    db.execute(
        delete(PlacementChoice).where(
            PlacementChoice.round_id == round_id, PlacementChoice.student_id == actor.id
        )
    )
    db.add_all(
        PlacementChoice(round_id=round_id, student_id=actor.id, programme_id=pid, rank=rank)
        for rank, pid in enumerate(programme_ids, start=1)
    )
    db.flush()
    return programme_ids


def applicants(db: Session, actor: User, programme_id: int) -> list[tuple[User, int | None]]:
    """Students who listed the programme, with the programme's rank of them (None: unranked)."""
    programme = get_or_404(db, PlacementProgramme, programme_id, "programme")
    _require_org_manager(db, actor, programme.organisation_id, programme.round.event_id)
    ranks = dict(
        db.execute(
            select(ProgrammeRanking.student_id, ProgrammeRanking.rank).where(
                ProgrammeRanking.programme_id == programme.id
            )
        ).all()
    )
    students = db.scalars(
        select(User)
        .join(PlacementChoice, PlacementChoice.student_id == User.id)
        .where(PlacementChoice.programme_id == programme.id)
        .order_by(User.id)
    )
    rows = [(student, ranks.get(student.id)) for student in students]
    return sorted(rows, key=lambda row: (row[1] is None, row[1] or 0, row[0].id))


def set_ranking(
    db: Session,
    actor: User,
    programme_id: int,
    ranks: dict[int, int],
    *,
    now: datetime | None = None,
) -> None:
    """Replace the programme's ranking: student id -> rank (1 best; equal ranks are a tie).
    Students left out are not acceptable to the programme.

    Allowed until the results are published. A change after a run voids that run's results
    (the round is closed again, its outcomes dropped), so what is published was always computed
    from the rankings that stand."""
    now = now or utcnow()
    programme = get_or_404(db, PlacementProgramme, programme_id, "programme")
    _require_org_manager(db, actor, programme.organisation_id, programme.round.event_id)
    placement_round = lock(db, PlacementRound, programme.round_id, "placement round")
    state = state_of(placement_round, now)
    require_rankings_may_change(state)
    if any(rank < 1 for rank in ranks.values()):
        raise InputError("ranks start at 1", field="ranks")
    if state is State.RUN:
        _move(placement_round, Action.RERANK, now)
        db.execute(delete(PlacementOutcome).where(PlacementOutcome.round_id == placement_round.id))
    db.execute(delete(ProgrammeRanking).where(ProgrammeRanking.programme_id == programme.id))
    programme.ranked = True
    db.add_all(
        ProgrammeRanking(programme_id=programme.id, student_id=sid, rank=rank)
        for sid, rank in ranks.items()
    )
    db.flush()


def suggested_order(db: Session, programme: PlacementProgramme) -> list[tuple[int, float]]:
    """Applicants with evidence, by matching score against the programme, best first."""
    students = list(
        db.scalars(
            select(User)
            .join(PlacementChoice, PlacementChoice.student_id == User.id)
            .where(PlacementChoice.programme_id == programme.id)
            .options(selectinload(User.profile).selectinload(CandidateProfile.cv))
            .order_by(User.id)
        )
    )
    docs = [d for d in (match_index.candidate_document(u) for u in students) if d is not None]
    query = MatchDocument(f"programme-{programme.id}", programme.description, programme.title)
    if not docs or query.is_blank:
        return []
    encoder = match_config.encoder_for(db)
    [result] = rank([query], docs, top_k=len(docs), encoder=encoder, requirements="queries")
    return [(int(r.id), r.score) for r in result.results]


def suggested_ranking(db: Session, actor: User, programme_id: int) -> list[tuple[User, float]]:
    """The matching engine's order of a programme's applicants, for staff to start from."""
    programme = get_or_404(db, PlacementProgramme, programme_id, "programme")
    _require_org_manager(db, actor, programme.organisation_id, programme.round.event_id)
    order = suggested_order(db, programme)
    users = {u.id: u for u in db.scalars(select(User).where(User.id.in_([i for i, _ in order])))}
    return [(users[i], score) for i, score in order]


def build_instance(db: Session, placement_round: PlacementRound) -> dict[str, object]:
    """The round as a ``talentfoundry.placement/v1`` document (ids as strings)."""
    choices = db.scalars(
        select(PlacementChoice)
        .where(PlacementChoice.round_id == placement_round.id)
        .order_by(PlacementChoice.student_id, PlacementChoice.rank)
    )
    student_prefs: dict[int, list[str]] = {}
    applicants_of: dict[int, list[int]] = {}
    for choice in choices:
        student_prefs.setdefault(choice.student_id, []).append(str(choice.programme_id))
        applicants_of.setdefault(choice.programme_id, []).append(choice.student_id)
    programmes = []
    for programme in placement_round.programmes:
        ranking = list(
            db.execute(
                select(ProgrammeRanking.rank, ProgrammeRanking.student_id)
                .where(ProgrammeRanking.programme_id == programme.id)
                .order_by(ProgrammeRanking.rank, ProgrammeRanking.student_id)
            ).all()
        )
        if programme.ranked:
            # Only the programme's applicants: a student ranked earlier may have taken the
            # programme off their list since (or listed nothing at all).
            listed = set(applicants_of.get(programme.id, []))
            groups: dict[int, list[str]] = {}
            for rank, sid in ranking:
                if sid in listed:
                    groups.setdefault(rank, []).append(str(sid))
            prefs: list[object] = [g[0] if len(g) == 1 else g for g in groups.values()]
        else:  # not ranked: the matching order, then the rest tied (seeded lottery)
            scored = [str(sid) for sid, _ in suggested_order(db, programme)]
            rest = sorted(set(map(str, applicants_of.get(programme.id, []))) - set(scored), key=int)
            prefs = [*scored, *([rest] if len(rest) > 1 else rest)]
        programmes.append({"id": str(programme.id), "capacity": programme.capacity, "prefs": prefs})
    return {
        "schema": placement.SCHEMA,
        "students": [{"id": str(s), "prefs": p} for s, p in sorted(student_prefs.items())],
        "programmes": programmes,
        "optimal": placement_round.optimal,
        "tie_seed": placement_round.tie_seed,
    }


@dataclass(frozen=True, slots=True)
class RunSummary:
    students: int
    placed: int
    unplaced: int
    places: int


def run_round(
    db: Session, actor: User, round_id: int, *, now: datetime | None = None
) -> RunSummary:
    """Run the stable matching on the closed lists and store each student's outcome (not yet
    visible to them). Allowed once choices are closed (by the organiser or the deadline), and
    again before publication."""
    now = now or utcnow()
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    require_manager(db, actor, placement_round.event)
    _move(placement_round, Action.RUN, now)
    instance = placement.parse_instance(build_instance(db, placement_round))
    result = placement.solve(instance)
    reports = placement.explain_unplaced(instance, result)
    titles = {str(p.id): p.title for p in placement_round.programmes}
    db.execute(delete(PlacementOutcome).where(PlacementOutcome.round_id == round_id))
    for student in instance.students:
        programme = result.assignment.get(student.id)
        reasons = []
        if programme is None:
            reasons = [_reason_text(r, titles) for r in reports[student.id].reasons]
        db.add(
            PlacementOutcome(
                round_id=round_id,
                student_id=int(student.id),
                programme_id=int(programme) if programme else None,
                reasons=reasons,
            )
        )
    placement_round.run_at = now
    db.flush()
    return RunSummary(
        students=len(instance.students),
        placed=len(result.assignment),
        unplaced=len(result.unmatched),
        places=sum(p.capacity for p in instance.programmes),
    )


def _reason_text(reason: placement.ProgrammeReason, titles: dict[str, str]) -> str:
    """The engine's message with the programme's title instead of its id."""
    return titles.get(reason.programme, reason.programme) + reason.message[len(reason.programme) :]


def publish_round(
    db: Session, actor: User, round_id: int, *, now: datetime | None = None
) -> PlacementRound:
    """Show every student their result; from here on nothing in the round changes."""
    now = now or utcnow()
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    require_manager(db, actor, placement_round.event)
    _move(placement_round, Action.PUBLISH, now)
    placement_round.published_at = now
    db.flush()
    return placement_round


def my_outcome(db: Session, actor: User, round_id: int) -> PlacementOutcome:
    placement_round = get_round(db, round_id)
    if placement_round.status != State.PUBLISHED:
        raise NotFound("The results of this round are not published yet.")
    outcome = db.scalar(
        select(PlacementOutcome).where(
            PlacementOutcome.round_id == round_id,
            PlacementOutcome.student_id == actor.id,
            scopes.placement_outcomes(principal_for(db, actor)),
        )
    )
    if outcome is None:
        raise NotFound("You did not take part in this round.")
    return outcome


def export_csv(db: Session, actor: User, round_id: int) -> str:
    """Results as CSV: organisers get every row; company/university staff their programmes'."""
    placement_round = get_round(db, round_id)
    p = principal_for(db, actor)
    if placement_round.status not in (State.RUN, State.PUBLISHED):
        raise Conflict("The round has not been run yet.")
    staff = actor.organisation_id is not None and actor.role in (
        UserRole.RECRUITER,
        UserRole.UNIVERSITY_STAFF,
    )
    if not (access.can_manage_event(p, placement_round.event_id) or staff):
        raise PermissionDenied("Only organisers and programme staff export round results.")
    rows = list(
        db.scalars(
            select(PlacementOutcome)
            .where(PlacementOutcome.round_id == round_id, scopes.placement_outcomes(p))
            .options(
                selectinload(PlacementOutcome.student),
                selectinload(PlacementOutcome.programme).selectinload(
                    PlacementProgramme.organisation
                ),
            )
            .order_by(PlacementOutcome.student_id)
        )
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["student_id", "student_name", "student_email", "programme", "organisation", "reasons"]
    )
    for o in rows:
        cells = [
            o.student_id,
            o.student.full_name,
            o.student.email,
            o.programme.title if o.programme else "",
            o.programme.organisation.name if o.programme else "",
            " | ".join(o.reasons),
        ]
        writer.writerow([spreadsheet_safe(c) for c in cells])
    return out.getvalue()
