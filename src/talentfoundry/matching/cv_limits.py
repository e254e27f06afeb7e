"""How far a CV file may expand while it is read, and the checks that hold it to that.

A CV upload is small (5 MB), but what it unpacks to need not be: a DOCX is a ZIP archive, and
deflate packs blank space about 1,000 to 1, so a 4.7 MB file inflated to 4.5 GB and took 9.3 GB of
memory before this module; 320 MB of ordinary paragraphs took 3.7 GB and 38 s; a 4.6 MB PDF of
50,000 pages took 31 s. The bounds here are checked before anything is inflated (the ZIP
directory's sizes and ratios), while inflating (each part must stop at its declared size: the
directory can lie), and while reading (text length, page count, a time budget). Every refusal is
an :class:`~talentfoundry.domain.errors.InputError` on the field ``file`` with a message for the
person who chose the file.

The web product also reads every upload in a worker process with a memory limit and a hard
deadline (``services/cv_worker.py``): these checks make the common attacks cheap to refuse, the
worker catches whatever slips past them.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass

from talentfoundry.domain.errors import InputError

__all__ = ["DEFAULT_CV_LIMITS", "CvLimits", "ReadBudget", "check_archive"]

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class CvLimits:
    """Bounds on what reading one CV may cost; :data:`DEFAULT_CV_LIMITS` holds the defaults
    (``talentfoundry.config.Settings`` takes its ``cv_*`` defaults from it)."""

    max_expanded_bytes: int = 32 * MB
    """All parts of a DOCX together, unpacked. A real CV's XML is well under 1 MB; photos and
    fonts are stored nearly as packed, so 32 MB leaves room for any 5 MB upload of them."""
    max_expansion_ratio: int = 100
    """Unpacked / packed size of any part over 1 MB: Word's XML packs about 5-40 to 1, blank
    space about 1,000 to 1."""
    max_text_chars: int = 200_000
    """Characters of extracted text: about 30,000 words, 60 dense pages."""
    max_pdf_pages: int = 100
    seconds: float = 20.0
    """Time budget of one read. A 100-page PDF reads in a few seconds."""


DEFAULT_CV_LIMITS = CvLimits()

_MAX_PARTS = 1_000
"""ZIP entries in a DOCX: Word writes 10-40, plus one per picture."""
_RATIO_FLOOR = 1 * MB
"""Parts smaller than this may pack as tightly as they like: they cannot cost much."""
_CHUNK = 64 * 1024


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB"


def _expands(limits: CvLimits) -> InputError:
    return InputError(
        f"This file expands to more than {_mb(limits.max_expanded_bytes)} when unpacked; "
        "please upload a smaller CV.",
        field="file",
    )


def _corrupt_docx() -> InputError:
    return InputError("The Word document (DOCX) is corrupt and cannot be read.", field="file")


def check_archive(data: bytes, limits: CvLimits) -> None:
    """Refuse a DOCX (ZIP) whose parts would unpack beyond ``limits``, without holding more than
    64 KB of unpacked data at any moment.

    First the directory alone: the number of parts, each part's and the total unpacked size, and
    each large part's packing ratio. Then each part is inflated in 64 KB steps and counted, and
    refused as soon as it passes the size its directory entry declares: Python's ``zipfile`` (and
    so python-docx) inflates a whole part in one call before cutting it to the declared size, so a
    lying directory would otherwise cost all the memory the part really unpacks to. After this,
    the reader's own inflation is bounded by the declared sizes checked here.

    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
    ...     archive.writestr("word/document.xml", " " * (2 * MB))  # packs 1,000 to 1
    >>> try:
    ...     check_archive(buffer.getvalue(), DEFAULT_CV_LIMITS)
    ... except InputError as refusal:
    ...     print(refusal.message.split(";")[0])
    This file expands to more than 100 times its size when unpacked
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError, struct.error on a damaged one
        raise _corrupt_docx() from exc
    if len(parts) > _MAX_PARTS:
        raise _corrupt_docx()
    total = 0
    for part in parts:
        if (
            part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
            or part.flag_bits & 1
        ):
            raise _corrupt_docx()  # Word writes neither bzip2/LZMA nor encrypted parts
        total += part.file_size
        if total > limits.max_expanded_bytes:
            raise _expands(limits)
        if part.file_size > _RATIO_FLOOR and part.file_size > limits.max_expansion_ratio * max(
            part.compress_size, 1
        ):
            raise InputError(
                f"This file expands to more than {limits.max_expansion_ratio} times its size "
                "when unpacked; please upload a smaller CV.",
                field="file",
            )
    for part in parts:
        if _inflated_size(data, part) > part.file_size:
            raise InputError(
                "This file expands to more than its own table of contents says when unpacked "
                "(it is damaged, or built to overload a server); please upload a smaller CV.",
                field="file",
            )


def _inflated_size(data: bytes, part: zipfile.ZipInfo) -> int:
    """What ``part`` unpacks to, counted 64 KB at a time, stopping one step past its declared
    size. Its packed bytes start after the local header (30 bytes, the name, an extra field),
    exactly where ``zipfile`` reads them from."""
    start = part.header_offset
    if data[start : start + 4] != b"PK\x03\x04":
        raise _corrupt_docx()
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    begin = start + 30 + name_length + extra_length
    packed = memoryview(data)[begin : begin + part.compress_size]
    if part.compress_type == zipfile.ZIP_STORED:
        return len(packed)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        for offset in range(0, len(packed), _CHUNK):
            pending = bytes(packed[offset : offset + _CHUNK])
            while pending and not inflater.eof:
                produced += len(inflater.decompress(pending, _CHUNK))
                if produced > part.file_size:
                    return produced
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as exc:
        raise _corrupt_docx() from exc
    return produced


class ReadBudget:
    """The text and time one read may still spend; readers call it as they go, so a file is
    refused when it passes a bound, not after it has been read whole."""

    def __init__(self, limits: CvLimits) -> None:
        self.limits = limits
        self.chars = 0
        self._deadline = time.monotonic() + limits.seconds

    def check_time(self) -> None:
        if time.monotonic() >= self._deadline:
            raise too_slow(self.limits.seconds)

    def add_text(self, text: str) -> str:
        """Count ``text`` against the text cap (and check the clock); returns it."""
        self.chars += len(text)
        if self.chars > self.limits.max_text_chars:
            raise too_long(self.limits.max_text_chars)
        self.check_time()
        return text

    def check_pages(self, pages: int) -> None:
        if pages > self.limits.max_pdf_pages:
            raise InputError(
                f"This PDF has more than {self.limits.max_pdf_pages:,} pages; "
                "please upload a shorter CV.",
                field="file",
            )


def too_long(max_chars: int) -> InputError:
    return InputError(
        f"This CV has more than {max_chars:,} characters of text; please upload a shorter CV.",
        field="file",
    )


def too_slow(seconds: float) -> InputError:
    return InputError(
        f"This file takes more than {seconds:g} seconds to read; "
        "please upload a smaller or simpler CV.",
        field="file",
    )
