"""Hostile CV uploads through the API and the page: refused in words on the field ``file``, with
nothing stored; file names cleaned; bodies over the limit refused with 413 before they are read.
On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from talentfoundry.store.models import CvDocument
from tests.hostile_cvs import (
    docx_bomb,
    docx_that_lies_about_its_size,
    encrypted_pdf,
    pdf_of_pages,
)
from tests.integration.pagehelpers import page_login

pytestmark = pytest.mark.integration

MB = 1024 * 1024

HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "zip-bomb": (
        "cv.docx",
        lambda: docx_bomb(40 * MB),
        "This file expands to more than 32 MB when unpacked; please upload a smaller CV.",
    ),
    "lying-directory": (
        "cv.docx",
        lambda: docx_that_lies_about_its_size(64 * MB, declared_bytes=1 * MB),
        "This file expands to more than its own table of contents says when unpacked "
        "(it is damaged, or built to overload a server); please upload a smaller CV.",
    ),
    "101-pages": (
        "cv.pdf",
        lambda: pdf_of_pages(101),
        "This PDF has more than 100 pages; please upload a shorter CV.",
    ),
    "huge-text": (
        "cv.txt",
        lambda: b"Python " * 30_000,
        "This CV has more than 200,000 characters of text; please upload a shorter CV.",
    ),
    "aes-with-password": (
        "cv.pdf",
        lambda: encrypted_pdf("Jane Doe", user_password="secret", algorithm="AES-256"),
        "This PDF is password-protected; please upload it without a password.",
    ),
}


@cache
def hostile_file(case: str) -> bytes:
    return HOSTILE[case][1]()


def cv_rows(engine: Engine) -> list[tuple[Any, ...]]:
    """Every stored CV as the database holds it."""
    with Session(engine) as db:
        return [
            tuple(row)
            for row in db.execute(
                select(
                    CvDocument.profile_id,
                    CvDocument.filename,
                    CvDocument.sha256,
                    CvDocument.text,
                    CvDocument.uploaded_at,
                ).order_by(CvDocument.id)
            )
        ]


def put_cv(client: TestClient, who: Any, name: str, data: bytes) -> Any:
    return client.put("/api/v1/me/cv", files={"file": (name, data)}, headers=who.headers)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_api_refuses_a_hostile_cv_in_words_and_stores_nothing(
    client: TestClient, world: dict[str, Any], engine: Engine, case: str
) -> None:
    name, _, message = HOSTILE[case]
    before = cv_rows(engine)
    response = put_cv(client, world["cand1"], name, hostile_file(case))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == message
    assert response.json()["errors"] == [{"field": "file", "message": message}]
    assert cv_rows(engine) == before
    assert len(before) == 2  # the world's two CVs, unchanged


def test_the_page_refuses_hostile_cvs_at_the_field_and_keeps_the_previous_cv(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    token = page_login(client, "cand1@example.org")
    before = cv_rows(engine)
    for case, (name, _, message) in HOSTILE.items():
        page = client.post(
            "/me/cv", data={"csrf": token}, files={"file": (name, hostile_file(case))}
        )
        assert page.status_code == 422, case
        assert 'id="file-error"' in page.text, case
        assert message in html.unescape(page.text), case
        assert "SKILLS: Python (primary), PyTorch" in page.text  # the previous CV is shown
    assert cv_rows(engine) == before


def test_a_pdf_protected_only_against_editing_is_accepted_even_with_aes(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    data = encrypted_pdf("Jane Doe, Kubernetes and Go", user_password="", algorithm="AES-256")
    response = put_cv(client, world["cand1"], "restricted.pdf", data)
    assert response.status_code == 200, response.text
    assert response.json()["text"] == "Jane Doe, Kubernetes and Go"
    stored = {row[1]: row[3] for row in cv_rows(engine)}
    assert stored["restricted.pdf"] == "Jane Doe, Kubernetes and Go"


def _multipart(filename: str, data: bytes, boundary: str = "tf-test-boundary") -> tuple[bytes, str]:
    """A multipart body written by hand: HTTP clients escape control characters in file names
    (httpx sends a NUL as ``%00``), other clients send them raw."""
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return (
        head + data + f"\r\n--{boundary}--\r\n".encode(),
        f"multipart/form-data; boundary={boundary}",
    )


def test_a_file_name_with_a_nul_and_controls_is_stored_clean(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    body, content_type = _multipart("C:\\CVs\\jane\x00\x1b \u202ecv.txt", b"Jane Doe\nSKILLS: Go")
    response = client.put(
        "/api/v1/me/cv",
        content=body,
        headers={**world["cand1"].headers, "content-type": content_type},
    )
    assert response.status_code == 200, response.text
    assert response.json()["filename"] == "jane cv.txt"
    assert "jane cv.txt" in {row[1] for row in cv_rows(engine)}


OVER_LIMIT = 5 * MB + 64 * 1024 + 1  # the upload limit plus the multipart envelope, plus one


def _assert_413(response: Any, detail: str, path: str) -> None:
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Payload too large",
        "status": 413,
        "detail": detail,
        "instance": path,
    }


UPLOAD_413 = (
    "The request is larger than 5.1 MB, the most this site accepts at once; "
    "please upload a smaller file."
)


def test_an_upload_body_over_the_limit_is_refused_from_its_length(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    before = cv_rows(engine)
    body, content_type = _multipart("cv.txt", b"a" * OVER_LIMIT)
    response = client.put(
        "/api/v1/me/cv",
        content=body,
        headers={**world["cand1"].headers, "content-type": content_type},
    )
    _assert_413(response, UPLOAD_413, "/api/v1/me/cv")
    assert cv_rows(engine) == before


def test_a_streamed_body_without_a_length_is_counted_and_refused(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    # Sent chunked (no Content-Length); that it stops reading at the limit is in the unit tests
    # of the middleware (the test client hands the body over in one piece).
    before = cv_rows(engine)
    body, content_type = _multipart("cv.txt", b"a" * (2 * OVER_LIMIT))

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 256 * 1024):
            yield body[start : start + 256 * 1024]

    response = client.put(
        "/api/v1/me/cv",
        content=chunks(),
        headers={**world["cand1"].headers, "content-type": content_type},
    )
    _assert_413(response, UPLOAD_413, "/api/v1/me/cv")
    assert cv_rows(engine) == before


def test_a_json_body_over_its_smaller_limit_is_refused(
    client: TestClient, world: dict[str, Any]
) -> None:
    before = client.get("/api/v1/me/profile", headers=world["cand1"].headers).json()
    body = json.dumps({"headline": "Go", "skills": ["Python"] * 200_000}).encode()  # 2 MB
    response = client.patch(
        "/api/v1/me/profile",
        content=body,
        headers={**world["cand1"].headers, "content-type": "application/json"},
    )
    _assert_413(
        response,
        "The request is larger than 1.0 MB, the most this site accepts at once; "
        "please send less at once.",
        "/api/v1/me/profile",
    )
    after = client.get("/api/v1/me/profile", headers=world["cand1"].headers).json()
    assert after == before
    assert after["headline"] != "Go"


def test_a_file_at_the_upload_limit_passes_the_body_limit_to_the_cv_rules(
    client: TestClient, world: dict[str, Any]
) -> None:
    response = put_cv(client, world["cand1"], "cv.txt", b"a " * (5 * MB // 2))
    assert response.status_code == 422  # read, and refused by the CV's own text limit
    assert response.json()["detail"] == (
        "This CV has more than 200,000 characters of text; please upload a shorter CV."
    )
