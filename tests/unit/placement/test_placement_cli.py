"""``foundry place``: the output file, and exit status 2 with a clear message on bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from talentfoundry.cli import app
from talentfoundry.placement import SCHEMA

pytestmark = pytest.mark.unit

ROUND: dict[str, Any] = {
    "schema": SCHEMA,
    "students": [
        {"id": "ana", "prefs": ["acme", "bolt"]},
        {"id": "ben", "prefs": ["acme", "bolt"]},
        {"id": "cai", "prefs": ["acme"]},
    ],
    "programmes": [
        {"id": "acme", "capacity": 2, "prefs": ["cai", "ben", "ana"]},
        {"id": "bolt", "capacity": 1, "prefs": ["ben"]},
        {"id": "cove", "capacity": 3, "prefs": []},
    ],
}


def run_place(*args: str) -> Result:
    """Invoke ``foundry place ARGS`` on the real app (a lone command is collapsed by Typer)."""
    command = typer.main.get_command(app)
    argv = ["place", *args] if hasattr(command, "commands") else list(args)
    return CliRunner().invoke(app, argv)


def write(tmp_path: Path, document: Any, name: str = "round.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_place_writes_matching_and_unmatched(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run_place("--instance", str(write(tmp_path, ROUND)), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "placed 2 of 3 students" in result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["matching"] == {"acme": ["cai", "ben"], "bolt": [], "cove": []}
    assert list(document["matching"]) == ["acme", "bolt", "cove"]
    assert document["unmatched"] == ["ana"]
    assert document["optimal"] == "student"
    assert document["reasons"]["ana"]["programmes"][1]["reason"] == "not_listed"
    assert document["stats"]["placed"] == 2
    assert document["stats"]["places_left"] == 4


def test_programme_optimal_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run_place(
        "--instance", str(write(tmp_path, ROUND)), "--out", str(out), "--optimal", "programme"
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    # acme proposes to cai and ben; bolt proposes to ben, who prefers acme: the same here.
    assert document["matching"]["acme"] == ["cai", "ben"]
    assert document["optimal"] == "programme"


def test_the_two_sides_can_differ(tmp_path: Path) -> None:
    crossed = {
        "schema": SCHEMA,
        "students": [{"id": "ana", "prefs": ["x", "y"]}, {"id": "ben", "prefs": ["y", "x"]}],
        "programmes": [
            {"id": "x", "capacity": 1, "prefs": ["ben", "ana"]},
            {"id": "y", "capacity": 1, "prefs": ["ana", "ben"]},
        ],
    }
    path = write(tmp_path, crossed)
    results = {}
    for side in ("student", "programme"):
        out = tmp_path / f"{side}.json"
        assert (
            run_place("--instance", str(path), "--out", str(out), "--optimal", side).exit_code == 0
        )
        results[side] = json.loads(out.read_text(encoding="utf-8"))["matching"]
    assert results["student"] == {"x": ["ana"], "y": ["ben"]}
    assert results["programme"] == {"x": ["ben"], "y": ["ana"]}


def test_no_reasons_flag_leaves_them_out(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = run_place("--instance", str(write(tmp_path, ROUND)), "--out", str(out), "--no-reasons")
    assert result.exit_code == 0, result.output
    assert "reasons" not in json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"students": [*ROUND["students"][1:], {"id": "ana", "prefs": ["acme", "zeta"]}]},
            "student 'ana': lists unknown programme 'zeta'",
        ),
        (
            {"programmes": [{"id": "acme", "capacity": -2, "prefs": []}]},
            "programme 'acme': capacity must be 0 or more, got -2",
        ),
        (
            {"programmes": [{"id": "acme", "capacity": 1, "prefs": ["ana", "ana"]}]},
            "programme 'acme': student 'ana' is listed more than once",
        ),
        ({"schema": "placement"}, "'schema' must be 'talentfoundry.placement/v1'"),
    ],
)
def test_invalid_instance_exits_2_naming_the_problem(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    out = tmp_path / "result.json"
    result = run_place("--instance", str(write(tmp_path, {**ROUND, **change})), "--out", str(out))
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'round.json'}: {message}" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unreadable_files_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run_place("--instance", str(bad), "--out", str(tmp_path / "o.json"))
    assert result.exit_code == 2
    assert "invalid JSON" in result.output
    result = run_place("--instance", str(tmp_path / "missing.json"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_bad_optimal_option_exits_2(tmp_path: Path) -> None:
    result = run_place(
        "--instance",
        str(write(tmp_path, ROUND)),
        "--out",
        str(tmp_path / "o.json"),
        "--optimal",
        "hospital",
    )
    assert result.exit_code == 2
    assert "--optimal must be 'student' or 'programme'" in result.output


def test_whole_float_capacities_and_null_options_read_as_meant(tmp_path: Path) -> None:
    # Spreadsheet exports write integers as 2.0 and a key with no value as null.
    exported = {**ROUND, "optimal": None, "tie_seed": None}
    exported["programmes"] = [{**p, "capacity": float(p["capacity"])} for p in ROUND["programmes"]]
    out = tmp_path / "result.json"
    result = run_place("--instance", str(write(tmp_path, exported)), "--out", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["matching"] == {"acme": ["cai", "ben"], "bolt": [], "cove": []}
    assert (document["optimal"], document["tie_seed"]) == ("student", 0)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_is_honoured(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "round.json"
    path.write_bytes(json.dumps(ROUND, indent=1).encode(encoding))
    out = tmp_path / "result.json"
    result = run_place("--instance", str(path), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["unmatched"] == ["ana"]


def test_out_in_a_missing_directory_is_created(tmp_path: Path) -> None:
    out = tmp_path / "rounds" / "round 1" / "result.json"
    result = run_place("--instance", str(write(tmp_path, ROUND)), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["unmatched"] == ["ana"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}", "invalid JSON: nested too deeply"),
        ('{"tie_seed": ' + "9" * 5000 + "}", "invalid JSON: a number with too many digits"),
        ("\n\n", "empty file, expected a JSON object"),
    ],
    ids=["deep-nesting", "huge-number", "blank"],
)
def test_unparseable_files_exit_2_with_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "round.json"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "result.json"
    result = run_place("--instance", str(path), "--out", str(out))
    assert result.exit_code == 2
    assert result.output == f"error: {path}: {message}\n"
    assert not out.exists()
