"""Matching in the product: recommended roles for a candidate, ranked shortlists for a role.

Each process keeps one :class:`~talentfoundry.matching.index.MatchIndex` per database (candidates
on side ``a``, open roles on side ``b``) and brings it up to date before every query: a cheap
fingerprint query tells whether a CV, a profile or a role changed since the last sync, and only the
changed documents are re-read and re-indexed, so an edit is reflected by the very next query and
several stateless web processes behind one PostgreSQL agree. The first sync of a process reads
everything (about 15 s for the demo fair on two cores).

Dense embeddings are off here by default (``TALENTFOUNDRY_DENSE``, default ``off`` in the
product): on two CPU cores MiniLM encodes ~25 texts a second, and on the development set the
hybrid without them scores within one CV of the hybrid with them (docs/benchmarks/matching.md).
Every answer carries the engine's note saying so.
"""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import RoleStatus, UserRole
from talentfoundry.domain.errors import NotFound, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.matching.dense import DENSE_ENV, Encoder, NullEncoder, get_encoder
from talentfoundry.matching.index import MatchDocument, MatchIndex
from talentfoundry.matching.rank import RankResult, recommend
from talentfoundry.services.common import get_or_404, principal_for
from talentfoundry.services.events import require_manager
from talentfoundry.store.models import (
    Attendee,
    Booth,
    CandidateProfile,
    CvDocument,
    Event,
    JobRole,
    Organisation,
    User,
    role_events,
)

CANDIDATES, ROLES = "a", "b"
EMPTY_PROFILE = (
    "No recommendations yet: your profile has no CV and no skills. Upload a CV or list your "
    "skills to get ranked roles with reasons."
)


def candidate_document(user: User) -> MatchDocument | None:
    """What the engine reads of a candidate; None when there is nothing to read."""
    profile = user.profile
    if profile is None:
        return None
    parts = [profile.headline, profile.programme, profile.experience]
    if profile.cv is not None:
        parts.append(profile.cv.text)
    text = "\n".join(p for p in parts if p and p.strip())
    skills = tuple(profile.skills or ())
    if not text.strip() and not skills:
        return None
    return MatchDocument(str(user.id), text, profile.headline or None, skills)


def role_document(role: JobRole) -> MatchDocument:
    """A role: its required skills are listed; its nice-to-haves are stated as such in the text,
    which the engine reads as nice-to-have (see ``matching.index``)."""
    text = role.description or ""
    if role.nice_skills:
        text += "\nNice to have (a plus): " + ", ".join(role.nice_skills) + "."
    return MatchDocument(str(role.id), text, role.title, tuple(role.required_skills or ()))


@dataclass
class _Synced:
    index: MatchIndex
    stamps: dict[tuple[str, str], str] = field(default_factory=dict)
    fingerprint: tuple[Any, ...] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    syncing: int = 0  # documents being (re)indexed right now
    synced_at: datetime | None = None


_INDEXES: dict[str, _Synced] = {}
_REGISTRY_LOCK = threading.Lock()


_PRODUCT_DEFAULT_OFF = NullEncoder(
    f"off by default in the platform: too slow on a few CPU cores; set {DENSE_ENV}=auto to use it"
)


def product_encoder() -> Encoder:
    """The dense encoder the product uses: ``TALENTFOUNDRY_DENSE`` if set, else off (see above)."""
    setting = os.environ.get(DENSE_ENV)
    return get_encoder(setting) if setting else _PRODUCT_DEFAULT_OFF


def _holder(db: Session) -> _Synced:
    key = str(db.get_bind().url)
    with _REGISTRY_LOCK:
        if key not in _INDEXES:
            _INDEXES[key] = _Synced(MatchIndex(encoder=product_encoder()))
        return _INDEXES[key]


def _fingerprint(db: Session) -> tuple[Any, ...]:
    profiles = db.execute(
        select(func.count(CandidateProfile.id), func.max(CandidateProfile.updated_at))
    ).one()
    cvs = db.execute(select(func.count(CvDocument.id), func.max(CvDocument.uploaded_at))).one()
    roles = db.execute(select(func.count(JobRole.id), func.max(JobRole.updated_at))).one()
    return (*profiles, *cvs, *roles)


def synced_index(db: Session) -> MatchIndex:
    """The process's index for this database, brought up to date with it."""
    holder = _holder(db)
    with holder.lock:
        fingerprint = _fingerprint(db)
        if fingerprint != holder.fingerprint:
            _sync(db, holder)
            holder.fingerprint = fingerprint
            holder.synced_at = utcnow()
        return holder.index


def _sync(db: Session, holder: _Synced) -> None:
    wanted: dict[tuple[str, str], str] = {}
    rows = db.execute(
        select(User.id, CandidateProfile.updated_at, CvDocument.uploaded_at)
        .join(CandidateProfile, CandidateProfile.user_id == User.id)
        .outerjoin(CvDocument, CvDocument.profile_id == CandidateProfile.id)
        .where(User.role == UserRole.CANDIDATE, User.is_active.is_(True))
    ).all()
    for user_id, updated, uploaded in rows:
        wanted[(CANDIDATES, str(user_id))] = f"{updated}|{uploaded}"
    for role_id, updated in db.execute(
        select(JobRole.id, JobRole.updated_at).where(JobRole.status == RoleStatus.OPEN)
    ).all():
        wanted[(ROLES, str(role_id))] = str(updated)
    changed = [key for key, stamp in wanted.items() if holder.stamps.get(key) != stamp]
    gone = [key for key in holder.stamps if key not in wanted]
    holder.syncing = len(changed) + len(gone)
    index = holder.index
    for side, doc_id in gone:
        if (side, doc_id) in index:
            index.remove(side, doc_id)
        holder.stamps.pop((side, doc_id))
    cand_ids = [int(i) for s, i in changed if s == CANDIDATES]
    role_ids = [int(i) for s, i in changed if s == ROLES]
    if cand_ids:
        users = db.scalars(
            select(User)
            .where(User.id.in_(cand_ids))
            .options(selectinload(User.profile).selectinload(CandidateProfile.cv))
        )
        candidates = {str(u.id): u for u in users}
        docs = []
        for doc_id, user in candidates.items():
            doc = candidate_document(user)
            if doc is None:  # nothing to match on: not in the index (and gets a message)
                if (CANDIDATES, doc_id) in index:
                    index.remove(CANDIDATES, doc_id)
            else:
                docs.append(doc)
        if docs:
            index.add_many(CANDIDATES, docs)
    if role_ids:
        roles = db.scalars(select(JobRole).where(JobRole.id.in_(role_ids)))
        index.add_many(ROLES, [role_document(r) for r in roles])
    for key in changed:
        holder.stamps[key] = wanted[key]
    holder.syncing = 0


def index_status(db: Session) -> dict[str, Any]:
    """What this process's index holds, and whether it is re-indexing now (without waiting)."""
    holder = _holder(db)
    index = holder.index
    return {
        "candidates": len(index.ids(CANDIDATES)),
        "roles": len(index.ids(ROLES)),
        "reindexing": holder.syncing,
        "synced_at": holder.synced_at.isoformat() if holder.synced_at else None,
        "components": index.components,
        "warnings": index.warnings,
    }


def forget_indexes() -> None:
    """Drop every cached index (tests, and after a database is rebuilt)."""
    with _REGISTRY_LOCK:
        _INDEXES.clear()


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
    index = synced_index(db)
    allowed = None
    if event_id is not None:
        allowed = {
            str(i)
            for i in db.scalars(
                select(role_events.c.job_role_id).where(role_events.c.event_id == event_id)
            )
        }
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
    query = select(User).join(CandidateProfile, CandidateProfile.user_id == User.id)
    if p.role is UserRole.RECRUITER:
        consenting_events = select(Booth.event_id).where(Booth.organisation_id == p.organisation_id)
        query = query.where(
            User.id.in_(
                select(Attendee.user_id).where(
                    Attendee.consent_share_cv.is_(True), Attendee.event_id.in_(consenting_events)
                )
            )
        )
    elif not p.is_admin:  # organisers: people registered for their events
        query = query.where(
            User.id.in_(select(Attendee.user_id).where(Attendee.event_id.in_(p.organiser_of)))
        )
    filters = filters or ShortlistFilters()
    if filters.work_authorisation:
        query = query.where(CandidateProfile.work_authorisation == filters.work_authorisation)
    if filters.graduation_year is not None:
        query = query.where(CandidateProfile.graduation_year == filters.graduation_year)
    if filters.location:
        needle = filters.location.strip().lower()
        wanted = func.lower(cast(CandidateProfile.locations_wanted, Text))
        query = query.where(wanted.contains(needle))
    allowed = {str(i) for i in db.scalars(query.with_only_columns(User.id))}
    index = synced_index(db)
    result = recommend(index, ROLES, str(role.id), k, allowed=allowed)
    ids = [int(r.id) for r in result.results]
    people = {
        u.id: u
        for u in db.scalars(
            select(User).where(User.id.in_(ids)).options(selectinload(User.profile))
        )
    }
    return result, people


def warm_up(factory: Any) -> None:
    """Build the index ahead of the first visitor (run in a background thread at start-up)."""
    with factory() as db:
        synced_index(db)


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
    index = synced_index(db)
    people = [
        str(i)
        for i in db.scalars(select(Attendee.user_id).where(Attendee.event_id == event.id))
        if (CANDIDATES, str(i)) in index
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
