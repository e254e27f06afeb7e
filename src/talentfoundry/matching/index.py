"""A two-sided, incremental, persisted match index (candidates on one side, roles on the other).

Every item keeps the features that are expensive to compute (term counts, skills with evidence,
its dense embedding); what depends on the whole population (IDF, expansion of short texts, hub
statistics, normalisation, see :mod:`talentfoundry.matching.scoring`) is *derived state*, rebuilt
from those features in one vectorised pass (about a second for 3,000 x 1,000) whenever an item
was added, changed or removed since the last search. So a new CV is searchable by the very next
call, and the index never serves a score computed against a population it no longer holds.

Search is exact: one row of sparse and dense matrix products against the other side (numpy
matmul), then ``argpartition`` for the top ``k``. At the 100k x 10k scale the plan is first-stage
retrieval by an ANN index on the dense vectors plus bm25s, re-scored by this code on the shortlist
(see docs/benchmarks/matching.md).

Persistence: :meth:`MatchIndex.save` writes ``items.json`` (ids, titles, term counts, skills,
skills the text denies or is learning) and one ``dense_<side>.npy`` per side;
:meth:`MatchIndex.load` reads them back without re-encoding. An item's ``not_held`` key is
optional (an index saved before it existed loads with none), so adding it kept
``FORMAT_VERSION`` at 1. :meth:`MatchIndex.identity` names what the stored features depend on
(format, encoder, taxonomy, the extraction code): a caller reuses a saved index only under the
same identity. :meth:`MatchIndex.snapshot` copies the features in milliseconds, so a caller can
save without holding its lock while the files are written.

Deferred dense vectors (``add_many(defer_dense=True)``) do not stop incremental updates: such a
document is patched in with its dense component marked unavailable, and
:meth:`MatchIndex.set_dense` patches its vector in when it arrives (or, when many arrive at
once, leaves one rebuild to the next search).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from talentfoundry.domain.errors import InputError, NotFound
from talentfoundry.matching.dense import Encoder, NullEncoder, get_encoder
from talentfoundry.matching.explain import NotHeldSkill
from talentfoundry.matching.lexical import TfidfSpace, has_terms, term_counts
from talentfoundry.matching.normalize import normalize_text
from talentfoundry.matching.scoring import (
    ComponentScores,
    ScoringConfig,
    SkillEntry,
    SkillSpace,
    csls,
    expand_requirements,
    expand_short,
    feedback_selection,
    fuse,
    logistic_normalise,
    mean_top,
    prf_weights,
)

__all__ = [
    "FORMAT_VERSION",
    "MatchDocument",
    "MatchIndex",
    "Progress",
    "default_taxonomy",
    "extraction_module",
    "skill_entries",
    "text_to_match",
    "top_k",
]

FORMAT_VERSION = 1
Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called while encoding, so a CLI can draw a bar."""


@dataclass(frozen=True)
class MatchDocument:
    """A CV or a role as the engine sees it: plain text, an optional title and listed skills.

    ``role`` says what the text is when the caller knows: True for a role (its text is a job ad,
    whose company blurb and benefits ask for nothing), False for a CV; None to tell from the
    text (:func:`talentfoundry.matching.job_ads.looks_like_job_ad`).
    """

    id: str
    text: str
    title: str | None = None
    skills: tuple[str, ...] = ()
    role: bool | None = None

    @property
    def full_text(self) -> str:
        if self.title and self.title.strip().lower() not in self.text.lower():
            return f"{self.title}\n{self.text}"
        return self.text

    @property
    def is_blank(self) -> bool:
        """No skills listed and no word to match on ("", "...", "the and of"): nothing to score."""
        return not self.skills and not has_terms(self.full_text)


@dataclass
class _Item:
    id: str
    title: str | None
    counts: Counter[str]
    skills: list[SkillEntry]
    pending_text: str | None = None
    """The text to encode while the dense vector is deferred (see ``encode_pending``)."""
    not_held: list[NotHeldSkill] = field(default_factory=list)
    """Skills the text names only to deny or to learn: quoted when a requirement is missing."""

    @property
    def length(self) -> int:
        return sum(self.counts.values())


@dataclass
class _Side:
    items: list[_Item] = field(default_factory=list)
    dense: list[np.ndarray] = field(default_factory=list)
    position: dict[str, int] = field(default_factory=dict)

    def reindex(self) -> None:
        self.position = {item.id: i for i, item in enumerate(self.items)}


_NICE_TO_HAVE = re.compile(
    r"\b(nice|plus|bonus|preferred|preferably|desirable|optional|advantage|advantageous|ideally)\b",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")


def _clause(evidence: str, surface: str) -> str:
    """The sentence of ``evidence`` that names ``surface`` ("Docker is a plus." in a longer line).

    >>> _clause("Required: Python, Kubernetes. Docker is a plus.", "Docker")
    'Docker is a plus.'
    """
    at = evidence.lower().find(surface.lower()) if surface else -1
    if at < 0:
        return evidence
    start = max((m.end() for m in _SENTENCE_END.finditer(evidence, 0, at)), default=0)
    stop = _SENTENCE_END.search(evidence, at + len(surface))
    return evidence[start : stop.end() if stop else len(evidence)]


def extraction_module() -> Any:
    try:
        from talentfoundry.matching import skills
    except ImportError:  # the extraction half of the engine is missing: skills are off
        return None
    return skills


def skill_entries(doc: MatchDocument, taxonomy: Any) -> tuple[list[SkillEntry], list[NotHeldSkill]]:
    """Skills of a document: those it lists (required) plus those its text holds; and the skills
    its text names only to deny or learn ("No experience with Java", "willing to learn Rust").

    A text mention is a nice-to-have when its evidence line says so ("a plus", "preferred",
    "nice to have"), when it is listed under such a heading, or when the document lists its
    skills; otherwise it is required. Declared
    skills the taxonomy does not know keep their own name and match by name. A skill the
    document lists is held, whatever its text says, so it is never in the second list. A choice
    ("PyTorch or TensorFlow", listed or in the text) marks its skills' ``alternatives``.
    """
    module = extraction_module()
    if module is None or taxonomy is None:
        return [], []
    entries: dict[str, SkillEntry] = {}
    for mention in module.skills_from_list(list(doc.skills), taxonomy):
        skill_id = mention.skill_id or f"name:{mention.name.strip().lower()}"
        entries[skill_id] = SkillEntry(
            skill_id, mention.name, mention.evidence or mention.name, True, mention.alternatives
        )
    explicit = bool(entries)  # a listed requirement set is authoritative
    listed = frozenset(k for k, e in entries.items() if not e.alternatives)
    reading = module.read_skills(doc.full_text, taxonomy, job_ad=doc.role)
    for mention in reading.held:
        if mention.skill_id is None or mention.skill_id in entries:
            continue
        # Prose also names the sector's vocabulary ("data protection law"): when the document
        # lists its skills, what only its prose names is a nice-to-have, never a requirement.
        required = (
            not explicit
            and mention.skill_id not in reading.optional
            and not _NICE_TO_HAVE.search(_clause(mention.evidence or "", mention.surface))
        )
        entries[mention.skill_id] = SkillEntry(
            mention.skill_id,
            mention.name,
            mention.evidence,
            required,
            # A choice whose member is also listed is met by the listed skill: none then.
            _choice(reading.alternatives.get(mention.skill_id, ()), listed),
        )
    # Quote the sentence that denies the skill, not the whole line around it.
    not_held = [
        NotHeldSkill(m.name, m.skill_id, m.stance, _clause(m.evidence or "", m.surface).strip())
        for m in reading.not_held
        if m.skill_id is not None and m.skill_id not in entries
    ]
    return list(entries.values()), not_held


DENIAL_MAX_CHARS = 200
"""A denial longer than this is a run-on line (a CV pasted without stops): kept whole."""


def text_to_match(
    doc: MatchDocument,
    skills: Sequence[SkillEntry],
    not_held: Sequence[NotHeldSkill],
    taxonomy: Any = None,
) -> str:
    """The text that lexical and dense similarity read: the document without the sentences
    that only deny or aspire to skills ("I have no experience with Python or pandas, but I am
    keen to learn"). Their words are not evidence of the skills they name; counted, they let a
    CV that denies a role's skills outrank one that has them.

    A sentence that is where the text shows a skill it holds is kept ("No Java, but 5 years of
    Python", when that is the CV's Python), and so is one longer than :data:`DENIAL_MAX_CHARS` (a
    run-on line). The sentences are found
    in the normalised text, where extraction found them; the text is read again only for a
    document that denies something (about 1 in 100 CVs), so the others cost nothing.
    """
    if not any(said.denies and said.evidence for said in not_held):
        return doc.full_text
    module = extraction_module()
    if module is None or taxonomy is None:
        return doc.full_text
    text = normalize_text(doc.full_text)
    reading = module.read_skills(text, taxonomy, sections=[], job_ad=doc.role)
    held = sorted(m.start for m in reading.held if m.start >= 0)
    cuts: list[tuple[int, int]] = []
    for said in not_held:
        clause = said.evidence
        if not said.denies or not clause or len(clause) > DENIAL_MAX_CHARS:
            continue
        at = text.find(clause)
        if at < 0:
            continue
        if bisect_left(held, at) < len(held) and held[bisect_left(held, at)] < at + len(clause):
            continue  # the sentence also holds a skill
        cuts.append((at, at + len(clause)))
    merged: list[tuple[int, int]] = []  # one sentence often denies several skills
    for start, end in sorted(cuts):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    for start, end in reversed(merged):
        text = text[:start] + " " + text[end:]
    return text


def _choice(members: tuple[str, ...], listed: frozenset[str]) -> tuple[str, ...]:
    """The choice a prose skill is part of, unless the document lists one of its members on its
    own (then the listed skill is required, and meets the choice)."""
    return () if any(m in listed for m in members) else members


def _denied(item: _Item) -> list[str]:
    """Skill ids the item's text denies or is learning: no credit for them (see coverage)."""
    return [s.skill_id for s in item.not_held if s.skill_id and s.denies]


_FEATURE_MODULES = (
    "index",
    "lexical",
    "skills",
    "alternatives",
    "negation",
    "employer",
    "job_ads",
    "sections",
    "normalize",
    "taxonomy",
    "dense",
)
"""Modules whose code decides what an item stores (term counts, skills, vectors)."""


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _FEATURE_MODULES:
        path = here / f"{name}.py"
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _taxonomy_fingerprint(taxonomy: Any) -> str:
    """A digest of the taxonomy's skills and occupations (kept in its cache: about 25 ms)."""
    if taxonomy is None:
        return "none"
    cache = getattr(taxonomy, "cache", None)
    if isinstance(cache, dict) and "fingerprint" in cache:
        return str(cache["fingerprint"])
    digest = hashlib.sha256()
    for skill in taxonomy:
        digest.update(repr(skill).encode())
    digest.update(repr(getattr(taxonomy, "occupations", ())).encode())
    fingerprint = digest.hexdigest()[:16]
    if isinstance(cache, dict):
        cache["fingerprint"] = fingerprint
    return fingerprint


def default_taxonomy() -> Any:
    try:
        from talentfoundry.matching.taxonomy import load_taxonomy
    except ImportError:  # pragma: no cover
        return None
    return load_taxonomy()


@dataclass
class _Derived:
    """Population-level state for scoring side ``a`` rows against side ``b`` columns."""

    lexical: tuple[sp.csr_matrix, sp.csr_matrix]
    dense: tuple[np.ndarray, np.ndarray] | None
    req: tuple[sp.csr_matrix, sp.csr_matrix]
    cov: tuple[sp.csr_matrix, sp.csr_matrix]
    has_req: tuple[np.ndarray, np.ndarray]
    hubs: dict[str, tuple[np.ndarray, np.ndarray]]
    norms: dict[str, tuple[float, float]]
    scores: ComponentScores
    # What incremental updates need to score a new item against the population as built.
    space: TfidfSpace | None = None
    skill_space: SkillSpace | None = None
    rarity: dict[str, float] = field(default_factory=dict)
    base_lexical: tuple[sp.csr_matrix, sp.csr_matrix] | None = None
    base_dense: tuple[np.ndarray, np.ndarray] | None = None
    profile: tuple[sp.csr_matrix, sp.csr_matrix] | None = None
    changes: int = 0


class MatchIndex:
    """Candidates (side ``"a"``) and roles (side ``"b"``); either side searches the other.

    ``requirements`` names the side whose skills are requirements (the role side, ``"b"``, by
    default). Side names are fixed (``"a"``, ``"b"``) so the index stays generic: the product maps
    candidates to ``a`` and roles to ``b``.
    """

    SIDES = ("a", "b")

    def __init__(
        self,
        *,
        encoder: Encoder | None = None,
        config: ScoringConfig | None = None,
        taxonomy: Any = None,
        requirements: str = "b",
    ) -> None:
        if requirements not in self.SIDES:
            raise InputError("requirements must name side 'a' or 'b'")
        self.encoder = encoder if encoder is not None else get_encoder()
        self.config = config or ScoringConfig()
        self.taxonomy = taxonomy if taxonomy is not None else default_taxonomy()
        self.requirements = requirements
        self._sides = {"a": _Side(), "b": _Side()}
        self._derived: _Derived | None = None
        self._skills_on = self.taxonomy is not None and extraction_module() is not None

    # --- content ------------------------------------------------------------------------------
    @property
    def warnings(self) -> list[str]:
        """Sentences to show next to the scores (e.g. that the dense component is off)."""
        notes = []
        if not self.encoder.available and self.encoder.note:
            notes.append(self.encoder.note)
        if not self._skills_on:
            notes.append("skill extraction is not available; the skill-overlap component is off")
        pending = self.pending_dense() if self.encoder.available else 0
        if pending:
            notes.append(
                f"dense embeddings for {pending} document(s) are still being computed; their "
                "scores use lexical and skill evidence until then"
            )
        return notes

    def identity(self) -> dict[str, Any]:
        """What the stored features of this index depend on: the file format, the encoder, the
        taxonomy and the code that extracts terms, skills and vectors. A saved index is worth
        loading only into an index with the same identity (see the product's persistence)."""
        return {
            "format": FORMAT_VERSION,
            "encoder": self.encoder.name if self.encoder.available else "none",
            "dim": self.encoder.dim if self.encoder.available else 0,
            "requirements": self.requirements,
            "skills": self._skills_on,
            "taxonomy": _taxonomy_fingerprint(self.taxonomy) if self._skills_on else "none",
            "code": _code_fingerprint(),
        }

    @property
    def components(self) -> list[str]:
        names = ["lexical"]
        if self._skills_on:
            names.insert(0, "skills")
        if self.encoder.available:
            names.append("dense")
        return names

    def ids(self, side: str) -> list[str]:
        return [item.id for item in self._side(side).items]

    def __len__(self) -> int:
        return sum(len(s.items) for s in self._sides.values())

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        side, doc_id = key
        return side in self._sides and doc_id in self._sides[side].position

    def _side(self, side: str) -> _Side:
        try:
            return self._sides[side]
        except KeyError:
            raise InputError(f"unknown side {side!r}: use 'a' or 'b'") from None

    def add_many(
        self,
        side: str,
        docs: Sequence[MatchDocument],
        *,
        progress: Progress | None = None,
        defer_dense: bool = False,
    ) -> None:
        """Add or replace documents (by id) on one side; encodes them in batches.

        ``defer_dense`` leaves the (slow, on CPU) dense encoding for :meth:`encode_pending`, run
        in the background: the documents are searchable at once on lexical and skill evidence,
        and the dense component joins for them when their vectors exist.
        """
        target = self._side(side)
        seen: set[str] = set()
        for doc in docs:
            if not doc.id:
                raise InputError("every document needs a non-empty id")
            if doc.id in seen:
                raise InputError(f"duplicate id {doc.id!r}")
            seen.add(doc.id)
        items = []
        texts = []
        for doc in docs:
            skills, not_held = skill_entries(doc, self.taxonomy)
            texts.append(text_to_match(doc, skills, not_held, self.taxonomy))
            items.append(
                _Item(doc.id, doc.title, term_counts(texts[-1]), skills, not_held=not_held)
            )
        if defer_dense and self.encoder.available:
            vectors = [np.zeros(0, dtype=np.float32) for _ in docs]
            for item, text in zip(items, texts, strict=True):
                item.pending_text = text
        else:
            vectors = self._encode(texts, progress, f"encoding side {side}")
        # A deferred document is patched in too: scored on words and skills, its dense
        # component marked unavailable (neutral) until :meth:`set_dense` hands its vector.
        incremental = self._derived is not None and self._can_patch(len(items))
        for item, vector in zip(items, vectors, strict=True):
            existing = target.position.get(item.id)
            if existing is None:
                existing = target.position[item.id] = len(target.items)
                target.items.append(item)
                target.dense.append(vector)
            else:
                target.items[existing] = item
                target.dense[existing] = vector
            if incremental:
                self._patch(side, existing, item, vector)
        if not incremental:
            self._derived = None

    def add(self, side: str, doc: MatchDocument) -> None:
        """Add or update one document; it is searchable by the next call."""
        self.add_many(side, [doc])

    def remove(self, side: str, doc_id: str) -> None:
        target = self._side(side)
        position = target.position.get(doc_id)
        if position is None:
            raise NotFound(f"no document {doc_id!r} on side {side!r}")
        del target.items[position]
        del target.dense[position]
        target.reindex()
        if self._derived is not None and self._can_patch(1) and target.items:
            self._unpatch(side, position)
        else:
            self._derived = None

    # --- incremental updates ------------------------------------------------------------------
    # A change is applied to the derived state at once: the item is scored against the other
    # side with the population statistics (IDF, expansions, hubs, normalisation) as last built,
    # and its row (side a) or column (side b) is put in place. Those statistics drift as items
    # come and go, so after ``REBUILD_AFTER`` of the population has changed the next search
    # rebuilds them from scratch (the product also does it in the background).
    REBUILD_AFTER = 0.05
    PATCH_FROM = 200

    def _can_patch(self, n_changes: int) -> bool:
        state = self._derived
        if state is None or state.space is None:
            return False
        if len(self) < self.PATCH_FROM:
            return False  # a small index rebuilds in milliseconds, and exactly
        return state.changes + n_changes <= self.REBUILD_AFTER * len(self)

    def _patch(self, side: str, position: int, item: _Item, vector: np.ndarray) -> None:
        state = self._derived
        assert state is not None and state.space is not None and state.skill_space is not None
        cfg = self.config
        this, other = (0, 1) if side == "a" else (1, 0)
        space, skills = state.space, state.skill_space
        x = space.transform([item.counts])
        d = None
        if state.dense is not None:
            # A deferred vector counts as zeros, as a rebuild counts it (``_dense_matrix``);
            # its pairs are marked unavailable, so the dense component stays neutral for them.
            dim = state.dense[other].shape[1]
            d = (vector if vector.shape[0] == dim else np.zeros(dim, np.float32))[None, :]
            d = d.astype(np.float32)
        other_side = "b" if side == "a" else "a"
        ready = self._dense_ready(other_side) & (item.pending_text is None)
        dense_avail = np.ones(1, dtype=bool) if ready.all() else ready
        cov = skills.coverage([item.skills], [_denied(item)])
        req = skills.requirement([item.skills], state.rarity)
        has_req = np.asarray([bool(item.skills)])
        base_x, base_d, base_req = x, d, req

        def rows(
            x: sp.csr_matrix, d: np.ndarray | None, req: sp.csr_matrix
        ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
            raw: dict[str, np.ndarray] = {
                "lexical": np.asarray((x @ state.lexical[other].T).todense()).ravel()
            }
            avail: dict[str, np.ndarray] = {"lexical": np.ones(1, dtype=bool)}
            if d is not None and state.dense is not None and state.dense[other].shape[1]:
                raw["dense"] = (d.astype(np.float64) @ state.dense[other].T.astype(np.float64))[0]
                avail["dense"] = dense_avail
            if self._skills_on:
                if self.requirements == side:
                    cov_other = skills.with_choices(state.cov[other])
                    raw["skills"] = np.asarray((req @ cov_other.T).todense()).ravel()
                    avail["skills"] = np.broadcast_to(
                        np.asarray(req.sum()) > 0, raw["skills"].shape
                    )
                else:
                    covered = skills.with_choices(cov)
                    raw["skills"] = np.asarray((covered @ state.req[other].T).todense()).ravel()
                    avail["skills"] = state.has_req[other]
            values, hubs = {}, {}
            for name, sims in raw.items():
                hubs[name] = mean_top(sims[None, :], cfg.hub_k, 1)
                adjusted = sims - 0.5 * hubs[name][0] - 0.5 * state.hubs[name][other]
                mean, std = state.norms[name]
                values[name] = logistic_normalise(adjusted, mean, std)
            return values, {"avail": avail, "hubs": hubs}  # type: ignore[dict-item]

        values, extra = rows(x, d, req)
        fused = fuse(
            {k: v[None, :] for k, v in values.items()},
            {k: np.asarray(v)[None, :] if np.ndim(v) else v for k, v in extra["avail"].items()},
            cfg.weights,
            cfg.absent_value,
        )[0]
        weight = prf_weights(np.asarray([item.length]), cfg)
        if cfg.prf_weight > 0 and weight[0] > 0:
            # Competitive selection against the population as it stands: an item of the other
            # side joins this one's feedback set only if this one beats its current best match.
            others = state.scores.fused
            if position < others.shape[this]:  # a replaced item does not compete with itself
                others = np.delete(others, position, axis=this)
            rival = others.max(axis=this) if others.shape[this] else None
            select = feedback_selection(
                fused[None, :],
                cfg.prf_depth,
                cfg.prf_min,
                competitive=cfg.prf_competitive,
                rival=rival,
                margin=cfg.prf_borrow_margin,
            )
            x = expand_short(x, state.base_lexical[other], select, weight)
            if d is not None and state.base_dense is not None and d.shape[1]:
                d = expand_short(d, state.base_dense[other], select, weight)
            if self._skills_on and cfg.skill_prf > 0 and state.profile is not None:
                req = expand_requirements(req, state.profile[other], select, cfg.skill_prf * weight)
                has_req = np.asarray(req.sum(axis=1)).ravel() > 0
            values, extra = rows(x, d, req)
        # Put the new vectors and statistics in place.
        if state.base_lexical is not None:
            state.base_lexical = _replace(state.base_lexical, this, position, base_x)
        if state.base_dense is not None and base_d is not None:
            state.base_dense = _replace(state.base_dense, this, position, base_d)
        if state.profile is not None:
            state.profile = _replace(state.profile, this, position, base_req)
        state.lexical = _replace(state.lexical, this, position, x)
        if state.dense is not None and d is not None:
            state.dense = _replace(state.dense, this, position, d)
        state.req = _replace(state.req, this, position, req)
        state.cov = _replace(state.cov, this, position, cov)
        state.has_req = _replace(state.has_req, this, position, has_req)
        for name in values:
            state.hubs[name] = _replace(state.hubs[name], this, position, extra["hubs"][name])
        scores = state.scores
        for name, row in values.items():
            scores.values[name] = _put_line(scores.values[name], this, position, row)
        scores.available = self._availability(state, scores.values)
        scores.fused = fuse(scores.values, scores.available, cfg.weights, cfg.absent_value)
        state.changes += 1

    def _unpatch(self, side: str, position: int) -> None:
        state = self._derived
        assert state is not None
        this = 0 if side == "a" else 1
        state.lexical = _drop(state.lexical, this, position)
        if state.dense is not None:
            state.dense = _drop(state.dense, this, position)
        if state.base_lexical is not None:
            state.base_lexical = _drop(state.base_lexical, this, position)
        if state.base_dense is not None:
            state.base_dense = _drop(state.base_dense, this, position)
        if state.profile is not None:
            state.profile = _drop(state.profile, this, position)
        state.req = _drop(state.req, this, position)
        state.cov = _drop(state.cov, this, position)
        state.has_req = _drop(state.has_req, this, position)
        for name in list(state.hubs):
            state.hubs[name] = _drop(state.hubs[name], this, position)
        scores = state.scores
        for name in list(scores.values):
            scores.values[name] = np.delete(scores.values[name], position, axis=this)
        scores.available = self._availability(state, scores.values)
        scores.fused = np.delete(scores.fused, position, axis=this)
        state.changes += 1

    def _availability(
        self, state: _Derived, values: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        avail: dict[str, np.ndarray] = {}
        ready_a, ready_b = self._dense_ready("a"), self._dense_ready("b")
        for name, matrix in values.items():
            if name == "dense" and not (ready_a.all() and ready_b.all()):
                avail[name] = ready_a[:, None] & ready_b[None, :]  # as ``_raw`` marks them
            elif name != "skills":
                avail[name] = np.ones(1, dtype=bool)
            elif self.requirements == "b":
                avail[name] = np.broadcast_to(state.has_req[1][None, :], matrix.shape)
            else:
                avail[name] = np.broadcast_to(state.has_req[0][:, None], matrix.shape)
        return avail

    def _encode(self, texts: list[str], progress: Progress | None, stage: str) -> list[np.ndarray]:
        if not self.encoder.available:
            return [np.zeros(0, dtype=np.float32) for _ in texts]
        out: list[np.ndarray] = []
        batch = 64
        for start in range(0, len(texts), batch):
            out.extend(self.encoder.encode(texts[start : start + batch]))
            if progress is not None:
                progress(stage, min(start + batch, len(texts)), len(texts))
        return out

    # --- derived state ------------------------------------------------------------------------
    def _dense_matrix(self, side: str) -> np.ndarray:
        rows = self._sides[side].dense
        if not rows or not self.encoder.available:
            return np.zeros((len(rows), 0), dtype=np.float32)
        dim = self.encoder.dim
        zero = np.zeros(dim, dtype=np.float32)
        return np.vstack([r if r.shape[0] == dim else zero for r in rows]).astype(np.float32)

    def _dense_ready(self, side: str) -> np.ndarray:
        return np.asarray([it.pending_text is None for it in self._sides[side].items], dtype=bool)

    def pending_dense(self) -> int:
        """How many documents still wait for their dense vector."""
        return sum(
            1 for side in self._sides.values() for it in side.items if it.pending_text is not None
        )

    def pending_dense_texts(self) -> dict[tuple[str, str], str]:
        """``{(side, id): text}`` of the documents waiting for their dense vector: what a caller
        encodes (outside any lock, it is the slow part) and hands back with :meth:`set_dense`."""
        return {
            (name, it.id): it.pending_text
            for name, side in self._sides.items()
            for it in side.items
            if it.pending_text is not None
        }

    def set_dense(
        self,
        side: str,
        vectors: Mapping[str, np.ndarray],
        *,
        texts: Mapping[str, str] | None = None,
    ) -> int:
        """Give documents of ``side`` their dense vectors (``{id: vector}``); returns how many
        were taken.

        The scores are patched for them at once when few enough changed since the last build
        (see ``_can_patch``), else rebuilt by the next search. An id no longer in the index is
        skipped. With ``texts`` (``{id: the text that was encoded}``), a vector is taken only if
        its document still waits for that very text: one edited while its old text was being
        encoded keeps waiting for the vector of its new text.
        """
        target = self._side(side)
        dim = self.encoder.dim if self.encoder.available else 0
        taken: list[tuple[int, _Item, np.ndarray]] = []
        for doc_id, vector in vectors.items():
            position = target.position.get(doc_id)
            if position is None:
                continue
            item = target.items[position]
            if texts is not None and item.pending_text != texts.get(doc_id):
                continue
            row = np.asarray(vector, dtype=np.float32).reshape(-1)
            if row.shape[0] != dim:
                raise InputError(f"a dense vector for {doc_id!r} needs {dim} numbers")
            taken.append((position, item, row))
        if not taken:
            return 0
        incremental = self._derived is not None and self._can_patch(len(taken))
        for position, item, row in taken:
            target.dense[position] = row
            item.pending_text = None
            if incremental:
                self._patch(side, position, item, row)
        if not incremental:
            self._derived = None
        return len(taken)

    def encode_pending(self, *, batch: int = 64, progress: Progress | None = None) -> int:
        """Encode deferred documents now (the product does it in the background, see
        :meth:`set_dense`); returns how many."""
        todo = list(self.pending_dense_texts().items())
        found: dict[str, dict[str, np.ndarray]] = {name: {} for name in self.SIDES}
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            vectors = self.encoder.encode([text for _, text in chunk])
            for ((name, doc_id), _), vector in zip(chunk, vectors, strict=True):
                found[name][doc_id] = vector
            if progress is not None:
                progress("encoding (dense)", min(start + batch, len(todo)), len(todo))
        # Handed over together, so that many vectors cost one rebuild, not many patches.
        return sum(self.set_dense(name, found[name]) for name in self.SIDES if found[name])

    def refresh(self) -> None:
        """Rebuild the population-level state now (searches do it on demand)."""
        self._derived = self._build()

    def _state(self) -> _Derived:
        if self._derived is None:
            self._derived = self._build()
        return self._derived

    def _build(self) -> _Derived:
        a, b = self._sides["a"], self._sides["b"]
        if not a.items or not b.items:
            raise InputError("both sides of the index need at least one document to match")
        cfg = self.config
        space = TfidfSpace.fit(item.counts for item in [*a.items, *b.items])
        lex = (
            space.transform([i.counts for i in a.items]),
            space.transform([i.counts for i in b.items]),
        )
        dense = None
        if self.encoder.available:
            dense = (self._dense_matrix("a"), self._dense_matrix("b"))
        skills = SkillSpace(self.taxonomy)
        all_skills = [i.skills for i in a.items] + [i.skills for i in b.items]
        rarity = SkillSpace.rarity(all_skills)
        req = (
            skills.requirement([i.skills for i in a.items], rarity),
            skills.requirement([i.skills for i in b.items], rarity),
        )
        cov = (
            skills.coverage([i.skills for i in a.items], [_denied(i) for i in a.items]),
            skills.coverage([i.skills for i in b.items], [_denied(i) for i in b.items]),
        )
        has_req = (
            np.asarray([bool(i.skills) for i in a.items]),
            np.asarray([bool(i.skills) for i in b.items]),
        )
        lengths = (
            np.asarray([i.length for i in a.items]),
            np.asarray([i.length for i in b.items]),
        )
        state = _Derived(
            lex, dense, req, cov, has_req, {}, {}, ComponentScores({}, {}, np.zeros(0))
        )
        state.space, state.skill_space, state.rarity = space, skills, rarity
        state.base_lexical, state.base_dense = lex, dense
        state.profile = (
            skills.requirement([i.skills for i in a.items], rarity),
            skills.requirement([i.skills for i in b.items], rarity),
        )
        population = min(len(a.items), len(b.items))
        # Pass 1: raw scores, to find each item's best matches for the expansion.
        first = self._score(state, None, None, fit=True)
        if population >= cfg.min_population and cfg.prf_weight > 0:
            wa, wb = prf_weights(lengths[0], cfg), prf_weights(lengths[1], cfg)
            ranking = first.fused
            pick = {"competitive": cfg.prf_competitive, "margin": cfg.prf_borrow_margin}
            sel_a = feedback_selection(ranking, cfg.prf_depth, cfg.prf_min, **pick)
            sel_b = feedback_selection(ranking.T, cfg.prf_depth, cfg.prf_min, **pick)
            state.lexical = (  # type: ignore[assignment]
                expand_short(lex[0], lex[1], sel_a, wa),
                expand_short(lex[1], lex[0], sel_b, wb),
            )
            if self._skills_on and cfg.skill_prf > 0:
                profile = state.profile
                k = cfg.skill_prf
                state.req = (
                    expand_requirements(req[0], profile[1], sel_a, k * wa),
                    expand_requirements(req[1], profile[0], sel_b, k * wb),
                )
                state.has_req = tuple(  # type: ignore[assignment]
                    np.asarray(m.sum(axis=1)).ravel() > 0 for m in state.req
                )
            if dense is not None and dense[0].shape[1]:
                state.dense = (
                    expand_short(dense[0], dense[1], sel_a, wa),  # type: ignore[arg-type]
                    expand_short(dense[1], dense[0], sel_b, wb),  # type: ignore[arg-type]
                )
        # Pass 2: final hub statistics and normalisation over the whole population.
        state.scores = self._score(state, None, None, fit=True)
        return state

    def _raw(
        self, state: _Derived, rows: np.ndarray | None, cols: np.ndarray | None
    ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        def pick(m: Any, idx: np.ndarray | None) -> Any:
            return m if idx is None else m[idx]

        raw: dict[str, np.ndarray] = {}
        avail: dict[str, np.ndarray] = {}
        la, lb = pick(state.lexical[0], rows), pick(state.lexical[1], cols)
        raw["lexical"] = np.asarray((la @ lb.T).todense(), dtype=np.float64)
        avail["lexical"] = np.ones(1, dtype=bool)
        if state.dense is not None and state.dense[0].shape[1]:
            raw["dense"] = pick(state.dense[0], rows).astype(np.float64) @ pick(
                state.dense[1], cols
            ).T.astype(np.float64)
            ready_a, ready_b = self._dense_ready("a"), self._dense_ready("b")
            if ready_a.all() and ready_b.all():
                avail["dense"] = np.ones(1, dtype=bool)
            else:  # deferred vectors: the dense component waits for them (neutral meanwhile)
                avail["dense"] = pick(ready_a, rows)[:, None] & pick(ready_b, cols)[None, :]
        if self._skills_on:
            assert state.skill_space is not None
            fill = state.skill_space.with_choices
            if self.requirements == "b":
                req, cov = pick(state.req[1], cols), fill(pick(state.cov[0], rows))
                raw["skills"] = np.asarray((cov @ req.T).todense(), dtype=np.float64)
                avail["skills"] = np.broadcast_to(
                    pick(state.has_req[1], cols)[None, :], raw["skills"].shape
                )
            else:
                req, cov = pick(state.req[0], rows), fill(pick(state.cov[1], cols))
                raw["skills"] = np.asarray((req @ cov.T).todense(), dtype=np.float64)
                avail["skills"] = np.broadcast_to(
                    pick(state.has_req[0], rows)[:, None], raw["skills"].shape
                )
        return raw, avail

    def _score(
        self, state: _Derived, rows: np.ndarray | None, cols: np.ndarray | None, *, fit: bool
    ) -> ComponentScores:
        """Components for ``rows`` (side a) x ``cols`` (side b), normalised; ``fit`` re-measures."""
        cfg = self.config
        raw, avail = self._raw(state, rows, cols)
        values: dict[str, np.ndarray] = {}
        population = min(raw["lexical"].shape) if fit else cfg.min_population
        for name, sims in raw.items():
            if fit:
                if population >= cfg.min_population:
                    hubs = (mean_top(sims, cfg.hub_k, 1), mean_top(sims, cfg.hub_k, 0))
                else:
                    hubs = (np.zeros(sims.shape[0]), np.zeros(sims.shape[1]))
                state.hubs[name] = hubs
            ha, hb = state.hubs[name]
            adjusted = csls(
                sims, cfg.hub_k, ha if rows is None else ha[rows], hb if cols is None else hb[cols]
            )
            if fit:
                mask = np.broadcast_to(avail[name], adjusted.shape)
                sample = adjusted[mask] if mask.any() else adjusted.ravel()
                state.norms[name] = (float(sample.mean()), float(sample.std()))
            mean, std = state.norms[name]
            values[name] = logistic_normalise(adjusted, mean, std)
        fused = fuse(values, avail, cfg.weights, cfg.absent_value)
        return ComponentScores(values, avail, fused)

    # --- search -------------------------------------------------------------------------------
    def scores(
        self, side: str, ids: Sequence[str] | None = None
    ) -> tuple[list[str], ComponentScores]:
        """Component scores of items of ``side`` (all, or ``ids``) against the other side.

        Rows follow ``ids``; columns follow :meth:`ids` of the other side.
        """
        state = self._state()
        target = self._side(side)
        if ids is None:
            idx = np.arange(len(target.items))
        else:
            missing = [i for i in ids if i not in target.position]
            if missing:
                raise NotFound(f"no document {missing[0]!r} on side {side!r}")
            idx = np.asarray([target.position[i] for i in ids], dtype=np.int64)
        full = state.scores
        if side == "a":
            values = {k: v[idx] for k, v in full.values.items()}
            avail = {k: _rows(v, idx) for k, v in full.available.items()}
            fused = full.fused[idx]
        else:
            values = {k: v.T[idx] for k, v in full.values.items()}
            avail = {k: _rows(np.asarray(v).T, idx) for k, v in full.available.items()}
            fused = full.fused.T[idx]
        other = "b" if side == "a" else "a"
        return self.ids(other), ComponentScores(values, avail, fused)

    def search(self, side: str, doc_id: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` best items of the other side for item ``doc_id`` of ``side``, best first."""
        if k < 1:
            raise InputError("k must be at least 1")
        other_ids, scores = self.scores(side, [doc_id])
        row = scores.fused[0]
        top = top_k(row, k)
        return [(other_ids[j], float(row[j])) for j in top]

    def skills_of(self, side: str, doc_id: str) -> list[SkillEntry]:
        target = self._side(side)
        return list(target.items[target.position[doc_id]].skills)

    def without_evidence(self, side: str) -> set[str]:
        """Ids of the items of ``side`` with no skill, no word in common with any item of the
        other side ("xqzv blorp") and, dense embeddings being off, no vector: every score they
        get is the same default, so a caller shows a message instead of percentages. (With
        embeddings on, "ML internship" vs "PyTorch" shares no word but is still evidence.)"""
        if self.encoder.available:
            return set()
        other_side = "b" if side == "a" else "a"
        other = set().union(*(item.counts for item in self._side(other_side).items))
        return {
            item.id
            for item in self._side(side).items
            if not item.skills and other.isdisjoint(item.counts)
        }

    def not_held_of(self, side: str, doc_id: str) -> list[NotHeldSkill]:
        """Skills the item's text denies or is learning, to quote when one is missing."""
        target = self._side(side)
        return list(target.items[target.position[doc_id]].not_held)

    # --- persistence --------------------------------------------------------------------------
    def snapshot(self) -> MatchIndex:
        """A copy of the stored features (not of the derived scores) that later changes to this
        index leave alone: a caller takes it under its lock (milliseconds) and saves it
        without the lock (the writing is the slow part)."""
        copy = MatchIndex.__new__(MatchIndex)
        copy.encoder, copy.config, copy.taxonomy = self.encoder, self.config, self.taxonomy
        copy.requirements, copy._skills_on, copy._derived = self.requirements, self._skills_on, None
        copy._sides = {}
        for name, side in self._sides.items():
            # Items are replaced on change, never edited, except their pending text: copy them.
            twin = _Side([replace(item) for item in side.items], list(side.dense))
            twin.reindex()
            copy._sides[name] = twin
        return copy

    def save(self, directory: Path | str) -> None:
        """Write the index to ``directory`` (created if needed): JSON + one .npy per side."""
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        doc: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "encoder": self.encoder.name,
            "requirements": self.requirements,
            "sides": {},
        }
        for name, side in self._sides.items():
            doc["sides"][name] = [
                {
                    "id": item.id,
                    "title": item.title,
                    "counts": dict(item.counts),
                    "skills": [s.to_row() for s in item.skills],
                    "pending_text": item.pending_text,
                    "not_held": [[s.skill_id, s.name, s.stance, s.evidence] for s in item.not_held],
                }
                for item in side.items
            ]
            np.save(path / f"dense_{name}.npy", self._dense_matrix(name))
        tmp = path / "items.json.tmp"
        tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path / "items.json")

    @classmethod
    def load(
        cls,
        directory: Path | str,
        *,
        encoder: Encoder | None = None,
        config: ScoringConfig | None = None,
        taxonomy: Any = None,
    ) -> MatchIndex:
        path = Path(directory)
        try:
            doc = json.loads((path / "items.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{path}: not a match index (no items.json)") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}/items.json is corrupt: {exc.msg}") from None
        if doc.get("format") != FORMAT_VERSION:
            raise InputError(f"{path}: index format {doc.get('format')!r} is not supported")
        index = cls(
            encoder=encoder, config=config, taxonomy=taxonomy, requirements=doc["requirements"]
        )
        stored_encoder = doc.get("encoder")
        if index.encoder.available and stored_encoder != index.encoder.name:
            # Saved without the model's vectors: the texts are not stored, so they cannot be
            # encoded now. Serve lexical + skills and say so rather than mix vector spaces.
            index.encoder = NullEncoder(f"the index at {path} was saved without dense vectors")
        for name in cls.SIDES:
            side = index._sides[name]
            matrix = np.load(path / f"dense_{name}.npy")
            for row, raw in enumerate(doc["sides"][name]):
                side.items.append(
                    _Item(
                        raw["id"],
                        raw.get("title"),
                        Counter(raw["counts"]),
                        [SkillEntry.from_row(s) for s in raw["skills"]],
                        raw.get("pending_text"),
                        [NotHeldSkill(s[1], s[0], s[2], s[3]) for s in raw.get("not_held", ())],
                    )
                )
                if index.encoder.available and stored_encoder == index.encoder.name:
                    side.dense.append(matrix[row])
                else:
                    side.dense.append(np.zeros(0, dtype=np.float32))
            side.reindex()
        return index


def _replace(pair: tuple[Any, Any], which: int, position: int, row: Any) -> tuple[Any, Any]:
    """``pair`` with line ``position`` of member ``which`` replaced by ``row`` (or appended)."""
    items = list(pair)
    items[which] = _put_rowwise(items[which], position, row)
    return (items[0], items[1])


def _put_rowwise(matrix: Any, position: int, row: Any) -> Any:
    if sp.issparse(matrix):
        row = sp.csr_matrix(row, dtype=matrix.dtype)
        if row.shape[1] != matrix.shape[1]:
            row = sp.csr_matrix((row.data, row.indices, row.indptr), shape=(1, matrix.shape[1]))
        if position == matrix.shape[0]:
            return sp.vstack([matrix, row], format="csr")
        return sp.vstack([matrix[:position], row, matrix[position + 1 :]], format="csr")
    row = np.asarray(row, dtype=matrix.dtype).reshape((1, *matrix.shape[1:]))
    if position == matrix.shape[0]:
        return np.concatenate([matrix, row])
    out = matrix.copy()
    out[position] = row[0]
    return out


def _put_line(matrix: np.ndarray, axis: int, position: int, line: np.ndarray) -> np.ndarray:
    """Replace or append row (axis 0) or column (axis 1) ``position`` of a dense matrix."""
    if axis == 1:
        return _put_line(matrix.T, 0, position, line).T
    if position == matrix.shape[0]:
        return np.concatenate([matrix, line[None, :]])
    matrix = np.array(matrix)
    matrix[position] = line
    return matrix


def _drop(pair: tuple[Any, Any], which: int, position: int) -> tuple[Any, Any]:
    items = list(pair)
    matrix = items[which]
    keep = np.ones(matrix.shape[0], dtype=bool)
    keep[position] = False
    items[which] = matrix[keep]
    return (items[0], items[1])


def _rows(mask: np.ndarray, idx: np.ndarray) -> np.ndarray:
    mask = np.asarray(mask)
    if mask.ndim < 2 or mask.shape[0] == 1:
        return mask
    return mask[idx]


def top_k(row: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest values, best first (ties keep index order)."""
    k = min(k, row.shape[0])
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    n = row.shape[0]
    part = np.argpartition(-row, k - 1)[:k] if k < n else np.arange(n)
    return part[np.lexsort((part, -row[part]))]
