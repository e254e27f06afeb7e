"""``foundry rank --engine two-stage``: rank files of any size without a pair matrix.

:func:`rank_two_stage` takes what :func:`talentfoundry.matching.rank.rank` takes and returns the
same explained :class:`~talentfoundry.matching.rank.RankResult` per query, but indexes the
documents in a :class:`~talentfoundry.matching.retrieval.Retriever`, calibrates it on a sample of
the queries (the population corrections, estimated) and searches it once per query, so memory
grows with the documents, not with queries x documents. ``foundry rank --engine auto`` uses it
above 5 M pairs (docs/benchmarks/retrieval.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from talentfoundry.matching.dense import get_encoder
from talentfoundry.matching.index import (
    MatchDocument,
    default_taxonomy,
    extraction_module,
    skill_entries,
    text_to_match,
)
from talentfoundry.matching.rank import (
    EMPTY_QUERY_MESSAGE,
    NO_EVIDENCE_MESSAGE,
    RankResult,
    as_roles,
    explained_match,
    requirement_side,
    usable_inputs,
)
from talentfoundry.matching.retrieval import RetrievalConfig, RetrievalItem, Retriever
from talentfoundry.matching.scoring import DEFAULT_WEIGHTS

__all__ = ["rank_two_stage"]


def rank_two_stage(
    queries: Sequence[MatchDocument],
    docs: Sequence[MatchDocument],
    top_k: int = 10,
    *,
    encoder: Any = None,
    requirements: str = "auto",
    taxonomy: Any = None,
    config: RetrievalConfig | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    batch: int = 1024,
    corrections: bool = True,
) -> list[RankResult]:
    """:func:`talentfoundry.matching.rank.rank` for inputs too large for its pair matrices.

    Same arguments and the same :class:`~talentfoundry.matching.rank.RankResult` per query
    (explanations included), computed by indexing ``docs`` in a :class:`Retriever`, calibrating
    it on a sample of the queries (:meth:`Retriever.calibrate`: expansion of short documents,
    document hubs) and searching it once per query: memory O(docs + sample x shortlist), never
    O(queries x docs). Scores are this module's (sampled statistics, estimated corrections), so
    they rank like the exact engine's but are not equal to them. Documents are indexed and
    queries encoded in ``batch``es, with ``progress(stage, done, total)`` after each.
    ``corrections=False`` (when ``config`` is not given) scores without the estimated
    corrections: the benchmark's baseline.

    >>> from talentfoundry.matching.dense import NullEncoder
    >>> from talentfoundry.matching.index import MatchDocument
    >>> qs = [MatchDocument("c1", "Python developer: Django, PostgreSQL")]
    >>> ds = [MatchDocument("r1", "Python developer"), MatchDocument("r2", "Civil engineer")]
    >>> [m.id for m in rank_two_stage(qs, ds, 2, encoder=NullEncoder())[0].results]
    ['r1', 'r2']
    """
    usable_queries, usable_docs, left_out = usable_inputs(queries, docs, top_k)
    encoder = encoder if encoder is not None else get_encoder()
    taxonomy = taxonomy if taxonomy is not None else default_taxonomy()
    skills_on = taxonomy is not None and extraction_module() is not None
    warnings: list[str] = []
    if not encoder.available and encoder.note:
        warnings.append(encoder.note)
    if not skills_on:
        warnings.append("skill extraction is not available; the skill-overlap component is off")
    warnings += left_out
    empty = EMPTY_QUERY_MESSAGE.format(what="query")
    no_evidence = NO_EVIDENCE_MESSAGE.format(what="query")
    if not usable_queries:
        return [RankResult(q.id, (), empty, tuple(warnings)) for q in queries]
    queries_require = requirement_side(usable_queries, usable_docs, requirements) == "a"
    usable_queries, usable_docs = as_roles(
        usable_queries, usable_docs, "a" if queries_require else "b"
    )
    if config is None:
        weights = {k: v for k, v in DEFAULT_WEIGHTS.items() if skills_on or k != "skills"}
        config = RetrievalConfig(
            requirements="query" if queries_require else "items",
            weights=weights,
            threads=os.cpu_count() or 1,
            corrections=corrections,
        )
    components = [name for name in ("skills", "lexical", "dense") if name in config.weights]
    if not encoder.available:
        components.remove("dense")

    made: dict[str, RetrievalItem] = {}  # calibration's query items, reused when ranking

    def items(chunk: Sequence[MatchDocument]) -> list[RetrievalItem]:
        todo = [d for d in chunk if d.id not in made]
        read = [skill_entries(d, taxonomy) if skills_on else ([], []) for d in todo]
        texts = [text_to_match(d, *found, taxonomy) for d, found in zip(todo, read, strict=True)]
        vectors: Sequence[np.ndarray | None] = [None] * len(todo)
        if encoder.available and todo:
            vectors = list(encoder.encode(texts))
        fresh = {}
        for doc, text, (skills, not_held), vector in zip(todo, texts, read, vectors, strict=True):
            fresh[doc.id] = RetrievalItem(
                doc.id, text, vector, tuple(skills), None, tuple(not_held)
            )
        return [made.pop(d.id) if d.id in made else fresh[d.id] for d in chunk]

    retriever = Retriever(encoder.dim if encoder.available else 0, config, taxonomy)
    for start in range(0, len(usable_docs), batch):
        retriever.add(items(usable_docs[start : start + batch]))
        if progress is not None:
            progress("indexing documents", min(start + batch, len(usable_docs)), len(usable_docs))
    retriever.compact()
    if config.corrections:
        # Both sides are in memory: estimate the exact engine's population corrections (expansion
        # of short documents, document hubs, rivals) from a sample of the queries.
        rng = np.random.default_rng(config.seed)
        size = min(config.calibration_size, len(usable_queries))
        picked = np.sort(rng.choice(len(usable_queries), size, replace=False))
        sample: list[RetrievalItem] = []
        for start in range(0, size, batch):
            sample += items([usable_queries[i] for i in picked[start : start + batch]])
            if progress is not None:
                progress("calibrating", min(start + batch, size), size)
        retriever.calibrate(sample, population=len(usable_queries))
        made.update((item.id, item) for item in sample)

    absent = config.absent_value
    found: dict[str, RankResult] = {}
    for start in range(0, len(usable_queries), batch):
        for query in items(usable_queries[start : start + batch]):
            if query.vector is None and not query.skills and not retriever.shares_terms(query):
                found[query.id] = RankResult(query.id, (), no_evidence, tuple(warnings))
                continue
            hits = retriever.search(query, top_k).hits
            results = []
            for hit in hits:
                values = {
                    name: (absent if name in hit.neutral else value)
                    for name, value in hit.components.items()
                }
                doc_skills = retriever.skills_of(hit.id)
                if queries_require:
                    skills = (query.skills, doc_skills, retriever.not_held_of(hit.id))
                else:
                    skills = (doc_skills, query.skills, query.not_held)
                results.append(
                    explained_match(
                        hit.id, hit.score, values, hit.neutral, skills, taxonomy, config.weights
                    )
                )
            found[query.id] = RankResult(
                query.id, tuple(results), None, tuple(warnings), tuple(components)
            )
        if progress is not None:
            done = min(start + batch, len(usable_queries))
            progress("ranking queries", done, len(usable_queries))
    return [found.get(q.id) or RankResult(q.id, (), empty, tuple(warnings)) for q in queries]
