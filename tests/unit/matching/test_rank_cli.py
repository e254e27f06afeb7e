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
    # Switched off on purpose: the note names the switch and does not say to install anything.
    assert "switched off by TALENTFOUNDRY_DENSE=off" in err and "Install" not in err
    code, err, _ = run(tmp_path, CVS, ROLES, "--dense", "off")
    assert code == 0 and "switched off by --dense off" in err and "Install" not in err


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
    assert "1 query had nothing to match" in err


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


# --- awkward but valid input: read as meant -------------------------------------------------------


def _lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _jsonl(rows: list[object]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_is_honoured(tmp_path: Path, encoding: str) -> None:
    # Windows editors write a UTF-8 mark; Notepad's "Unicode" and PowerShell 5 write UTF-16.
    _, _, plain = run(tmp_path, CVS, ROLES)
    expected = plain.read_text(encoding="utf-8")
    q = tmp_path / "marked.jsonl"
    q.write_bytes(_jsonl(CVS).encode(encoding))
    out = tmp_path / "marked-run.jsonl"
    args = ["rank", "--queries", str(q), "--docs", str(tmp_path / "d.jsonl"), "--out", str(out)]
    result = runner.invoke(app, args, env={"TALENTFOUNDRY_DENSE": "off"})
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == expected


def test_line_separators_inside_a_string_do_not_split_the_line(tmp_path: Path) -> None:
    # JSON allows U+2028 and U+0085 raw inside strings; only "\n" ends a JSON line.
    text = "Python developer\u2028Django\u0085PostgreSQL"
    raw = json.dumps({"id": "q", "text": text}, ensure_ascii=False) + "\r\n"
    code, err, out = run(tmp_path, raw, ROLES)
    assert code == 0, err
    assert _lines(out)[0]["results"][0]["id"] == "r1"


def test_skills_as_objects_or_a_string_mean_the_same_as_a_list_of_names(tmp_path: Path) -> None:
    _, _, out = run(tmp_path, CVS, ROLES)
    expected = out.read_text(encoding="utf-8")
    for skills in (
        [{"name": "Django", "taxonomy_id": "django", "evidence": "Django"}],  # as `foundry cv`
        "Django",
        ["Django", None, " "],
    ):
        roles = [{**ROLES[0], "skills": skills}, ROLES[1]]
        code, err, out = run(tmp_path, CVS, roles)
        assert code == 0, err
        assert out.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    "query",
    [
        {"id": "q", "text": "", "skills": ["", " "]},  # blank skill names are no skills
        {"id": "q", "text": "...", "title": "-"},  # no letter or digit: no text
        {"id": "q", "text": None, "title": None, "skills": None},
        {"id": "q", "text": "The and of, with it."},  # only common words
    ],
)
def test_a_profile_with_no_content_gets_a_message_not_a_score(
    tmp_path: Path, query: dict[str, object]
) -> None:
    code, err, out = run(tmp_path, [query], ROLES)
    assert code == 0, err
    (line,) = _lines(out)
    assert line["results"] == []
    assert "no text" in line["message"]


@pytest.mark.parametrize("engine", ["exact", "two-stage"])
def test_a_query_sharing_nothing_with_the_documents_gets_a_message_not_equal_scores(
    tmp_path: Path, engine: str
) -> None:
    queries = [{"id": "gibberish", "text": "xqzv blorp fnord"}, CVS[0]]
    code, err, out = run(tmp_path, queries, ROLES, "--engine", engine)
    assert code == 0, err
    gibberish, real = _lines(out)
    assert gibberish["results"] == []
    assert "shares no word and no skill" in gibberish["message"]
    assert real["results"][0]["id"] == "r1"  # a real query beside it is still ranked
    assert "1 query had nothing to match" in err


def test_integer_ids_are_written_back_as_given(tmp_path: Path) -> None:
    """An evaluator keyed by the integer ids of its own files finds them in the run unchanged."""
    roles = [{**ROLES[0], "id": 1}, ROLES[1]]
    code, err, out = run(tmp_path, [{"id": 7, "text": CVS[0]["text"]}, CVS[1]], roles)
    assert code == 0, err
    first, second = _lines(out)
    assert first["query"] == 7 and second["query"] == "c2"
    assert [r["id"] for r in first["results"]] == [1, "r2"]


def test_an_integer_id_and_its_digits_are_one_id(tmp_path: Path) -> None:
    code, err, _ = run(tmp_path, [{"id": 7, "text": "a"}, {"id": "7", "text": "b"}], ROLES)
    assert code == 2 and "duplicate id '7'" in err


def test_a_lone_surrogate_escape_gives_valid_utf8_output(tmp_path: Path) -> None:
    raw = '{"id": "c\\ud800", "text": "Python developer: Django"}\n'
    code, err, out = run(tmp_path, raw, ROLES)
    assert code == 0, err
    out.read_bytes().decode("utf-8")  # strict: raises on invalid UTF-8
    assert _lines(out)[0]["query"] == "c\ud800"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.jsonl", "q.jsonl", "run.jsonl"]


def test_out_in_a_missing_directory_is_created(tmp_path: Path) -> None:
    q = write(tmp_path / "q.jsonl", CVS)
    d = write(tmp_path / "d.jsonl", ROLES)
    out = tmp_path / "runs" / "new dir" / "run.jsonl"
    args = ["rank", "--queries", str(q), "--docs", str(d), "--out", str(out)]
    result = runner.invoke(app, args, env={"TALENTFOUNDRY_DENSE": "off"})
    assert result.exit_code == 0, result.stderr
    assert [line["query"] for line in _lines(out)] == ["c1", "c2", "c3"]


# --- invalid input: exit 2, one line naming the file and line, no output ------------------------


@pytest.mark.parametrize(
    ("queries", "message"),
    [
        (
            '{"id": "a", "text": "x"}\n{"id": "b", "text": "caf\xe9"}\n'.encode("latin-1"),
            "q.jsonl:2: not UTF-8 text (byte 0xe9 at column 25)",
        ),
        (
            b'{"id": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
            "q.jsonl:1: invalid JSON",
        ),
        (b'{"id": "a", "x": ' + b"9" * 5000 + b"}\n", "q.jsonl:1: invalid JSON: a number with"),
        (json.dumps(CVS).encode(), "q.jsonl:1: expected one JSON object per line"),
        (b'{"id": 1.5, "text": "x"}\n', 'q.jsonl:1: "id" must be a string or an integer, got 1.5'),
        (b'{"id": "a", "skills": [{"skill": "Go"}]}\n', 'q.jsonl:1: "skills" entries must be'),
    ],
    ids=["latin-1", "deep-nesting", "huge-number", "json-array", "float-id", "skill-object"],
)
def test_unreadable_lines_exit_2_naming_the_line(
    tmp_path: Path, queries: bytes, message: str
) -> None:
    q = tmp_path / "q.jsonl"
    q.write_bytes(queries)
    d = write(tmp_path / "d.jsonl", ROLES)
    out = tmp_path / "run.jsonl"
    args = ["rank", "--queries", str(q), "--docs", str(d), "--out", str(out)]
    result = runner.invoke(app, args, env={"TALENTFOUNDRY_DENSE": "off"})
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_docs_with_no_text_at_all_name_the_file(tmp_path: Path) -> None:
    code, err, out = run(tmp_path, CVS, [{"id": "r", "text": " "}, {"id": "s", "text": "--"}])
    assert code == 2
    assert "d.jsonl: no document has any text" in err
    assert not out.exists()


def test_out_that_is_a_directory_fails_before_ranking(tmp_path: Path) -> None:
    q = write(tmp_path / "q.jsonl", CVS)
    d = write(tmp_path / "d.jsonl", ROLES)
    args = ["rank", "--queries", str(q), "--docs", str(d), "--out", str(tmp_path)]
    result = runner.invoke(app, args, env={"TALENTFOUNDRY_DENSE": "off"})
    assert result.exit_code == 2
    assert f"{tmp_path}: is a directory" in result.stderr
    assert "engine:" not in result.stderr  # refused before any work


SHORT_CVS = [
    {
        "id": "ana",
        "text": "Ana. Skills: Python, PyTorch, scikit-learn, SQL. No Spark.",
    },
    {"id": "ben", "text": "Ben. Front-end developer: React, Redux, TypeScript, CSS, Jest."},
]
LONG_ADS = [
    {
        "id": "ml",
        "title": "Machine Learning Engineer",
        "text": "Machine Learning Engineer. We are looking for an ML engineer to join our fraud "
        "team. Requirements: Python, PyTorch, Docker and Kubernetes, SQL. Nice to have: Spark. "
        "You will deploy models to production; we offer hybrid work in Cambridge.",
    },
    {
        "id": "fe",
        "title": "Frontend Developer",
        "text": "Frontend Developer. You will build our customer portal. Must have: React, "
        "TypeScript, CSS. Nice to have: GraphQL, Figma. We offer a yearly training budget.",
    },
]


@pytest.mark.parametrize("cvs_are_queries", [True, False])
def test_job_ads_longer_than_the_cvs_are_still_the_requirements(
    tmp_path: Path, cvs_are_queries: bool
) -> None:
    """Short CVs against full ads: "missing" is what the ad asks for, never the CV's own skills."""
    queries, docs = (SHORT_CVS, LONG_ADS) if cvs_are_queries else (LONG_ADS, SHORT_CVS)
    code, err, out = run(tmp_path, queries, docs, "--top", "2")
    assert code == 0, err
    pairs = {
        (line["query"], r["id"]) if cvs_are_queries else (r["id"], line["query"]): r
        for line in _lines(out)
        for r in line["results"]
    }
    ana_ml = pairs[("ana", "ml")]
    assert "Kubernetes" in ana_ml["missing_skills"]  # the ad requires it; Ana does not list it
    assert "scikit-learn" not in ana_ml["missing_skills"] + ana_ml["matched_skills"]
    assert {"Python", "PyTorch"} <= set(ana_ml["matched_skills"])
    ben_fe = pairs[("ben", "fe")]
    assert ben_fe["missing_skills"] == []  # Ben has React, TypeScript and CSS
    assert "Jest" not in ben_fe["matched_skills"]  # his own extra skill is not a requirement


def test_rank_says_which_side_holds_the_requirements_and_why(tmp_path: Path) -> None:
    code, err, _ = run(tmp_path, CVS, ROLES)
    assert code == 0, err
    assert "requirements: the documents' skills: neither file clearly reads as job ads" in err
    ads = [
        {"id": "a1", "text": "Nurse. Essential:\n- Wound care\nWe are recruiting now. You will..."},
    ]
    code, err, _ = run(tmp_path, ads, CVS)
    assert code == 0, err
    assert "requirements: the queries' skills: 100% of them read as job ads" in err
    code, err, _ = run(tmp_path, CVS, ROLES, "--requirements", "queries")
    assert "requirements: the queries' skills: as asked (--requirements queries)" in err


def test_rank_refuses_to_write_over_its_own_input(tmp_path: Path) -> None:
    q = write(tmp_path / "q.jsonl", CVS)
    d = write(tmp_path / "d.jsonl", ROLES)
    before = q.read_text(encoding="utf-8")
    args = ["rank", "--queries", str(q), "--docs", str(d), "--out", str(q)]
    result = runner.invoke(app, args, env={"TALENTFOUNDRY_DENSE": "off"})
    assert result.exit_code == 2
    assert "--out is the --queries file" in result.stderr
    assert q.read_text(encoding="utf-8") == before
