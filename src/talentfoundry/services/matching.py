"""Matching in the product: recommended roles for a candidate, ranked shortlists for a role,
and the match-score distribution per sector for organisers.

Each reads the process's index of the database (:mod:`talentfoundry.services.match_index`), brought
up to date and held for the length of the query; the access rules decide who may be ranked. An
empty profile gets a message saying what is missing, never a score.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import RoleStatus, UserRole
from talentfoundry.domain.errors import NotFound, PermissionDenied
from talentfoundry.matching.rank import RankResult, recommend
from talentfoundry.services import scopes
from talentfoundry.services.common import contains_text, get_or_404, principal_for
from talentfoundry.services.events import require_manager
from talentfoundry.services.match_index import CANDIDATES, ROLES, candidate_document, searching
from talentfoundry.store.models import (
    Attendee,
    CandidateProfile,
    Event,
    JobRole,
    Organisation,
    User,
    role_events,
)

EMPTY_PROFILE = (
    "No recommendations yet: your profile has no CV and no skills. Upload a CV or list your "
    "skills to get ranked roles with reasons."
)


@dataclass(frozen=True, slots=True)
class Recommendations:
    result: RankResult | None
    message: str | None
    roles: dict[int, JobRole]


def recommend_roles(
    db: Session, actor: User, *, event_id: int | None = None, k: int = 20
) -> Recommendations:
    """Open roles ranked for the candidate, with reasons; a message instead when the profile is
    empty (no number without evidence)."""
    if actor.role != UserRole.CANDIDATE:
        raise PermissionDenied("Recommendations are for candidates.")
    if candidate_document(actor) is None:
        return Recommendations(None, EMPTY_PROFILE, {})
    allowed = None
    if event_id is not None:
        allowed = {
            str(i)
            for i in db.scalars(
                select(role_events.c.job_role_id).where(role_events.c.event_id == event_id)
            )
        }
    with searching(db) as index:
        result = recommend(index, CANDIDATES, str(actor.id), k, allowed=allowed)
    ids = [int(r.id) for r in result.results]
    roles = {
        r.id: r
        for r in db.scalars(
            select(JobRole).where(JobRole.id.in_(ids)).options(selectinload(JobRole.organisation))
        )
    }
    return Recommendations(result, None, roles)


@dataclass(frozen=True, slots=True)
class ShortlistFilters:
    work_authorisation: str | None = None
    graduation_year: int | None = None
    location: str | None = None


def ranked_candidates(
    db: Session, actor: User, role_id: int, *, filters: ShortlistFilters | None = None, k: int = 20
) -> tuple[RankResult, dict[int, User]]:
    """The best candidates for a role, explained, among those the viewer may see: for a recruiter,
    candidates who consented to share their CV with the events where the company exhibits."""
    role = get_or_404(db, JobRole, role_id, "role")
    p = principal_for(db, actor)
    event_ids = frozenset(e.id for e in role.events)
    if not access.can_view_shortlist(p, role.organisation_id, event_ids):
        raise PermissionDenied("Only the company's recruiters and the event's organisers see this.")
    if role.status != RoleStatus.OPEN:
        raise NotFound("This role is closed; reopen it to rank candidates.")
    query = (
        select(User)
        .join(CandidateProfile, CandidateProfile.user_id == User.id)
        .where(scopes.candidates(p))  # the rule every view of a candidate uses
    )
    filters = filters or ShortlistFilters()
    if filters.work_authorisation:
        query = query.where(CandidateProfile.work_authorisation == filters.work_authorisation)
    if filters.graduation_year is not None:
        query = query.where(CandidateProfile.graduation_year == filters.graduation_year)
    if filters.location:
        wanted = cast(CandidateProfile.locations_wanted, Text)
        query = query.where(contains_text(wanted, filters.location))
    allowed = {str(i) for i in db.scalars(query.with_only_columns(User.id))}
    with searching(db) as index:
        result = recommend(index, ROLES, str(role.id), k, allowed=allowed)
    ids = [int(r.id) for r in result.results]
    people = {
        u.id: u
        for u in db.scalars(
            select(User).where(User.id.in_(ids)).options(selectinload(User.profile))
        )
    }
    return result, people


@dataclass(frozen=True, slots=True)
class SectorScores:
    sector: str
    roles: int
    best_scores: list[float]  # per candidate with evidence: their best score in this sector


def score_distribution(db: Session, actor: User, event_id: int) -> list[SectorScores]:
    """For the event's organisers: per sector, each registered candidate's best match score among
    the sector's open roles at the event (how well the crowd fits what exhibitors offer)."""
    event = get_or_404(db, Event, event_id, "event")
    require_manager(db, actor, event)
    scope = scopes.attendees(principal_for(db, actor))
    registered = [
        str(i)
        for i in db.scalars(select(Attendee.user_id).where(Attendee.event_id == event.id, scope))
    ]
    sector_of: dict[str, str] = {
        str(role_id): sector or "other"
        for role_id, sector in db.execute(
            select(JobRole.id, Organisation.sector)
            .join(Organisation, JobRole.organisation_id == Organisation.id)
            .join(role_events, role_events.c.job_role_id == JobRole.id)
            .where(role_events.c.event_id == event.id, JobRole.status == RoleStatus.OPEN)
        ).all()
    }
    with searching(db) as index:
        people = [i for i in registered if (CANDIDATES, i) in index]
        if not people or not sector_of:
            return []
        role_ids, scores = index.scores(CANDIDATES, people)
    out = []
    for sector in sorted(set(sector_of.values())):
        columns = [j for j, r in enumerate(role_ids) if sector_of.get(r) == sector]
        if columns:
            best = scores.fused[:, columns].max(axis=1)
            out.append(SectorScores(sector, len(columns), [round(float(v), 4) for v in best]))
    return out


def distribution_svg(sectors: list[SectorScores]) -> str:
    """Histograms of the best scores per sector, as an SVG (matplotlib without pyplot)."""
    from matplotlib.figure import Figure

    rows = max(1, len(sectors))
    figure = Figure(figsize=(7, 1.9 * rows))
    axes = figure.subplots(rows, 1, squeeze=False)[:, 0]
    for ax, sector in zip(axes, sectors, strict=False):
        ax.hist(sector.best_scores, bins=20, range=(0, 1), color="#0b5cad")
        ax.set_title(f"{sector.sector.replace('_', ' ')} ({sector.roles} roles)", fontsize=10)
        ax.set_xlim(0, 1)
    if not sectors:
        axes[0].text(0.5, 0.5, "No candidates or roles to score yet", ha="center", va="center")
        axes[0].set_axis_off()
    axes[-1].set_xlabel("best match score of each registered candidate")
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    return buffer.getvalue()
