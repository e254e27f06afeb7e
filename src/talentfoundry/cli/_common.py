"""Helpers shared by CLI commands: clear errors with exit status 2, JSON file I/O.

The engines' file contracts are checked by outsiders on files we never see, so reading is lenient
where the meaning is clear (a byte-order mark, CRLF line ends, UTF-16 from a Windows editor) and
every other fault becomes one line naming the file (and line), never a traceback. Writing is
atomic: a failed run leaves no partial ``--out`` file.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

from talentfoundry.domain.errors import FoundryError

EXIT_BAD_INPUT = 2

T = TypeVar("T")

# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def fail(message: str) -> NoReturn:
    """Print ``message`` to stderr and exit with status 2 (bad input), never a traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def read_bytes(path: Path, *, what: str) -> bytes:
    """The file's bytes; a missing, unreadable or directory path becomes a clear message."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except IsADirectoryError:
        fail(f"{path}: is a directory, expected a {what}")
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror or exc})")


def decode_text(path: Path, data: bytes) -> str:
    """Decode a JSON or JSON-lines file: UTF-8, or the encoding its byte-order mark names.

    JSON is UTF-8 (RFC 8259), but editors on Windows add a UTF-8 mark or save UTF-16 with one;
    the mark makes the meaning unambiguous, so it is honoured. Other bytes that are not UTF-8 are
    refused with the line and column of the first bad byte, since guessing would silently change
    ids and texts.

    >>> decode_text(Path("x"), b'\\xef\\xbb\\xbf{"a": 1}')
    '{"a": 1}'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                fail(f"{path}: not valid {encoding.upper()} text after its byte-order mark")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        fail(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column}); "
            "save the file as UTF-8"
        )


def _loads(text: str) -> Any:
    """``json.loads`` whose every failure is a ``json.JSONDecodeError`` or a ``ValueError`` with
    a message fit for a person (the standard library raises RecursionError on deep nesting)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError:  # the only other failure: an integer of more than 4300 digits
        raise ValueError("a number with too many digits") from None


def read_json(path: Path) -> Any:
    """Read a JSON document, turning every way it can go wrong into a clear message."""
    text = decode_text(path, read_bytes(path, what="JSON file"))
    if not text.strip():
        fail(f"{path}: empty file, expected a JSON object")
    try:
        return _loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    except ValueError as exc:
        fail(f"{path}: invalid JSON: {exc}")


def read_jsonl(path: Path, *, what: str = "JSON-lines file") -> list[tuple[int, dict[str, Any]]]:
    """Read a JSON-lines file of objects as (line number, object) pairs; blank lines are skipped,
    a bad line is named by its number.

    Lines end at ``\\n`` only (a ``\\r`` before it is JSON whitespace): ``str.splitlines`` would
    also split inside strings at U+2028, U+0085 and other characters JSON allows there raw.
    """
    text = decode_text(path, read_bytes(path, what=what))
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = _loads(line)
        except json.JSONDecodeError as exc:
            fail(f"{path}:{number}: invalid JSON at column {exc.colno}: {exc.msg}")
        except ValueError as exc:
            fail(f"{path}:{number}: invalid JSON: {exc}")
        if isinstance(row, list) and number == 1:
            fail(f"{path}:1: expected one JSON object per line (JSON lines), got a JSON array")
        if not isinstance(row, dict):
            fail(f"{path}:{number}: expected a JSON object")
        rows.append((number, row))
    return rows


def check_out(path: Path) -> None:
    """Fail at once, before any work, if ``path`` cannot become the output file.

    A missing parent directory is fine (the writers create it); an existing directory at
    ``path``, or a parent that is a file or is not writable, is not.
    """
    if path.is_dir():
        fail(f"{path}: is a directory, expected an output file path")
    parent = path.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        fail(f"{path}: cannot write ({parent} is not a directory)")
    if not os.access(parent, os.W_OK | os.X_OK):
        fail(f"{path}: cannot write (no permission in {parent})")


def _write_atomically(path: Path, write: Callable[[Any], None]) -> None:
    """Write through a temp file renamed into place: a reader never sees half a file, and a
    failure of any kind leaves neither the temp file nor a partial output behind.

    Lone surrogates (from ``\\ud800`` escapes in the input) cannot be UTF-8; they are written
    back as the same JSON escapes, so the output stays valid UTF-8 and valid JSON.
    """
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8", errors="backslashreplace") as fh:
            write(fh)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"{path}: cannot write ({exc.strerror or exc})")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json(path: Path, document: Any) -> None:
    """Write JSON atomically: a temp file renamed into place: no half-written file."""
    _write_atomically(
        path, lambda fh: fh.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    )


def write_jsonl(path: Path, rows: list[Any]) -> None:
    """Write JSON lines atomically."""

    def write(fh: Any) -> None:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    _write_atomically(path, write)


def run_guarded(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``func``; a :class:`FoundryError` becomes a clear message and exit status 2."""
    try:
        return func(*args, **kwargs)
    except FoundryError as exc:
        fail(exc.message)


def run_on_file(path: Path, func: Callable[..., T], *args: Any) -> T:
    """Like :func:`run_guarded`, with the message prefixed by the file it is about."""
    try:
        return func(*args)
    except FoundryError as exc:
        fail(f"{path}: {exc.message}")


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
