"""Hybrid scoring: skill overlap, lexical and dense similarity, fused into one explainable score.

A match is always between two *sides* (candidates and roles); either side can ask. For every pair
the scorer computes three components, each a similarity in the raw space:

``skills``
    How well one side's skills cover the other side's *requirements* (the requirement side is the
    role side; a generic run guesses it, see ``rank.requirement_side``). Each required skill weighs
    ``importance x rarity``: importance is 1 for a required skill and :data:`NICE_TO_HAVE` for a
    nice-to-have one; rarity is the skill's IDF over every item of both sides, so "Kubernetes"
    counts for more than "Microsoft Office". A requirement is covered by the best skill of the
    other side through taxonomy proximity, so "PyTorch" covers "deep learning" at 0.6. A choice
    ("PyTorch or TensorFlow") is one requirement, covered as well as its best-covered member.
``lexical``
    Cosine of sublinear TF-IDF vectors (:class:`~talentfoundry.matching.lexical.TfidfSpace`).
``dense``
    Cosine of all-MiniLM-L6-v2 sentence embeddings (off, and said so, without the extra).

Three general corrections make raw similarities comparable (none reads any label or category):

1. *Expansion of short texts* (pseudo-relevance feedback, Rocchio): a role that is one line ("PMO")
   has almost no words to match. Each item's lexical and dense vectors, and its skill
   requirements, are moved towards the centroid of its *feedback set* on the other side, with a
   weight ``prf_weight * L / (L + length)`` that is near ``prf_weight`` for a title and near 0
   for a CV. The feedback set is chosen *competitively* (:func:`feedback_selection`): an item
   takes, of the other side's items, those whose own best match it is (up to ``prf_depth``,
   best first), topped up to at least ``prf_min`` with its nearest ones among those that *nearly*
   chose it (within ``prf_borrow_margin`` of their own best match). Plain top-k feedback lets a
   broad role ("Testing") absorb the CVs of a neighbouring, more specific one ("Automation
   Testing") and then win them; competitive selection is one assignment step of seeded k-means
   (the roles are the seeds), so each CV describes the role it is closest to. The margin keeps a
   role that no CV is close to (a population where some roles have no candidates of their own)
   from borrowing CVs that clearly belong to another role, becoming its copy and taking them.
2. *Hubness reduction* (CSLS, Conneau et al. 2018): some items are close to everything (a CV that
   lists every technology; a role called "Engineer"). Each similarity is reduced by half the
   mean of the ``hub_k`` best similarities of each of its two items to the other side.
3. *Normalisation*: each corrected component is standardised over all pairs (z-score) and mapped
   to (0, 1) by the logistic function, so the components share one scale.

The fused score is the weighted mean of the normalised components present for the pair (the skill
component is absent when the requirement side has no recognised skill), so it lies in (0, 1) and
each component's share of it is reported by :mod:`talentfoundry.matching.explain`. It is a
*relative* strength within the population scored together, not a probability.

The global weights :data:`DEFAULT_WEIGHTS` and the few constants of :class:`ScoringConfig` are the
only things tuned (on the development set, see docs/benchmarks/matching.md); nothing is keyed to
any category or corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = [
    "CHOICE_PREFIX",
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "NICE_TO_HAVE",
    "ComponentScores",
    "ScoringConfig",
    "SkillEntry",
    "SkillSpace",
    "choice_columns",
    "choice_members",
    "choice_rarity",
    "csls",
    "expand_requirements",
    "expand_short",
    "feedback_selection",
    "fill_choices",
    "fuse",
    "logistic_normalise",
    "mean_top",
    "prf_weights",
    "requirement_key",
]

COMPONENTS = ("skills", "lexical", "dense")
DEFAULT_WEIGHTS: Mapping[str, float] = {"skills": 0.2, "lexical": 0.6, "dense": 0.2}
NICE_TO_HAVE = 0.5
"""Importance of a nice-to-have skill relative to a required one."""


@dataclass(frozen=True)
class ScoringConfig:
    """The few global knobs of the hybrid (see the module docstring for what each one does)."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    prf_depth: int = 3
    """At most this many items of the other side describe an item in the expansion."""
    prf_min: int = 2
    """At least this many: an item nobody prefers still takes its nearest ones (see below)."""
    prf_borrow_margin: float | None = 0.03
    """The top-up to ``prf_min`` takes only items whose score for this one is within this much
    of their own best match (scores in (0, 1)); None: any nearest item, as before 2026-12-03."""
    prf_competitive: bool = True
    """Pick the feedback set competitively (see :func:`feedback_selection`); False: plain top-k."""
    prf_weight: float = 1.0
    prf_length: float = 20.0
    hub_k: int = 5
    skill_prf: float = 0.5
    """Expansion weight of the skill requirements relative to ``prf_weight`` (0: off)."""
    absent_value: float | None = 0.5
    """Value of a component that does not apply to a pair (see :func:`fuse`)."""
    min_population: int = 3
    """Below this many items on the other side, expansion and hub statistics are skipped."""


@dataclass
class ComponentScores:
    """Per-component matrices (rows: queries, columns: documents), normalised to (0, 1).

    ``available`` maps a component to a boolean matrix (or scalar) saying where it applies.
    """

    values: dict[str, np.ndarray]
    available: dict[str, np.ndarray]
    fused: np.ndarray


def prf_weights(lengths: np.ndarray, config: ScoringConfig) -> np.ndarray:
    """Expansion weight per item: near ``prf_weight`` for a title, near 0 for a long text.

    >>> np.round(prf_weights(np.array([2, 500]), ScoringConfig()), 2).tolist()
    [0.91, 0.04]
    """
    lengths = np.asarray(lengths, dtype=np.float64)
    return config.prf_weight * config.prf_length / (config.prf_length + lengths)


def _row_normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def feedback_selection(
    ranking: np.ndarray,
    depth: int,
    minimum: int = 1,
    *,
    competitive: bool = True,
    rival: np.ndarray | None = None,
    margin: float | None = None,
) -> sp.csr_matrix:
    """Which items of the other side describe each item in the expansion; rows average them.

    ``ranking`` is the (items x other) score matrix. With ``competitive`` (the default), item
    ``i`` takes the other items ``j`` whose best match on this side is ``i``, at most ``depth`` of
    them, best first; then, if it has fewer than ``minimum``, its nearest remaining ones, of
    those whose score for ``i`` is within ``margin`` of their own best (None: any). Without
    it, each item takes its ``depth`` nearest (plain pseudo-relevance feedback). ``rival[j]`` is
    ``j``'s best score against items *not* in ``ranking`` (when one new item is scored against an
    existing population): ``j`` joins ``i`` only if ``i`` beats that too, and its best counts
    in the margin.

    Item 0 is close to both of the first two; the second is closer still to item 1, so it
    describes item 1 only:

    >>> r = np.array([[0.9, 0.8, 0.1], [0.7, 0.85, 0.2]])
    >>> feedback_selection(r, depth=2, minimum=1).toarray().round(2).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]]
    >>> feedback_selection(r, depth=2, competitive=False).toarray().round(2).tolist()
    [[0.5, 0.5, 0.0], [0.5, 0.5, 0.0]]

    Item 2 is nobody's best match. Topped up to two, it borrows the two nearest; with a margin
    of 0.1 only the one that nearly chose it (0.85 against its best 0.9):

    >>> r = np.array([[0.9, 0.9, 0.9], [0.6, 0.1, 0.85]])
    >>> feedback_selection(r, depth=2, minimum=2).toarray().round(2).tolist()[1]
    [0.5, 0.0, 0.5]
    >>> feedback_selection(r, depth=2, minimum=2, margin=0.1).toarray().round(2).tolist()[1]
    [0.0, 0.0, 1.0]
    """
    n, m = ranking.shape
    depth = min(depth, m)
    minimum = min(max(minimum, 0), depth)
    if n == 0 or depth == 0:
        return sp.csr_matrix(ranking.shape, dtype=np.float64)
    if not competitive:
        row = np.repeat(np.arange(n), depth)
        col = _top_columns(ranking, np.arange(n), depth).ravel()
    else:
        # Each column goes to its best row (unless a rival outside ``ranking`` beats it) ...
        owner = ranking.argmax(axis=0)
        score = ranking[owner, np.arange(m)]
        keep = np.ones(m, dtype=bool) if rival is None else score >= rival
        col = np.flatnonzero(keep)
        row, score = owner[keep], score[keep]
        # ... and each row keeps its ``depth`` best columns among those it owns.
        order = np.lexsort((-score, row))
        row, col = row[order], col[order]
        start = np.searchsorted(row, row, side="left")
        first = np.arange(row.size) - start < depth
        row, col = row[first], col[first]
        # Rows with fewer than ``minimum`` are topped up with their nearest other columns, of
        # those that nearly chose them when a margin is set.
        counts = np.bincount(row, minlength=n)
        short = np.flatnonzero(counts < minimum)
        if short.size:
            nearest = _top_columns(ranking, short, depth)
            best = ranking.max(axis=0) if rival is None else np.maximum(ranking.max(axis=0), rival)
            extra_rows, extra_cols = [], []
            taken = set(zip(row.tolist(), col.tolist(), strict=True))
            for i, candidates in zip(short.tolist(), nearest.tolist(), strict=True):
                need = minimum - counts[i]
                for j in candidates:
                    if need == 0:
                        break
                    if margin is not None and ranking[i, j] < best[j] - margin:
                        continue
                    if (i, j) not in taken:
                        extra_rows.append(i)
                        extra_cols.append(j)
                        need -= 1
            row = np.concatenate([row, np.asarray(extra_rows, dtype=row.dtype)])
            col = np.concatenate([col, np.asarray(extra_cols, dtype=col.dtype)])
    counts = np.bincount(row, minlength=n).astype(np.float64)
    values = 1.0 / counts[row] if row.size else np.zeros(0)
    return sp.csr_matrix((values, (row, col)), shape=ranking.shape)


def _top_columns(ranking: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best columns of each of ``rows``, best first (ties: lower column first)."""
    sub = ranking[rows]
    if k < sub.shape[1]:
        part = np.argpartition(-sub, k - 1, axis=1)[:, :k]
    else:
        part = np.tile(np.arange(sub.shape[1]), (sub.shape[0], 1))
    picked = np.take_along_axis(sub, part, axis=1)
    order = np.lexsort((part, -picked), axis=1)
    return np.take_along_axis(part, order, axis=1)


def expand_short(
    vectors: np.ndarray | sp.csr_matrix,
    other: np.ndarray | sp.csr_matrix,
    select: sp.csr_matrix,
    weights: np.ndarray,
) -> np.ndarray | sp.csr_matrix:
    """Rocchio expansion: ``v + w * unit(mean of v's feedback set in other)``, re-normed.

    ``select`` comes from :func:`feedback_selection` (rows: items, columns: ``other``'s items).
    """
    if select.nnz == 0 or not np.any(weights > 0):
        return vectors
    centroid = select @ other
    if sp.issparse(centroid):
        norms = np.sqrt(np.asarray(centroid.multiply(centroid).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        expanded = vectors + sp.diags(weights / norms) @ centroid
        norms = np.sqrt(np.asarray(expanded.multiply(expanded).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ expanded, dtype=np.float32)
    centroid = _row_normalise(np.asarray(centroid))
    return _row_normalise(np.asarray(vectors) + weights[:, None] * centroid).astype(np.float32)


def choice_rarity(key: str, rarity: Mapping[str, float]) -> float:
    """Rarity of a skill id, or of a choice: that of its commonest member (the lowest IDF),
    since a candidate holding any one of them meets it."""
    members = choice_members(key)
    if not members:
        return rarity.get(key, 1.0)
    return min(rarity.get(m, 1.0) for m in members)


def expand_requirements(
    requirement: sp.csr_matrix,
    other_profile: sp.csr_matrix,
    select: sp.csr_matrix,
    weights: np.ndarray,
) -> sp.csr_matrix:
    """Rocchio for skills: add the mean skill profile of each item's feedback set, rows sum to 1.

    A one-line role ("Web Designing") names one skill or none; the CVs that match it best say
    which skills such roles involve (HTML, CSS, Photoshop), each weighted by rarity.
    """
    if select.nnz == 0 or not np.any(weights > 0):
        return requirement
    expanded = requirement + sp.diags(weights) @ (select @ other_profile)
    sums = np.asarray(expanded.sum(axis=1)).ravel()
    sums[sums == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / sums) @ expanded, dtype=np.float32)


def mean_top(matrix: np.ndarray, k: int, axis: int) -> np.ndarray:
    size = matrix.shape[axis]
    k = min(k, size)
    if k == 0:
        return np.zeros(matrix.shape[1 - axis])
    part = -np.partition(-matrix, k - 1, axis=axis)
    top = part[:k] if axis == 0 else part[:, :k]
    return top.mean(axis=axis)


def csls(
    sims: np.ndarray,
    k: int,
    row_hub: np.ndarray | None = None,
    col_hub: np.ndarray | None = None,
) -> np.ndarray:
    """Cross-domain similarity local scaling: ``s - (hub(row) + hub(col)) / 2``.

    ``hub(x)`` is the mean of x's ``k`` best similarities to the other side; pass precomputed hubs
    when scoring a few rows against a population measured earlier.

    >>> s = np.array([[0.9, 0.8], [0.1, 0.7]])
    >>> csls(s, k=1).round(2).tolist()  # column 1 is close to everyone: it is pulled down
    [[0.0, -0.05], [-0.7, -0.05]]
    """
    if row_hub is None:
        row_hub = mean_top(sims, k, axis=1)
    if col_hub is None:
        col_hub = mean_top(sims, k, axis=0)
    return sims - 0.5 * row_hub[:, None] - 0.5 * col_hub[None, :]


def logistic_normalise(values: np.ndarray, mean: float, std: float) -> np.ndarray:
    """Map a score to (0, 1): logistic of its z-score against the population's mean and std."""
    std = std if std > 1e-12 else 1.0
    return 1.0 / (1.0 + np.exp(-(values - mean) / std))


def fuse(
    values: Mapping[str, np.ndarray],
    available: Mapping[str, np.ndarray],
    weights: Mapping[str, float],
    absent: float | None = None,
) -> np.ndarray:
    """Weighted mean of the components for each pair.

    A component absent for a pair (no recognised skill on the requirement side) counts as
    ``absent`` (the population's middle, 0.5, by default in :class:`ScoringConfig`): neither a
    reward nor a penalty. With ``absent=None`` it is left out of the mean instead.
    """
    total: np.ndarray | None = None
    weight_sum: np.ndarray | None = None
    for name, matrix in values.items():
        w = float(weights.get(name, 0.0))
        if w <= 0:
            continue
        mask = np.broadcast_to(np.asarray(available[name], dtype=np.float64), matrix.shape)
        if absent is not None:
            matrix = mask * matrix + (1.0 - mask) * absent
            mask = np.ones_like(mask)
        part = w * mask * matrix
        total = part if total is None else total + part
        weight_sum = w * mask if weight_sum is None else weight_sum + w * mask
    if total is None or weight_sum is None:
        raise ValueError("no scoring component is available")
    safe = np.where(weight_sum > 0, weight_sum, 1.0)
    return np.where(weight_sum > 0, total / safe, 0.0)


@dataclass(frozen=True)
class SkillEntry:
    """One skill of an item: id, display name, evidence text and whether it is required.

    ``alternatives`` holds the sorted ids of a choice the skill is part of ("PyTorch or
    TensorFlow", see :mod:`talentfoundry.matching.alternatives`), itself included; empty for a
    skill asked for on its own. A choice is one requirement, met by the best of its members.
    """

    skill_id: str
    name: str
    evidence: str
    required: bool
    alternatives: tuple[str, ...] = ()

    def to_row(self) -> list[object]:
        """The entry as saved: id, name, evidence, required, and its choice when it is in one."""
        row: list[object] = [self.skill_id, self.name, self.evidence, self.required]
        return [*row, list(self.alternatives)] if self.alternatives else row

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> SkillEntry:
        """The inverse of :meth:`to_row` (a row saved before choices existed has four fields)."""
        choice = tuple(row[4]) if len(row) > 4 else ()
        return cls(row[0], row[1], row[2], bool(row[3]), choice)


CHOICE_PREFIX = "any:"
"""Skill ids of the form ``any:a|b`` stand for a choice of skills ``a`` and ``b``."""


def requirement_key(entry: SkillEntry) -> str:
    """The id a requirement is weighed under: its skill's, or its choice's (``any:a|b``)."""
    if len(entry.alternatives) < 2:
        return entry.skill_id
    return CHOICE_PREFIX + "|".join(entry.alternatives)


def choice_members(skill_id: str) -> tuple[str, ...]:
    """The skills of a choice id (``any:a|b`` -> ``("a", "b")``); empty for a plain skill id."""
    if not skill_id.startswith(CHOICE_PREFIX):
        return ()
    return tuple(skill_id[len(CHOICE_PREFIX) :].split("|"))


def choice_columns(slots: Mapping[str, int]) -> list[tuple[int, list[int]]]:
    """For every choice id among ``slots`` (skill id -> column): its column and its members'."""
    out: list[tuple[int, list[int]]] = []
    for skill_id, column in slots.items():
        members = [slots[m] for m in choice_members(skill_id) if m in slots]
        if members:
            out.append((column, members))
    return out


def fill_choices(
    coverage: sp.csr_matrix, columns: Sequence[tuple[int, list[int]]]
) -> sp.csr_matrix:
    """``coverage`` with each choice's column set to the best coverage of its members.

    Coverage rows are computed from an item's own skills and never hold choice ids; a choice
    that a requirement row names is met as well as its best member is, whatever the order in
    which the two rows were made (so an incremental index needs no recomputation).
    """
    if not columns or coverage.shape[0] == 0:
        return coverage
    by_column = coverage.tocsc()
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for column, members in columns:
        best = by_column[:, members].max(axis=1).toarray().ravel()
        hit = np.flatnonzero(best > 0)
        rows.append(hit)
        cols.append(np.full(hit.size, column))
        vals.append(best[hit])
    if not rows or not sum(r.size for r in rows):
        return coverage
    extra = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=coverage.shape,
        dtype=coverage.dtype,
    )
    return sp.csr_matrix(coverage + extra)


class SkillSpace:
    """Sparse skill vectors: requirement weights and proximity-expanded coverage.

    ``coverage[i, s]`` is how well item ``i`` covers skill ``s`` (1 for a skill it has, the taxonomy
    proximity for a parent, child or close sibling of one); ``requirement[i, s]`` is the importance
    x rarity of skill ``s`` for item ``i``, rows summing to 1. ``requirement @ coverage.T`` is the
    skill component for every pair.
    """

    def __init__(self, taxonomy: object | None) -> None:
        self.taxonomy = taxonomy
        self.index: dict[str, int] = {}
        self._neighbours: dict[str, dict[str, float]] = {}
        # A fixed width keeps matrices built at different times compatible (incremental updates);
        # room for every taxonomy skill plus as many declared names the taxonomy lacks.
        size = len(taxonomy) if hasattr(taxonomy, "__len__") else 0  # type: ignore[arg-type]
        self.width = max(1 << 12, 2 * size + 1)

    def _slot(self, skill_id: str) -> int:
        slot = self.index.get(skill_id)
        if slot is None:
            if len(self.index) >= self.width - 1:
                return self.width - 1  # overflow: unknown names share one last slot
            slot = self.index[skill_id] = len(self.index)
        return slot

    def neighbours(self, skill_id: str) -> dict[str, float]:
        """Skills that having ``skill_id`` partly covers, with the credit (itself: 1.0)."""
        cached = self._neighbours.get(skill_id)
        if cached is not None:
            return cached
        found = {skill_id: 1.0}
        tax = self.taxonomy
        if tax is not None and hasattr(tax, "proximity"):
            related: set[str] = set()
            ancestors = getattr(tax, "ancestors", None)
            if ancestors is not None:
                related.update(ancestors(skill_id))
            narrower = getattr(tax, "narrower", None)
            broader = getattr(tax, "broader", None)
            if narrower is not None:
                related.update(s.id for s in narrower(skill_id))
            if broader is not None and narrower is not None:
                for parent in broader(skill_id):
                    siblings = narrower(parent.id)
                    if len(siblings) <= 12:
                        related.update(s.id for s in siblings)
            for other in related:
                if other == skill_id:
                    continue
                credit = float(tax.proximity(skill_id, other))  # type: ignore[attr-defined]
                if credit > 0:
                    found[other] = credit
        self._neighbours[skill_id] = found
        return found

    def covered(
        self, entries: Sequence[SkillEntry], denied: Iterable[str] = ()
    ) -> dict[str, float]:
        """How well one item covers each skill (skill id -> credit); ``denied`` are skills its
        text says it lacks.

        A denied skill gets no credit through a neighbour: "Python (primary). No experience with
        PyTorch" covers Python, not PyTorch, although Python is PyTorch's neighbour.
        """
        best: dict[str, float] = {}
        for entry in entries:
            for other, credit in self.neighbours(entry.skill_id).items():
                if credit > best.get(other, 0.0):
                    best[other] = credit
        held = {entry.skill_id for entry in entries}
        for skill_id in denied:
            if skill_id not in held:
                best.pop(skill_id, None)
        return best

    def coverage(
        self,
        items: Sequence[Sequence[SkillEntry]],
        denied: Sequence[Iterable[str]] | None = None,
    ) -> sp.csr_matrix:
        """Coverage rows (:meth:`covered` of each item); ``denied[i]`` as there, for item ``i``."""
        rows: list[dict[int, float]] = []
        for i, entries in enumerate(items):
            row: dict[int, float] = {}
            for skill_id, c in self.covered(entries, denied[i] if denied else ()).items():
                slot = self._slot(skill_id)  # overflowing names share a slot: keep the best
                row[slot] = max(c, row.get(slot, 0.0))
            rows.append(row)
        return self._matrix(rows)

    def requirement(
        self, items: Sequence[Sequence[SkillEntry]], rarity: Mapping[str, float]
    ) -> sp.csr_matrix:
        """Requirement rows: importance x rarity, rows summing to 1. A choice ("PyTorch or
        TensorFlow") is one requirement under its choice id (:func:`requirement_key`), as rare
        as its commonest member; :meth:`with_choices` gives coverage rows its column."""
        rows: list[dict[int, float]] = []
        for entries in items:
            weights: dict[int, float] = {}
            for entry in entries:
                key = requirement_key(entry)
                w = (1.0 if entry.required else NICE_TO_HAVE) * choice_rarity(key, rarity)
                slot = self._slot(key)
                weights[slot] = max(weights.get(slot, 0.0), w)
            total = sum(weights.values())
            rows.append({k: v / total for k, v in weights.items()} if total > 0 else {})
        return self._matrix(rows)

    def with_choices(self, coverage: sp.csr_matrix) -> sp.csr_matrix:
        """``coverage`` with a column for every choice a requirement row has named so far."""
        return fill_choices(coverage, choice_columns(self.index))

    def _matrix(self, rows: list[dict[int, float]]) -> sp.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for row in rows:
            indices.extend(row)
            data.extend(row.values())
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.asarray(data, dtype=np.float32), indices, indptr), shape=(len(rows), self.width)
        )

    @staticmethod
    def rarity(items: Iterable[Sequence[SkillEntry]]) -> dict[str, float]:
        """Smoothed IDF of each skill over ``items`` (each item counts a skill once)."""
        df: dict[str, int] = {}
        n = 0
        for entries in items:
            n += 1
            for skill_id in {e.skill_id for e in entries}:
                df[skill_id] = df.get(skill_id, 0) + 1
        return {s: float(np.log((1 + n) / (1 + d)) + 1.0) for s, d in df.items()}
