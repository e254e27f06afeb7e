"""The web product reads each uploaded CV in a child process with a memory limit and a deadline:
a file that would take the server's memory or time is refused in words, and the server is not
limited itself."""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
from typing import Any

import pytest

from talentfoundry.config import Settings
from talentfoundry.domain.errors import Busy, InputError, UnsupportedMedia
from talentfoundry.services import cv_worker
from tests.hostile_cvs import docx_bomb, encrypted_pdf, pdf_of_pages

pytestmark = pytest.mark.unit

MB = 1024 * 1024


def _hang(*_args: Any) -> None:
    """A reader that never answers (run in the child, found there by its module's name)."""
    threading.Event().wait()


def _die(*_args: Any) -> None:
    """A reader whose process ends without a word, as one killed by the kernel would."""
    os._exit(9)


def test_a_cv_is_read_in_a_child_and_the_server_keeps_its_own_limits() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    document = cv_worker.read_cv(pdf_of_pages(2, "Jane Doe, Rust"), Settings())
    assert document.text.count("Jane Doe, Rust") == 2
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # only the child was limited
    assert multiprocessing.active_children() == []  # and it is gone


def test_the_readers_refusals_come_back_with_their_kind_and_field() -> None:
    with pytest.raises(InputError) as protected:
        cv_worker.read_cv(encrypted_pdf("Jane", user_password="secret"), Settings())
    assert protected.value.message == (
        "This PDF is password-protected; please upload it without a password."
    )
    with pytest.raises(UnsupportedMedia) as binary:
        cv_worker.read_cv(b"\x7fELF\x02\x01\x01" + bytes(64), Settings())
    assert binary.value.status == 415
    assert {protected.value.field, binary.value.field} == {"file"}


def test_a_file_that_needs_more_memory_than_the_child_may_have_is_refused() -> None:
    # With the unpacking limits out of the way, only the child's address-space limit stands
    # between this 160 MB bomb and the memory: python-docx inflates the part in one piece.
    settings = Settings(
        cv_worker_memory_bytes=128 * MB,
        cv_max_expanded_bytes=1024 * MB,
        cv_max_expansion_ratio=1_000_000,
    )
    with pytest.raises(InputError) as refused:
        cv_worker.read_cv(docx_bomb(160 * MB), settings)
    assert refused.value.message == (
        "This file needs more than 128 MB of memory to read; please upload a smaller or simpler CV."
    )
    assert refused.value.field == "file"


def test_a_child_that_never_answers_is_killed_and_the_file_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cv_worker, "_read_in_child", _hang)
    monkeypatch.setattr(cv_worker, "GRACE_SECONDS", 0)
    with pytest.raises(InputError) as refused:
        cv_worker.read_cv(b"Jane Doe", Settings(cv_read_seconds=0.01))
    assert refused.value.message == (
        "This file takes more than 0.01 seconds to read; please upload a smaller or simpler CV."
    )
    assert multiprocessing.active_children() == []


def test_a_child_that_dies_without_a_word_is_a_refusal_not_a_server_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cv_worker, "_read_in_child", _die)
    with pytest.raises(InputError) as refused:
        cv_worker.read_cv(b"Jane Doe", Settings())
    assert refused.value.message == (
        "This file needs more than 1,024 MB of memory to read; "
        "please upload a smaller or simpler CV."
    )


def test_uploads_past_the_concurrent_readers_are_told_to_try_again() -> None:
    settings = Settings(cv_workers=1, cv_read_seconds=0.01)
    turn = cv_worker._turns(1)
    assert turn.acquire(timeout=5)  # another upload is being read
    try:
        with pytest.raises(Busy) as busy:
            cv_worker.read_cv(b"Jane Doe", settings)
    finally:
        turn.release()
    assert busy.value.message == "Many CVs are being read right now; please try again in a minute."
    assert cv_worker.read_cv(b"Jane Doe", settings).text == "Jane Doe"  # the turn came back
