"""``foundry schedule``: writes the allocation; invalid input exits 2 with one clear line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from talentfoundry.cli import app

from .scheduling_helpers import cand, doc, slot

pytestmark = pytest.mark.unit

GOOD = doc(
    [slot("a1", "acme", 0), slot("b1", "bolt", 0)],
    [cand("ana", 1, {"acme": 5, "bolt": 1}), cand("ben", 1, {"acme": 1})],
)


def run(tmp_path: Path, document: Any, *extra: str) -> tuple[Result, Path]:
    src = tmp_path / "instance.json"
    src.write_text(json.dumps(document) if not isinstance(document, str) else document)
    out = tmp_path / "out.json"
    return CliRunner().invoke(
        app, ["schedule", "--instance", str(src), "--out", str(out), *extra]
    ), out


def test_writes_the_optimal_allocation(tmp_path: Path) -> None:
    result, out = run(tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["assignments"] == [
        {"candidate": "ana", "slot": "b1"},
        {"candidate": "ben", "slot": "a1"},
    ]
    assert written["stats"]["candidates_with_meeting"] == 2
    assert "2/2 candidates with a meeting" in result.output


def test_baseline_fcfs_for_comparison(tmp_path: Path) -> None:
    result, out = run(tmp_path, GOOD, "--baseline", "fcfs")
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["assignments"] == [{"candidate": "ana", "slot": "a1"}]  # ben gets nothing
    assert written["stats"]["method"] == "fcfs"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({**GOOD, "timezone": "Not/AZone"}, "bad time zone"),
        ({**GOOD, "slots": [*GOOD["slots"], slot("a1", "acme", 3)]}, "duplicate slot id 'a1'"),
        ({**GOOD, "candidates": [cand("cy", 1, {"zeta": 1})]}, "unknown company 'zeta'"),
        ("{not json", "invalid JSON"),
    ],
    ids=["zone", "duplicate", "unknown-company", "json"],
)
def test_invalid_instance_exits_2(tmp_path: Path, document: Any, message: str) -> None:
    result, out = run(tmp_path, document)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unknown_baseline_exits_2(tmp_path: Path) -> None:
    result, _ = run(tmp_path, GOOD, "--baseline", "random")
    assert result.exit_code == 2
    assert "--baseline must be 'fcfs'" in result.output
