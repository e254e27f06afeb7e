"""``foundry rank``: rank documents for queries from JSON-lines files, with explanations.

Input lines are ``{"id", "text", "title"?, "skills"?}``; any other key (a ``category`` label, for
instance) is ignored, so a labelled evaluation file can be passed as it is without the ranker
reading the label. Output lines are ``{"query", "results": [{"id", "score", "matched_skills",
"missing_skills", "evidence", "components"}], "components", "warnings"?, "message"?}``, best first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from talentfoundry.cli._common import fail, read_jsonl, run_guarded, write_jsonl

__all__ = ["load_documents", "rank"]


def load_documents(path: Path, what: str) -> list[Any]:
    """Read ``{"id", "text", "title"?, "skills"?}`` lines; every fault names its line."""
    from talentfoundry.matching.index import MatchDocument

    docs: list[MatchDocument] = []
    first_line: dict[str, int] = {}
    for number, row in read_jsonl(path):
        raw_id = row.get("id")
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
            fail(f'{path}:{number}: missing "id" (a non-empty string) for this {what}')
        doc_id = str(raw_id)
        if doc_id in first_line:
            fail(f"{path}:{number}: duplicate id {doc_id!r} (first on line {first_line[doc_id]})")
        first_line[doc_id] = number
        text = row.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            fail(f'{path}:{number}: "text" must be a string')
        title = row.get("title")
        if title is not None and not isinstance(title, str):
            fail(f'{path}:{number}: "title" must be a string')
        skills = row.get("skills") or []
        if not isinstance(skills, list) or not all(isinstance(s, str) for s in skills):
            fail(f'{path}:{number}: "skills" must be a list of strings')
        docs.append(MatchDocument(doc_id, text, title, tuple(skills)))
    if not docs:
        fail(f"{path}: empty file: expected one JSON object per line")
    return docs


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
        help="Which side's skills are requirements: queries, docs, or auto (the shorter texts).",
    ),
    dense: str | None = typer.Option(
        None,
        "--dense",
        help="Dense embeddings: auto, on or off (default: $TALENTFOUNDRY_DENSE, else auto).",
    ),
) -> None:
    """Rank DOCS for every query, best first, with matched and missing skills and score shares."""
    if top < 1:
        fail(f"--top must be at least 1, got {top}")
    if requirements not in {"auto", "queries", "docs"}:
        fail("--requirements must be auto, queries or docs")
    query_docs = load_documents(queries, "query")
    doc_docs = load_documents(docs, "document")

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from talentfoundry.matching.dense import get_encoder
    from talentfoundry.matching.rank import rank as run_rank

    encoder = run_guarded(get_encoder, dense)
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
            requirements=requirements,
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
            f"note: {len(empty)} quer{'y' if len(empty) == 1 else 'ies'} had no text and got no "
            f"scores: {', '.join(empty[:5])}{' ...' if len(empty) > 5 else ''}",
            err=True,
        )
    write_jsonl(out, [r.to_json() for r in results])
