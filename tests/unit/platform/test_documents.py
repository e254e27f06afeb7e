"""CV files: the type comes from the bytes, and every bad file gets a clear error."""

from __future__ import annotations

import pytest

from talentfoundry.domain.errors import InputError, PayloadTooLarge, UnsupportedMedia
from talentfoundry.matching.documents import MEDIA_TEXT, extract_text, sniff_media_type

pytestmark = pytest.mark.unit


def test_plain_text_in_utf8_and_cp1252() -> None:
    assert extract_text("Zoë Müller, Python".encode()).text == "Zoë Müller, Python"
    assert extract_text("Zoë Müller, Python".encode("cp1252")).text == "Zoë Müller, Python"
    assert extract_text(b"\xef\xbb\xbfBOM first").text == "BOM first"


def test_binary_that_is_not_a_cv_is_refused() -> None:
    with pytest.raises(UnsupportedMedia, match="PDF, a DOCX or a plain-text"):
        sniff_media_type(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00")


def test_a_zip_that_is_not_docx_is_refused() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedMedia, match="not a Word document"):
        extract_text(buffer.getvalue())


def test_size_limit_is_checked_before_parsing() -> None:
    with pytest.raises(PayloadTooLarge, match=r"limit is 0\.0 MB"):
        extract_text(b"x" * 2048, max_bytes=1024)


def test_empty_and_whitespace_files_are_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        extract_text(b"  \n ")


def test_text_media_type() -> None:
    assert extract_text(b"Jane").media_type == MEDIA_TEXT
