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

Progress is visible while the index works: each sync records its stage and how many documents it
has done (``index_state``; ``GET /api/v1/matching/status`` and the organisers' dashboard show it).
When dense embeddings are on, a sync indexes changed documents with their dense vectors deferred,
so they are searchable at once on skills and words, and a background thread computes the vectors
*outside* the index lock, a batch at a time; it takes the lock only to hand the finished vectors
to the index and rebuild the scores with them, as any sync does (see ``_encode_pending``).
Searches hold the lock while they read the index, so they never see it half-updated.
"""

from __future__ import annotations

import io
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain import access
from talentfoundry.domain.enums import RoleStatus, UserRole
from talentfoundry.domain.errors import NotFound, PermissionDenied
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.matching.dense import DENSE_ENV, Encoder, NullEncoder, get_encoder
from talentfoundry.matching.index import MatchDocument, MatchIndex, Progress
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
_log = logging.getLogger(__name__)
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


STAGE_CANDIDATES = "indexing CVs and profiles"
STAGE_ROLES = "indexing roles"
STAGE_DENSE = "computing dense embeddings"
STAGE_SCORES = "computing scores"
SYNC_CHUNK = 250
"""Documents read and indexed per step of a sync: the unit of its progress (and of memory)."""
DENSE_BATCH = 32
"""Texts encoded per step in the background (about a second of MiniLM on two CPU cores)."""
INLINE_DENSE_MAX = 8
"""A sync that changes at most this many documents (a CV upload, a role edit) encodes them at
once, under the lock: about 0.3 s of MiniLM on two CPU cores, where deferring them costs two full
rebuilds of the scores (the engine does not patch its scores for a document without its vector;
about 5 s each for the demo fair). The first sync and bulk changes are always deferred."""


@dataclass(frozen=True, slots=True)
class WorkProgress:
    """What the index is doing now: a stage, how far along it is, and since when."""

    stage: str
    done: int
    total: int
    started_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "started_at": self.started_at.isoformat(),
        }


class _PrecomputedVectors:
    """The index's encoder in the product when dense is on: it answers from vectors computed
    ahead of time, outside the index lock, and falls back to the model for any other text.

    ``MatchIndex.encode_pending`` encodes under whatever lock guards the index; with this encoder
    in place it only looks the vectors up, so the lock is held for milliseconds, not minutes.
    """

    def __init__(self, model: Encoder) -> None:
        self.model = model
        self.name = model.name
        self.dim = model.dim
        self.note = model.note
        self._ready: dict[str, np.ndarray] = {}

    @property
    def available(self) -> bool:
        return self.model.available

    def has(self, text: str) -> bool:
        return text in self._ready

    def compute(self, texts: Sequence[str]) -> None:
        """Encode ``texts`` with the model and keep the vectors (call it without the lock)."""
        for text, vector in zip(texts, self.model.encode(list(texts)), strict=True):
            self._ready[text] = vector

    def forget(self) -> None:
        self._ready.clear()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._ready]
        if missing:
            self.compute(missing)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._ready[t] for t in texts]).astype(np.float32)


@dataclass
class _Synced:
    index: MatchIndex
    stamps: dict[tuple[str, str], str] = field(default_factory=dict)
    fingerprint: tuple[Any, ...] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    syncing: int = 0  # documents being (re)indexed right now
    synced_at: datetime | None = None
    progress: WorkProgress | None = None  # the sync under way, if any
    dense_progress: WorkProgress | None = None  # the background encoding, if any
    counts: tuple[int, int, int] = (0, 0, 0)  # candidates, roles, pending dense (last sync)
    notes: list[str] = field(default_factory=list)  # the index's warnings (last sync)
    pending_texts: dict[tuple[str, str], str] = field(default_factory=dict)
    worker: threading.Thread | None = None  # set and cleared with the lock held
    dense_error: str | None = None  # why the last background encoding failed
    closed: bool = False  # forgotten: a background worker stops at its next step

    @property
    def vectors(self) -> _PrecomputedVectors | None:
        encoder = self.index.encoder
        return encoder if isinstance(encoder, _PrecomputedVectors) else None

    def recount(self) -> None:
        """Counts and caveats for the status, taken with the lock held (after a sync, after the
        dense vectors arrive) so that the status never reads the index while it changes."""
        index = self.index
        pending = index.pending_dense() if index.encoder.available else 0
        self.counts = (len(index.ids(CANDIDATES)), len(index.ids(ROLES)), pending)
        self.notes = index.warnings + ([self.dense_error] if self.dense_error else [])


_INDEXES: dict[str, _Synced] = {}
_REGISTRY_LOCK = threading.Lock()


_PRODUCT_DEFAULT_OFF = NullEncoder(
    f"off by default in the platform: too slow on a few CPU cores; set {DENSE_ENV}=auto to use it"
)


def product_encoder() -> Encoder:
    """The dense encoder the product uses: ``TALENTFOUNDRY_DENSE`` if set, else off (see above)."""
    setting = os.environ.get(DENSE_ENV)
    return get_encoder(setting) if setting else _PRODUCT_DEFAULT_OFF


def _new_index(encoder: Encoder) -> MatchIndex:
    if encoder.available:
        return MatchIndex(encoder=_PrecomputedVectors(encoder))
    return MatchIndex(encoder=encoder)


def _holder(db: Session) -> _Synced:
    key = str(db.get_bind().url)
    with _REGISTRY_LOCK:
        if key not in _INDEXES:
            _INDEXES[key] = _Synced(_new_index(product_encoder()))
        return _INDEXES[key]


def _fingerprint(db: Session) -> tuple[Any, ...]:
    profiles = db.execute(
        select(func.count(CandidateProfile.id), func.max(CandidateProfile.updated_at))
    ).one()
    cvs = db.execute(select(func.count(CvDocument.id), func.max(CvDocument.uploaded_at))).one()
    roles = db.execute(select(func.count(JobRole.id), func.max(JobRole.updated_at))).one()
    return (*profiles, *cvs, *roles)


def synced_index(
    db: Session, *, progress: Progress | None = None, background: bool = True
) -> MatchIndex:
    """The process's index for this database, brought up to date with it.

    The caller reads the returned index without the lock: prefer :func:`searching`. With dense
    embeddings on, documents that changed wait for their vectors in a background thread
    (``background=False`` leaves that to the caller, see :func:`build_index`).
    """
    holder = _holder(db)
    with holder.lock:
        _bring_up_to_date(db, holder, progress, background=background)
        return holder.index


@contextmanager
def searching(db: Session) -> Iterator[MatchIndex]:
    """The index brought up to date, held for the length of a search, so that a sync or the
    vectors arriving from the background never change it under the reader."""
    holder = _holder(db)
    with holder.lock:
        _bring_up_to_date(db, holder, None, background=True)
        yield holder.index


def _bring_up_to_date(
    db: Session, holder: _Synced, progress: Progress | None, *, background: bool
) -> None:
    fingerprint = _fingerprint(db)
    synced = fingerprint != holder.fingerprint
    if synced:
        _sync(db, holder, progress)
        holder.fingerprint = fingerprint
        holder.synced_at = utcnow()
    # After a failure the encoding is tried again with the next change, not with every search.
    if background and holder.pending_texts and (synced or holder.dense_error is None):
        _start_worker(holder)


def _recorder(
    holder: _Synced, attribute: str, extra: Progress | None, started_at: datetime
) -> Progress:
    """A ``Progress`` callback that records the step on the holder (for the status), then passes
    it on (to a progress bar)."""

    def record(stage: str, done: int, total: int) -> None:
        setattr(holder, attribute, WorkProgress(stage, done, total, started_at))
        if extra is not None:
            extra(stage, done, total)

    return record


def _sync(db: Session, holder: _Synced, extra: Progress | None = None) -> None:
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
    defer = holder.vectors is not None and (
        holder.synced_at is None or len(changed) > INLINE_DENSE_MAX or bool(holder.pending_texts)
    )
    progress = _recorder(holder, "progress", extra, utcnow())
    try:
        for key in gone:
            _drop(holder, *key)
            holder.stamps.pop(key)
        cand_ids = [int(i) for s, i in changed if s == CANDIDATES]
        role_ids = [int(i) for s, i in changed if s == ROLES]
        if cand_ids:
            progress(STAGE_CANDIDATES, 0, len(cand_ids))
        for start in range(0, len(cand_ids), SYNC_CHUNK):
            chunk = cand_ids[start : start + SYNC_CHUNK]
            users = db.scalars(
                select(User)
                .where(User.id.in_(chunk))
                .options(selectinload(User.profile).selectinload(CandidateProfile.cv))
            )
            docs = []
            for user in users:
                doc = candidate_document(user)
                if doc is None:  # nothing to match on: not in the index (and gets a message)
                    _drop(holder, CANDIDATES, str(user.id))
                else:
                    docs.append(doc)
            _add(holder, CANDIDATES, docs, defer=defer)
            progress(STAGE_CANDIDATES, start + len(chunk), len(cand_ids))
        if role_ids:
            progress(STAGE_ROLES, 0, len(role_ids))
        for start in range(0, len(role_ids), SYNC_CHUNK):
            chunk = role_ids[start : start + SYNC_CHUNK]
            roles = db.scalars(select(JobRole).where(JobRole.id.in_(chunk)))
            _add(holder, ROLES, [role_document(r) for r in roles], defer=defer)
            progress(STAGE_ROLES, start + len(chunk), len(role_ids))
        for key in changed:
            holder.stamps[key] = wanted[key]
        _prepare_scores(holder, progress)
    finally:
        holder.syncing = 0
        holder.progress = None
        holder.recount()


def _prepare_scores(holder: _Synced, progress: Progress) -> None:
    """Rebuild the population-level scores now, if a change made them stale, rather than in the
    first search after it (about 3 s for the demo fair on two cores)."""
    index = holder.index
    if index.ids(CANDIDATES) and index.ids(ROLES):
        progress(STAGE_SCORES, 0, 1)
        index.scores(CANDIDATES, [])  # no rows: builds the state if stale, else costs nothing
        progress(STAGE_SCORES, 1, 1)


def _add(holder: _Synced, side: str, docs: list[MatchDocument], *, defer: bool) -> None:
    """Add or replace documents; ``defer`` leaves their dense vectors to the background."""
    if not docs:
        return
    deferred = defer and holder.vectors is not None
    holder.index.add_many(side, docs, defer_dense=deferred)
    for doc in docs:
        if deferred:
            holder.pending_texts[(side, doc.id)] = doc.full_text
        else:
            holder.pending_texts.pop((side, doc.id), None)


def _drop(holder: _Synced, side: str, doc_id: str) -> None:
    if (side, doc_id) in holder.index:
        holder.index.remove(side, doc_id)
    holder.pending_texts.pop((side, doc_id), None)


# --- dense vectors, computed in the background ---------------------------------------------------
def _start_worker(holder: _Synced) -> None:
    """Start the background encoding unless it runs already (call with the lock held)."""
    if holder.worker is not None:
        return
    holder.worker = threading.Thread(
        target=_encode_in_background, args=(holder,), name="match-index-dense", daemon=True
    )
    holder.worker.start()


def _encode_in_background(holder: _Synced) -> None:
    try:
        _encode_pending(holder)
    except Exception:  # recorded for the status; the scores go on without dense meanwhile
        _log.exception("dense embeddings failed; scores use lexical and skill evidence")


def _encode_pending(holder: _Synced, extra: Progress | None = None) -> int:
    """Compute the dense vectors of the documents that wait for them; returns how many were
    handed to the index.

    Each step takes the lock only to see what is still missing; the model runs without it. When
    every waiting text has its vector, the index takes them all under the lock in one go
    (``MatchIndex.encode_pending`` finds them ready, see ``_PrecomputedVectors``). A sync that
    adds or changes documents meanwhile just adds texts to the list. The worker leaves (and a
    sync may start the next one) under the lock, so no change is left waiting without a worker.
    """
    vectors = holder.vectors
    if vectors is None:
        return 0
    progress = _recorder(holder, "dense_progress", extra, utcnow())
    done = 0
    try:
        while True:
            with holder.lock:
                missing = list(
                    dict.fromkeys(t for t in holder.pending_texts.values() if not vectors.has(t))
                )
                if holder.closed or not missing:
                    applied = 0
                    if not holder.closed and holder.pending_texts:
                        applied = holder.index.encode_pending()
                        holder.pending_texts.clear()
                        holder.dense_error = None
                        _prepare_scores(holder, progress)
                    vectors.forget()
                    holder.recount()
                    _worker_leaves(holder)
                    return applied
            total = done + len(missing)
            if done == 0:
                progress(STAGE_DENSE, 0, total)
            batch = missing[:DENSE_BATCH]
            vectors.compute(batch)  # the slow part, without the lock
            done += len(batch)
            progress(STAGE_DENSE, done, total)
    except Exception as exc:
        with holder.lock:
            holder.dense_error = f"dense embeddings could not be computed ({exc})"
            holder.recount()
            _worker_leaves(holder)
        raise


def _worker_leaves(holder: _Synced) -> None:
    """Clear the worker's traces (with the lock held)."""
    holder.dense_progress = None
    if holder.worker is threading.current_thread():
        holder.worker = None


def build_index(db: Session, *, progress: Progress | None = None) -> IndexState:
    """Bring this process's index up to date now, dense vectors included, reporting each step
    to ``progress`` (``foundry index``); returns what it holds."""
    holder = _holder(db)
    with holder.lock:
        _bring_up_to_date(db, holder, progress, background=False)
    _encode_pending(holder, progress)
    return index_state(db)


def wait_for_dense(db: Session, timeout: float | None = None) -> bool:
    """Wait until the background encoding for this database is over; False on timeout."""
    worker = _holder(db).worker
    if worker is not None:
        worker.join(timeout)
        return not worker.is_alive()
    return True


@dataclass(frozen=True, slots=True)
class IndexState:
    """What this process's index holds and what it is doing: for the status API and the page."""

    candidates: int
    roles: int
    reindexing: int
    synced_at: datetime | None
    components: list[str]
    warnings: list[str]
    pending_dense: int
    progress: WorkProgress | None
    encoding: bool = False  # a background thread computes dense vectors (or is starting to)

    @property
    def busy(self) -> bool:
        """Work under way: a page showing this state should look again soon."""
        return self.progress is not None or self.encoding

    def to_json(self) -> dict[str, Any]:
        return {
            "candidates": self.candidates,
            "roles": self.roles,
            "reindexing": self.reindexing,
            "synced_at": self.synced_at.isoformat() if self.synced_at else None,
            "components": self.components,
            "warnings": self.warnings,
            "pending_dense": self.pending_dense,
            "progress": self.progress.to_json() if self.progress else None,
        }


def index_state(db: Session) -> IndexState:
    """What this process's index holds, and what it is doing now (never waits for the lock)."""
    holder = _holder(db)
    if holder.synced_at is None and holder.lock.acquire(blocking=False):
        try:  # never synced (nor syncing): the caveats of the empty index, at once
            holder.recount()
        finally:
            holder.lock.release()
    candidates, roles, pending = holder.counts
    return IndexState(
        candidates=candidates,
        roles=roles,
        reindexing=holder.syncing,
        synced_at=holder.synced_at,
        components=holder.index.components,
        warnings=list(holder.notes),
        pending_dense=pending,
        progress=holder.progress or holder.dense_progress,
        encoding=holder.worker is not None,
    )


def index_status(db: Session) -> dict[str, Any]:
    """:func:`index_state` as JSON."""
    return index_state(db).to_json()


def forget_indexes() -> None:
    """Drop every cached index (tests, and after a database is rebuilt); background encoding of a
    dropped index stops at its next step."""
    with _REGISTRY_LOCK:
        for holder in _INDEXES.values():
            holder.closed = True
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


def warm_up(factory: Any) -> None:
    """Build the index ahead of the first visitor (run in a background thread at start-up), and
    bring it up to date after a change (a background task after the response is sent)."""
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
    registered = [
        str(i) for i in db.scalars(select(Attendee.user_id).where(Attendee.event_id == event.id))
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
