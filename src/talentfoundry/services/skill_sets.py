"""The taxonomy's names of the skills a declared list or a CV states, read once per content.

Reading skills is the expensive part of every analytics page (about 3 ms a CV, 0.3 ms a role's
list, thousands of each on the demo fair), and its result depends only on the content read. So
it is memoised by content: a declared list by its entries, a CV by its row, the SHA-256 of its file
and its upload time (every upload, even of the same file, stores a new text and a new time). A memo
keyed by content cannot go stale, in this process or any other, so it needs no invalidation; it is
bounded (least recently used entries go first) so that a long-running process does not keep every
CV it ever read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentfoundry.matching.skills import extract_skills, skills_from_list
from talentfoundry.store.models import CandidateProfile, CvDocument, JobRole

__all__ = [
    "MAX_CVS",
    "CvKey",
    "cv_key",
    "cv_skill_names",
    "declared_skill_names",
    "forget",
    "warm_up",
]

MAX_CVS = 20_000
"""CVs whose skill names are kept per process (about 1 KB each)."""


@lru_cache(maxsize=65_536)
def _declared(entries: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(m.name for m in skills_from_list(list(entries)))


def declared_skill_names(entries: Sequence[str] | None) -> tuple[str, ...]:
    """The taxonomy's names of a declared list ("k8s" -> "Kubernetes"), in the list's order, as
    :func:`talentfoundry.matching.skills.skills_from_list` reads it."""
    return _declared(tuple(str(e) for e in entries or ()))


CvKey = tuple[int, str, str]
"""A CV as (id, sha256 of the file, upload time in ISO format)."""


class _CvMemo:
    """A CV's key -> the skill names its text holds (least recently used goes first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.names: OrderedDict[CvKey, frozenset[str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: CvKey) -> frozenset[str] | None:
        with self.lock:
            found = self.names.get(key)
            if found is not None:
                self.names.move_to_end(key)
            return found

    def put(self, key: CvKey, value: frozenset[str]) -> None:
        with self.lock:
            self.names[key] = value
            self.names.move_to_end(key)
            while len(self.names) > self.size:
                self.names.popitem(last=False)


_CVS = _CvMemo(MAX_CVS)


def cv_key(cv_id: int, sha256: str, uploaded_at: datetime) -> CvKey:
    return (cv_id, sha256, uploaded_at.isoformat())


def cv_skill_names(
    db: Session,
    cvs: Iterable[CvKey],
    *,
    read: Callable[[str], Iterable[str]] | None = None,
) -> dict[int, frozenset[str]]:
    """Skill names held by each CV (see :func:`cv_key`), by CV id. Only the texts of CVs this
    process has not read before are loaded, so a warm call reads no CV text at all.
    ``read`` replaces the extraction (tests)."""
    reader = read or (lambda text: (m.name for m in extract_skills(text)))
    out: dict[int, frozenset[str]] = {}
    missing: dict[int, CvKey] = {}
    for key in cvs:
        found = _CVS.get(key)
        if found is None:
            missing[key[0]] = key
        else:
            out[key[0]] = found
    if missing:
        ids = list(missing)
        for start in range(0, len(ids), 500):  # bound the IN list
            chunk = ids[start : start + 500]
            for cv_id, text in db.execute(
                select(CvDocument.id, CvDocument.text).where(CvDocument.id.in_(chunk))
            ):
                names = frozenset(reader(text))
                _CVS.put(missing[cv_id], names)
                out[cv_id] = names
    return out


def forget() -> None:
    """Drop both memos (benchmarks measure a cold process with it)."""
    _declared.cache_clear()
    with _CVS.lock:
        _CVS.names.clear()


def warm_up(factory: Callable[[], Session]) -> None:
    """Read the skills of every student's CV and every open role once, ahead of the first
    analytics request of the process (a background thread at start-up, after the match index's
    warm-up: a few seconds of CPU on the demo fair instead of the first visitor's wait)."""
    with factory() as db:
        cvs = db.execute(
            select(CvDocument.id, CvDocument.sha256, CvDocument.uploaded_at)
            .join(CandidateProfile, CandidateProfile.id == CvDocument.profile_id)
            .where(CandidateProfile.university_id.is_not(None))
        ).all()
        cv_skill_names(db, [cv_key(*row) for row in cvs])
        for required, nice in db.execute(
            select(JobRole.required_skills, JobRole.nice_skills).where(JobRole.status == "open")
        ):
            declared_skill_names(required)
            declared_skill_names(nice)
        for skills in db.scalars(
            select(CandidateProfile.skills).where(CandidateProfile.university_id.is_not(None))
        ):
            declared_skill_names(skills)
