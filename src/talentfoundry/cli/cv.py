"""``foundry cv FILE``: read a CV (PDF, DOCX or text) and print its sections and skills as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from talentfoundry.cli._common import fail, run_guarded

__all__ = ["cv"]

_HELP = (
    "Read a CV and print JSON: {'text', 'sections', 'skills': [{'name', 'taxonomy_id', "
    "'evidence', 'span', 'primary', 'mentions', 'section'}], 'not_held': [{'name', "
    "'taxonomy_id', 'stance', 'evidence'}], 'years_experience', 'media_type'}.\n\n"
    "'skills' are the skills the CV holds; 'not_held' those it names only to deny ('no "
    "experience with Java', stance 'negated') or to learn ('willing to learn Rust', stance "
    "'learning').\n\n"
    "The file type is read from its content (PDF, DOCX or plain text), not its name. 'text' is "
    "the normalised text (encoding faults repaired, bullets unified); 'span' offsets index it. "
    "An unreadable, corrupt, encrypted or unsupported file exits with status 2 and a message."
)


def cv(
    file: Path = typer.Argument(..., help="the CV: a PDF, a DOCX or a plain-text file"),
    out: Path | None = typer.Option(None, "--out", help="write the JSON here instead of stdout"),
    today: str | None = typer.Option(
        None, "--today", help="date for 'present' in date ranges (YYYY-MM-DD; default: today)"
    ),
) -> None:
    from datetime import date

    from talentfoundry.cli._common import write_json
    from talentfoundry.matching.cv import cv_document, parse_cv
    from talentfoundry.matching.documents import extract_text

    reference = None
    if today is not None:
        try:
            reference = date.fromisoformat(today)
        except ValueError:
            fail(f"--today must be a date as YYYY-MM-DD, got {today!r}")
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        fail(f"{file}: no such file")
    except IsADirectoryError:
        fail(f"{file}: is a directory, expected a CV file")
    except OSError as exc:
        fail(f"{file}: cannot read ({exc.strerror})")
    extracted = run_guarded(extract_text, data)
    parsed = parse_cv(extracted.text, today=reference)
    document = cv_document(parsed, media_type=extracted.media_type)
    if out is not None:
        write_json(out, document)
    else:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=1))


cv.__doc__ = _HELP
