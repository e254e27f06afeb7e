"""CV upload through the API: real PDF and DOCX files, and every way a file can be bad."""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def _pdf(text: str, *, encrypt: bool = False) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.save()
    if not encrypt:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Skills"
    table.rows[0].cells[1].text = "Kubernetes, Go"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(client: TestClient, who: Any, name: str, data: bytes) -> Any:
    return client.put("/api/v1/me/cv", files={"file": (name, data)}, headers=who.headers)


def test_pdf_upload_is_read_by_content_not_name(client: TestClient, world: dict[str, Any]) -> None:
    response = _upload(client, world["cand1"], "cv.txt", _pdf("Jane Doe - Verilog and FPGA design"))
    assert response.status_code == 200, response.text
    assert response.json()["media_type"] == "application/pdf"
    assert "Verilog and FPGA design" in response.json()["text"]


def test_docx_upload_includes_tables(client: TestClient, world: dict[str, Any]) -> None:
    response = _upload(client, world["cand1"], "cv.docx", _docx("Jane Doe, platform engineer"))
    assert response.status_code == 200
    assert "Kubernetes, Go" in response.json()["text"]
    original = client.get(
        f"/api/v1/candidates/{world['cand1'].id}/cv/file", headers=world["cand1"].headers
    )
    assert original.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert original.content[:4] == b"PK\x03\x04"  # the file as uploaded, not the extracted text


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("cv.pdf", b"%PDF-1.7\n garbage without structure", 422, "corrupt"),
        ("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00binary", 415, "Unsupported file type"),
        ("cv.docx", b"PK\x03\x04 not really a zip", 422, "corrupt"),
        ("cv.txt", b"   ", 422, "empty"),
        ("cv.html", b"<!DOCTYPE html><html><h1>Jane</h1></html>", 415, "web page (HTML)"),
        ("cv.rtf", b"{\\rtf1\\ansi Jane Doe, Python}", 415, "RTF document"),
        ("cv.doc", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512), 415, "Save it as DOCX"),
    ],
)
def test_bad_files_are_refused_and_nothing_changes(
    client: TestClient, world: dict[str, Any], name: str, data: bytes, status: int, words: str
) -> None:
    before = client.get("/api/v1/me/export", headers=world["cand1"].headers).json()["cv"]
    response = _upload(client, world["cand1"], name, data)
    assert response.status_code == status
    assert words in response.json()["detail"]
    after = client.get("/api/v1/me/export", headers=world["cand1"].headers).json()["cv"]
    assert (after["text"], after["filename"]) == (before["text"], before["filename"])


def test_encrypted_pdf_is_refused(client: TestClient, world: dict[str, Any]) -> None:
    response = _upload(client, world["cand1"], "cv.pdf", _pdf("secret", encrypt=True))
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "This PDF is password-protected; please upload it without a password."
    )


def test_oversized_file_is_refused(client: TestClient, world: dict[str, Any]) -> None:
    response = _upload(client, world["cand1"], "cv.txt", b"a" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_only_candidates_upload_cvs(client: TestClient, world: dict[str, Any], db: Any) -> None:
    from sqlalchemy import select

    from talentfoundry.store.models import CvDocument

    response = _upload(client, world["recruiter_a"], "cv.txt", b"I am a recruiter")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only candidates may do this."
    texts = db.scalars(select(CvDocument.text)).all()  # the two candidates' CVs, nothing else
    assert len(texts) == 2 and not any("I am a recruiter" in t for t in texts)
