"""Several worker processes: the live gauges of a worker that is gone leave the merged totals at
the next scrape, those of running workers stay (uvicorn's supervisor has no hook to tell us)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from talentfoundry.web.metrics import forget_dead_processes

pytestmark = pytest.mark.unit


def test_gauges_of_dead_workers_are_dropped(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(gone.stdout)
    alive_pid = os.getpid()
    for pid in (dead_pid, alive_pid):
        (tmp_path / f"gauge_livesum_{pid}.db").write_bytes(b"")
        (tmp_path / f"counter_{pid}.db").write_bytes(b"")
    assert forget_dead_processes(str(tmp_path)) == [dead_pid]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            f"counter_{dead_pid}.db",  # what it counted still happened
            f"counter_{alive_pid}.db",
            f"gauge_livesum_{alive_pid}.db",
        ]
    )
