"""Two-stage top-k retrieval of one side against a very large other side (100k to 1M items).

:class:`~talentfoundry.matching.index.MatchIndex` keeps every pair's component scores: exact and
explainable, but ``n x m`` memory, which is right for a fair (3,000 x 1,000) and impossible at
1,000,000 candidates x 100,000 roles (10^11 pairs). :class:`Retriever` indexes ONE side (say the
candidates) and answers queries from the other side (a role) without ever forming a pair matrix:

Stage 1, candidate generation (the union of two shortlists):

- *dense*: the ``dense_depth`` nearest vectors by cosine, from a usearch HNSW index (f16 storage)
  when usearch is importable, else an exact blocked matmul over the stored vectors. Every result
  says which ran (:attr:`RetrievalResult.dense_path`).
- *lexical*: the ``lexical_depth`` best sublinear TF-IDF cosines, from an inverted (terms x items)
  sparse matrix, so a query costs the postings of its own terms, not a scan of every item.

Stage 2, re-scoring: the shortlist is scored with the engine's own components, computed as in
:mod:`talentfoundry.matching.scoring`: ``skills`` (requirement weights importance x rarity, rows
summing to 1, times the other side's taxonomy-proximity coverage, via :class:`SkillSpace`),
``lexical`` (TF-IDF cosine with the current IDF) and ``dense`` (cosine); each component is mapped
to (0, 1) by :func:`logistic_normalise` against its mean and std over a fixed random *sample* of the
index for this query (the "sampled statistics" of the 1M plan), and fused with :func:`fuse`
(default weights, absent skills neutral). Faithful subset, stated: the population corrections of
``MatchIndex`` that need every pair (Rocchio expansion of short texts, CSLS hubness) are not
applied, so scores are comparable within a query's ranking, not identical to ``MatchIndex``.

Incremental: :meth:`Retriever.add` and :meth:`Retriever.remove` are visible to the next query.
New items go to a small *delta* scanned exactly (lexically) and straight into the ANN index;
removed items are tombstoned; after ``compact_fraction`` of the index has changed the next query
rebuilds the inverted matrix with fresh IDF (O(total postings)). Slots are never reused, so ANN
keys stay valid.

Complexity (n indexed items, d dims, t terms per item, N = dense_depth + lexical_depth):

- memory: O(n d) for vectors (f16 beside usearch, f32 on the exact path: 768 / 1,536 bytes each
  at 384 d) + O(n t) postings + the ANN graph
  (about 2 x connectivity x 4 bytes per item); never O(n x m).
- add: O(t + log n) amortised (ANN insertion); remove O(1).
- query: ANN O(log n) (exact fallback O(n d) in blocks), lexical O(postings of the query's
  terms), re-scoring O(N (t + d)) plus the fixed sample.

Plan for 1,000,000 candidates x 100,000 roles, top 20, and what was measured at that size
(docs/benchmarks/retrieval.md; synthetic data, 16 vCPUs of a lent GPU machine): build 139 s,
4.9 GiB resident, p50 50 ms per query, recall@20 0.985 against exhaustive re-scoring, and about
9 minutes for all 100k role queries in 16 processes. :func:`rank_two_stage` runs this engine
behind ``foundry rank`` when the exact engine's pair matrices would not fit.

- Shard by side: one ``Retriever`` over candidates (1M) for role queries, one over roles (100k)
  for candidate queries. Past a few million per shard, hash items into S shards, query all and
  merge the top k (each shard re-scores its own shortlist; the sample stats are per shard).
- ANN: usearch HNSW, cosine, f16, connectivity 16, expansion_add 64, expansion_search 128 (recall
  0.999 at 100k in the earlier measurement); raise expansion_search before connectivity if recall
  drops at 1M.
- Memory per million vectors at 384 dims: float32 1.54 GB, float16 0.77 GB, int8 0.38 GB, plus
  about 0.13 GB of HNSW links at connectivity 16. This module stores f16 copies for re-scoring
  (0.77 GB per million) and usearch holds its own f16 copy: about 1.7 GB for 1M candidates.
  int8 (usearch ``dtype="i8"``) halves both at a small recall cost; not measured here.
- Build: usearch add grows as n log n; the 100k graph took 23 s on 2 cores; 1M took 139 s with
  16 threads (100k: 9.1 s there). Persist it (:meth:`Retriever.save`) and load instead of
  rebuilding.

>>> r = Retriever(dim=2)
>>> r.add([RetrievalItem("cv1", "python developer", vector=np.array([1.0, 0.0])),
...        RetrievalItem("cv2", "civil engineer", vector=np.array([0.0, 1.0]))])
>>> [h.id for h in r.search(RetrievalItem("q", "python", vector=np.array([1.0, 0.1])), k=1).hits]
['cv1']
"""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp

from talentfoundry.domain.errors import InputError
from talentfoundry.matching.explain import NotHeldSkill
from talentfoundry.matching.lexical import term_counts
from talentfoundry.matching.scoring import (
    DEFAULT_WEIGHTS,
    NICE_TO_HAVE,
    SkillEntry,
    SkillSpace,
    fuse,
    logistic_normalise,
)

__all__ = [
    "RetrievalConfig",
    "RetrievalHit",
    "RetrievalItem",
    "RetrievalResult",
    "Retriever",
    "rank_two_stage",
    "usearch_available",
]

PATH_ANN = "usearch-hnsw"
PATH_EXACT = "exact-blocked-matmul"
PATH_NONE = "none (no vectors)"


def usearch_available() -> bool:
    """Whether the optional usearch package can be imported (the exact fallback runs otherwise)."""
    try:
        import usearch.index  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class RetrievalItem:
    """One item to index or one query: text, optional dense vector, optional skills."""

    id: str
    text: str = ""
    vector: np.ndarray | None = None
    skills: tuple[SkillEntry, ...] = ()
    counts: Mapping[str, int] | None = None
    """Precomputed term counts (:func:`~talentfoundry.matching.lexical.term_counts`), optional."""
    not_held: tuple[NotHeldSkill, ...] = ()
    """Skills the text denies or is learning: no credit through a neighbour (as
    :meth:`SkillSpace.coverage`), quoted by explanations when such a requirement is missing."""


@dataclass(frozen=True)
class RetrievalHit:
    """One retrieved item: fused score in (0, 1) and the normalised components behind it."""

    id: str
    score: float
    components: dict[str, float]
    neutral: tuple[str, ...] = ()
    """Components absent for this pair (no recognised requirement, no vector): fused at
    ``absent_value``, not at the value shown in ``components``."""


@dataclass(frozen=True)
class RetrievalResult:
    """Top-k hits, best first, and how they were found (shown so nobody mistakes the path)."""

    hits: list[RetrievalHit]
    dense_path: str
    """``usearch-hnsw``, ``exact-blocked-matmul`` or ``none (no vectors)``."""
    shortlist: int
    """How many distinct items stage 2 re-scored (all alive items when exhaustive)."""
    exhaustive: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RetrievalConfig:
    """Knobs of the retriever (defaults: the values measured in docs/benchmarks/matching.md)."""

    dense_depth: int = 200
    lexical_depth: int = 200
    requirements: Literal["query", "items"] = "query"
    """Which side's skills are requirements: the query (a role searching candidates) or items."""
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    absent_value: float = 0.5
    sample_size: int = 512
    """Items per query used to estimate each component's mean and std (normalisation)."""
    compact_fraction: float = 0.05
    block: int = 8192
    connectivity: int = 16
    expansion_add: int = 64
    expansion_search: int = 128
    threads: int = 2
    use_ann: bool = True
    """False forces the exact dense path (the benchmark's reference, or tests)."""
    seed: int = 0


class Retriever:
    """Two-stage top-k retrieval over one side; see the module docstring for the design."""

    def __init__(
        self,
        dim: int = 0,
        config: RetrievalConfig | None = None,
        taxonomy: object | None = None,
    ) -> None:
        self.config = config or RetrievalConfig()
        self.dim = int(dim)
        self._skill_space = SkillSpace(taxonomy)
        self._ids: list[str | None] = []
        self._slot: dict[str, int] = {}
        self._alive = np.zeros(0, dtype=bool)
        self._vectors = np.zeros((0, self.dim), dtype=np.float32)
        self._has_vector = np.zeros(0, dtype=bool)
        self._terms: list[tuple[np.ndarray, np.ndarray]] = []  # (term index, 1 + log tf)
        self._skills: list[tuple[SkillEntry, ...]] = []
        self._not_held: list[tuple[NotHeldSkill, ...]] = []
        self._vocab: dict[str, int] = {}
        self._df: list[int] = []
        self._skill_df: dict[str, int] = {}
        self._skill_slot: dict[str, int] = {}  # skill id -> column of the skill rows below
        self._cov_rows: list[tuple[np.ndarray, np.ndarray]] = []  # taxonomy-proximity coverage
        self._imp_rows: list[tuple[np.ndarray, np.ndarray]] = []  # importance, before rarity
        self._n_alive = 0
        self._main: sp.csr_matrix | None = None  # terms x slots[:_n_main], frozen IDF weights
        self._n_main = 0
        self._delta: sp.csr_matrix | None = None  # slots[_n_main:] x terms, cached
        self._changes = 0
        self._sample = np.zeros(0, dtype=np.int64)
        self._ann: Any = None
        self.dense_path = PATH_NONE
        if self.dim and self.config.use_ann and usearch_available():
            self._ann = self._new_ann()
            self.dense_path = PATH_ANN
            # usearch keeps its own copy for search; ours only re-scores shortlists: f16 suffices.
            self._vectors = np.zeros((0, self.dim), dtype=np.float16)
        elif self.dim:
            # The exact path scans these on every query: f32 avoids a conversion per block, and
            # without a usearch copy the total stays at about the ANN path's memory.
            self.dense_path = PATH_EXACT

    # --- bookkeeping ---------------------------------------------------------------------------
    def _new_ann(self) -> Any:
        from usearch.index import Index

        cfg = self.config
        return Index(
            ndim=self.dim,
            metric="cos",
            dtype="f16",
            connectivity=cfg.connectivity,
            expansion_add=cfg.expansion_add,
            expansion_search=cfg.expansion_search,
        )

    def __len__(self) -> int:
        return self._n_alive

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._slot

    def skills_of(self, item_id: str) -> tuple[SkillEntry, ...]:
        """The skills indexed for ``item_id`` (for explanations)."""
        return self._skills[self._lookup(item_id)]

    def not_held_of(self, item_id: str) -> tuple[NotHeldSkill, ...]:
        """The skills ``item_id``'s text denies or is learning (for explanations)."""
        return self._not_held[self._lookup(item_id)]

    def _lookup(self, item_id: str) -> int:
        slot = self._slot.get(item_id)
        if slot is None:
            raise InputError(f"no indexed item {item_id!r}")
        return slot

    def _grow(self, extra: int) -> None:
        need = len(self._ids) + extra
        cap = self._alive.shape[0]
        if need <= cap:
            return
        new_cap = max(need, 2 * cap, 1024)
        alive = np.zeros(new_cap, dtype=bool)
        alive[:cap] = self._alive
        has = np.zeros(new_cap, dtype=bool)
        has[:cap] = self._has_vector
        vectors = np.zeros((new_cap, self.dim), dtype=self._vectors.dtype)
        vectors[:cap] = self._vectors
        self._alive, self._has_vector, self._vectors = alive, has, vectors

    def _vector(self, item: RetrievalItem) -> np.ndarray | None:
        if item.vector is None or self.dim == 0:
            return None
        vec = np.asarray(item.vector, dtype=np.float32).ravel()
        if vec.shape[0] != self.dim:
            raise InputError(f"item {item.id!r} has a {vec.shape[0]}-d vector; expected {self.dim}")
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else None

    def _term_row(self, counts: Mapping[str, int], *, learn: bool) -> tuple[np.ndarray, np.ndarray]:
        idx: list[int] = []
        tf: list[float] = []
        for term, count in counts.items():
            if count <= 0:
                continue
            j = self._vocab.get(term)
            if j is None:
                if not learn:
                    continue
                j = self._vocab[term] = len(self._df)
                self._df.append(0)
            idx.append(j)
            tf.append(1.0 + math.log(count))
        return np.asarray(idx, dtype=np.int64), np.asarray(tf, dtype=np.float32)

    def add(self, items: Iterable[RetrievalItem]) -> None:
        """Index ``items`` (an existing id is replaced); searchable by the next query."""
        items = list(items)
        seen: set[str] = set()
        vectors: list[np.ndarray | None] = []
        for it in items:  # validate everything first: a bad batch changes nothing
            if not it.id:
                raise InputError("every item needs a non-empty id")
            if it.id in seen:
                raise InputError(f"item id {it.id!r} appears twice in one add")
            seen.add(it.id)
            vectors.append(self._vector(it))
        replaced = [it.id for it in items if it.id in self._slot]
        if replaced:
            self.remove(replaced)
        self._grow(len(items))
        new_keys: list[int] = []
        new_vecs: list[np.ndarray] = []
        for it, vec in zip(items, vectors, strict=True):
            slot = len(self._ids)
            self._ids.append(it.id)
            self._slot[it.id] = slot
            self._alive[slot] = True
            counts = it.counts if it.counts is not None else term_counts(it.text)
            row = self._term_row(counts, learn=True)
            for j in row[0]:
                self._df[j] += 1
            self._terms.append(row)
            self._skills.append(tuple(it.skills))
            self._not_held.append(tuple(it.not_held))
            cov = self._coverage(it.skills, it.not_held)
            self._cov_rows.append(self._sparse(cov, learn=True))
            self._imp_rows.append(self._sparse(self._importance(it.skills), learn=True))
            for skill_id in {s.skill_id for s in it.skills}:
                self._skill_df[skill_id] = self._skill_df.get(skill_id, 0) + 1
            if vec is not None:
                self._vectors[slot] = vec
                self._has_vector[slot] = True
                new_keys.append(slot)
                new_vecs.append(vec)
        self._n_alive += len(items)
        self._changes += len(items)
        self._delta = None
        if self._ann is not None and new_keys:
            self._ann.add(
                np.asarray(new_keys, dtype=np.uint64),
                np.stack(new_vecs),
                threads=self.config.threads,
            )

    def remove(self, ids: Iterable[str]) -> None:
        """Forget ``ids`` (unknown ids are an input error); invisible to the next query."""
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if i not in self._slot]
        if missing:
            raise InputError(f"no indexed item {missing[0]!r}")
        for item_id in ids:
            slot = self._slot.pop(item_id)
            self._alive[slot] = False
            self._ids[slot] = None
            for j in self._terms[slot][0]:
                self._df[j] -= 1
            self._terms[slot] = (np.zeros(0, np.int64), np.zeros(0, np.float32))
            for skill_id in {s.skill_id for s in self._skills[slot]}:
                self._skill_df[skill_id] -= 1
            self._skills[slot] = ()
            self._not_held[slot] = ()
            self._cov_rows[slot] = self._imp_rows[slot] = _EMPTY_ROW
            if self._has_vector[slot]:
                self._has_vector[slot] = False
                if self._ann is not None:
                    self._ann.remove(slot)
        self._n_alive -= len(ids)
        self._changes += len(ids)
        self._delta = None

    # --- lexical state -------------------------------------------------------------------------
    def _idf(self) -> np.ndarray:
        df = np.asarray(self._df, dtype=np.float64)
        return (np.log((1.0 + self._n_alive) / (1.0 + df)) + 1.0).astype(np.float32)

    def _weighted(self, slots: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
        """Rows of L2-normalised TF-IDF for ``slots`` (items x vocabulary)."""
        matrix = _rows_matrix([self._terms[s] for s in slots], idf.shape[0])
        matrix.data = matrix.data * idf[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)

    def _query_row(self, item: RetrievalItem, idf: np.ndarray) -> sp.csr_matrix:
        counts = item.counts if item.counts is not None else term_counts(item.text)
        idx, tf = self._term_row(counts, learn=False)
        data = tf * idf[idx]
        norm = float(np.linalg.norm(data))
        if norm > 0:
            data = data / norm
        return sp.csr_matrix(
            (data, idx, np.asarray([0, idx.size])), shape=(1, idf.shape[0]), dtype=np.float32
        )

    def compact(self) -> None:
        """Rebuild the inverted matrix with the current IDF and redraw the normalisation sample."""
        idf = self._idf()
        slots = np.arange(len(self._ids))
        self._main = sp.csr_matrix(self._weighted(slots, idf).T)
        self._n_main = len(self._ids)
        self._delta = None
        self._changes = 0
        alive = np.flatnonzero(self._alive[: len(self._ids)])
        rng = np.random.default_rng(self.config.seed)
        size = min(self.config.sample_size, alive.size)
        self._sample = np.sort(rng.choice(alive, size=size, replace=False)) if size else alive

    def _ensure_fresh(self) -> None:
        if self._main is None or self._changes > self.config.compact_fraction * max(
            self._n_main, 1
        ):
            self.compact()

    def _lexical_all(self, query: sp.csr_matrix) -> np.ndarray:
        """Stage-1 lexical score of the query against every slot (dead slots score 0)."""
        n = len(self._ids)
        scores = np.zeros(n, dtype=np.float32)
        assert self._main is not None
        vocab_main = self._main.shape[0]
        q_main = query[:, :vocab_main] if query.shape[1] > vocab_main else query
        if self._n_main:
            scores[: self._n_main] = (q_main @ self._main).toarray().ravel()
        if n > self._n_main:
            if self._delta is None:
                self._delta = self._weighted(np.arange(self._n_main, n), self._idf())
            q = (
                query
                if query.shape[1] == self._delta.shape[1]
                else query[:, : self._delta.shape[1]]
            )
            scores[self._n_main :] = (self._delta @ q.T).toarray().ravel()
        scores[~self._alive[:n]] = -np.inf
        return scores

    # --- dense stage 1 -------------------------------------------------------------------------
    def _dense_top(self, vec: np.ndarray, depth: int) -> tuple[np.ndarray, str]:
        if self._ann is not None and self._ann.size:
            found = self._ann.search(vec.astype(np.float32), depth)
            keys = np.asarray(found.keys, dtype=np.int64)
            return keys[(keys >= 0) & (keys < len(self._ids))], PATH_ANN
        sims = self._dense_all(vec)
        depth = min(depth, int(np.isfinite(sims).sum()))
        if depth == 0:
            return np.zeros(0, dtype=np.int64), PATH_EXACT
        top = np.argpartition(-sims, depth - 1)[:depth]
        return top.astype(np.int64), PATH_EXACT

    def _dense_all(self, vec: np.ndarray) -> np.ndarray:
        """Exact cosine of ``vec`` to every slot, in blocks (no item x item matrix)."""
        n = len(self._ids)
        sims = np.full(n, -np.inf, dtype=np.float32)
        q = vec.astype(np.float32)
        for start in range(0, n, self.config.block):
            stop = min(n, start + self.config.block)
            block = self._vectors[start:stop]
            sims[start:stop] = block.astype(np.float32, copy=False) @ q
        sims[~(self._alive[:n] & self._has_vector[:n])] = -np.inf
        return sims

    # --- stage 2 -------------------------------------------------------------------------------
    def _rarity(self, skill_id: str) -> float:
        df = self._skill_df.get(skill_id, 0)
        return float(np.log((1 + self._n_alive) / (1 + df)) + 1.0)

    @staticmethod
    def _importance(skills: Sequence[SkillEntry]) -> dict[str, float]:
        weights: dict[str, float] = {}
        for e in skills:
            w = 1.0 if e.required else NICE_TO_HAVE
            weights[e.skill_id] = max(weights.get(e.skill_id, 0.0), w)
        return weights

    def _coverage(
        self, skills: Sequence[SkillEntry], not_held: Sequence[NotHeldSkill] = ()
    ) -> dict[str, float]:
        best: dict[str, float] = {}
        for e in skills:
            for other, credit in self._skill_space.neighbours(e.skill_id).items():
                if credit > best.get(other, 0.0):
                    best[other] = credit
        held = {e.skill_id for e in skills}
        for said in not_held:  # a denied skill earns nothing through a neighbour
            if said.skill_id not in held:
                best.pop(said.skill_id, None)
        return best

    def _sparse(self, row: Mapping[str, float], *, learn: bool) -> tuple[np.ndarray, np.ndarray]:
        idx: list[int] = []
        val: list[float] = []
        for skill_id, v in row.items():
            j = self._skill_slot.get(skill_id)
            if j is None:
                if not learn:
                    continue
                j = self._skill_slot[skill_id] = len(self._skill_slot)
            idx.append(j)
            val.append(v)
        return np.asarray(idx, dtype=np.int64), np.asarray(val, dtype=np.float32)

    def _rarity(self) -> np.ndarray:
        """Smoothed IDF of every known skill over the alive items (as ``SkillSpace.rarity``)."""
        df = np.zeros(len(self._skill_slot), dtype=np.float64)
        for skill_id, j in self._skill_slot.items():
            df[j] = self._skill_df.get(skill_id, 0)
        return np.log((1 + self._n_alive) / (1 + df)) + 1.0

    def _skill_scores(
        self, query: RetrievalItem, slots: np.ndarray, rarity: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        width = rarity.shape[0]
        if self.config.requirements == "query":
            imp = self._importance(query.skills)
            unseen = float(np.log(1 + self._n_alive) + 1.0)  # rarity of a skill no item has
            weights = {
                k: v * (rarity[j] if (j := self._skill_slot.get(k)) is not None else unseen)
                for k, v in imp.items()
            }
            total = sum(weights.values())
            if total <= 0:
                return np.zeros(slots.size), np.zeros(slots.size, dtype=bool)
            req = np.zeros(width, dtype=np.float64)
            for k, w in weights.items():
                j = self._skill_slot.get(k)
                if j is not None:
                    req[j] = w / total
            cov = _rows_matrix([self._cov_rows[s] for s in slots], width)
            return cov @ req, np.ones(slots.size, dtype=bool)
        q_cov = np.zeros(width, dtype=np.float64)
        idx, val = self._sparse(self._coverage(query.skills, query.not_held), learn=False)
        q_cov[idx] = val
        imp = _rows_matrix([self._imp_rows[s] for s in slots], width)
        imp.data = imp.data * rarity[imp.indices]
        sums = np.asarray(imp.sum(axis=1)).ravel()
        scores = (imp @ q_cov) / np.where(sums > 0, sums, 1.0)
        return scores, sums > 0

    def _raw(
        self, query: RetrievalItem, qlex: sp.csr_matrix, qvec: np.ndarray | None, slots: np.ndarray
    ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        idf = self._idf()
        lex = self._weighted(slots, idf)
        raw = {"lexical": (lex @ qlex.T).toarray().ravel().astype(np.float64)}
        avail = {"lexical": np.ones(slots.size, dtype=bool)}
        if qvec is not None:
            raw["dense"] = self._vectors[slots].astype(np.float64) @ qvec.astype(np.float64)
            avail["dense"] = self._has_vector[slots].copy()
        if self.config.weights.get("skills", 0) > 0:
            raw["skills"], avail["skills"] = self._skill_scores(query, slots, self._rarity())
        return raw, avail

    def _fused(
        self,
        raw: Mapping[str, np.ndarray],
        avail: Mapping[str, np.ndarray],
        stats: Mapping[str, tuple[float, float]],
    ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        values = {name: logistic_normalise(sims, *stats[name]) for name, sims in raw.items()}
        weights = {k: v for k, v in self.config.weights.items() if k in values}
        fused = fuse(values, avail, weights, self.config.absent_value)
        return values, fused

    def _stats(
        self, query: RetrievalItem, qlex: sp.csr_matrix, qvec: np.ndarray | None
    ) -> dict[str, tuple[float, float]]:
        sample = self._sample[self._alive[self._sample]]
        raw, avail = self._raw(query, qlex, qvec, sample)
        stats: dict[str, tuple[float, float]] = {}
        for name, sims in raw.items():
            picked = sims[avail[name]] if avail[name].any() else sims
            stats[name] = (float(picked.mean()), float(picked.std())) if picked.size else (0.0, 1.0)
        return stats

    # --- search --------------------------------------------------------------------------------
    def search(
        self, query: RetrievalItem, k: int = 20, *, exhaustive: bool = False
    ) -> RetrievalResult:
        """The ``k`` best indexed items for ``query``, best first.

        ``exhaustive=True`` re-scores every alive item (in blocks) instead of the shortlist: the
        exact reference the two-stage result is measured against; O(n) time per query.
        """
        if k < 1:
            raise InputError("k must be at least 1")
        notes: list[str] = []
        if self._n_alive == 0:
            return RetrievalResult([], self.dense_path, 0, exhaustive, ["the index is empty"])
        self._ensure_fresh()
        idf = self._idf()
        qlex = self._query_row(query, idf)
        qvec = self._vector(query)
        path = self.dense_path
        if qvec is None:
            path = PATH_NONE
            if self.dim:
                notes.append("the query has no vector: dense component and dense stage off")
        stats = self._stats(query, qlex, qvec)
        n = len(self._ids)
        if exhaustive:
            slots_all = np.flatnonzero(self._alive[:n])
            best_ids: list[np.ndarray] = []
            best_scores: list[np.ndarray] = []
            for start in range(0, slots_all.size, self.config.block):
                block = slots_all[start : start + self.config.block]
                raw, avail = self._raw(query, qlex, qvec, block)
                _, fused = self._fused(raw, avail, stats)
                top = _top(fused, k)
                best_ids.append(block[top])
                best_scores.append(fused[top])
            cand = np.concatenate(best_ids)
            shortlist = int(slots_all.size)
            path = f"{path} (not used: exhaustive)" if path != PATH_NONE else path
        else:
            lex_all = self._lexical_all(qlex)
            depth = min(self.config.lexical_depth, self._n_alive)
            parts = [np.argpartition(-lex_all, depth - 1)[:depth]]
            if qvec is not None and self.dense_path != PATH_NONE:
                dense, path = self._dense_top(qvec, self.config.dense_depth)
                parts.append(dense)
            cand = np.unique(np.concatenate(parts))
            cand = cand[self._alive[cand]]
            shortlist = int(cand.size)
        raw, avail = self._raw(query, qlex, qvec, cand)
        values, fused = self._fused(raw, avail, stats)
        top = _top(fused, k)
        hits = [
            RetrievalHit(
                str(self._ids[cand[i]]),
                float(fused[i]),
                {name: float(v[i]) for name, v in values.items()},
                tuple(name for name in values if not avail[name][i]),
            )
            for i in top
        ]
        return RetrievalResult(hits, path, shortlist, exhaustive, notes)

    # --- persistence ---------------------------------------------------------------------------
    def save(self, directory: Path | str) -> None:
        """Write ``directory``: meta.json, arrays.npz and (with usearch) the graph ann.usearch."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        n = len(self._ids)
        lengths = np.asarray([t[0].size for t in self._terms], dtype=np.int64)
        indices = np.concatenate([t[0] for t in self._terms]) if n else np.zeros(0, np.int64)
        tf = np.concatenate([t[1] for t in self._terms]) if n else np.zeros(0, np.float32)
        np.savez(
            out / "arrays.npz",
            alive=self._alive[:n],
            has_vector=self._has_vector[:n],
            vectors=self._vectors[:n],
            lengths=lengths,
            indices=indices,
            tf=tf,
        )
        meta = {
            "format": 1,
            "dim": self.dim,
            "ids": self._ids,
            "vocab": sorted(self._vocab, key=self._vocab.__getitem__),
            "skills": [
                [[e.skill_id, e.name, e.evidence, e.required] for e in skills]
                for skills in self._skills
            ],
            "not_held": {  # optional key, sparse: most texts deny nothing
                str(slot): [[h.skill_id, h.name, h.stance, h.evidence] for h in said]
                for slot, said in enumerate(self._not_held)
                if said
            },
            "ann": self._ann is not None,
        }
        (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        if self._ann is not None:
            self._ann.save(str(out / "ann.usearch"))

    @classmethod
    def load(
        cls,
        directory: Path | str,
        config: RetrievalConfig | None = None,
        taxonomy: object | None = None,
    ) -> Retriever:
        """Read an index written by :meth:`save`; the ANN graph is loaded, not rebuilt."""
        src = Path(directory)
        try:
            meta = json.loads((src / "meta.json").read_text(encoding="utf-8"))
            arrays = np.load(src / "arrays.npz")
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read a retrieval index from {src}: {exc}") from exc
        self = cls(int(meta["dim"]), config, taxonomy)
        n = len(meta["ids"])
        self._grow(n)
        self._ids = list(meta["ids"])
        self._slot = {i: s for s, i in enumerate(self._ids) if i is not None}
        self._alive[:n] = arrays["alive"]
        self._has_vector[:n] = arrays["has_vector"]
        self._vectors[:n] = arrays["vectors"]
        self._vocab = {t: j for j, t in enumerate(meta["vocab"])}
        self._df = [0] * len(self._vocab)
        bounds = np.concatenate([[0], np.cumsum(arrays["lengths"])])
        indices, tf = arrays["indices"], arrays["tf"]
        self._terms = [(indices[a:b], tf[a:b]) for a, b in itertools.pairwise(bounds)]
        df = np.zeros(len(self._vocab), dtype=np.int64)
        np.add.at(df, indices, 1)
        self._df = df.tolist()
        self._skills = [
            tuple(SkillEntry(s, name, ev, bool(req)) for s, name, ev, req in row)
            for row in meta["skills"]
        ]
        stored = meta.get("not_held", {})
        self._not_held = [
            tuple(NotHeldSkill(name, sid, st, ev) for sid, name, st, ev in stored.get(str(i), ()))
            for i in range(n)
        ]
        for skills, said in zip(self._skills, self._not_held, strict=True):
            for skill_id in {e.skill_id for e in skills}:
                self._skill_df[skill_id] = self._skill_df.get(skill_id, 0) + 1
            self._cov_rows.append(self._sparse(self._coverage(skills, said), learn=True))
            self._imp_rows.append(self._sparse(self._importance(skills), learn=True))
        self._n_alive = int(self._alive[:n].sum())
        if self._ann is not None:
            if meta.get("ann") and (src / "ann.usearch").exists():
                self._ann.load(str(src / "ann.usearch"))
            else:  # saved without usearch: build the graph once now
                keys = np.flatnonzero(self._has_vector[:n])
                if keys.size:
                    self._ann.add(
                        keys.astype(np.uint64),
                        self._vectors[keys].astype(np.float32),
                        threads=self.config.threads,
                    )
        self.compact()
        return self


_EMPTY_ROW = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


def _rows_matrix(rows: Sequence[tuple[np.ndarray, np.ndarray]], width: int) -> sp.csr_matrix:
    """A CSR matrix from per-item (column indices, values) rows."""
    lengths = np.fromiter((r[0].size for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    if lengths.sum():
        indices = np.concatenate([r[0] for r in rows])
        data = np.concatenate([r[1] for r in rows]).astype(np.float32)
    else:
        indices, data = np.zeros(0, np.int64), np.zeros(0, np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, scores.size)
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    return top[np.argsort(-scores[top], kind="stable")]


def rank_two_stage(
    queries: Sequence[Any],
    docs: Sequence[Any],
    top_k: int = 10,
    *,
    encoder: Any = None,
    requirements: str = "auto",
    taxonomy: Any = None,
    config: RetrievalConfig | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    batch: int = 1024,
) -> list[Any]:
    """:func:`talentfoundry.matching.rank.rank` for inputs too large for its pair matrices.

    Same arguments and the same :class:`~talentfoundry.matching.rank.RankResult` per query
    (explanations included), computed by indexing ``docs`` in a :class:`Retriever` and searching
    it once per query: memory O(docs), never O(queries x docs). Scores are this module's
    (sampled statistics, no Rocchio expansion or hubness correction), so they rank like the exact
    engine's but are not equal to them. Documents are indexed and queries encoded in ``batch``es,
    with ``progress(stage, done, total)`` after each.

    >>> from talentfoundry.matching.dense import NullEncoder
    >>> from talentfoundry.matching.index import MatchDocument
    >>> qs = [MatchDocument("c1", "Python developer: Django, PostgreSQL")]
    >>> ds = [MatchDocument("r1", "Python developer"), MatchDocument("r2", "Civil engineer")]
    >>> [m.id for m in rank_two_stage(qs, ds, 2, encoder=NullEncoder())[0].results]
    ['r1', 'r2']
    """
    from talentfoundry.matching.dense import get_encoder
    from talentfoundry.matching.explain import explain_pair
    from talentfoundry.matching.index import default_taxonomy, extraction_module, skill_entries
    from talentfoundry.matching.rank import (
        EMPTY_QUERY_MESSAGE,
        RankedMatch,
        RankResult,
        check_documents,
        requirement_side,
    )

    if top_k < 1:
        raise InputError(f"top K must be at least 1, got {top_k}")
    check_documents(queries, "query")
    check_documents(docs, "document")
    if not queries:
        raise InputError("there are no queries to rank for")
    usable_docs = [d for d in docs if not d.is_blank]
    if not usable_docs:
        raise InputError("no document has any text to match against")
    usable_queries = [q for q in queries if not q.is_blank]
    encoder = encoder if encoder is not None else get_encoder()
    taxonomy = taxonomy if taxonomy is not None else default_taxonomy()
    skills_on = taxonomy is not None and extraction_module() is not None
    warnings: list[str] = []
    if not encoder.available and encoder.note:
        warnings.append(encoder.note)
    if not skills_on:
        warnings.append("skill extraction is not available; the skill-overlap component is off")
    if len(usable_docs) < len(docs):
        warnings.append(
            f"{len(docs) - len(usable_docs)} document(s) without text were left out of the ranking"
        )
    empty = EMPTY_QUERY_MESSAGE.format(what="query")
    if not usable_queries:
        return [RankResult(q.id, (), empty, tuple(warnings)) for q in queries]
    queries_require = requirement_side(usable_queries, usable_docs, requirements) == "a"
    if config is None:
        weights = {k: v for k, v in DEFAULT_WEIGHTS.items() if skills_on or k != "skills"}
        config = RetrievalConfig(
            requirements="query" if queries_require else "items",
            weights=weights,
            threads=os.cpu_count() or 1,
        )
    components = [name for name in ("skills", "lexical", "dense") if name in config.weights]
    if not encoder.available:
        components.remove("dense")

    def items(chunk: Sequence[Any]) -> list[RetrievalItem]:
        vectors: Sequence[np.ndarray | None] = [None] * len(chunk)
        if encoder.available:
            vectors = list(encoder.encode([d.full_text for d in chunk]))
        out = []
        for doc, vector in zip(chunk, vectors, strict=True):
            skills, not_held = skill_entries(doc, taxonomy) if skills_on else ([], [])
            out.append(
                RetrievalItem(doc.id, doc.full_text, vector, tuple(skills), None, tuple(not_held))
            )
        return out

    retriever = Retriever(encoder.dim if encoder.available else 0, config, taxonomy)
    for start in range(0, len(usable_docs), batch):
        retriever.add(items(usable_docs[start : start + batch]))
        if progress is not None:
            progress("indexing documents", min(start + batch, len(usable_docs)), len(usable_docs))
    retriever.compact()

    absent = config.absent_value
    found: dict[str, RankResult] = {}
    for start in range(0, len(usable_queries), batch):
        for query in items(usable_queries[start : start + batch]):
            hits = retriever.search(query, top_k).hits
            results = []
            for hit in hits:
                values = {
                    name: (absent if name in hit.neutral else value)
                    for name, value in hit.components.items()
                }
                doc_skills = retriever.skills_of(hit.id)
                if queries_require:
                    said = retriever.not_held_of(hit.id)
                    why = explain_pair(
                        query.skills, doc_skills, taxonomy, values, config.weights, not_held=said
                    )
                else:
                    why = explain_pair(
                        doc_skills,
                        query.skills,
                        taxonomy,
                        values,
                        config.weights,
                        not_held=query.not_held,
                    )
                parts: dict[str, dict[str, Any]] = {}
                for name, value in values.items():
                    parts[name] = {
                        "value": round(value, 4),
                        "share": round(why.shares.get(name, 0.0), 4),
                    }
                    if name in hit.neutral:
                        parts[name]["neutral"] = True
                results.append(
                    RankedMatch(
                        hit.id, hit.score, why.matched, why.missing, parts, why.missing_evidence
                    )
                )
            found[query.id] = RankResult(
                query.id, tuple(results), None, tuple(warnings), tuple(components)
            )
        if progress is not None:
            done = min(start + batch, len(usable_queries))
            progress("ranking queries", done, len(usable_queries))
    return [found.get(q.id) or RankResult(q.id, (), empty, tuple(warnings)) for q in queries]
