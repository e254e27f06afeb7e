"""A CV may expand only so far: hostile files are refused with one clear message, early.

The files are built here (``tests/hostile_cvs.py``) at sizes that keep the tests quick; the
probe's own sizes (4.5 GB bombs, 50,000 pages) are measured in ``bench/cv_limits_bench.py``.
"""

from __future__ import annotations

import io

import pytest

from talentfoundry.domain.errors import InputError
from talentfoundry.matching import cv_limits, documents
from talentfoundry.matching.cv_limits import DEFAULT_CV_LIMITS, CvLimits
from talentfoundry.matching.documents import MEDIA_DOCX, extract_text
from tests.hostile_cvs import (
    docx_bomb,
    docx_of_paragraphs,
    docx_that_lies_about_its_size,
    encrypted_pdf,
    pdf_of_pages,
)

pytestmark = pytest.mark.unit

MB = 1024 * 1024


def refusal(data: bytes, limits: CvLimits = DEFAULT_CV_LIMITS) -> InputError:
    with pytest.raises(InputError) as caught:
        extract_text(data, limits=limits)
    assert caught.value.field == "file"
    return caught.value


def forbid_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, fail the test if any part of an archive is inflated, by us or python-docx."""

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a part was inflated before the directory was checked")

    monkeypatch.setattr(cv_limits, "_inflated_size", forbidden)
    monkeypatch.setattr("docx.Document", forbidden)


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_inflated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = docx_bomb(40 * MB)  # 40 MB of blank space in a file of about 70 KB
    assert len(bomb) < MB
    forbid_inflating(monkeypatch)
    assert refusal(bomb).message == (
        "This file expands to more than 32 MB when unpacked; please upload a smaller CV."
    )


def test_a_part_packed_a_thousand_to_one_is_refused_even_under_the_total(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = docx_bomb(4 * MB)
    forbid_inflating(monkeypatch)
    assert refusal(bomb).message == (
        "This file expands to more than 100 times its size when unpacked; "
        "please upload a smaller CV."
    )


def test_a_directory_that_understates_a_part_is_caught_while_inflating() -> None:
    # The directory says 1 MB (it passes the size and ratio checks); the part inflates to 64 MB.
    liar = docx_that_lies_about_its_size(64 * MB, declared_bytes=1 * MB)
    assert refusal(liar).message == (
        "This file expands to more than its own table of contents says when unpacked "
        "(it is damaged, or built to overload a server); please upload a smaller CV."
    )


def test_inflation_stops_one_step_past_the_declared_size() -> None:
    import zipfile

    liar = docx_that_lies_about_its_size(64 * MB, declared_bytes=1 * MB)
    part = zipfile.ZipFile(io.BytesIO(liar)).getinfo("word/document.xml")
    counted = cv_limits._inflated_size(liar, part)
    assert part.file_size < counted <= part.file_size + cv_limits._CHUNK


def test_an_honest_archive_inflates_to_its_declared_sizes() -> None:
    import zipfile

    data = docx_of_paragraphs(200_000)
    for part in zipfile.ZipFile(io.BytesIO(data)).infolist():
        assert cv_limits._inflated_size(data, part) == part.file_size


def test_a_docx_with_other_compression_than_deflate_is_refused_unread() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:  # bzip2 packs far tighter
        archive.writestr("word/document.xml", "<w:document/>")
    assert refusal(buffer.getvalue()).message == (
        "The Word document (DOCX) is corrupt and cannot be read."
    )


def test_too_much_text_stops_the_reading_on_the_way(monkeypatch: pytest.MonkeyPatch) -> None:
    data = docx_of_paragraphs(400_000)  # 5,000 paragraphs of 41 characters
    read = 0
    paragraph_lines = documents._paragraph_lines

    def counting(paragraph: object) -> object:
        nonlocal read
        read += 1
        return paragraph_lines(paragraph)

    monkeypatch.setattr(documents, "_paragraph_lines", counting)
    limits = CvLimits(max_text_chars=4_000)
    assert refusal(data, limits).message == (
        "This CV has more than 4,000 characters of text; please upload a shorter CV."
    )
    assert read < 200  # refused after about 100 paragraphs, not after all 5,000


def test_the_same_text_under_the_cap_is_read() -> None:
    document = extract_text(docx_of_paragraphs(20_000), limits=CvLimits(max_text_chars=200_000))
    assert document.media_type == MEDIA_DOCX
    assert document.text.startswith("Python developer with Kubernetes and Go.")


def test_a_long_plain_text_file_is_refused() -> None:
    assert refusal(b"Python " * 30_000).message == (
        "This CV has more than 200,000 characters of text; please upload a shorter CV."
    )


def test_a_pdf_over_the_page_cap_is_refused_from_its_declared_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def forbidden(*_args: object) -> str:
        raise AssertionError("a page was read")

    monkeypatch.setattr(documents, "_page_text", forbidden)
    assert refusal(pdf_of_pages(101)).message == (
        "This PDF has more than 100 pages; please upload a shorter CV."
    )


def test_a_pdf_that_understates_its_page_count_is_counted_without_listing_every_page() -> None:
    honest = pdf_of_pages(101)
    liar = honest.replace(b"/Count 101", b"/Count 1  ")  # same length: the offsets stay right
    assert liar != honest
    assert refusal(liar).message == "This PDF has more than 100 pages; please upload a shorter CV."

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(liar))
    assert documents._count_pages(reader, stop=5) == 5  # the walk stops at what it needs
    assert reader.flattened_pages is None  # pypdf never listed the 101 pages


def test_a_pdf_within_the_page_cap_is_read() -> None:
    document = extract_text(pdf_of_pages(3), limits=CvLimits(max_pdf_pages=3))
    assert document.text.count("Python developer") == 3
    assert refusal(pdf_of_pages(4), CvLimits(max_pdf_pages=3)).message == (
        "This PDF has more than 3 pages; please upload a shorter CV."
    )


@pytest.mark.parametrize(
    "data",
    [pdf_of_pages(2), docx_of_paragraphs(2_000)],
    ids=["pdf", "docx"],
)
def test_a_spent_time_budget_refuses_the_file(data: bytes) -> None:
    assert refusal(data, CvLimits(seconds=0)).message == (
        "This file takes more than 0 seconds to read; please upload a smaller or simpler CV."
    )


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_a_pdf_protected_only_against_editing_is_read_whatever_its_cipher(algorithm: str) -> None:
    data = encrypted_pdf("Jane Doe, Kubernetes", user_password="", algorithm=algorithm)
    assert extract_text(data).text == "Jane Doe, Kubernetes"


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_a_pdf_that_needs_a_password_to_open_is_refused_in_words(algorithm: str) -> None:
    data = encrypted_pdf("Jane Doe", user_password="secret", algorithm=algorithm)
    assert refusal(data).message == (
        "This PDF is password-protected; please upload it without a password."
    )
