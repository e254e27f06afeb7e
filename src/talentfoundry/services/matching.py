"""Matching in the product: recommended roles for a candidate, ranked shortlists for a role.

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

Dense embeddings are off here by default (``TALENTFOUNDRY_DENSE``, default ``off`` in the
product): on two CPU cores MiniLM encodes ~25 texts a second, and on the development set the
hybrid without them scores within one CV of the hybrid with them (docs/benchmarks/matching.md).
Every answer carries the engine's note saying so.

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

import io
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Text, cast, func, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, selectinload

from talentfoundry.config import get_settings
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


STAGE_LOAD = "loading the saved index"
STAGE_CANDIDATES = "indexing CVs and profiles"
STAGE_ROLES = "indexing roles"
STAGE_DENSE = "computing dense embeddings"
STAGE_SCORES = "computing scores"
SYNC_CHUNK = 250
"""Documents read and indexed per step of a sync: the unit of its progress (and of memory)."""
DENSE_BATCH = 32
"""Texts encoded per step in the background (about a second of MiniLM on two CPU cores)."""
INDEX_OFF = frozenset({"", "off", "none", "no", "false", "0"})
"""Values of ``TALENTFOUNDRY_INDEX_DIR`` that turn the saving of the index off."""
KEEP_VERSIONS = 2
"""Saved versions kept: the newest, and the one a process starting right now may be reading."""


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


# --- where the index is saved --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class IndexStore:
    """Where the index of one database is saved.

    ``root`` holds one folder per saved version (``MatchIndex.save`` plus ``product.json``: the
    database, the engine's identity and the stamps of the documents) and a file ``CURRENT`` that
    names the live one. A version is written under a temporary name and renamed when complete,
    then ``CURRENT`` is replaced (``Path.replace``, atomic), so a reader never sees half of one.
    """

    root: Path
    database: str  # the URL without its password (a SQLite file by its absolute path)


def _database_name(url: URL) -> str:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return f"sqlite:///{Path(url.database).resolve()}"
    return url.render_as_string(hide_password=True)


def index_store(url: URL, settings: Any = None) -> IndexStore | None:
    """Where the index of the database at ``url`` is saved; None when it is not.

    ``TALENTFOUNDRY_INDEX_DIR`` names the folder (``off`` turns saving off). Unset, a SQLite
    file's index goes next to it (``<file>.index``), except in the test environment, whose
    databases are emptied between tests; a PostgreSQL database's is not saved, as its web
    processes may not share a disk.
    """
    settings = settings or get_settings()
    name = _database_name(url)
    if settings.index_dir is not None:
        if settings.index_dir.strip().lower() in INDEX_OFF:
            return None
        return IndexStore(Path(settings.index_dir).expanduser().resolve(), name)
    if settings.environment == "test" or not name.startswith("sqlite:///"):
        return None
    return IndexStore(Path(name.removeprefix("sqlite:///") + ".index"), name)


class _Unusable(Exception):
    """A saved index that does not belong to this database or engine."""


def _load_saved(store: IndexStore, fresh: MatchIndex) -> tuple[MatchIndex, dict[Any, str]] | None:
    """The saved index and its documents' stamps, if it belongs here; None when there is none.

    Raises when there is one that cannot be used (the caller logs why and rebuilds).
    """
    current = store.root / "CURRENT"
    if not current.is_file():
        return None
    name = current.read_text(encoding="utf-8").strip()
    if not name or Path(name).name != name:
        raise _Unusable(f"CURRENT names {name!r}, not a version folder")
    folder = store.root / name
    meta = json.loads((folder / "product.json").read_text(encoding="utf-8"))
    if meta.get("database") != store.database:
        raise _Unusable(f"it was saved for another database ({meta.get('database')})")
    if meta.get("identity") != fresh.identity():
        raise _Unusable("it was saved by another version of the engine, taxonomy or encoder")
    index = MatchIndex.load(folder, encoder=fresh.encoder, taxonomy=fresh.taxonomy)
    stamps = {
        (side, str(doc_id)): str(stamp)
        for side, rows in meta["stamps"].items()
        for doc_id, stamp in rows.items()
    }
    unstamped = [(s, i) for s in MatchIndex.SIDES for i in index.ids(s) if (s, i) not in stamps]
    if unstamped:
        raise _Unusable(f"{len(unstamped)} of its documents have no stamp")
    return index, stamps


def _write_saved(store: IndexStore, index: MatchIndex, stamps: dict[Any, str]) -> Path:
    """Write a new version of the saved index and make it the live one; returns its folder."""
    store.root.mkdir(parents=True, exist_ok=True)
    name = f"v{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp = store.root / f".tmp-{name}"
    try:
        index.save(tmp)
        by_side: dict[str, dict[str, str]] = {side: {} for side in MatchIndex.SIDES}
        for (side, doc_id), stamp in stamps.items():
            by_side[side][doc_id] = stamp
        meta = {
            "database": store.database,
            "identity": index.identity(),
            "saved_at": utcnow().isoformat(),
            "stamps": by_side,
        }
        (tmp / "product.json").write_text(json.dumps(meta), encoding="utf-8")
        tmp.rename(store.root / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pointer = store.root / f".CURRENT-{name}"
    pointer.write_text(name, encoding="utf-8")
    pointer.replace(store.root / "CURRENT")
    _prune(store.root, name)
    return store.root / name


def _prune(root: Path, live: str) -> None:
    """Remove old versions (keeping the newest few) and leftovers of writers that died."""
    versions = sorted(p.name for p in root.glob("v*") if p.is_dir() and p.name != live)
    for old in versions[: max(0, len(versions) - (KEEP_VERSIONS - 1))]:
        shutil.rmtree(root / old, ignore_errors=True)
    hour_ago = time.time() - 3600
    for leftover in [*root.glob(".tmp-*"), *root.glob(".CURRENT-*")]:
        try:
            if leftover.stat().st_mtime >= hour_ago:  # another process may be writing it
                continue
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        except OSError:
            pass


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


_PRODUCT_DEFAULT_OFF = NullEncoder(
    f"off by default in the platform: too slow on a few CPU cores; set {DENSE_ENV}=auto to use it"
)


def product_encoder() -> Encoder:
    """The dense encoder the product uses: ``TALENTFOUNDRY_DENSE`` if set, else off (see above)."""
    setting = os.environ.get(DENSE_ENV)
    return get_encoder(setting) if setting else _PRODUCT_DEFAULT_OFF


def _new_index(encoder: Encoder) -> MatchIndex:
    return MatchIndex(encoder=encoder)


def _holder(db: Session) -> _Synced:
    url = db.get_bind().url
    key = str(url)
    with _REGISTRY_LOCK:
        if key not in _INDEXES:
            _INDEXES[key] = _Synced(_new_index(product_encoder()), index_store(url))
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
        saved = _load_saved(store, holder.index)
    except Exception as exc:  # whatever is wrong with it, the database has the truth
        reason = str(exc) if isinstance(exc, _Unusable) else f"{type(exc).__name__}: {exc}"
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
                _write_saved(store, snapshot, stamps)
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
