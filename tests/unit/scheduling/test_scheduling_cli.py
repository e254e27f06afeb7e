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


def run_bytes(tmp_path: Path, data: bytes, out: Path | None = None) -> tuple[Result, Path]:
    src = tmp_path / "instance.json"
    src.write_bytes(data)
    out = out or tmp_path / "out.json"
    return CliRunner().invoke(app, ["schedule", "--instance", str(src), "--out", str(out)]), out


def with_request_weights(*weights: Any) -> dict[str, Any]:
    ana = cand("ana", 2, {"acme": 1, "bolt": 1})
    ana["requests"] = [{**r, "weight": w} for r, w in zip(ana["requests"], weights, strict=True)]
    return {**GOOD, "candidates": [ana]}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_is_honoured(tmp_path: Path, encoding: str) -> None:
    result, out = run_bytes(tmp_path, json.dumps(GOOD, indent=1).encode(encoding))
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["assignments"]) == 2


def test_null_optional_fields_and_whole_floats_read_as_meant(tmp_path: Path) -> None:
    relaxed = json.loads(json.dumps(GOOD))
    relaxed["policy"] = None
    relaxed["slots"][0].update(recruiter=None, mode=None)
    relaxed["candidates"][0].update(busy=None, max_meetings=1.0)
    relaxed["candidates"][1]["requests"][0]["weight"] = None
    result, out = run(tmp_path, relaxed)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["assignments"] == [
        {"candidate": "ana", "slot": "b1"},
        {"candidate": "ben", "slot": "a1"},
    ]


def test_out_in_a_missing_directory_is_created(tmp_path: Path) -> None:
    result, out = run_bytes(
        tmp_path, json.dumps(GOOD).encode(), tmp_path / "runs" / "day 1" / "out.json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["stats"]["candidates_with_meeting"] == 2


@pytest.mark.parametrize(
    ("document", "message"),
    [
        # Each once wrote "Infinity" (not JSON) or ended in a traceback.
        (with_request_weights(1e308, 1e308), "'weight' must be a number up to 1e+15"),
        (with_request_weights(10**400, 1), "'weight' must be a number up to 1e+15"),
        (
            {**GOOD, "slots": [{**slot("a1", "acme", 0), "start": "0001-01-01T00:00:00+08:00"}]},
            "slot 'a1': 'start' is out of range",
        ),
        ('{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}", "invalid JSON: nested too deeply"),
        ("", "empty file"),
        ([GOOD], "instance.json: instance must be a JSON object"),
    ],
    ids=["weights-overflow", "huge-integer-weight", "year-1", "deep-nesting", "empty", "list"],
)
def test_more_invalid_instances_exit_2_naming_the_file(
    tmp_path: Path, document: Any, message: str
) -> None:
    result, out = run(tmp_path, document)
    assert result.exit_code == 2
    assert message in result.output
    assert "instance.json" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    text = json.dumps(GOOD, indent=1).replace('"ana"', '"an\xe9"')
    result, _ = run_bytes(tmp_path, text.encode("latin-1"))
    assert result.exit_code == 2
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if "\xe9" in t)
    assert f"instance.json:{line}: not UTF-8 text (byte 0xe9" in result.output
