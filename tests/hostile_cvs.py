"""Hostile CV files, built on the spot: zip bombs, lying ZIP directories, huge texts, page floods.

Used by the unit and integration tests of the CV limits and by ``bench/cv_limits_bench.py`` (which
builds the probe's sizes: a 4.7 MB DOCX that inflates to 4.5 GB, a 4.6 MB PDF of 50,000 pages).
Every builder streams what it writes, so a file that inflates to gigabytes costs only its own
(small) size to build.
"""

from __future__ import annotations

import io
import struct
import zipfile

__all__ = [
    "docx_bomb",
    "docx_of_paragraphs",
    "docx_that_lies_about_its_size",
    "encrypted_pdf",
    "pdf_of_pages",
]

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W}><w:body>'
_TAIL = "</w:body></w:document>"
_CHUNK = 1 << 20


def _template() -> dict[str, bytes]:
    """The parts of python-docx's blank document, which a hostile file keeps to look genuine."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _docx(body: bytes, size: int) -> bytes:
    """A DOCX whose ``word/document.xml`` holds ``body`` repeated to about ``size`` bytes (whole
    copies, so the XML stays well-formed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in _template().items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=size > 2**31) as part:
            part.write(_HEAD.encode())
            block = body * max(1, _CHUNK // len(body))
            written = 0
            while written < size:
                piece = (
                    block
                    if size - written >= len(block)
                    else body * -(-(size - written) // len(body))
                )
                part.write(piece)
                written += len(piece)
            part.write(_TAIL.encode())
    return out.getvalue()


def docx_bomb(inflated_bytes: int) -> bytes:
    """A DOCX whose document part is ``inflated_bytes`` of blank space: deflate packs it about
    1,000 to 1 (the probe's 4.7 MB file inflated to 4.5 GB)."""
    return _docx(b" ", inflated_bytes)


def docx_of_paragraphs(text_bytes: int) -> bytes:
    """A DOCX of ``text_bytes`` of XML in ordinary paragraphs (the probe's had 320 MB)."""
    paragraph = b"<w:p><w:r><w:t>Python developer with Kubernetes and Go.</w:t></w:r></w:p>"
    return _docx(paragraph, text_bytes)


def docx_that_lies_about_its_size(inflated_bytes: int, declared_bytes: int) -> bytes:
    """A DOCX bomb whose directory (central and local headers) claims ``declared_bytes`` for the
    document part that really inflates to ``inflated_bytes``: a check of the directory alone
    passes it, so inflation itself must stop at the declared size."""
    data = bytearray(docx_bomb(inflated_bytes))
    name = b"word/document.xml"
    for signature, size_at, name_at in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at : start + name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, declared_bytes)
            start += 4
    return bytes(data)


def pdf_of_pages(pages: int, text: str = "Python developer") -> bytes:
    """A PDF of ``pages`` pages that all draw one shared content stream: about 90 bytes a page,
    so 50,000 pages fit in 4.6 MB, as in the probe."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] /Resources << /Font << /F1 3 0 R >> >> >>"
        % (pages, b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def encrypted_pdf(
    text: str, *, user_password: str, algorithm: str = "AES-256", owner_password: str = "owner"
) -> bytes:
    """A one-page PDF with ``text``, encrypted by pypdf's writer. An empty ``user_password``
    makes the usual "protected against editing" PDF that anyone may open."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    plain = io.BytesIO()
    page = canvas.Canvas(plain)
    page.drawString(72, 720, text)
    page.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain.getvalue())))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
