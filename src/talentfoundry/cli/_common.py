"""Helpers shared by CLI commands: clear errors with exit status 2, JSON file I/O."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer

from talentfoundry.domain.errors import FoundryError

EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print ``message`` to stderr and exit with status 2 (bad input), never a traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def read_json(path: Path) -> Any:
    """Read a JSON document, turning every way it can go wrong into a clear message."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except IsADirectoryError:
        fail(f"{path}: is a directory, expected a JSON file")
    except UnicodeDecodeError:
        fail(f"{path}: not UTF-8 text")
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror})")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        fail(f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")


def read_jsonl(path: Path, *, what: str = "JSON-lines file") -> list[tuple[int, dict[str, Any]]]:
    """Read a JSON-lines file of objects as (line number, object) pairs; blank lines are skipped,
    a bad line is named by its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except IsADirectoryError:
        fail(f"{path}: is a directory, expected a {what}")
    except UnicodeDecodeError:
        fail(f"{path}: not UTF-8 text")
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror})")
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            fail(f"{path}:{number}: invalid JSON: {exc.msg}")
        if not isinstance(row, dict):
            fail(f"{path}:{number}: expected a JSON object")
        rows.append((number, row))
    return rows


def write_json(path: Path, document: Any) -> None:
    """Write JSON atomically: a temp file renamed into place: no half-written file."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"{path}: cannot write ({exc.strerror})")


def write_jsonl(path: Path, rows: list[Any]) -> None:
    """Write JSON lines atomically."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"{path}: cannot write ({exc.strerror})")


def run_guarded(func: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``func``; a :class:`FoundryError` becomes a clear message and exit status 2."""
    try:
        return func(*args, **kwargs)
    except FoundryError as exc:
        fail(exc.message)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
