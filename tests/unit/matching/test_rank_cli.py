"""``foundry rank``: the JSON-lines file contract and its errors (exit 2, one clear line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talentfoundry.cli import app

pytestmark = pytest.mark.unit

runner = CliRunner()

CVS = [
    {"id": "c1", "text": "Python developer: Django, PostgreSQL, REST APIs", "category": "Web"},
    {"id": "c2", "text": "Civil engineer: bridges, concrete, AutoCAD", "category": "Civil"},
    {"id": "c3", "text": "Advocate: litigation and contract law", "category": "Web"},
]
ROLES = [
    {"id": "r1", "title": "Python Developer", "text": "Python Developer", "skills": ["Django"]},
    {"id": "r2", "title": "Civil Engineer", "text": "Civil Engineer"},
]


def write(path: Path, rows: list[object] | str) -> Path:
    if isinstance(rows, str):
        path.write_text(rows, encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run(tmp_path: Path, queries: object, docs: object, *extra: str) -> tuple[int, str, Path]:
    q = write(tmp_path / "q.jsonl", queries)  # type: ignore[arg-type]
    d = write(tmp_path / "d.jsonl", docs)  # type: ignore[arg-type]
    out = tmp_path / "run.jsonl"
    args = ["rank", "--queries", str(q), "--docs", str(d), "--out", str(out), *extra]
    result = runner.invoke(app, args, env={"TALENTFOUNDRY_DENSE": "off"})
    return result.exit_code, result.stderr, out


def test_rank_writes_one_line_per_query_best_first(tmp_path: Path) -> None:
    code, err, out = run(tmp_path, CVS, ROLES, "--top", "2")
    assert code == 0, err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["query"] for line in lines] == ["c1", "c2", "c3"]
    first = lines[0]["results"]
    assert first[0]["id"] == "r1"
    assert first[0]["score"] >= first[1]["score"]
    assert set(first[0]) >= {"id", "score", "matched_skills", "missing_skills", "components"}
    assert "Django" in first[0]["matched_skills"]
    assert lines[1]["results"][0]["id"] == "r2"


def test_rank_says_when_the_dense_component_is_off(tmp_path: Path) -> None:
    code, err, out = run(tmp_path, CVS, ROLES)
    assert code == 0
    assert "dense embeddings are off" in err
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert "dense" not in line["components"]
    assert any("dense embeddings are off" in w for w in line["warnings"])


def test_the_category_label_is_not_read(tmp_path: Path) -> None:
    # c3 shares c1's label but not its content: the label must not pull it up.
    code, _, out = run(tmp_path, ROLES, CVS, "--top", "3")
    assert code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines[0]["results"]][:1] == ["c1"]
    relabelled = [{**c, "category": "X"} for c in CVS]
    _, _, out2 = run(tmp_path, ROLES, relabelled, "--top", "3")
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_a_blank_query_gets_a_message_not_a_score(tmp_path: Path) -> None:
    code, err, out = run(tmp_path, [{"id": "q", "text": "  "}, CVS[0]], ROLES)
    assert code == 0
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert line["results"] == [] and "no text" in line["message"]
    assert "no text" in err


@pytest.mark.parametrize(
    ("queries", "extra", "message"),
    [
        ([{"text": "no id here"}], (), 'q.jsonl:1: missing "id"'),
        ([CVS[0], CVS[0]], (), "q.jsonl:2: duplicate id 'c1' (first on line 1)"),
        ('{"id": "a", "text": "x"}\n{"id": "b", oops}\n', (), "q.jsonl:2: invalid JSON"),
        ("", (), "q.jsonl: empty file"),
        ("\n\n", (), "q.jsonl: empty file"),
        ([CVS[0]], ("--top", "0"), "--top must be at least 1"),
        (["a string"], (), "q.jsonl:1: expected a JSON object"),
        ([{"id": "a", "text": 5}], (), '"text" must be a string'),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    tmp_path: Path, queries: object, extra: tuple[str, ...], message: str
) -> None:
    code, err, out = run(tmp_path, queries, ROLES, *extra)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    d = write(tmp_path / "d.jsonl", ROLES)
    args = ["rank", "--queries", str(tmp_path / "nope.jsonl"), "--docs", str(d), "--out", "x"]
    result = runner.invoke(app, args, env={"TALENTFOUNDRY_DENSE": "off"})
    assert result.exit_code == 2
    assert "nope.jsonl: no such file" in result.stderr
