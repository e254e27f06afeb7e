"""What a hostile CV costs: peak memory and time of reading the security probe's kinds of files.

Each case runs in a fresh Python process, which reports its own peak RSS (``ru_maxrss``), the
wall time and the outcome (accepted, or the refusal's message). Implementations:

- ``engine``: :func:`talentfoundry.matching.documents.extract_text` called directly with the
  default limits (what ``foundry cv`` does, and what the web's worker process does inside);
- ``worker``: :func:`talentfoundry.services.cv_worker.read_cv`, the web product's path (the peak
  RSS is the server process's; the worker's own is bounded by its memory limit);
- ``worker_unchecked``: the same with the unpacking, text and page limits raised out of reach, so
  that only the worker's memory limit and deadline stand between the file and the server;
- a path to a ``documents.py``: that file's ``extract_text`` without limits (e.g. the version
  before the limits, saved with ``git show <commit>:src/talentfoundry/matching/documents.py``).

Each file is read twice in its process: "first" includes what the first upload of a web process
pays (importing the readers, starting the worker's forkserver), "again" is every later upload.

Run from the repository root::

    .venv/bin/python bench/cv_limits_bench.py --impl engine
    .venv/bin/python bench/cv_limits_bench.py --impl /tmp/documents_before.py --cases bomb_1g

The files are built into ``--files`` (default ``/tmp/cv_limits_bench``) once, by the builders in
``tests/hostile_cvs.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

GIB = 1 << 30
MIB = 1 << 20


def _cases() -> dict[str, Callable[[], bytes]]:
    from tests import hostile_cvs as hostile

    return {
        "ordinary_pdf": lambda: hostile.pdf_of_pages(2, "Jane Doe, Python developer"),
        "ordinary_docx": lambda: hostile.docx_of_paragraphs(20_000),
        "bomb_1g": lambda: hostile.docx_bomb(GIB),
        "bomb_4_5g": lambda: hostile.docx_bomb(4_500 * MIB),
        "lying_1g": lambda: hostile.docx_that_lies_about_its_size(GIB, MIB),
        "paragraphs_320m": lambda: hostile.docx_of_paragraphs(320 * MIB),
        "pdf_50k_pages": lambda: hostile.pdf_of_pages(50_000),
        "pdf_aes_owner_only": lambda: hostile.encrypted_pdf("Jane Doe, Python", user_password=""),
    }


def _reader(impl: str) -> Callable[[bytes], object]:
    if impl == "engine":
        from talentfoundry.config import Settings
        from talentfoundry.matching.documents import extract_text
        from talentfoundry.services.cv_worker import cv_limits

        limits = cv_limits(Settings())
        return lambda data: extract_text(data, limits=limits)
    if impl in ("worker", "worker_unchecked"):
        from talentfoundry.config import Settings
        from talentfoundry.services.cv_worker import read_cv

        settings = Settings()
        if impl == "worker_unchecked":
            settings = Settings(
                cv_max_expanded_bytes=64 * GIB,
                cv_max_expansion_ratio=1 << 20,
                cv_max_text_chars=1 << 40,
                cv_max_pdf_pages=1 << 30,
                max_upload_bytes=50 * MIB,
            )
        return lambda data: read_cv(data, settings)
    spec = importlib.util.spec_from_file_location("documents_under_test", impl)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return lambda data: module.extract_text(data, max_bytes=50 * MIB)


def _one(impl: str, path: Path) -> dict[str, object]:
    data = path.read_bytes()
    read = _reader(impl)
    seconds = []
    for _ in range(2):
        start = time.perf_counter()
        try:
            document = read(data)
            outcome = f"accepted ({len(document.text):,} characters)"  # type: ignore[attr-defined]
        except Exception as exc:  # the refusal is the result being measured
            outcome = f"refused: {type(exc).__name__}: {getattr(exc, 'message', exc)}"
        seconds.append(round(time.perf_counter() - start, 2))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_rss_mb": round(peak_kib / 1024), "outcome": outcome}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", default="engine", help="engine, worker, or a documents.py path")
    parser.add_argument("--cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--files", type=Path, default=Path("/tmp/cv_limits_bench"))
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child: read one file
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(_one(args.impl, args.one)))
        return
    builders = _cases()
    args.files.mkdir(parents=True, exist_ok=True)
    print("| case | file | impl | outcome | s, first | s, again | peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|")
    for name in args.cases or list(builders):
        path = args.files / name
        if not path.exists():
            path.write_bytes(builders[name]())
        child = subprocess.run(
            [sys.executable, __file__, "--impl", args.impl, "--one", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            row = {
                "outcome": f"process died ({child.returncode})",
                "seconds": ["", ""],
                "peak_rss_mb": "",
            }
        else:
            row = json.loads(child.stdout.strip().splitlines()[-1])
        size = f"{path.stat().st_size / MIB:.2f} MB"
        print(
            f"| {name} | {size} | {Path(args.impl).name} | {row['outcome'][:110]} "
            f"| {row['seconds'][0]} | {row['seconds'][1]} | {row['peak_rss_mb']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
