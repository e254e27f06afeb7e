"""``foundry rank``: rank documents for queries from JSON-lines files, with explanations.

Input lines are ``{"id", "text", "title"?, "skills"?}``; any other key (a ``category`` label, for
instance) is ignored, so a labelled evaluation file can be passed as it is without the ranker
reading the label. Output lines are ``{"query", "results": [{"id", "score", "matched_skills",
"missing_skills", "missing_evidence", "related_skills", "evidence", "components"}], "components",
"warnings"?, "message"?}``, best first; ids are written back as the input gave them.

Two engines write that same schema. The exact one (:func:`talentfoundry.matching.rank.rank`) scores
every query-document pair in memory, with its corrections (expansion of short texts, hubness
reduction) measured on the whole pair matrix. The two-stage one
(:func:`talentfoundry.matching.two_stage.rank_two_stage`) indexes the documents and re-scores a
shortlist per query with those corrections *estimated* from a calibration sample: memory grows
with the documents only, so it runs at 100k x 10k and beyond, at 2-4x the exact engine's time at
fair size (docs/benchmarks/retrieval.md).
``--engine auto`` picks exact up to :data:`EXACT_MAX_PAIRS` pairs and says on stderr which ran.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer

from talentfoundry.cli._common import check_out, fail, read_jsonl, run_guarded, write_jsonl

__all__ = ["EXACT_MAX_PAIRS", "as_given", "choose_engine", "load_documents", "rank"]

EXACT_MAX_PAIRS = 5_000_000
"""Largest queries x documents the exact engine takes under ``--engine auto``.

Measured with ``rank()`` runs on demo-fair texts with 384-d vectors (2 CPU cores): peak
resident memory grew by 675 MiB at 3,000 x 1,000 and 1,071 MiB at 4,000 x 1,500 pairs (about
140-240 bytes per pair: float64 raw, adjusted and normalised matrices per component, the fused
matrix, and the first pass kept for the expansion), in 18 s and 30 s. 5 M pairs is thus about
1 GiB and half a minute: comfortable on a laptop, and the demo fair (3,200 x 1,100 = 3.5 M) stays
exact. 10x more would need ~10 GiB, so larger inputs go to the two-stage engine.
"""

ENGINES = ("auto", "exact", "two-stage")


def choose_engine(engine: str, n_queries: int, n_docs: int) -> tuple[str, str]:
    """The engine to run and why, in words for stderr.

    >>> choose_engine("auto", 3200, 1100)[0], choose_engine("auto", 100_000, 10_000)[0]
    ('exact', 'two-stage')
    """
    pairs = n_queries * n_docs
    if engine != "auto":
        return engine, f"--engine {engine} ({n_queries:,} x {n_docs:,} = {pairs:,} pairs)"
    if pairs <= EXACT_MAX_PAIRS:
        return "exact", (
            f"{n_queries:,} x {n_docs:,} = {pairs:,} pairs, within the exact engine's "
            f"{EXACT_MAX_PAIRS:,} (its pair matrices fit in about 1 GiB)"
        )
    return "two-stage", (
        f"{n_queries:,} x {n_docs:,} = {pairs:,} pairs, above the exact engine's "
        f"{EXACT_MAX_PAIRS:,}: documents indexed once, a shortlist re-scored per query"
    )


def load_documents(path: Path, what: str, given_ids: dict[str, Any] | None = None) -> list[Any]:
    """Read ``{"id", "text", "title"?, "skills"?}`` lines; every fault names its line.

    Lenient where the meaning is clear: an integer id is the string of its digits (``1`` and
    ``"1"`` in one file are duplicates); ``given_ids``, when passed, collects the integer ids as
    given, so that the output can write them back unchanged (:func:`as_given`). A null
    ``text``, ``title`` or ``skills`` is absent, and ``skills`` may be a list of names or of
    ``{"name", ...}`` objects (as ``foundry cv`` writes them) or one comma-separated string. A text
    with no letter or digit (``"..."``, ``"-"``) is no text: that profile gets a message, not
    scores.
    """
    from talentfoundry.matching.index import MatchDocument

    docs: list[MatchDocument] = []
    first_line: dict[str, int] = {}
    for number, row in read_jsonl(path):
        where = f"{path}:{number}"
        doc_id = _read_id(row.get("id"), where, what)
        if doc_id in first_line:
            fail(f"{where}: duplicate id {doc_id!r} (first on line {first_line[doc_id]})")
        first_line[doc_id] = number
        if given_ids is not None and not isinstance(row["id"], str):
            given_ids[doc_id] = row["id"]
        text = _read_text(row.get("text"), where, "text") or ""
        title = _read_text(row.get("title"), where, "title")
        skills = _read_skills(row.get("skills"), where)
        docs.append(MatchDocument(doc_id, text, title, skills))
    if not docs:
        fail(f"{path}: empty file: expected one JSON object per line")
    return docs


def as_given(row: dict[str, Any], query_ids: dict[str, Any], doc_ids: dict[str, Any]) -> dict:
    """One output line with the ids as the input files gave them (an integer stays an integer).

    >>> as_given({"query": "7", "results": [{"id": "2"}, {"id": "r"}]}, {"7": 7}, {"2": 2})
    {'query': 7, 'results': [{'id': 2}, {'id': 'r'}]}
    """
    row["query"] = query_ids.get(row["query"], row["query"])
    for result in row["results"]:
        result["id"] = doc_ids.get(result["id"], result["id"])
    return row


def _read_id(raw: Any, where: str, what: str) -> str:
    if raw is None:
        fail(f'{where}: missing "id" (a non-empty string or an integer) for this {what}')
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        fail(f'{where}: "id" must be a string or an integer, got {json.dumps(raw)[:40]}')
    doc_id = str(raw)
    if not doc_id.strip():
        fail(f'{where}: "id" must not be empty')
    return doc_id


def _read_text(raw: Any, where: str, key: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        fail(f'{where}: "{key}" must be a string')
    return raw if any(ch.isalnum() for ch in raw) else ""


def _read_skills(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = raw.replace(";", ",").split(",")
    if not isinstance(raw, list):
        fail(f'{where}: "skills" must be a list of skill names')
    names = (_skill_name(item, where) for item in raw if item is not None)
    return tuple(name for name in names if name)


def _skill_name(item: Any, where: str) -> str:
    """A skill's name from a string or a ``{"name"}``/``{"taxonomy_id"}`` object, stripped."""
    name = item.get("name") or item.get("taxonomy_id") if isinstance(item, dict) else item
    if not isinstance(name, str):
        fail(
            f'{where}: "skills" entries must be names or {{"name": ...}} objects, '
            f"got {json.dumps(item)[:40]}"
        )
    return name.strip()


def rank(
    queries: Path = typer.Option(
        ..., "--queries", "-q", help="JSON lines of the queries (CVs or roles)."
    ),
    docs: Path = typer.Option(
        ..., "--docs", "-d", help="JSON lines of the documents to rank (roles or CVs)."
    ),
    top: int = typer.Option(10, "--top", "-k", help="How many results per query (K >= 1)."),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write the ranking (JSON lines)."),
    requirements: str = typer.Option(
        "auto",
        "--requirements",
        help="Which side's skills are requirements: queries, docs, or auto (the side that reads as "
        "job ads, else the one with the shorter texts).",
    ),
    dense: str | None = typer.Option(
        None,
        "--dense",
        help="Dense embeddings: auto, on or off (default: $TALENTFOUNDRY_DENSE, else auto).",
    ),
    engine: str = typer.Option(
        "auto",
        "--engine",
        help="exact (every pair in memory), two-stage (index the docs, re-score a shortlist per "
        f"query) or auto: exact up to {EXACT_MAX_PAIRS:,} query x doc pairs.",
    ),
) -> None:
    """Rank DOCS for every query, best first, with matched and missing skills and score shares.

    Scores are relative to the texts ranked together: they order results, not probabilities.
    """
    if top < 1:
        fail(f"--top must be at least 1, got {top}")
    if requirements not in {"auto", "queries", "docs"}:
        fail("--requirements must be auto, queries or docs")
    if engine not in ENGINES:
        fail("--engine must be auto, exact or two-stage")
    check_out(out)
    for given, name in ((queries, "--queries"), (docs, "--docs")):
        if out.absolute().resolve() == given.absolute().resolve():
            fail(f"{out}: --out is the {name} file; writing the ranking would overwrite it")
    query_ids: dict[str, Any] = {}
    doc_ids: dict[str, Any] = {}
    query_docs = load_documents(queries, "query", query_ids)
    doc_docs = load_documents(docs, "document", doc_ids)
    if all(doc.is_blank for doc in doc_docs):
        fail(f"{docs}: no document has any text to match against")

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from talentfoundry.matching.dense import DENSE_ENV, get_encoder
    from talentfoundry.matching.rank import rank as exact_rank
    from talentfoundry.matching.rank import requirement_side_reason
    from talentfoundry.matching.two_stage import rank_two_stage

    setting = dense or os.environ.get(DENSE_ENV)
    source = f"--dense {dense}" if dense else f"{DENSE_ENV}={setting}"
    encoder = run_guarded(get_encoder, setting, source=source)
    chosen, why = choose_engine(engine, len(query_docs), len(doc_docs))
    typer.echo(f"engine: {chosen}: {why}", err=True)
    usable_q = [d for d in query_docs if not d.is_blank] or query_docs
    usable_d = [d for d in doc_docs if not d.is_blank]
    side, reason = run_guarded(requirement_side_reason, usable_q, usable_d, requirements)
    held_by = "queries" if side == "a" else "documents"
    typer.echo(f"requirements: the {held_by}' skills: {reason}", err=True)
    run_rank = exact_rank if chosen == "exact" else rank_two_stage
    console = Console(stderr=True)
    if encoder.note:
        typer.echo(f"note: {encoder.note}", err=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        results = run_guarded(
            run_rank,
            query_docs,
            doc_docs,
            top,
            encoder=encoder,
            # Decided once above (reading every text for ad cues is not free at scale).
            requirements="queries" if side == "a" else "docs",
            progress=progress,
        )
    shown = {encoder.note} if encoder.note else set()
    for result in results:
        for warning in result.warnings:
            if warning not in shown:
                shown.add(warning)
                typer.echo(f"note: {warning}", err=True)
    empty = [r.query for r in results if r.message]
    if empty:
        typer.echo(
            f"note: {len(empty)} quer{'y' if len(empty) == 1 else 'ies'} had nothing to match and"
            f' got no scores (see their "message"): {", ".join(empty[:5])}'
            f"{' ...' if len(empty) > 5 else ''}",
            err=True,
        )
    write_jsonl(out, [as_given(r.to_json(), query_ids, doc_ids) for r in results])
