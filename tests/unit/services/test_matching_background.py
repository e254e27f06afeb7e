"""Dense vectors computed in the background: searches go on meanwhile, the index lock is never held
while the model runs, a change made during the encoding gets its own vector, a failure is said.

The encoder here is a small stand-in for MiniLM (deterministic vectors from the text) with a gate
that holds the encoding until the test lets it go; the real model is exercised in
tests/integration/test_matching_progress.py.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from talentfoundry.matching.index import MatchDocument
from talentfoundry.services import match_index
from talentfoundry.services.match_index import _add, _new_index, _start_worker, _Synced

pytestmark = pytest.mark.unit

WAIT = 30  # seconds: only reached when the code under test hangs

CVS = [
    MatchDocument("c-py", "Backend developer: Python, Django, PostgreSQL, REST APIs."),
    MatchDocument("c-civil", "Civil engineer: bridges, concrete, AutoCAD, site surveying."),
    MatchDocument("c-law", "Advocate: litigation, legal drafting, contract law."),
]
ROLES = [
    MatchDocument("r-py", "Python developer for Django services", "Python Developer"),
    MatchDocument("r-civil", "Structural engineer for bridges and concrete", "Civil Engineer"),
]


class GatedEncoder:
    """Deterministic unit vectors from each text's hash; ``encode`` waits for ``gate``."""

    name = "gated-test-encoder"
    dim = 8
    note: str | None = None

    def __init__(self, *, fail: bool = False) -> None:
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.fail = fail
        self.texts: list[str] = []
        self.lock_held: list[bool] = []
        self.holder: _Synced | None = None

    @property
    def available(self) -> bool:
        return True

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        assert self.holder is not None
        self.lock_held.append(self.holder.lock.locked())
        self.entered.set()
        assert self.gate.wait(WAIT), "the test never opened the gate"
        if self.fail:
            raise RuntimeError("the model ran out of memory")
        self.texts.extend(texts)
        rows = []
        for text in texts:
            digest = hashlib.sha256(text.encode()).digest()[: self.dim]
            row = np.frombuffer(digest, dtype=np.uint8).astype(np.float32) + 1
            rows.append(row / np.linalg.norm(row))
        return np.vstack(rows)


def _holder(encoder: GatedEncoder) -> _Synced:
    holder = _Synced(_new_index(encoder))
    encoder.holder = holder
    with holder.lock:
        _add(holder, match_index.CANDIDATES, CVS, defer=True)
        _add(holder, match_index.ROLES, ROLES, defer=True)
        holder.recount()
    return holder


@pytest.fixture
def encoder() -> Iterator[GatedEncoder]:
    enc = GatedEncoder()
    yield enc
    enc.gate.set()  # never leave a worker waiting


def _start(holder: _Synced) -> threading.Thread:
    with holder.lock:
        _start_worker(holder)
        assert holder.worker is not None
        return holder.worker


def test_searches_go_on_while_the_vectors_are_computed(encoder: GatedEncoder) -> None:
    holder = _holder(encoder)
    assert holder.counts == (3, 2, 5)  # every document waits for its vector
    worker = _start(holder)
    assert encoder.entered.wait(WAIT)
    # The model is running: a search takes the lock at once and ranks on skills and words.
    assert holder.lock.acquire(timeout=WAIT)
    try:
        assert holder.index.search("a", "c-civil", k=1)[0][0] == "r-civil"
        warnings = holder.index.warnings
    finally:
        holder.lock.release()
    assert any("5 document(s) are still being computed" in w for w in warnings)
    progress = holder.dense_progress
    assert progress is not None
    assert (progress.stage, progress.done, progress.total) == (match_index.STAGE_DENSE, 0, 5)

    encoder.gate.set()
    worker.join(WAIT)
    assert not worker.is_alive()
    assert holder.counts == (3, 2, 0)
    assert holder.worker is None and holder.dense_progress is None
    assert encoder.lock_held == [False]  # one batch of five, encoded without the lock
    _, scores = holder.index.scores("a", ["c-py"])
    assert "dense" in scores.values  # the dense component joined the ranking
    assert not any("still being computed" in w for w in holder.notes)


def test_a_document_changed_during_the_encoding_gets_its_own_vector(
    encoder: GatedEncoder,
) -> None:
    holder = _holder(encoder)
    worker = _start(holder)
    assert encoder.entered.wait(WAIT)
    edited = MatchDocument("c-law", "Advocate and data protection officer: GDPR, contract law.")
    with holder.lock:  # a sync while the model runs on the first batch
        _add(holder, match_index.CANDIDATES, [edited], defer=True)
    encoder.gate.set()
    worker.join(WAIT)
    assert not worker.is_alive()
    assert edited.full_text in encoder.texts  # encoded in a second step...
    assert encoder.lock_held == [False, False]  # ...also without the lock
    assert holder.index.pending_dense_texts() == {}


def test_a_failed_encoding_is_said_and_the_index_keeps_serving() -> None:
    encoder = GatedEncoder(fail=True)
    encoder.gate.set()
    holder = _holder(encoder)
    with pytest.raises(RuntimeError, match="the model ran out of memory"):
        match_index._encode_pending(holder)
    assert holder.worker is None and holder.dense_progress is None
    assert any("could not be computed (the model ran out of memory)" in n for n in holder.notes)
    assert holder.counts[2] == 5  # still waiting, retried with the next change
    assert holder.index.search("b", "r-py", k=1)[0][0] == "c-py"


def test_a_forgotten_index_stops_its_worker(encoder: GatedEncoder) -> None:
    holder = _holder(encoder)
    worker = _start(holder)
    assert encoder.entered.wait(WAIT)
    holder.closed = True  # what forget_indexes() does
    encoder.gate.set()
    worker.join(WAIT)
    assert not worker.is_alive()
    assert holder.worker is None
    assert holder.index.pending_dense() == 5  # nothing was handed to the dropped index
