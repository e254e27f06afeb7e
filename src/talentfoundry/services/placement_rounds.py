"""Placement rounds of the Talent Foundry programme (internships, placements, graduate schemes).

Students rank programmes; each programme's company or university ranks its applicants; the
organiser runs the stable matching (:mod:`talentfoundry.placement`) and publishes; every student
then sees their programme, or, when unplaced, why (each programme they listed either did not list
them or filled its places with students it ranks higher).

A programme that has not ranked its applicants gets the matching engine's order: applicants by
their matching score against the programme's title and description (best first). Applicants with
nothing to match on (no CV, no skills) come after them, tied, in the engine's documented seeded
lottery. Staff can replace that order at any time with their own ranking.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry import placement
from talentfoundry.domain import access
from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import Conflict, InputError, NotFound, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.matching.index import MatchDocument
from talentfoundry.matching.rank import rank
from talentfoundry.services import match_index
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

OPEN, RUN, PUBLISHED = "open", "run", "published"
PROGRAMME_KINDS = ("internship", "placement", "graduate_scheme", "research_project")


def create_round(
    db: Session,
    actor: User,
    event_id: int,
    *,
    name: str,
    deadline: datetime,
    optimal: str = "student",
    tie_seed: int = 0,
) -> PlacementRound:
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    if optimal not in ("student", "programme"):
        raise InputError("optimal must be 'student' or 'programme'", field="optimal")
    placement_round = PlacementRound(
        event_id=event.id, name=name, deadline=deadline, optimal=optimal, tie_seed=tie_seed
    )
    db.add(placement_round)
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


def _require_open(placement_round: PlacementRound) -> None:
    if placement_round.status != OPEN:
        raise Conflict("This placement round has already been run; it no longer changes.")


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
) -> PlacementProgramme:
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    _require_open(placement_round)
    if db.get(Organisation, organisation_id) is None:
        raise InputError(f"No organisation with id {organisation_id}.", field="organisation_id")
    _require_org_manager(db, actor, organisation_id, placement_round.event_id)
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


def set_choices(db: Session, actor: User, round_id: int, programme_ids: list[int]) -> list[int]:
    """Replace the student's ranked list (best first)."""
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Only students rank programmes.")
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    _require_open(placement_round)
    if utcnow() > placement_round.deadline:
        raise Conflict("The deadline for this round has passed.")
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


def set_ranking(db: Session, actor: User, programme_id: int, ranks: dict[int, int]) -> None:
    """Replace the programme's ranking: student id -> rank (1 best; equal ranks are a tie).
    Students left out are not acceptable to the programme."""
    programme = get_or_404(db, PlacementProgramme, programme_id, "programme")
    _require_org_manager(db, actor, programme.organisation_id, programme.round.event_id)
    _require_open(lock(db, PlacementRound, programme.round_id, "placement round"))
    if any(rank < 1 for rank in ranks.values()):
        raise InputError("ranks start at 1", field="ranks")
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
    encoder = match_index.product_encoder()
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
            groups: dict[int, list[str]] = {}
            for rank, sid in ranking:
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


def run_round(db: Session, actor: User, round_id: int) -> RunSummary:
    """Run the stable matching and store each student's outcome (not yet visible to them)."""
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    require_manager(db, actor, placement_round.event)
    if placement_round.status == PUBLISHED:
        raise Conflict("This round is published; its results no longer change.")
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
    placement_round.status = RUN
    placement_round.run_at = utcnow()
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


def publish_round(db: Session, actor: User, round_id: int) -> PlacementRound:
    placement_round = lock(db, PlacementRound, round_id, "placement round")
    require_manager(db, actor, placement_round.event)
    if placement_round.status == PUBLISHED:
        raise Conflict("This round is already published.")
    if placement_round.status != RUN:
        raise Conflict("Run the round before publishing it.")
    placement_round.status = PUBLISHED
    db.flush()
    return placement_round


def my_outcome(db: Session, actor: User, round_id: int) -> PlacementOutcome:
    placement_round = get_round(db, round_id)
    if placement_round.status != PUBLISHED:
        raise NotFound("The results of this round are not published yet.")
    outcome = db.scalar(
        select(PlacementOutcome).where(
            PlacementOutcome.round_id == round_id, PlacementOutcome.student_id == actor.id
        )
    )
    if outcome is None:
        raise NotFound("You did not take part in this round.")
    return outcome


def export_csv(db: Session, actor: User, round_id: int) -> str:
    """Results as CSV: organisers get every row; company/university staff their programmes'."""
    placement_round = get_round(db, round_id)
    p = principal_for(db, actor)
    if placement_round.status == OPEN:
        raise Conflict("The round has not been run yet.")
    outcomes = db.scalars(
        select(PlacementOutcome)
        .where(PlacementOutcome.round_id == round_id)
        .options(
            selectinload(PlacementOutcome.student),
            selectinload(PlacementOutcome.programme).selectinload(PlacementProgramme.organisation),
        )
        .order_by(PlacementOutcome.student_id)
    )
    if access.can_manage_event(p, placement_round.event_id):
        rows = list(outcomes)
    elif actor.organisation_id is not None and actor.role in (
        UserRole.RECRUITER,
        UserRole.UNIVERSITY_STAFF,
    ):
        rows = [
            o
            for o in outcomes
            if o.programme is not None and o.programme.organisation_id == actor.organisation_id
        ]
    else:
        raise PermissionDenied("Only organisers and programme staff export round results.")
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
