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
(default weights, absent skills neutral).

Population corrections, estimated without a pair matrix (``corrections``, on by default). The
exact engine (``MatchIndex``) expands short texts towards their competitive feedback set and
applies CSLS hubness, both from the full pair matrix; here:

- *query side*, per search: a first pass scores the shortlist against the plain items (their
  plain hubs); the query's feedback set is its best ``prf_depth`` items, each kept only if the
  query beats that item's best score over the calibration sample (its *rival*: the competitive
  rule of :func:`feedback_selection`); the query is expanded (lexical, dense, and skill
  requirements when it holds them) with weight ``prf_weights(length)``; a short query runs
  stage 1 again with its expanded vectors; the second pass scores the expanded query with CSLS:
  hub(query) = mean of its ``hub_k`` best raw similarities in the shortlist (exact for its top),
  hub(item) from calibration.
- *indexed side*, by :meth:`Retriever.calibrate` with a sample of the other side: feedback sets
  (who is the sample item's best match), expansion of short items (rows kept only for items
  that got feedback), item hubs per pass (the sample's shortlists, rank-corrected for the
  sample fraction), the other side's document frequencies (IDF and skill rarity over both
  sides, as the exact engine fits them), rivals, and each component's population mean and std.
  :func:`~talentfoundry.matching.two_stage.rank_two_stage` has both sides in memory and
  calibrates on a sample of its queries. A product-scale ``Retriever`` that indexes one side
  calibrates with whatever sample of the other side the caller has (the fair's roles when it
  indexes CVs); uncalibrated, it applies the query-side corrections only (plain top-k
  feedback, no item hubs, per-query statistics).

Memory stays linear: per item a few floats (length, weights, two hubs per component, rival)
plus expansion rows for the items the sample gave feedback; calibration holds
O(sample x shortlist) while it runs. A search costs two stage-2 passes over its shortlist.

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
9 minutes for all 100k role queries in 16 processes. :mod:`~talentfoundry.matching.two_stage`
runs this engine behind ``foundry rank`` when the exact engine's pair matrices would not fit.

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
  rebuilding; the save holds the calibration too (format 2), so a loaded index scores as the
  saved one did without calibrating again (minutes at 100k x 10k).

>>> r = Retriever(dim=2)
>>> r.add([RetrievalItem("cv1", "python developer", vector=np.array([1.0, 0.0])),
...        RetrievalItem("cv2", "civil engineer", vector=np.array([0.0, 1.0]))])
>>> [h.id for h in r.search(RetrievalItem("q", "python", vector=np.array([1.0, 0.1])), k=1).hits]
['cv1']
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
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
    ScoringConfig,
    SkillEntry,
    SkillSpace,
    choice_columns,
    choice_members,
    expand_requirements,
    expand_short,
    feedback_selection,
    fill_choices,
    fuse,
    logistic_normalise,
    mean_top,
    prf_weights,
    requirement_key,
)

__all__ = [
    "RetrievalConfig",
    "RetrievalHit",
    "RetrievalItem",
    "RetrievalResult",
    "Retriever",
    "usearch_available",
]

PATH_ANN = "usearch-hnsw"
PATH_EXACT = "exact-blocked-matmul"
PATH_NONE = "none (no vectors)"

FORMAT_VERSION = 2
"""Save format written by :meth:`Retriever.save`. 1: the index only; 2: also the calibration,
the indexed texts' term counts and the skill columns. :meth:`Retriever.load` reads both."""
_OPERATIONAL = frozenset(
    [
        "threads",
        "block",
        "compact_fraction",
        "connectivity",
        "expansion_add",
        "expansion_search",
        "use_ann",
    ]
)
"""Config fields that change speed or the ANN graph, not what :meth:`Retriever.calibrate`
estimates: a saved calibration is reused under any value of them."""


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
    corrections: bool = True
    """Estimated population corrections in stage 2 (expansion of short texts, CSLS hubness);
    False scores plain components, as before calibration existed (the benchmark's baseline)."""
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    """The exact engine's knobs reused here: ``prf_depth``, ``prf_min``, ``prf_weight``,
    ``prf_length``, ``prf_competitive``, ``skill_prf``, ``hub_k``, ``min_population``."""
    calibration_size: int = 4096
    """Most other-side items :meth:`Retriever.calibrate` scores in its first pass (ownership of
    feedback, first-pass hubs, rivals): one plain stage-2 scoring each."""
    hub_sample: int = 2048
    """Of those, at most this many (every ceil(n / hub_sample)-th) are expanded and re-scored
    for the final hubs and statistics."""
    requery_weight: float = 0.5
    """A query at least this short (expansion weight; 0.5 is 20 terms) runs stage 1 again with
    its expanded vectors, so a one-line title finds items that share none of its words."""
    population_stats: bool = True
    expand_min_weight: float = 0.0
    """Indexed items expand only from this weight up (0.1: at most 180 terms), to keep
    calibration and its expansion rows small when long texts (CVs) are indexed."""
    """Normalise with the calibration sample's pooled mean and std instead of per query."""


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
        self._length = np.zeros(0, dtype=np.float32)  # terms per item (expansion weight)
        # Calibration (see calibrate): per-slot arrays, and expansions for the few short items.
        self._lex_w = np.zeros(0, dtype=np.float32)
        self._req_a = np.zeros(0, dtype=np.float32)
        self._dense_mask = np.zeros(0, dtype=bool)
        self._rival = np.zeros(0, dtype=np.float64)
        self._lex_exp: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._req_exp: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._dense_exp: dict[int, np.ndarray] = {}
        # Per scoring pass (0: plain query vs plain items, 1: both expanded), per component:
        # item hubs and the population's mean and std of the corrected similarity.
        self._hubs: tuple[dict[str, np.ndarray], dict[str, np.ndarray]] = ({}, {})
        self._pop_stats: tuple[dict[str, tuple[float, float]], ...] = ({}, {})
        self._calibrated = False
        self._cache: dict[tuple, Any] = {}  # per-slot-set rows, rarity (see _memo)
        self._other_df = np.zeros(0, dtype=np.float64)  # the other side's df, estimated
        self._other_skill_df: dict[str, float] = {}
        self._n_other = 0.0
        self._fraction = 1.0  # of the other side that the calibration sample is
        self._uncalibrated_note: str | None = None  # why a loaded index came without calibration
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

    @property
    def calibrated(self) -> bool:
        """Whether :meth:`calibrate` estimates (or a saved calibration) are in use."""
        return self._calibrated

    def shares_terms(self, item: RetrievalItem) -> bool:
        """Whether ``item`` has a word that some indexed item has: a query with neither such a
        word nor a skill would get the same default score from every item."""
        counts = item.counts if item.counts is not None else term_counts(item.text)
        vocab, df = self._vocab, self._df
        return any((j := vocab.get(term)) is not None and df[j] > 0 for term in counts)

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

        def grown(old: np.ndarray, fill: float = 0) -> np.ndarray:
            out = np.full(new_cap, fill, dtype=old.dtype)
            out[:cap] = old
            return out

        self._length, self._lex_w, self._req_a = (
            grown(self._length),
            grown(self._lex_w),
            grown(self._req_a),
        )
        self._dense_mask, self._rival = grown(self._dense_mask), grown(self._rival, -np.inf)
        self._hubs = tuple({n: grown(h) for n, h in hubs.items()} for hubs in self._hubs)  # type: ignore[assignment]

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
            self._length[slot] = sum(c for c in counts.values() if c > 0)
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
        first_new = len(self._ids) - len(items)
        for hubs in self._hubs:  # after a calibration: the median hub, neither hub nor antihub
            for hub in hubs.values():
                alive = hub[:first_new][self._alive[:first_new]]
                hub[first_new : len(self._ids)] = float(np.median(alive)) if alive.size else 0.0
        self._delta = None
        self._touch()
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
            self._lex_exp.pop(slot, None)
            self._req_exp.pop(slot, None)
            self._dense_exp.pop(slot, None)
            self._lex_w[slot] = self._req_a[slot] = 0
            self._dense_mask[slot] = False
            self._rival[slot] = -np.inf
            for hubs in self._hubs:
                for hub in hubs.values():
                    hub[slot] = 0
            if self._has_vector[slot]:
                self._has_vector[slot] = False
                if self._ann is not None:
                    self._ann.remove(slot)
        self._n_alive -= len(ids)
        self._changes += len(ids)
        self._delta = None
        self._touch()

    # --- lexical state -------------------------------------------------------------------------
    def _idf(self) -> np.ndarray:
        """Smoothed IDF over the alive items plus, once calibrated, the other side's estimated
        document frequencies (the exact engine fits its TF-IDF space on both sides)."""
        df = np.asarray(self._df, dtype=np.float64)
        other = self._other_df[: df.size]
        df[: other.size] += other
        n = self._n_alive + self._n_other
        return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)

    def _weighted(
        self, slots: np.ndarray, idf: np.ndarray, *, expanded: bool = True
    ) -> sp.csr_matrix:
        return self._memo(
            self._key("lex", slots, expanded, idf.shape[0]),
            lambda: self._weighted_rows(slots, idf, expanded=expanded),
        )

    def _weighted_rows(
        self, slots: np.ndarray, idf: np.ndarray, *, expanded: bool = True
    ) -> sp.csr_matrix:
        """Rows of L2-normalised TF-IDF for ``slots`` (items x vocabulary).

        ``expanded``: short items calibrated with a feedback set get ``row + w * centroid``,
        re-normed (Rocchio, as ``expand_short``); the centroid's weights are frozen at calibration.
        """
        width = idf.shape[0]
        w = self._lex_w[slots] if expanded and self._lex_exp else None
        if w is None or not np.any(w > 0):
            matrix = _rows_matrix([self._terms[s] for s in slots], width)
            matrix.data = matrix.data * idf[matrix.indices]
            norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)
        out = self._weighted(slots, idf, expanded=False)
        rows = _rows_matrix([self._lex_exp.get(int(s), _EMPTY_ROW) for s in slots], width)
        out = out + sp.diags(w) @ rows
        norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ out, dtype=np.float32)

    def _query_row(
        self, item: RetrievalItem, idf: np.ndarray, counts: Mapping[str, int] | None = None
    ) -> sp.csr_matrix:
        if counts is None:
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
        self._touch()
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
    @staticmethod
    def _importance(skills: Sequence[SkillEntry]) -> dict[str, float]:
        """Importance of each requirement, a choice ("PyTorch or TensorFlow") counted once."""
        weights: dict[str, float] = {}
        for e in skills:
            w = 1.0 if e.required else NICE_TO_HAVE
            key = requirement_key(e)
            weights[key] = max(weights.get(key, 0.0), w)
        return weights

    def _coverage(
        self, skills: Sequence[SkillEntry], not_held: Sequence[NotHeldSkill] = ()
    ) -> dict[str, float]:
        return self._skill_space.covered(skills, [s.skill_id for s in not_held if s.denies])

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
        """Smoothed IDF of every known skill over the alive items and, once calibrated, the
        other side's estimate (as ``SkillSpace.rarity`` over both sides)."""
        key = ("rarity", len(self._skill_slot), self._n_other)
        return self._memo(key, self._rarity_now)

    def _rarity_now(self) -> np.ndarray:
        df = np.zeros(len(self._skill_slot), dtype=np.float64)
        for skill_id, j in self._skill_slot.items():
            df[j] = self._skill_df.get(skill_id, 0) + self._other_skill_df.get(skill_id, 0.0)
        for column, members in self._choices():  # as common as its commonest member
            df[column] = df[members].max()
        return np.log((1 + self._n_alive + self._n_other) / (1 + df)) + 1.0

    def _choices(self) -> list[tuple[int, list[int]]]:
        """Columns of the choices requirements have named, with their members' columns."""
        key = ("choices", len(self._skill_slot))
        return self._memo(key, lambda: choice_columns(self._skill_slot))

    def _prepare(self, item: RetrievalItem, idf: np.ndarray) -> _Query:
        """The query's stage-2 vectors: TF-IDF row, unit vector, skill requirements or coverage."""
        counts = item.counts if item.counts is not None else term_counts(item.text)
        lex = self._query_row(item, idf, counts)
        vec = self._vector(item)
        rarity = self._rarity()
        width = rarity.shape[0]
        skill = np.zeros(width, dtype=np.float64)
        if self.config.requirements == "query":
            imp = self._importance(item.skills)
            for key in imp:  # a choice gets a column once an item holds one of its members
                if key not in self._skill_slot and any(
                    m in self._skill_slot for m in choice_members(key)
                ):
                    self._skill_slot[key] = len(self._skill_slot)
            rarity = self._rarity()
            width = rarity.shape[0]
            skill = np.zeros(width, dtype=np.float64)
            unseen = float(np.log(1 + self._n_alive + self._n_other) + 1.0)  # no item has it
            weights = {
                k: v * (rarity[j] if (j := self._skill_slot.get(k)) is not None else unseen)
                for k, v in imp.items()
            }
            total = sum(weights.values())
            if total > 0:
                for k, w in weights.items():
                    j = self._skill_slot.get(k)
                    if j is not None:
                        skill[j] = w / total
            has_skill = total > 0
        else:
            idx, val = self._sparse(self._coverage(item.skills, item.not_held), learn=False)
            skill[idx] = val
            for column, members in self._choices():  # met as well as its best member is
                skill[column] = skill[members].max()
            has_skill = True
        length = float(sum(v for v in counts.values() if v > 0))
        weight = float(prf_weights(np.asarray([length]), self.config.scoring)[0])
        return _Query(lex, vec, skill, has_skill, weight)

    def _profiles(self, slots: np.ndarray, rarity: np.ndarray) -> sp.csr_matrix:
        """Requirement profile of ``slots``: importance x rarity, rows summing to 1."""
        imp = _rows_matrix([self._imp_rows[s] for s in slots], rarity.shape[0])
        imp.data = imp.data * rarity[imp.indices]
        sums = np.asarray(imp.sum(axis=1)).ravel()
        sums[sums == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / sums) @ imp, dtype=np.float32)

    def _skill_scores(
        self, q: _Query, slots: np.ndarray, rarity: np.ndarray, *, expanded: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        width = rarity.shape[0]
        skill = _fit(q.skill, width)[0]
        if self.config.requirements == "query":
            if not q.has_skill:
                return np.zeros(slots.size), np.zeros(slots.size, dtype=bool)
            cov = self._memo(
                self._key("cov", slots, width),
                lambda: fill_choices(
                    _rows_matrix([self._cov_rows[s] for s in slots], width), self._choices()
                ),
            )
            return cov @ skill, np.ones(slots.size, dtype=bool)

        def requirements() -> tuple[sp.csr_matrix, np.ndarray]:
            imp = _rows_matrix([self._imp_rows[s] for s in slots], width)
            imp.data = imp.data * rarity[imp.indices]
            return imp, np.asarray(imp.sum(axis=1)).ravel()

        def expansions() -> tuple[sp.csr_matrix, np.ndarray]:
            rows = _rows_matrix([self._req_exp.get(int(s), _EMPTY_ROW) for s in slots], width)
            return rows, np.asarray(rows.sum(axis=1)).ravel()

        imp, sums = self._memo(self._key("imp", slots, width), requirements)
        has = sums > 0
        scores = (imp @ skill) / np.where(has, sums, 1.0)
        a = self._req_a[slots].astype(np.float64)
        if expanded and self._req_exp and np.any(a > 0):
            # Expanded requirements (Rocchio, set by calibrate): (r + a p) / (|r| + a |p|).
            rows, p_sum = self._memo(self._key("req+", slots, width), expansions)
            den = has + a * p_sum
            num = np.where(has, scores, 0.0) + a * (rows @ skill)
            return np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0), den > 0
        return scores, has

    def _doc_vectors(self, slots: np.ndarray, *, expanded: bool = True) -> np.ndarray:
        """Stored unit vectors of ``slots``, with calibrated expansions where set."""
        vecs = self._vectors[slots].astype(np.float64)
        if expanded and self._dense_exp:
            for i in np.flatnonzero(self._dense_mask[slots]):
                vecs[i] = self._dense_exp[int(slots[i])]
        return vecs

    def _raw(
        self, q: _Query, slots: np.ndarray, idf: np.ndarray, *, expanded: bool = True
    ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """Raw component similarities of ``q`` to ``slots`` (items expanded or plain); many
        slots (an exhaustive search) go in blocks, so no rows of every item at once."""
        block = max(self.config.block, 1)
        if slots.size > block:
            parts = [
                self._raw(q, slots[i : i + block], idf, expanded=expanded)
                for i in range(0, slots.size, block)
            ]
            return (
                {n: np.concatenate([p[0][n] for p in parts]) for n in parts[0][0]},
                {n: np.concatenate([p[1][n] for p in parts]) for n in parts[0][1]},
            )
        lex = self._weighted(slots, idf, expanded=expanded)
        qlex = q.lex if q.lex.shape[1] == lex.shape[1] else _resize(q.lex, lex.shape[1])
        raw = {"lexical": (lex @ qlex.T).toarray().ravel().astype(np.float64)}
        avail = {"lexical": np.ones(slots.size, dtype=bool)}
        if q.vec is not None:
            raw["dense"] = self._doc_vectors(slots, expanded=expanded) @ q.vec.astype(np.float64)
            avail["dense"] = self._has_vector[slots].copy()
        if self.config.weights.get("skills", 0) > 0:
            raw["skills"], avail["skills"] = self._skill_scores(
                q, slots, self._rarity(), expanded=expanded
            )
        return raw, avail

    def _query_hubs(self, raw: Mapping[str, np.ndarray]) -> dict[str, float]:
        """hub(query): mean of its ``hub_k`` best raw similarities per component (CSLS)."""
        k = self.config.scoring.hub_k
        return {
            name: float(mean_top(sims[None, :], k, 1)[0]) if sims.size else 0.0
            for name, sims in raw.items()
        }

    def _adjust(
        self,
        raw: Mapping[str, np.ndarray],
        slots: np.ndarray,
        hubs: Mapping[str, float],
        stage: int,
    ) -> dict[str, np.ndarray]:
        """CSLS: ``s - (hub(query) + hub(item)) / 2``; item hubs of scoring pass ``stage`` (0:
        plain, 1: expanded) once calibrated, else none."""
        out: dict[str, np.ndarray] = {}
        item_hubs = self._hubs[stage]
        for name, sims in raw.items():
            adj = sims - 0.5 * hubs.get(name, 0.0)
            if name in item_hubs:
                adj = adj - 0.5 * item_hubs[name][slots].astype(np.float64)
            out[name] = adj
        return out

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

    @staticmethod
    def _stats_of(
        adjusted: Mapping[str, np.ndarray], avail: Mapping[str, np.ndarray]
    ) -> dict[str, tuple[float, float]]:
        stats: dict[str, tuple[float, float]] = {}
        for name, sims in adjusted.items():
            picked = sims[avail[name]] if avail[name].any() else sims
            stats[name] = (float(picked.mean()), float(picked.std())) if picked.size else (0.0, 1.0)
        return stats

    def _score(
        self, q: _Query, slots: np.ndarray, idf: np.ndarray, stage: int = 1
    ) -> tuple[dict[str, np.ndarray], np.ndarray, dict[str, np.ndarray]]:
        """Normalised components and fused score of ``slots`` for ``q``, corrections applied.

        ``stage`` 0 is the exact engine's first pass (plain items, their plain hubs), 1 its
        second (expanded items and hubs). Statistics: the calibrated population's when
        ``population_stats``, else this query's against the fixed sample.
        """
        expanded = stage == 1
        raw, avail = self._raw(q, slots, idf, expanded=expanded)
        hubs = self._query_hubs(raw) if self.config.corrections else {}
        adjusted = self._adjust(raw, slots, hubs, stage)
        stats: Mapping[str, tuple[float, float]] | None = None
        if self.config.population_stats and all(n in self._pop_stats[stage] for n in raw):
            stats = self._pop_stats[stage]
        if stats is None:
            sample = self._sample[self._alive[self._sample]]
            sraw, savail = self._raw(q, sample, idf, expanded=expanded)
            stats = self._stats_of(self._adjust(sraw, sample, hubs, stage), savail)
        values, fused = self._fused(adjusted, avail, stats)
        return values, fused, avail

    def _expand(
        self,
        q: _Query,
        slots: np.ndarray,
        fused: np.ndarray,
        idf: np.ndarray,
        rival: np.ndarray | None = None,
    ) -> _Query:
        """Rocchio expansion of ``q`` towards its feedback set among the scored ``slots``.

        The feedback set is competitive when the index is calibrated: an item joins only if this
        query beats the best score the item reached over the calibration sample (its ``rival``),
        so a broad query does not absorb the items of a more specific neighbour.
        """
        sc = self.config.scoring
        if rival is None and self._calibrated:
            rival = self._rival[slots]
        select = feedback_selection(
            fused[None, :],
            sc.prf_depth,
            sc.prf_min,
            competitive=sc.prf_competitive,
            rival=rival,
            margin=sc.prf_borrow_margin,
        )
        if select.nnz == 0:
            return q
        # Only the few selected items matter: keep their columns (an exhaustive search has n).
        cols = np.unique(select.indices)
        slots, select = slots[cols], sp.csr_matrix(select[:, cols])
        weight = np.asarray([q.weight])
        lex = expand_short(q.lex, self._weighted_rows(slots, idf, expanded=False), select, weight)
        vec = q.vec
        if vec is not None:
            base = self._vectors[slots].astype(np.float32)
            vec = np.asarray(expand_short(vec[None, :], base, select, weight))[0]
        skill, has_skill = q.skill, q.has_skill
        if self.config.requirements == "query" and sc.skill_prf > 0:
            rarity = self._rarity()
            req = sp.csr_matrix(_fit(q.skill if q.has_skill else q.skill * 0, rarity.shape[0]))
            grown = expand_requirements(
                req, self._profiles(slots, rarity), select, sc.skill_prf * weight
            )
            skill = grown.toarray().ravel().astype(np.float64)
            has_skill = bool(skill.sum() > 0)
        return _Query(sp.csr_matrix(lex, dtype=np.float32), vec, skill, has_skill, q.weight)

    def _shortlist(self, q: _Query) -> tuple[np.ndarray, str]:
        """Stage 1: the union of the lexical and dense shortlists (alive slots only)."""
        lex_all = self._lexical_all(q.lex)
        depth = min(self.config.lexical_depth, self._n_alive)
        parts = [np.argpartition(-lex_all, depth - 1)[:depth]]
        path = self.dense_path if q.vec is not None else PATH_NONE
        if q.vec is not None and self.dense_path != PATH_NONE:
            dense, path = self._dense_top(q.vec, self.config.dense_depth)
            parts.append(dense)
        cand = np.unique(np.concatenate(parts))
        return cand[self._alive[cand]], path

    # --- calibration: population corrections without a pair matrix ----------------------------
    def _touch(self) -> None:
        """Forget memoised rows and rarity: the index, its IDF or its calibration changed."""
        self._cache.clear()

    def _memo(self, key: tuple, make: Callable[[], Any]) -> Any:
        """A small recently-used memo: a search scores the same shortlist in two passes and
        the normalisation sample on every query; bounded, so memory stays O(shortlist)."""
        hit = self._cache.pop(key, None)
        if hit is None:
            hit = make()
            if len(self._cache) >= 16:
                self._cache.pop(next(iter(self._cache)))
        self._cache[key] = hit
        return hit

    @staticmethod
    def _key(kind: str, slots: np.ndarray, *extra: object) -> tuple:
        return (kind, slots.size, hash(slots.tobytes()), *extra)

    def _clear_calibration(self) -> None:
        self._touch()
        self._lex_exp.clear()
        self._dense_exp.clear()
        self._req_exp.clear()
        self._lex_w[:] = 0
        self._req_a[:] = 0
        self._dense_mask[:] = False
        self._rival[:] = -np.inf
        self._hubs = ({}, {})
        self._pop_stats = ({}, {})
        self._calibrated = False
        self._other_df = np.zeros(0, dtype=np.float64)
        self._other_skill_df = {}
        self._n_other = 0.0

    def calibrate(self, others: Sequence[RetrievalItem], population: int | None = None) -> int:
        """Estimate the exact engine's population corrections for the indexed items.

        ``others`` are items of the other side (the future queries, or a sample of them) and
        ``population`` how many such items there are (default ``len(others)``). At most
        ``calibration_size`` are used, drawn with ``seed``. No pair matrix is formed; memory is
        O(sample x shortlist) while it runs. Steps, mirroring ``MatchIndex._build``:

        0. The sample's term and skill frequencies, scaled to ``population``, join IDF and
           rarity (the exact engine fits both on the two sides together).
        1. First pass, plain sample vs plain items (one stage-2 scoring each): item hubs of that
           pass, population statistics; each sample item's best indexed item owns it, and an
           indexed item's feedback set is what it owns (best ``prf_depth``), topped up to
           ``prf_min`` with the sample items that ranked it highest and nearly chose it
           (``prf_borrow_margin``); each item's best score is
           its rival (the query-side competitive rule in :meth:`search`).
        2. Short indexed items (one-line roles) are expanded towards their feedback set's
           centroid: lexical, dense, and skill requirements when the indexed side holds them,
           weighted by ``prf_weights(length)``; the inverted index is rebuilt with them.
        3. Second pass over ``hub_sample`` of the sample, expanded as :meth:`search` expands a
           query, against the expanded items: the final item hubs and statistics. Hubs are the
           mean of an item's ``hub_k`` best similarities among the sample's shortlists, read at
           the ranks a sample of that fraction puts the population's best at.

        Items added later get the median hub and no expansion until the next calibration.
        Returns how many sample items were used (0: corrections off or too few items).
        """
        cfg, sc = self.config, self.config.scoring
        self._clear_calibration()
        self._uncalibrated_note = None
        self.compact()
        if not others or not cfg.corrections or self._n_alive < sc.min_population:
            return 0
        rng = np.random.default_rng(cfg.seed)
        picked = list(others)
        if len(picked) > cfg.calibration_size:
            keep = np.sort(rng.choice(len(picked), cfg.calibration_size, replace=False))
            picked = [picked[i] for i in keep]
        # Population statistics of the other side (``population`` items, default the sample):
        # its words and skills count in IDF and rarity, as in the exact engine's joint fit.
        scale = max(population or len(others), len(picked)) / len(picked)
        other_df: dict[int, float] = {}
        for item in picked:
            counts = item.counts if item.counts is not None else term_counts(item.text)
            for j in self._term_row(counts, learn=True)[0].tolist():
                other_df[j] = other_df.get(j, 0.0) + scale
            self._sparse(self._importance(item.skills), learn=True)
            for skill_id in {e.skill_id for e in item.skills}:
                self._other_skill_df[skill_id] = self._other_skill_df.get(skill_id, 0.0) + scale
        self._other_df = np.zeros(len(self._df), dtype=np.float64)
        self._other_df[list(other_df)] = list(other_df.values())
        self._n_other = scale * len(picked)
        self._fraction = 1.0 / scale
        self.compact()
        idf = self._idf()
        sample = self._sample[self._alive[self._sample]]
        # Pass 1 (plain sample vs plain items): item hubs and statistics, then each sample
        # item's first-pass ranking -> who owns it (item feedback sets) and each item's rival.
        first = []
        for item in picked:
            q = self._prepare(item, idf)
            slots, _ = self._shortlist(q)
            raw, avail = self._raw(q, slots, idf, expanded=False)
            sraw, savail = self._raw(q, sample, idf, expanded=False)
            first.append((q, slots, raw, avail, self._query_hubs(raw), sraw, savail))
        self._fit_population(0, [(f[1], f[2], f[4], f[5], f[6]) for f in first], sample)
        tops: list[tuple[np.ndarray, np.ndarray]] = []
        fused_first = []
        for _, slots, raw, avail, hubs, sraw, savail in first:
            _, fused = self._fused(
                self._adjust(raw, slots, hubs, 0),
                avail,
                self._stats_for(0, sraw, savail, sample, hubs),
            )
            np.maximum.at(self._rival, slots, fused)
            top = _top(fused, fused.size)
            tops.append((slots[top], fused[top]))
            fused_first.append(fused)
        self._calibrated = True
        feedback = _doc_feedback(tops, sc.prf_depth, sc.prf_min, sc.prf_borrow_margin)
        self._apply_doc_expansion(picked, feedback)
        self.compact()
        # Pass 2 (sample expanded as search() expands a query, vs expanded items): final hubs
        # and statistics.
        idf = self._idf()
        seen = []
        step = max(1, math.ceil(len(first) / max(cfg.hub_sample, 1)))
        for (q, slots, *_), fused in list(zip(first, fused_first, strict=True))[::step]:
            if q.weight > 0:
                q = self._expand(q, slots, fused, idf)
                if q.weight >= cfg.requery_weight:
                    slots = np.union1d(slots, self._shortlist(q)[0])
            raw, _ = self._raw(q, slots, idf)
            sraw, savail = self._raw(q, sample, idf)
            seen.append((slots, raw, self._query_hubs(raw), sraw, savail))
        self._fit_population(1, seen, sample, len(seen) / len(first))
        return len(picked)

    def _fit_population(
        self,
        stage: int,
        seen: Sequence[tuple[np.ndarray, dict, dict, dict, dict]],
        sample: np.ndarray,
        share: float = 1.0,
    ) -> None:
        """Item hubs (mean of each item's ``hub_k`` best raw similarities over the sample's
        shortlists, zero-padded) and pooled statistics of the corrected similarities."""
        capacity = self._alive.shape[0]
        names = {name for s in seen for name in s[1]}
        hubs = self._hubs[stage]
        hubs.clear()
        for name in names:
            rows = [(s[0], s[1][name]) for s in seen if name in s[1]]
            hubs[name] = _top_mean_per_slot(
                np.concatenate([r[0] for r in rows]),
                np.concatenate([r[1] for r in rows]),
                self.config.scoring.hub_k,
                capacity,
                self._fraction * share,
            )
        pooled: dict[str, list[np.ndarray]] = {name: [] for name in names}
        for _, _, query_hubs, sraw, savail in seen:
            for name, values in self._adjust(sraw, sample, query_hubs, stage).items():
                pooled[name].append(values[savail[name]] if savail[name].any() else values)
        stats = self._pop_stats[stage]
        stats.clear()
        for name, parts in pooled.items():
            values = np.concatenate(parts) if parts else np.zeros(0)
            if values.size:
                stats[name] = (float(values.mean()), float(values.std()))

    def _stats_for(
        self,
        stage: int,
        sraw: Mapping[str, np.ndarray],
        savail: Mapping[str, np.ndarray],
        sample: np.ndarray,
        hubs: Mapping[str, float],
    ) -> Mapping[str, tuple[float, float]]:
        if self.config.population_stats and all(n in self._pop_stats[stage] for n in sraw):
            return self._pop_stats[stage]
        return self._stats_of(self._adjust(sraw, sample, hubs, stage), savail)

    def _apply_doc_expansion(
        self, picked: Sequence[RetrievalItem], feedback: Mapping[int, list[int]]
    ) -> None:
        """Rocchio expansion of indexed items towards their calibration feedback sets."""
        cfg, sc = self.config, self.config.scoring
        if not feedback or sc.prf_weight <= 0:
            return
        used = sorted({j for js in feedback.values() for j in js})
        rows = {}
        for j in used:  # the other side's words join the vocabulary, as in the exact engine
            item = picked[j]
            counts = item.counts if item.counts is not None else term_counts(item.text)
            rows[j] = self._term_row(counts, learn=True)
        idf = self._idf()
        width = idf.shape[0]
        lex = {}
        for j, (idx, tf) in rows.items():
            data = tf * idf[idx]
            norm = float(np.linalg.norm(data))
            lex[j] = (idx, data / norm if norm > 0 else data)
        vecs = {j: self._vector(picked[j]) for j in used}
        profiles: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        if cfg.requirements == "items" and sc.skill_prf > 0:
            for j in used:
                idx, val = self._sparse(self._importance(picked[j].skills), learn=True)
                rarity = self._rarity()
                val = val * rarity[idx].astype(np.float32)
                total = float(val.sum())
                profiles[j] = (idx, val / total if total > 0 else val)
        slots = np.asarray([slot for slot in feedback if self._alive[slot]], dtype=np.int64)
        weights = prf_weights(self._length[slots], sc)
        keep = (weights > 0) & (weights >= cfg.expand_min_weight)
        slots, weights = slots[keep], weights[keep]
        if not slots.size:
            return
        # One sparse "select" matrix (items x used sample), rows averaging the feedback set, as
        # ``feedback_selection`` returns: every centroid is one product.
        column = {j: c for c, j in enumerate(used)}
        rows_i, cols_j, vals = [], [], []
        for i, slot in enumerate(slots.tolist()):
            js = feedback[slot]
            rows_i += [i] * len(js)
            cols_j += [column[j] for j in js]
            vals += [1.0 / len(js)] * len(js)
        select = sp.csr_matrix((vals, (rows_i, cols_j)), shape=(slots.size, len(used)))
        centroids = sp.csr_matrix(select @ _rows_matrix([lex[j] for j in used], width))
        norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
        for i, slot in enumerate(slots.tolist()):
            lo, hi = centroids.indptr[i], centroids.indptr[i + 1]
            if norms[i] > 0:
                idx = centroids.indices[lo:hi].astype(np.int64)
                self._lex_exp[slot] = (idx, (centroids.data[lo:hi] / norms[i]).astype(np.float32))
                self._lex_w[slot] = weights[i]
        if self.dim and any(v is not None for v in vecs.values()):
            stacked = np.zeros((len(used), self.dim), dtype=np.float64)
            for j, c in column.items():
                if vecs[j] is not None:
                    stacked[c] = vecs[j]
            means = np.asarray(select @ stacked)
            means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
            for i, slot in enumerate(slots.tolist()):
                if self._has_vector[slot] and means[i].any():
                    v = self._vectors[slot].astype(np.float64) + weights[i] * means[i]
                    self._dense_exp[slot] = (v / max(float(np.linalg.norm(v)), 1e-12)).astype(
                        np.float32
                    )
                    self._dense_mask[slot] = True
        if profiles:
            found = sp.csr_matrix(
                select @ _rows_matrix([profiles[j] for j in used], len(self._skill_slot))
            )
            for i, slot in enumerate(slots.tolist()):
                lo, hi = found.indptr[i], found.indptr[i + 1]
                if hi > lo and found.data[lo:hi].sum() > 0:
                    idx = found.indices[lo:hi].astype(np.int64)
                    self._req_exp[slot] = (idx, found.data[lo:hi].astype(np.float32))
                    self._req_a[slot] = sc.skill_prf * weights[i]

    # --- search --------------------------------------------------------------------------------
    def search(
        self, query: RetrievalItem, k: int = 20, *, exhaustive: bool = False
    ) -> RetrievalResult:
        """The ``k`` best indexed items for ``query``, best first.

        With ``corrections`` (the default) the shortlist is scored twice: a first pass picks
        the query's feedback set, the query is expanded towards it (Rocchio, weighted by its
        length: a title moves a lot, a CV hardly) and, when short, stage 1 runs again with the
        expanded query; the second pass applies CSLS hubness (query hub from its own best
        similarities, item hubs from :meth:`calibrate`). ``exhaustive=True`` does the same over
        every alive item instead of the shortlist: the exact reference the two-stage result is
        measured against; O(n) time per query.
        """
        if k < 1:
            raise InputError("k must be at least 1")
        notes: list[str] = []
        if self._n_alive == 0:
            return RetrievalResult([], self.dense_path, 0, exhaustive, ["the index is empty"])
        self._ensure_fresh()
        idf = self._idf()
        q = self._prepare(query, idf)
        path = self.dense_path
        if q.vec is None:
            path = PATH_NONE
            if self.dim:
                notes.append("the query has no vector: dense component and dense stage off")
        if self._uncalibrated_note and self.config.corrections:
            notes.append(self._uncalibrated_note)
        if exhaustive:
            cand = np.flatnonzero(self._alive[: len(self._ids)])
            path = f"{path} (not used: exhaustive)" if path != PATH_NONE else path
        else:
            cand, path = self._shortlist(q)
        cfg = self.config
        if cfg.corrections and self._n_alive >= cfg.scoring.min_population and q.weight > 0:
            _, first, _ = self._score(q, cand, idf, 0)
            q = self._expand(q, cand, first, idf)
            if not exhaustive and q.weight >= cfg.requery_weight:
                again, _ = self._shortlist(q)
                cand = np.union1d(cand, again)
        values, fused, avail = self._score(q, cand, idf, 1)
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
        return RetrievalResult(hits, path, int(cand.size), exhaustive, notes)

    # --- persistence ---------------------------------------------------------------------------
    def save(self, directory: Path | str) -> None:
        """Write ``directory``: meta.json, arrays.npz, (with usearch) the graph ann.usearch and,
        once calibrated, calibration.npz, so :meth:`load` scores as this retriever does.

        The calibration (expansions, hubs, rivals, the other side's frequencies, population
        statistics) costs minutes to estimate; kept as calibrate left it (exact floats), it is
        about 65 bytes per item plus the expansion rows, mostly the dense ones (``dim`` float32
        each): 18.6 MiB beside a 27.2 MiB index for 10k CVs calibrated on 1k roles
        (bench/retrieval_bench.py --persist), and no measurable change in load time. It is
        written with the config fields it depends on (all but :data:`_OPERATIONAL`);
        :meth:`load` drops it, and says so, under other values.
        """
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
            text_length=self._length[:n],
        )
        meta = {
            "format": FORMAT_VERSION,
            "dim": self.dim,
            "ids": self._ids,
            "vocab": sorted(self._vocab, key=self._vocab.__getitem__),
            "skills": [[e.to_row() for e in skills] for skills in self._skills],
            "not_held": {  # optional key, sparse: most texts deny nothing
                str(slot): [[h.skill_id, h.name, h.stance, h.evidence] for h in said]
                for slot, said in enumerate(self._not_held)
                if said
            },
            # Column order of the skill rows (calibration learns the other side's skills too).
            "skill_slots": sorted(self._skill_slot, key=self._skill_slot.__getitem__),
            "ann": self._ann is not None,
            "calibration": self._calibration_meta() if self._calibrated else None,
        }
        (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        calibration = out / "calibration.npz"
        if self._calibrated:
            np.savez(calibration, **self._calibration_arrays(n))
        else:  # never leave an earlier save's calibration behind
            calibration.unlink(missing_ok=True)
        if self._ann is not None:
            self._ann.save(str(out / "ann.usearch"))

    def _calibration_meta(self) -> dict[str, Any]:
        """The calibration's scalars: JSON keeps floats exactly (shortest repr round-trips)."""
        return {
            "config": _calibration_key(self.config),
            "n_other": self._n_other,
            "fraction": self._fraction,
            "other_skill_df": self._other_skill_df,
            "pop_stats": [{k: list(v) for k, v in stats.items()} for stats in self._pop_stats],
            "hubs": [sorted(hubs) for hubs in self._hubs],
        }

    def _calibration_arrays(self, n: int) -> dict[str, np.ndarray]:
        """The calibration's per-slot arrays and expansion rows, as calibrate left them."""
        dense = sorted(self._dense_exp)
        arrays = {
            "lex_w": self._lex_w[:n],
            "req_a": self._req_a[:n],
            "dense_mask": self._dense_mask[:n],
            "rival": self._rival[:n],
            "other_df": self._other_df,
            "dense_exp_slots": np.asarray(dense, dtype=np.int64),
            "dense_exp": (
                np.stack([self._dense_exp[s] for s in dense])
                if dense
                else np.zeros((0, self.dim), np.float32)
            ),
            **_pack_rows("lex_exp", self._lex_exp),
            **_pack_rows("req_exp", self._req_exp),
        }
        for stage, hubs in enumerate(self._hubs):
            arrays.update({f"hubs{stage}_{name}": hub[:n] for name, hub in hubs.items()})
        return arrays

    def _restore_calibration(self, src: Path, stored: Mapping[str, Any], n: int) -> None:
        """Put back what :meth:`save` wrote, unless it was estimated under other settings."""
        changed = _differences(stored["config"], _calibration_key(self.config))
        if changed:
            self._uncalibrated_note = (
                f"the saved calibration was estimated with other settings ({', '.join(changed)})"
                " and was not loaded: query-side corrections only until calibrate() runs"
            )
            return
        try:
            with np.load(src / "calibration.npz") as arrays:
                self._lex_w[:n] = arrays["lex_w"]
                self._req_a[:n] = arrays["req_a"]
                self._dense_mask[:n] = arrays["dense_mask"]
                self._rival[:n] = arrays["rival"]
                self._other_df = arrays["other_df"].astype(np.float64)
                dense = arrays["dense_exp"]
                for i, slot in enumerate(arrays["dense_exp_slots"].tolist()):
                    self._dense_exp[slot] = dense[i].copy()
                self._lex_exp.update(_unpack_rows("lex_exp", arrays))
                self._req_exp.update(_unpack_rows("req_exp", arrays))
                capacity = self._alive.shape[0]
                for stage, names in enumerate(stored["hubs"]):
                    for name in names:
                        hub = np.zeros(capacity, dtype=np.float64)
                        hub[:n] = arrays[f"hubs{stage}_{name}"]
                        self._hubs[stage][name] = hub
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(f"cannot read the calibration saved in {src}: {exc}") from exc
        self._n_other = float(stored["n_other"])
        self._fraction = float(stored["fraction"])
        self._other_skill_df = {k: float(v) for k, v in stored["other_skill_df"].items()}
        for stage, stats in enumerate(stored["pop_stats"]):
            self._pop_stats[stage].update({k: (float(m), float(v)) for k, (m, v) in stats.items()})
        self._calibrated = True

    @classmethod
    def load(
        cls,
        directory: Path | str,
        config: RetrievalConfig | None = None,
        taxonomy: object | None = None,
    ) -> Retriever:
        """Read an index written by :meth:`save`; the ANN graph is loaded, not rebuilt.

        A format-2 save comes back calibrated as it was saved, when ``config`` matches the one
        it was calibrated under (else uncalibrated, with a note on every search). A format-1
        save (from before calibration was saved) loads uncalibrated, as it always did, with the
        same note; a format this code does not know is an input error.
        """
        src = Path(directory)
        try:
            meta = json.loads((src / "meta.json").read_text(encoding="utf-8"))
            arrays = np.load(src / "arrays.npz")
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read a retrieval index from {src}: {exc}") from exc
        version = meta.get("format")
        if version not in (1, FORMAT_VERSION):
            raise InputError(
                f"{src}: retrieval index format {version!r} is not supported (this version reads"
                f" 1 and {FORMAT_VERSION}); rebuild the index"
            )
        self = cls(int(meta["dim"]), config, taxonomy)
        n = len(meta["ids"])
        self._grow(n)
        self._ids = list(meta["ids"])
        self._slot = {i: s for s, i in enumerate(self._ids) if i is not None}
        self._alive[:n] = arrays["alive"]
        self._has_vector[:n] = arrays["has_vector"]
        self._vectors[:n] = arrays["vectors"]
        self._vocab = {t: j for j, t in enumerate(meta["vocab"])}
        bounds = np.concatenate([[0], np.cumsum(arrays["lengths"])])
        indices, tf = arrays["indices"], arrays["tf"]
        self._terms = [(indices[a:b], tf[a:b]) for a, b in itertools.pairwise(bounds)]
        df = np.zeros(len(self._vocab), dtype=np.int64)
        np.add.at(df, indices, 1)
        self._df = df.tolist()
        if "text_length" in arrays:
            self._length[:n] = arrays["text_length"]
        else:  # format 1: recover the counts from the stored 1 + log(count)
            counts = np.rint(np.exp(tf.astype(np.float64) - 1.0))
            owner = np.repeat(np.arange(n), arrays["lengths"])
            self._length[:n] = np.bincount(owner, weights=counts, minlength=n)
        self._skill_slot = {k: j for j, k in enumerate(meta.get("skill_slots", ()))}
        self._load_skills(meta, n)
        self._n_alive = int(self._alive[:n].sum())
        if meta.get("calibration"):
            self._restore_calibration(src, meta["calibration"], n)
        elif version == 1:
            self._uncalibrated_note = (
                "loaded from a format-1 save, which holds no calibration: query-side"
                " corrections only until calibrate() runs"
            )
        self._load_ann(src, meta, n)
        self.compact()
        return self

    def _load_skills(self, meta: Mapping[str, Any], n: int) -> None:
        """Skills, denied skills and their rows (columns as saved, new ones appended)."""
        self._skills = [
            tuple(SkillEntry.from_row(entry) for entry in row) for row in meta["skills"]
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

    def _load_ann(self, src: Path, meta: Mapping[str, Any], n: int) -> None:
        if self._ann is None:
            return
        if meta.get("ann") and (src / "ann.usearch").exists():
            self._ann.load(str(src / "ann.usearch"))
            return
        keys = np.flatnonzero(self._has_vector[:n])  # saved without usearch: build it once now
        if keys.size:
            self._ann.add(
                keys.astype(np.uint64),
                self._vectors[keys].astype(np.float32),
                threads=self.config.threads,
            )


def _calibration_key(config: RetrievalConfig) -> dict[str, Any]:
    """``config`` as JSON values, less the fields a calibration does not depend on."""

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in sorted(value.items())}
        return value

    key = {k: v for k, v in plain(config).items() if k not in _OPERATIONAL}
    return json.loads(json.dumps(key))


def _differences(saved: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """Names of the config fields whose values differ (a field only one side has counts).

    >>> _differences({"seed": 0, "hub_sample": 2048}, {"seed": 1, "hub_sample": 2048})
    ['seed']
    """
    return sorted(k for k in saved.keys() | now.keys() if saved.get(k) != now.get(k))


def _pack_rows(prefix: str, rows: Mapping[int, tuple[np.ndarray, np.ndarray]]) -> dict:
    """Sparse per-slot rows (expansions) as four flat arrays for an npz file."""
    slots = sorted(rows)
    return {
        f"{prefix}_slots": np.asarray(slots, dtype=np.int64),
        f"{prefix}_lengths": np.asarray([rows[s][0].size for s in slots], dtype=np.int64),
        f"{prefix}_indices": (
            np.concatenate([rows[s][0] for s in slots]) if slots else np.zeros(0, np.int64)
        ),
        f"{prefix}_data": (
            np.concatenate([rows[s][1] for s in slots]) if slots else np.zeros(0, np.float32)
        ),
    }


def _unpack_rows(prefix: str, arrays: Any) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """The inverse of :func:`_pack_rows`."""
    bounds = np.concatenate([[0], np.cumsum(arrays[f"{prefix}_lengths"])])
    indices, data = arrays[f"{prefix}_indices"], arrays[f"{prefix}_data"]
    return {
        slot: (indices[a:b].copy(), data[a:b].copy())
        for slot, (a, b) in zip(
            arrays[f"{prefix}_slots"].tolist(), itertools.pairwise(bounds), strict=True
        )
    }


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


@dataclass(frozen=True)
class _Query:
    """A query as stage 2 scores it (possibly expanded): TF-IDF row, unit vector, skill vector
    (requirement weights when the query requires, else its coverage) and expansion weight."""

    lex: sp.csr_matrix
    vec: np.ndarray | None
    skill: np.ndarray
    has_skill: bool
    weight: float


def _fit(vector: np.ndarray, width: int) -> np.ndarray:
    """``vector`` cut or zero-padded to ``width``, as one row (the skill space only grows)."""
    out = np.zeros((1, width), dtype=np.float64)
    n = min(width, vector.shape[0])
    out[0, :n] = vector[:n]
    return out


def _resize(row: sp.csr_matrix, width: int) -> sp.csr_matrix:
    """A 1 x V sparse row widened or cut to ``width`` columns (the vocabulary only grows)."""
    row = sp.csr_matrix(row)
    if row.shape[1] > width:
        return sp.csr_matrix(row[:, :width])
    return sp.csr_matrix((row.data, row.indices, row.indptr), shape=(1, width))


def _doc_feedback(
    tops: Sequence[tuple[np.ndarray, np.ndarray]],
    depth: int,
    minimum: int,
    margin: float | None = None,
) -> dict[int, list[int]]:
    """Competitive feedback sets of indexed items from the calibration sample's top lists.

    ``tops[j]`` are sample item ``j``'s best indexed slots and scores, best first. Item ``i``
    takes the sample items whose best slot is ``i`` (its ``depth`` best), topped up to
    ``minimum`` with the sample items that ranked it highest, of those whose score for ``i`` is
    within ``margin`` of their own best (as ``feedback_selection``).

    >>> tops = [(np.array([0, 1]), np.array([0.9, 0.8])), (np.array([1, 0]), np.array([0.7, 0.6]))]
    >>> _doc_feedback(tops, depth=3, minimum=1)
    {0: [0], 1: [1]}
    >>> _doc_feedback(tops, depth=3, minimum=2), _doc_feedback(tops, 3, 2, margin=0.05)
    ({0: [0, 1], 1: [1, 0]}, {0: [0], 1: [1]})
    """
    owned: dict[int, list[tuple[float, int]]] = {}
    ranked: dict[int, list[tuple[float, int]]] = {}
    for j, (slots, scores) in enumerate(tops):
        if slots.size == 0:
            continue
        owned.setdefault(int(slots[0]), []).append((float(scores[0]), j))
        for slot, score in zip(slots.tolist(), scores.tolist(), strict=True):
            ranked.setdefault(slot, []).append((score, j))
    out: dict[int, list[int]] = {}
    for slot in sorted(ranked):
        chosen = [j for _, j in sorted(owned.get(slot, []), key=lambda t: (-t[0], t[1]))[:depth]]
        if len(chosen) < minimum:
            for score, j in sorted(ranked[slot], key=lambda t: (-t[0], t[1])):
                if len(chosen) >= minimum:
                    break
                if margin is not None and score < float(tops[j][1][0]) - margin:
                    continue
                if j not in chosen:
                    chosen.append(j)
        if chosen:
            out[slot] = chosen
    return out


def _top_mean_per_slot(
    slots: np.ndarray, sims: np.ndarray, k: int, size: int, fraction: float = 1.0
) -> np.ndarray:
    """Per slot, the mean of its ``k`` best ``sims`` (missing ones count 0): CSLS item hubs.

    ``sims`` come from a ``fraction`` of the other side: the population's r-th best is then
    about the sample's ``ceil(r * fraction)``-th best, so with a third of the population the
    estimate of the top 5 reads the sample's ranks 1, 1, 1, 2, 2.

    >>> _top_mean_per_slot(np.array([0, 0, 1]), np.array([0.4, 0.2, 0.6]), 2, 2).round(2).tolist()
    [0.3, 0.3]
    >>> _top_mean_per_slot(np.array([0, 0]), np.array([0.4, 0.2]), 2, 1, 0.5).round(2).tolist()
    [0.4]
    """
    hub = np.zeros(size, dtype=np.float64)
    if slots.size == 0 or k < 1:
        return hub
    order = np.lexsort((-sims, slots))
    slots, sims = slots[order], sims[order]
    rank = np.arange(slots.size) - np.searchsorted(slots, slots, side="left")
    fraction = min(max(fraction, 1e-9), 1.0)
    targets = np.ceil(np.arange(1, k + 1) * fraction - 1e-9).astype(np.int64) - 1
    times = np.bincount(targets, minlength=k)  # how many population ranks each sample rank reads
    keep = rank < k
    np.add.at(hub, slots[keep], times[rank[keep]] * sims[keep])
    return hub / k


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, scores.size)
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    return top[np.argsort(-scores[top], kind="stable")]
