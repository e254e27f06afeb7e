"""Read an uploaded CV in a separate process with a memory limit and a deadline.

The limits in :mod:`talentfoundry.matching.cv_limits` refuse the known hostile files early, but a
parser bug or a file shaped in a way nobody thought of could still make pypdf or lxml take all the
memory or loop; in the web process that would take the server down with it (seen: 9.3 GB for one
4.7 MB DOCX). So each upload is read in a child process that

- is started from a ``forkserver`` (a small, clean process that has imported only the readers):
  starting one is a fork of that, not of the web server with its threads and database pools;
- limits its own address space (``RLIMIT_AS``) before it reads anything, so an allocation past the
  limit fails in the child (``MemoryError``, or the child dies) instead of in the server;
- is killed when it is not done within the time budget plus a grace period;
- reads one file and exits, so nothing one file did can affect the next.

At most ``cv_workers`` children run at once per web process; further uploads wait for a turn, and
are told to try again when none comes within the time budget. Each outcome the child cannot report
(killed, out of memory, crashed) becomes the same clear refusal on the field ``file``; the details
go to the log for the operator. Decision record: docs/adr/0002-cv-parsing-in-a-bounded-worker.md.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import resource
import threading
from functools import cache
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from talentfoundry.domain.errors import Busy, FoundryError, InputError
from talentfoundry.matching.cv_limits import CvLimits
from talentfoundry.matching.documents import ExtractedDocument, extract_text

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from talentfoundry.config import Settings

__all__ = ["GRACE_SECONDS", "cv_limits", "read_cv"]

_log = logging.getLogger(__name__)

GRACE_SECONDS = 5.0
"""Beyond the time budget, before the child is killed: the reader checks its budget between pages
and paragraphs, so it normally refuses by itself; the kill is for a step that never returns."""


def cv_limits(settings: Settings) -> CvLimits:
    """The reading limits of these settings (``TALENTFOUNDRY_CV_*``)."""
    return CvLimits(
        max_expanded_bytes=settings.cv_max_expanded_bytes,
        max_expansion_ratio=settings.cv_max_expansion_ratio,
        max_text_chars=settings.cv_max_text_chars,
        max_pdf_pages=settings.cv_max_pdf_pages,
        seconds=settings.cv_read_seconds,
    )


def read_cv(data: bytes, settings: Settings) -> ExtractedDocument:
    """The text of an uploaded CV, read in a bounded child process (see the module's docstring).

    Raises the reader's own :class:`FoundryError` (named for the field ``file``), an
    :class:`InputError` when the child ran out of memory or time, and :class:`Busy` when no
    reader came free within the time budget.
    """
    limits = cv_limits(settings)
    turn = _turns(settings.cv_workers)
    if not turn.acquire(timeout=limits.seconds):
        raise Busy("Many CVs are being read right now; please try again in a minute.")
    try:
        outcome = _run_child(
            data,
            max_bytes=settings.max_upload_bytes,
            limits=limits,
            memory_bytes=settings.cv_worker_memory_bytes,
        )
    finally:
        turn.release()
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "refused":
        _, error_type, message, field = outcome
        raise error_type(message, field=field or "file")
    if kind == "timeout":
        raise InputError(
            f"This file takes more than {limits.seconds:g} seconds to read; "
            "please upload a smaller or simpler CV.",
            field="file",
        )
    if kind == "failed":  # a bug in the reader, not the person's doing: a 500, with its trace
        raise RuntimeError(f"the CV reader failed: {outcome[1]}")
    raise InputError(  # "memory": out of memory, or killed by a signal without a word
        f"This file needs more than {settings.cv_worker_memory_bytes / 1024**2:,.0f} MB of "
        "memory to read; please upload a smaller or simpler CV.",
        field="file",
    )


def _run_child(
    data: bytes, *, max_bytes: int, limits: CvLimits, memory_bytes: int
) -> tuple[Any, ...]:
    """Start a child that reads ``data``; wait for its answer, at most the budget plus grace.

    Answers: ``("ok", document)``, ``("refused", type, message, field)``, ``("failed", text)``,
    ``("memory",)`` or ``("timeout",)``. The child is always gone when this returns.
    """
    context = _context()
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(  # type: ignore[attr-defined]
        target=_read_in_child,
        args=(sending, data, max_bytes, limits, memory_bytes),
        name="cv-reader",
        daemon=True,
    )
    child.start()
    sending.close()  # only the child writes; the parent sees EOF when the child dies
    try:
        if not receiving.poll(limits.seconds + GRACE_SECONDS):
            _log.warning("CV reader killed after %.0f s (pid %s)", limits.seconds, child.pid)
            return ("timeout",)
        try:
            return receiving.recv()
        except EOFError:  # the child died before it answered: killed by the memory limit
            child.join(1)
            _log.warning("CV reader died without an answer (exit code %s)", child.exitcode)
            return ("memory",)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        child.close()
        receiving.close()


def _read_in_child(
    conn: Connection, data: bytes, max_bytes: int, limits: CvLimits, memory_bytes: int
) -> None:
    """The child's whole life: limit its memory, read the file, send one answer, exit."""
    # Linux enforces the limit; a system that refuses it (macOS may) keeps the deadline only.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        answer: tuple[Any, ...] = ("ok", extract_text(data, max_bytes=max_bytes, limits=limits))
    except FoundryError as exc:
        answer = ("refused", type(exc), exc.message, exc.field)
    except MemoryError:
        answer = ("memory",)
    except Exception as exc:  # sent back whole to the server's log, not to the person
        answer = ("failed", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(answer)
    except MemoryError:  # too little left even to answer: the parent reads EOF as "memory"
        pass
    finally:
        conn.close()


@cache
def _context() -> BaseContext:
    """A ``forkserver`` context that preloads the readers, so each child starts warm.

    ``fork`` would copy the web server (its threads and locks, its connection pools) into every
    child; ``spawn`` would import pypdf and python-docx again for every upload.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "pypdf", "docx"])
    return context


_turn_lock = threading.Lock()
_turns_by_size: dict[int, threading.BoundedSemaphore] = {}


def _turns(workers: int) -> threading.BoundedSemaphore:
    """The semaphore that lets ``workers`` children run at once in this process."""
    with _turn_lock:
        return _turns_by_size.setdefault(workers, threading.BoundedSemaphore(workers))
