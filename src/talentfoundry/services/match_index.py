"""The process's match index of each database: synced from it, saved, and shown at work.

Each process keeps one :class:`~talentfoundry.matching.index.MatchIndex` per database (candidates
on side ``a``, open roles on side ``b``) and brings it up to date before every query: a cheap
fingerprint query tells whether a CV, a profile or a role changed since the last sync, and only the
changed documents are re-read and re-indexed (their stamps, the times they were last written,
differ), so an edit is reflected by the very next query and several stateless web processes behind
one PostgreSQL agree.

The index is saved (``TALENTFOUNDRY_INDEX_DIR``; by default ``<file>.index`` next to a SQLite
database, not saved for PostgreSQL unless set) after every sync that changed it and after dense
vectors arrive, with the stamps of its documents. A process starts from the saved index when it
was saved for the same database by the same engine (format, taxonomy, encoder, extraction code)
and re-reads only the documents whose stamps differ: about 4 s instead of 13 s for the demo fair
on two cores, and no dense re-encoding. Anything else found there (another database, another
engine, a corrupt folder) is ignored with a log line and the index is rebuilt.

Dense embeddings are off here by default (``Settings.dense``, set per database by
:mod:`talentfoundry.services.match_config`): on two CPU cores MiniLM reads a CV (up to four
windows) in a tenth of a second or more, minutes for a fair, and on the development set the
hybrid without them has the same acc@1 (0.944) and an nDCG@10 of 0.989 against 0.992
(docs/benchmarks/matching.md). Every answer carries the engine's note saying so.

Progress is visible while the index works: each sync records its stage and how many documents it
has done (``index_state``; ``GET /api/v1/matching/status`` and the organisers' dashboard show it).
When dense embeddings are on, a sync indexes changed documents with their dense vectors deferred,
so they are searchable at once on skills and words, and a background thread computes the vectors
*outside* the index lock; it takes the lock only to hand the finished vectors to the index
(``MatchIndex.set_dense``, which patches a few in place and leaves many to one rebuild), see
``_encode_pending``. Searches hold the lock while they read the index, so they never see it
half-updated.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from talentfoundry.domain.enums import RoleStatus, UserRole
from talentfoundry.domain.timeutil import utcnow
from talentfoundry.matching.dense import Encoder
from talentfoundry.matching.index import MatchDocument, MatchIndex, Progress
from talentfoundry.services import match_config
from talentfoundry.services.match_store import (
    IndexStore,
    UnusableSavedIndex,
    index_store,
    load_saved,
    write_saved,
)
from talentfoundry.store.models import CandidateProfile, CvDocument, JobRole, User

CANDIDATES, ROLES = "a", "b"
_log = logging.getLogger(__name__)


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
    return MatchDocument(str(user.id), text, profile.headline or None, skills, role=False)


_CHOICE_WORD = re.compile(r"\b(?:or|one\s+of|any\s+of|either)\b", re.IGNORECASE)
"""Words that make a nice-to-have entry a choice ("Kafka or RabbitMQ")."""


def role_document(role: JobRole) -> MatchDocument:
    """A role: its required skills are listed; its nice-to-haves are stated as such in the text,
    which the engine reads as nice-to-have (see ``matching.index``). An entry that offers a
    choice ("Kafka or RabbitMQ") is bracketed, so the list around it does not join the choice.
    """
    text = role.description or ""
    if role.nice_skills:
        nice = [f"({s})" if _CHOICE_WORD.search(s) else s for s in role.nice_skills]
        text += "\nNice to have (a plus): " + ", ".join(nice) + "."
    return MatchDocument(
        str(role.id), text, role.title, tuple(role.required_skills or ()), role=True
    )


STAGE_LOAD = "loading the saved index"
STAGE_CANDIDATES = "indexing CVs and profiles"
STAGE_ROLES = "indexing roles"
STAGE_DENSE = "computing dense embeddings"
STAGE_SCORES = "computing scores"
SYNC_CHUNK = 250
"""Documents read and indexed per step of a sync: the unit of its progress (and of memory)."""
DENSE_BATCH = 32
"""Texts encoded per step in the background (about a second of MiniLM on two CPU cores)."""


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


# --- the process's index per database ------------------------------------------------------------
@dataclass
class _Synced:
    index: MatchIndex
    store: IndexStore | None = None
    stamps: dict[tuple[str, str], str] = field(default_factory=dict)
    fingerprint: tuple[Any, ...] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    syncing: int = 0  # documents being (re)indexed right now
    synced_at: datetime | None = None
    progress: WorkProgress | None = None  # the sync under way, if any
    dense_progress: WorkProgress | None = None  # the background encoding, if any
    counts: tuple[int, int, int] = (0, 0, 0)  # candidates, roles, pending dense (last sync)
    notes: list[str] = field(default_factory=list)  # the index's warnings (last sync)
    worker: threading.Thread | None = None  # set and cleared with the lock held
    dense_error: str | None = None  # why the last background encoding failed
    closed: bool = False  # forgotten: a background worker stops at its next step
    restore_tried: bool = False  # the saved index was looked for (once, at the first sync)
    restored: int = 0  # documents taken from the saved index at the start
    last_sync: int = 0  # documents re-read or removed by the last sync
    save_seq: int = 0  # snapshots taken for saving (with the lock held)
    saved_seq: int = 0  # the newest of them written (with ``save_lock`` held)
    save_lock: threading.Lock = field(default_factory=threading.Lock)
    savers: list[threading.Thread] = field(default_factory=list)

    def recount(self) -> None:
        """Counts and caveats for the status, taken with the lock held (after a sync, after the
        dense vectors arrive) so that the status never reads the index while it changes."""
        index = self.index
        pending = index.pending_dense() if index.encoder.available else 0
        self.counts = (len(index.ids(CANDIDATES)), len(index.ids(ROLES)), pending)
        self.notes = index.warnings + ([self.dense_error] if self.dense_error else [])


_INDEXES: dict[str, _Synced] = {}
_REGISTRY_LOCK = threading.Lock()


def _new_index(encoder: Encoder) -> MatchIndex:
    return MatchIndex(encoder=encoder)


def _holder(db: Session) -> _Synced:
    url = db.get_bind().url
    key = str(url)
    with _REGISTRY_LOCK:
        if key not in _INDEXES:
            settings = match_config.settings_for(key)
            encoder = match_config.product_encoder(settings)
            if encoder.note:  # for the operator, who can act on it (pages retell it)
                _log.info("match index for %s: %s", url, encoder.note)
            _INDEXES[key] = _Synced(_new_index(encoder), index_store(url, settings))
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
    if not holder.restore_tried:
        holder.restore_tried = True
        _restore(holder, progress)
    fingerprint = _fingerprint(db)
    synced = fingerprint != holder.fingerprint
    if synced:
        _sync(db, holder, progress)
        holder.fingerprint = fingerprint
        holder.synced_at = utcnow()
    # After a failure the encoding is tried again with the next change, not with every search.
    if background and holder.index.pending_dense() and (synced or holder.dense_error is None):
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


def _restore(holder: _Synced, extra: Progress | None) -> None:
    """Start from the saved index, if there is one for this database and engine (with the lock
    held, before the first sync). One that cannot be used is ignored: the sync rebuilds it."""
    store = holder.store
    if store is None or not (store.root / "CURRENT").is_file():
        return
    progress = _recorder(holder, "progress", extra, utcnow())
    progress(STAGE_LOAD, 0, 1)
    try:
        saved = load_saved(store, holder.index)
    except Exception as exc:  # whatever is wrong with it, the database has the truth
        reason = str(exc) if isinstance(exc, UnusableSavedIndex) else f"{type(exc).__name__}: {exc}"
        _log.warning("ignoring the saved match index in %s (%s); rebuilding it", store.root, reason)
        saved = None
    progress(STAGE_LOAD, 1, 1)
    holder.progress = None
    if saved is not None:
        holder.index, holder.stamps = saved
        holder.restored = len(holder.stamps)
        _log.info("match index: %d documents from %s", holder.restored, store.root)


def _save(holder: _Synced) -> None:
    """Save the index and its stamps (call with the lock held): a snapshot is taken now, in
    milliseconds, and written by a thread, without the lock; of several snapshots in flight,
    an older one never replaces a newer one."""
    store = holder.store
    if store is None or holder.closed:
        return
    holder.save_seq += 1
    seq, snapshot, stamps = holder.save_seq, holder.index.snapshot(), dict(holder.stamps)

    def write() -> None:
        with holder.save_lock:
            if seq <= holder.saved_seq:
                return
            try:
                write_saved(store, snapshot, stamps)
            except Exception:  # the index serves on; the next process rebuilds more
                _log.exception("the match index could not be saved in %s", store.root)
            holder.saved_seq = seq

    saver = threading.Thread(target=write, name="match-index-save", daemon=True)
    holder.savers = [t for t in holder.savers if t.is_alive()] + [saver]
    saver.start()


def wait_for_saved(db: Session, timeout: float | None = None) -> bool:
    """Wait until the index of this database is written where it is saved; False on timeout."""
    for saver in list(_holder(db).savers):
        saver.join(timeout)
        if saver.is_alive():
            return False
    return True


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
    # With dense on, changed documents wait for their vectors in the background: they are
    # patched into the scores at once on words and skills, and again when the vectors arrive.
    defer = holder.index.encoder.available
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
        holder.last_sync = len(changed) + len(gone)
        if holder.last_sync:
            _save(holder)
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
    if docs:
        holder.index.add_many(side, docs, defer_dense=defer)


def _drop(holder: _Synced, side: str, doc_id: str) -> None:
    if (side, doc_id) in holder.index:
        holder.index.remove(side, doc_id)


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
    every waiting text has its vector, they are handed to the index together under the lock
    (``MatchIndex.set_dense``: a few are patched in, many cost one rebuild of the scores), with
    the texts they were computed from, so a document edited meanwhile keeps waiting for its new
    text's vector, which a sync added to the list. The worker leaves (and a sync may start the
    next one) under the lock, so no change is left waiting without a worker.
    """
    encoder = holder.index.encoder
    if not encoder.available:
        return 0
    progress = _recorder(holder, "dense_progress", extra, utcnow())
    found: dict[tuple[str, str], tuple[str, np.ndarray]] = {}
    done = 0
    try:
        while True:
            with holder.lock:
                waiting = holder.index.pending_dense_texts()
                missing = [
                    (key, text)
                    for key, text in waiting.items()
                    if key not in found or found[key][0] != text
                ]
                if holder.closed or not missing:
                    applied = 0 if holder.closed else _hand_over(holder, found, progress)
                    holder.recount()
                    _worker_leaves(holder)
                    return applied
            total = done + len(missing)
            if done == 0:
                progress(STAGE_DENSE, 0, total)
            batch = missing[:DENSE_BATCH]
            vectors = encoder.encode([text for _, text in batch])  # the slow part, no lock
            for (key, text), vector in zip(batch, vectors, strict=True):
                found[key] = (text, vector)
            done += len(batch)
            progress(STAGE_DENSE, done, total)
    except Exception as exc:
        with holder.lock:
            holder.dense_error = f"dense embeddings could not be computed ({exc})"
            holder.recount()
            _worker_leaves(holder)
        raise


def _hand_over(
    holder: _Synced, found: dict[tuple[str, str], tuple[str, np.ndarray]], progress: Progress
) -> int:
    """Give the index the vectors computed (with the lock held); returns how many it took."""
    applied = 0
    for side in MatchIndex.SIDES:
        mine = {doc_id: pair for (s, doc_id), pair in found.items() if s == side}
        if mine:
            applied += holder.index.set_dense(
                side,
                {doc_id: vector for doc_id, (_, vector) in mine.items()},
                texts={doc_id: text for doc_id, (text, _) in mine.items()},
            )
    holder.dense_error = None
    if applied:
        _prepare_scores(holder, progress)
        _save(holder)
    return applied


def _worker_leaves(holder: _Synced) -> None:
    """Clear the worker's traces (with the lock held)."""
    holder.dense_progress = None
    if holder.worker is threading.current_thread():
        holder.worker = None


def build_index(db: Session, *, progress: Progress | None = None) -> IndexState:
    """Bring this process's index up to date now, dense vectors included, reporting each step
    to ``progress`` (``foundry index``), and save it where it is saved; returns what it holds."""
    holder = _holder(db)
    with holder.lock:
        _bring_up_to_date(db, holder, progress, background=False)
    _encode_pending(holder, progress)
    wait_for_saved(db)
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
    restored: int = 0  # documents taken from the saved index when this process started
    last_sync: int = 0  # documents re-read or removed by the last sync
    saved_in: Path | None = None  # where the index is saved (None: it is not)

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
        restored=holder.restored,
        last_sync=holder.last_sync,
        saved_in=holder.store.root if holder.store else None,
    )


def index_status(db: Session) -> dict[str, Any]:
    """:func:`index_state` as JSON."""
    return index_state(db).to_json()


def forget_indexes() -> None:
    """Drop every cached index (tests, and after a database is rebuilt); background encoding of a
    dropped index stops at its next step. What was saved stays: the next sync starts from it and
    re-reads what changed."""
    with _REGISTRY_LOCK:
        for holder in _INDEXES.values():
            holder.closed = True
        _INDEXES.clear()


def warm_up(factory: Any) -> None:
    """Build the index ahead of the first visitor (run in a background thread at start-up), and
    bring it up to date after a change (a background task after the response is sent)."""
    with factory() as db:
        synced_index(db)
