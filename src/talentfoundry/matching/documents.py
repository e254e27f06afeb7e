"""Turn an uploaded CV (PDF, DOCX or plain text) into text.

The type is decided by the bytes (content sniffing), never by the file name: a PDF renamed
``cv.txt`` is still read as a PDF, and an executable renamed ``cv.pdf`` is refused. Every failure is
a :class:`~talentfoundry.domain.errors.FoundryError` with a message for the person who uploaded the
file; nothing here writes anywhere.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from talentfoundry.domain.errors import InputError, PayloadTooLarge, UnsupportedMedia

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MEDIA_DOCX",
    "MEDIA_PDF",
    "MEDIA_TEXT",
    "ExtractedDocument",
    "extract_text",
    "sniff_media_type",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MEDIA_PDF = "application/pdf"
MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TEXT = "text/plain"


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
    if data.startswith(b"%PDF-"):
        return MEDIA_PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise InputError("The file looks like a DOCX (ZIP) but is corrupt.") from exc
        if "word/document.xml" in names:
            return MEDIA_DOCX
        raise UnsupportedMedia(
            "The file is a ZIP archive but not a Word document (DOCX). "
            "Upload a PDF, a DOCX or a plain-text CV."
        )
    if _looks_like_text(data):
        return MEDIA_TEXT
    raise UnsupportedMedia(
        "Unsupported file type: upload a PDF, a DOCX or a plain-text CV "
        "(the type is read from the file's content, not its name)."
    )


def extract_text(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractedDocument:
    """Extract the text of a CV file.

    Raises :class:`PayloadTooLarge` over ``max_bytes``, :class:`UnsupportedMedia` for other file
    types, and :class:`InputError` for an empty, corrupt or encrypted file or one with no text.
    """
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The file is {len(data) / 1_048_576:.1f} MB; the limit is "
            f"{max_bytes / 1_048_576:.1f} MB."
        )
    if not data.strip():
        raise InputError("The file is empty.")
    media_type = sniff_media_type(data)
    if media_type == MEDIA_PDF:
        text = _pdf_text(data)
    elif media_type == MEDIA_DOCX:
        text = _docx_text(data)
    else:
        text = _decode_text(data)
    text = text.replace("\x00", "").strip()
    if not text:
        raise InputError(
            "No text could be read from the file (a scanned image without a text layer?). "
            "Upload a PDF with selectable text, a DOCX or a plain-text CV."
        )
    return ExtractedDocument(text=text, media_type=media_type)


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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word-processor exports on Windows are often cp1252; it decodes every byte but five.
        return data.decode("cp1252", errors="replace")


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(
                "The PDF is encrypted (password-protected); upload an unprotected copy."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(f"The PDF is corrupt and cannot be read ({type(exc).__name__}).") from exc
    return "\n\n".join(pages)


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError("The Word document (DOCX) is corrupt and cannot be read.") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError for broken XML parts.
        raise InputError("The Word document (DOCX) is corrupt and cannot be read.") from exc
    parts = [paragraph.text for paragraph in document.paragraphs]
    # Tables carry much of a CV's content (skills grids, two-column layouts): read them row by row.
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                value = cell.text.strip()
                if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                    cells.append(value)
            if cells:
                parts.append(" | ".join(cells))
    return "\n".join(parts)
