"""``foundry cv FILE``: read a CV (PDF, DOCX or text) and print its sections and skills as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from talentfoundry.cli._common import check_out, fail, read_bytes, run_on_file

__all__ = ["CLI_MAX_BYTES", "cv"]

CLI_MAX_BYTES = 50 * 1024 * 1024
"""Largest CV file the command reads. The web upload limit (5 MB by default) protects a shared
server; a file on the user's own disk only needs a bound against absurd inputs, and a PDF CV with
photos or embedded fonts is often above 5 MB."""

_HELP = (
    "Read a CV and print JSON: {'text', 'sections', 'skills': [{'name', 'taxonomy_id', "
    "'evidence', 'span', 'primary', 'mentions', 'section'}], 'not_held': [{'name', "
    "'taxonomy_id', 'stance', 'evidence'}], 'years_experience', 'media_type'}.\n\n"
    "'skills' are the skills the CV holds; 'not_held' those it names only to deny ('no "
    "experience with Java', stance 'negated'), to learn ('willing to learn Rust', stance "
    "'learning') or only while describing an employer ('Barclays is organised into ... Investment "
    "Banking', stance 'employer').\n\n"
    "The file type is read from its content (PDF, DOCX or plain text), not its name. 'text' is "
    "the normalised text (encoding faults repaired, bullets unified); 'span' offsets index it. "
    "Text files may be UTF-8, UTF-16/32 with a byte-order mark, or Windows-1252. An unreadable, "
    "corrupt, password-protected or unsupported file, or one that expands beyond the CV limits "
    "(TALENTFOUNDRY_CV_*: unpacked size, text, pages, time), exits with status 2 and a message "
    "naming it."
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
    from talentfoundry.config import get_settings
    from talentfoundry.matching.cv import cv_document, parse_cv
    from talentfoundry.matching.documents import extract_text
    from talentfoundry.services.cv_worker import cv_limits

    reference = None
    if today is not None:
        try:
            reference = date.fromisoformat(today)
        except ValueError:
            fail(f"--today must be a date as YYYY-MM-DD, got {today!r}")
    if out is not None:
        check_out(out)
    data = read_bytes(file, what="CV file")
    limits = cv_limits(get_settings())  # what the file may expand to: TALENTFOUNDRY_CV_*
    extracted = run_on_file(
        file, lambda: extract_text(data, max_bytes=CLI_MAX_BYTES, limits=limits)
    )
    parsed = parse_cv(extracted.text, today=reference)
    document = cv_document(parsed, media_type=extracted.media_type)
    if out is not None:
        write_json(out, document)
    else:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=1))


cv.__doc__ = _HELP
