"""Turn an uploaded CV (PDF, DOCX or plain text) into text.

The type is decided by the bytes (content sniffing), never by the file name: a PDF renamed
``cv.txt`` is still read as a PDF, and an executable renamed ``cv.pdf`` is refused. Every failure is
a :class:`~talentfoundry.domain.errors.FoundryError` with a message for the person who uploaded the
file; nothing here writes anywhere. What a file may expand to while it is read (unpacked size,
text, pages, time) is bounded by :class:`~talentfoundry.matching.cv_limits.CvLimits`.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from talentfoundry.domain.errors import InputError, PayloadTooLarge, UnsupportedMedia
from talentfoundry.matching.cv_limits import (
    DEFAULT_CV_LIMITS,
    CvLimits,
    ReadBudget,
    check_archive,
    too_long,
)
from talentfoundry.matching.sections import is_heading

__all__ = [
    "DEFAULT_CV_LIMITS",
    "DEFAULT_MAX_BYTES",
    "MEDIA_DOCX",
    "MEDIA_PDF",
    "MEDIA_TEXT",
    "CvLimits",
    "ExtractedDocument",
    "extract_text",
    "sniff_media_type",
    "split_columns",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MEDIA_PDF = "application/pdf"
MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TEXT = "text/plain"
_GUTTER = 3  # character columns of blank space that separate two text columns
# Byte-order marks of the wide Unicode encodings, UTF-32 first (its LE mark starts with UTF-16's).
# Notepad's "Unicode" and PowerShell 5's ">" save text as UTF-16 with such a mark.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """Text pulled out of an uploaded file, with the media type the bytes proved to be."""

    text: str
    media_type: str


def sniff_media_type(data: bytes) -> str:
    """Return the media type the bytes are, or raise :class:`UnsupportedMedia`.

    >>> sniff_media_type(b"%PDF-1.7 ...")
    'application/pdf'
    >>> sniff_media_type("Jane Doe, Python developer".encode())
    'text/plain'
    """
    if _pdf_start(data) >= 0:
        return MEDIA_PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except Exception as exc:  # a damaged archive raises BadZipFile, NotImplementedError, ...
            raise InputError("The file looks like a DOCX (ZIP) but is corrupt.") from exc
        if "word/document.xml" in names:
            return MEDIA_DOCX
        raise UnsupportedMedia(
            "The file is a ZIP archive but not a Word document (DOCX). "
            "Upload a PDF, a DOCX or a plain-text CV."
        )
    markup = _markup_format(_wide_text(data) or data)
    if markup is not None:
        raise UnsupportedMedia(
            f"The file is {markup}, not plain text: its markup would be read as the CV's words. "
            "Save the CV as PDF, DOCX or plain text and upload that."
        )
    if data.startswith(_OLE2):
        raise UnsupportedMedia(
            "The file is an old-format Word (.doc) or other Office 97-2003 document, or a"
            " password-protected one (Word keeps those in the same container). Save it as DOCX"
            " or PDF without a password and upload that."
        )
    if _looks_like_text(_wide_text(data) or data):
        return MEDIA_TEXT
    raise UnsupportedMedia(
        "Unsupported file type: upload a PDF, a DOCX or a plain-text CV "
        "(the type is read from the file's content, not its name)."
    )


def extract_text(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, limits: CvLimits = DEFAULT_CV_LIMITS
) -> ExtractedDocument:
    """Extract the text of a CV file.

    Raises :class:`PayloadTooLarge` over ``max_bytes``, :class:`UnsupportedMedia` for other file
    types, and :class:`InputError` for an empty, corrupt or password-protected file, one with no
    text, or one that expands beyond ``limits`` (checked before and while reading, not after).
    """
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The file is {len(data) / 1_048_576:.1f} MB; the limit is "
            f"{max_bytes / 1_048_576:.1f} MB."
        )
    if not data.strip():
        raise InputError("The file is empty.")
    media_type = sniff_media_type(data)
    budget = ReadBudget(limits)
    if media_type == MEDIA_PDF:
        text = _pdf_text(data[_pdf_start(data) :], budget)
    elif media_type == MEDIA_DOCX:
        text = _docx_text(data, budget)
    else:
        text = _decode_text(data)
    text = text.replace("\x00", "").strip()
    if not text:
        raise InputError(_NO_TEXT[media_type])
    if len(text) > limits.max_text_chars:  # a text file; PDF and DOCX stopped on the way
        raise too_long(limits.max_text_chars)
    return ExtractedDocument(text=text, media_type=media_type)


_NO_TEXT = {
    MEDIA_PDF: "No text could be read from the PDF (a scanned image without a text layer?). "
    "Upload a PDF with selectable text, a DOCX or a plain-text CV.",
    MEDIA_DOCX: "The Word document (DOCX) has no text.",
    MEDIA_TEXT: "The file is empty (only blank lines or spaces).",
}


_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")  # the container of .doc, .xls and .ppt files


def _markup_format(data: bytes) -> str | None:
    r"""Name the markup format a "text" file really is (RTF, HTML), or None for plain text.

    Word's "Save as" offers both; read as text, their control words and tags become words and
    false skills (a ``<html>`` tag as the skill HTML). Only the file's opening decides, so a CV
    that mentions "<html>" in its skills is still text.

    >>> _markup_format(b"{\\rtf1\\ansi Jane}"), _markup_format(b"  <!DOCTYPE html><html>")
    ('an RTF document', 'a web page (HTML)')
    >>> _markup_format(b"Jane Doe\nSkills: <html>, CSS") is None
    True
    """
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return "an RTF document"
    if head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<?xml") and b"<html" in head
    ):
        return "a web page (HTML)"
    return None


def _wide_text(data: bytes) -> bytes | None:
    """UTF-16 or UTF-32 text with a byte-order mark, re-encoded as UTF-8; None for other bytes.

    >>> _wide_text("Jane".encode("utf-16"))
    b'Jane'
    """
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace").encode("utf-8")
    return None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return False
    try:
        decoded = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still text.
        if exc.start < len(sample) - 4:
            decoded = sample.decode("cp1252", errors="replace")
        else:
            decoded = sample[: exc.start].decode("utf-8")
    controls = sum(1 for ch in decoded if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= max(1, len(decoded) // 100)


def _decode_text(data: bytes) -> str:
    wide = _wide_text(data)
    if wide is not None:
        return wide.decode("utf-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word-processor exports on Windows are often cp1252; it decodes every byte but five.
        return data.decode("cp1252", errors="replace")


def _pdf_start(data: bytes) -> int:
    """Where the ``%PDF-`` header is, or -1: readers accept it within the first 1,024 bytes.

    Some mailers and download scripts put a line break or a byte-order mark before it; read as
    text, such a PDF was its raw source, and its operators came out as skills.

    >>> _pdf_start(b"%PDF-1.7"), _pdf_start(b"\\r\\n%PDF-1.4"), _pdf_start(b"Jane %PDF-")
    (0, 2, -1)
    """
    start = data.find(b"%PDF-", 0, 1024)
    # Only line breaks, spaces, a BOM or NULs may precede it: "see %PDF-..." in a text is text.
    return start if start >= 0 and not data[:start].strip(b" \t\r\n\x00\xef\xbb\xbf") else -1


def _pdf_text(data: bytes, budget: ReadBudget) -> str:
    from pypdf import PdfReader

    # pypdf logs the damage it repairs ("EOF marker not found") as warnings, which land on the
    # CLI's stderr ahead of our one-line error; what it cannot repair raises and is reported.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt_for_reading(reader)
        # The page count the file declares, then the pages really there (the count can lie),
        # both before pypdf lists every page: listing 50,000 pages alone took 20 s.
        budget.check_pages(_declared_pages(reader))
        budget.check_pages(_count_pages(reader, budget.limits.max_pdf_pages + 1))
        pages = []
        for page in reader.pages:
            budget.check_time()
            pages.append(budget.add_text(_page_text(page)))
    except (InputError, MemoryError):  # out of memory is not "corrupt": the caller decides
        raise
    except Exception as exc:  # damaged PDFs raise nearly anything (PdfReadError, LimitReachedError,
        # IndexError, zlib.error, RecursionError...): every one means "cannot be read".
        logging.getLogger(__name__).info(
            "unreadable PDF: %s: %s", type(exc).__name__, exc
        )  # for the operator
        raise InputError("The PDF is corrupt and cannot be read.") from exc
    return "\n\n".join(pages)


def _decrypt_for_reading(reader: Any) -> None:
    """Open an encrypted PDF with the empty password, or refuse it.

    Many PDFs are encrypted only to restrict printing or editing (an owner password, the user
    password empty); anyone may read them, so their text is read like any other, whether the
    cipher is RC4 or AES (pypdf decrypts AES with ``cryptography``, a dependency for this). A PDF
    that needs a password to be opened at all is refused: the person can save a copy without it.
    """
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # an unknown security handler, or a damaged encryption dictionary
        raise InputError(
            "This PDF is encrypted in a way that cannot be opened here; "
            "please upload it without a password or protection.",
            field="file",
        ) from exc
    if not opened:  # PasswordType.NOT_DECRYPTED
        raise InputError(
            "This PDF is password-protected; please upload it without a password.", field="file"
        )


def _declared_pages(reader: Any) -> int:
    """The page count the PDF's page tree declares (``/Count``), 0 when it declares none."""
    count = reader.root_object["/Pages"].get("/Count", 0)
    return int(count) if isinstance(count, int) else 0


def _count_pages(reader: Any, stop: int) -> int:
    """The pages in the page tree, counted up to ``stop``: it walks the tree without listing
    every page, as ``reader.pages`` would, and stops early. Nodes are recognised as pypdf does:
    ``/Type /Pages``, or no type but ``/Kids``; a node met twice (a loop) is counted once."""
    seen: set[int] = set()
    stack = [reader.root_object.raw_get("/Pages")]
    pages = 0
    while stack and pages < stop:
        ref = stack.pop()
        number = getattr(ref, "idnum", None)
        if number is not None:
            if number in seen:
                continue
            seen.add(number)
        node = ref.get_object()
        kind = node.get("/Type")
        if kind == "/Pages" or (kind is None and "/Kids" in node):
            stack.extend(reversed(list(node.get("/Kids", []))))
        else:
            pages += 1
    return pages


def _page_text(page: Any) -> str:
    """A page's text in reading order, column by column on a two-column page.

    pypdf's default extraction follows the content stream; a two-column CV whose generator draws
    row by row (left cell, right cell, next row) then comes out interleaved, its sections mixed.
    The layout mode keeps positions on a character grid, where :func:`split_columns` finds the
    gutter; a page without one keeps the default extraction.
    """
    text = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is an optional refinement: never fail a readable page on it
        return text
    columns = split_columns(layout)
    return text if columns is None else columns


def split_columns(
    layout: str, *, min_share: float = 0.25, sidebar_share: float = 0.1
) -> str | None:
    """Read a two-column text grid column by column, or return None if it is not two-column.

    ``layout`` is text laid out on a character grid (pypdf's layout mode). A gutter is a band of
    at least ``_GUTTER`` character columns in the middle half of the width that is blank on
    (almost) every line, with at least ``min_share`` of the characters on each side of it: a
    one-column CV fails this because its sentences run across the middle. A narrow sidebar (a
    skills list beside the experience) holds less: a side with ``sidebar_share`` to
    ``min_share`` of the characters is a column too when it has at least ``_SIDEBAR_LINES``
    lines and most of them are not dates, since the dates a one-column CV aligns to the right
    margin ("Jan 2019 - Present") leave a blank band just like a gutter. Lines that do cross the
    gutter (a full-width name or heading) stay whole and split the page into blocks; each block is
    read left column first, then right.

    >>> rows = [("SKILLS", "EXPERIENCE"), ("Verilog", "Chipco"), ("VHDL", "Initech"), ("", "2020")]
    >>> print(split_columns("\\n".join(f"{a:<30}{b}" for a, b in rows)))
    SKILLS
    Verilog
    VHDL
    EXPERIENCE
    Chipco
    Initech
    2020
    """
    lines = [line.rstrip() for line in layout.split("\n")]
    filled = [line for line in lines if line.strip()]
    if len(filled) < 4:
        return None
    width = max(len(line) for line in filled)
    lo, hi = width // 4, (3 * width) // 4
    tolerance = max(1, len(filled) // 20)
    best: tuple[int, int] | None = None  # (start, end) of the widest blank band
    run_start = None
    for col in range(lo, hi + 1):
        blocked = sum(1 for line in filled if col < len(line) and line[col] != " ")
        if blocked <= tolerance and col < hi:
            run_start = col if run_start is None else run_start
            continue
        wide = run_start is not None and col - run_start >= _GUTTER
        if wide and (best is None or col - run_start > best[1] - best[0]):
            best = (run_start, col)
        run_start = None
    if best is None:
        return None
    cut = (best[0] + best[1]) // 2
    left_chars = sum(len(line[:cut].strip()) for line in filled)
    right_chars = sum(len(line[cut:].strip()) for line in filled)
    total = left_chars + right_chars
    minor_chars, minor = min(
        (left_chars, [line[:cut] for line in filled]),
        (right_chars, [line[cut:] for line in filled]),
    )
    if minor_chars < min_share * total and not (
        minor_chars >= sidebar_share * total and _is_sidebar(minor)
    ):
        return None
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush() -> None:
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for line in lines:
        band = line[best[0] : best[1]]
        if band.strip():  # crosses the gutter: a full-width line
            flush()
            out.append(line.strip())
            continue
        if line[:cut].strip():
            left.append(line[:cut].strip())
        if line[cut:].strip():
            right.append(line[cut:].strip())
    flush()
    return "\n".join(out)


_SIDEBAR_LINES = 4
_DATE_LIKE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:present|current|today|now)\b", re.IGNORECASE)


def _is_sidebar(side: list[str]) -> bool:
    """Whether one side of a gutter reads as a column of its own, not as right-aligned dates."""
    lines = [line.strip() for line in side if line.strip()]
    dated = sum(1 for line in lines if _DATE_LIKE.search(line))
    return len(lines) >= _SIDEBAR_LINES and dated * 2 < len(lines)


def _docx_text(data: bytes, budget: ReadBudget) -> str:
    import docx

    check_archive(data, budget.limits)  # before python-docx inflates a single part
    try:
        document = docx.Document(io.BytesIO(data))
        budget.check_time()
        return _docx_parts(document, budget)
    except (InputError, MemoryError):  # out of memory is not "corrupt": the caller decides
        raise
    except Exception as exc:  # python-docx and lxml raise many types on a damaged package or XML
        raise InputError("The Word document (DOCX) is corrupt and cannot be read.") from exc


def _docx_parts(document: Any, budget: ReadBudget) -> str:
    """A Word document's text in reading order: headers, then the body, then footers.

    The body is walked as XML rather than through python-docx's ``paragraphs`` and ``tables``
    lists, which lose the order (every table came after every paragraph, so an "Experience" table
    landed under "Interests") and skip content controls, text boxes and nested tables, where CV
    templates often keep their text. A table row of one-line cells is one line, its cells joined
    by " | "; a row whose cells hold several lines is a layout (a CV set in two columns) and is
    read column by column.
    """
    top: list[str] = []
    bottom: list[str] = []
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            if not header.is_linked_to_previous:
                top.extend(_counted(_blocks(header._element), budget))
        for footer in (section.first_page_footer, section.footer):
            if not footer.is_linked_to_previous:
                bottom.extend(_counted(_blocks(footer._element), budget))
    body = _counted(_blocks(document.element.body), budget)
    lines = [*dict.fromkeys(top), *body, *dict.fromkeys(bottom)]
    return "\n".join(line for line in lines if line.strip())


def _counted(lines: Iterable[str], budget: ReadBudget) -> Iterator[str]:
    """``lines``, each counted against the text cap and the clock as it is produced."""
    for line in lines:
        yield budget.add_text(line)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PROPERTIES = {_W + "pPr", _W + "rPr", _W + "tblPr", _W + "trPr", _W + "tcPr", _W + "sdtPr"}


def _blocks(container: Any) -> Iterator[str]:
    """Lines of a body, header, cell, text box or content control, in document order."""
    for child in container:
        if child.tag == _W + "p":
            yield from _paragraph_lines(child)
        elif child.tag == _W + "tbl":
            yield from _table_lines(child)
        elif child.tag == _W + "sdt":  # a content control around paragraphs or tables
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


_GRID_CELL_WORDS = 4
"""Longer cells than this under a row of section headings make the table a layout."""


def _table_lines(table: Any) -> Iterator[str]:
    """A table's lines: a grid row of one-line cells is one line, its cells joined by " | ";
    a row whose cells hold several lines is a layout, read column by column. So is a whole
    table whose first row is all section headings ("SKILLS | EXPERIENCE") and whose cells below
    are ragged or hold prose: a CV template set in columns, whose rows are not records. A skills
    matrix under such headings ("Skill | Experience", "Python | 5 years") stays a grid."""
    rows = [
        [
            [line.strip() for line in _blocks(cell) if line.strip()]
            for cell in row.findall(_W + "tc")
        ]
        for row in table.findall(_W + "tr")
    ]
    head = [lines for lines in rows[0] if lines] if rows else []
    body = [cell for row in rows[1:] for cell in row]
    # A skills matrix ("Skill | Experience", "Python | 5 years") is a grid: short cells in every
    # row. A template's columns are ragged (an empty or multi-line cell) or hold prose.
    ragged = any(len(lines) != 1 or len(lines[0].split()) > _GRID_CELL_WORDS for lines in body)
    if (
        len(head) >= 2
        and ragged
        and all(len(lines) == 1 and is_heading(lines[0]) for lines in head)
    ):
        for column in range(max(len(row) for row in rows)):
            for row in rows:
                if column < len(row):
                    yield from row[column]
        return
    for row in rows:
        cells = [lines for lines in row if lines]
        if all(len(lines) == 1 for lines in cells):  # a grid row: "Python | 5 years"
            if cells:
                yield " | ".join(lines[0] for lines in cells)
        else:  # a layout row (a CV set in columns): each column in turn, line by line
            for lines in cells:
                yield from lines


def _paragraph_lines(paragraph: Any) -> Iterator[str]:
    """A paragraph's own text, then the text of any text box anchored in it."""
    text: list[str] = []
    boxes: list[Any] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag in _PROPERTIES or tag == _FALLBACK:  # tab stops, styles; a box drawn twice
                continue
            if tag == _W + "txbxContent":
                boxes.append(child)
                continue
            if tag == _W + "t":
                text.append(child.text or "")
            elif tag == _W + "tab":
                text.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                text.append("\n")
            walk(child)

    walk(paragraph)
    yield "".join(text)
    for box in boxes:
        yield from _blocks(box)
