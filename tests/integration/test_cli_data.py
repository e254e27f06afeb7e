"""``foundry import`` / ``export``: all or nothing, with the bad line named; round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from talentfoundry.cli import app
from talentfoundry.store.models import JobRole, Organisation, User

pytestmark = pytest.mark.integration

ORGS = """slug,kind,name,sector,size,website,country,city,description
nova-ai,company,Nova AI,ai,51-250,https://nova.example,Taiwan,Hsinchu,Vision models
delta-uni,university,Delta University,education,,,,Hsinchu,
"""


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model)) or 0


def test_import_then_export_round_trips(engine: Engine, database_url: str, tmp_path: Path) -> None:
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(ORGS)
    roles = tmp_path / "roles.jsonl"
    roles.write_text(
        '{"organisation": "nova-ai", "title": "CV Engineer", "seniority": "mid",'
        ' "work_mode": "hybrid",'
        ' "required_skills": ["Python", "OpenCV"], "visa_sponsorship": true}\n'
    )
    cands = tmp_path / "cands.csv"
    cands.write_text(
        "email,full_name,skills,university,graduation_year,cv_text\n"
        'ann@example.org,Ann Lee,Python; PyTorch,delta-uni,2026,"SKILLS\nPython (primary)"\n'
    )
    for kind, path in (("organisations", orgs), ("roles", roles), ("candidates", cands)):
        code, out = _run("import", kind, str(path), "--database-url", database_url)
        assert code == 0, out
    assert (_count(engine, Organisation), _count(engine, JobRole), _count(engine, User)) == (
        2,
        1,
        1,
    )

    exported = tmp_path / "out.csv"
    code, out = _run("export", "candidates", str(exported), "--database-url", database_url)
    assert code == 0, out
    text = exported.read_text()
    assert "ann@example.org,Ann Lee" in text
    assert "Python;PyTorch" in text
    assert "delta-uni" in text
    roles_out = tmp_path / "roles-out.jsonl"
    _run("export", "roles", str(roles_out), "--database-url", database_url)
    assert '"organisation": "nova-ai"' in roles_out.read_text()


def test_one_bad_row_rejects_the_whole_file(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "orgs.csv"
    bad.write_text(ORGS + "broken,company,Broken Co,ai,huge,,,,\n")
    code, out = _run("import", "organisations", str(bad), "--database-url", database_url)
    assert code == 2
    assert "line 4: size" in out
    assert "nothing was imported" in out
    assert _count(engine, Organisation) == 0


def test_a_row_that_conflicts_with_the_database_rejects_the_file(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(ORGS)
    assert _run("import", "organisations", str(orgs), "--database-url", database_url)[0] == 0
    roles = tmp_path / "roles.jsonl"
    roles.write_text(
        '{"organisation": "nova-ai", "title": "A", "seniority": "mid", "work_mode": "remote"}\n'
        '{"organisation": "ghost-co", "title": "B", "seniority": "mid", "work_mode": "remote"}\n'
    )
    code, out = _run("import", "roles", str(roles), "--database-url", database_url)
    assert code == 2
    assert "line 2: no company 'ghost-co'" in out
    assert _count(engine, JobRole) == 0


def test_unknown_kind_and_format_are_clear_errors(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("a,b\n")
    code, out = _run("import", "organisations", str(path), "--database-url", database_url)
    assert (code, "cannot tell the format" in out) == (2, True)
    csv_path = tmp_path / "x.csv"
    csv_path.write_text("a\n1\n")
    code, out = _run("import", "widgets", str(csv_path), "--database-url", database_url)
    assert (code, "unknown kind 'widgets'" in out) == (2, True)
