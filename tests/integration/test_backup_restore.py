"""``foundry backup`` and ``foundry restore``: a SQLite database with rows comes back with the same
rows in a fresh file; an existing database is replaced only on request (and kept aside); a
PostgreSQL database is sent to pg_dump."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from talentfoundry.cli import app
from talentfoundry.domain.enums import UserRole
from talentfoundry.store.db import make_engine
from talentfoundry.store.models import Organisation, User
from tests import factories

pytestmark = pytest.mark.integration


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def rows(url: str) -> tuple[list[tuple[str, str]], list[str]]:
    engine = make_engine(url)
    try:
        with Session(engine) as db:
            users = [(u.email, u.role) for u in db.scalars(select(User).order_by(User.email))]
            orgs = list(db.scalars(select(Organisation.name).order_by(Organisation.name)))
    finally:
        engine.dispose()
    return users, orgs


def test_backup_then_restore_into_a_fresh_file_gives_the_same_rows(
    engine: Engine, database_url: str, db: Session, tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        code, output = run("backup", str(tmp_path / "b.db"), "--database-url", database_url)
        assert code == 2
        assert "is a PostgreSQL database: back it up with `pg_dump -Fc" in output
        assert not (tmp_path / "b.db").exists()
        return
    org = factories.organisation(db, "Nova AI")
    factories.user(db, "Ada Lovelace", UserRole.RECRUITER, org)
    factories.user(db, "Bo Chen", UserRole.CANDIDATE, cv_text="Bo Chen\nSKILLS: Python")
    db.commit()
    written = rows(database_url)
    assert len(written[0]) == 2

    backup = tmp_path / "backups" / "fair.db"
    code, output = run("backup", str(backup), "--database-url", database_url)
    assert code == 0, output
    assert output.startswith(f"backed up {database_url.removeprefix('sqlite:///')} to {backup}")
    assert not list(backup.parent.glob("*.partial"))
    assert backup.stat().st_mode & 0o777 == 0o600  # it holds password hashes and CVs

    fresh = tmp_path / "restored" / "fair.db"
    code, output = run("restore", str(backup), "--database-url", f"sqlite:///{fresh}")
    assert code == 0, output
    assert rows(f"sqlite:///{fresh}") == written

    # A second restore over it is refused, the database untouched...
    code, output = run("restore", str(backup), "--database-url", f"sqlite:///{fresh}")
    assert code == 2
    assert "already holds a database" in output and "--force" in output
    # ...and with --force the replaced database is kept aside.
    code, output = run("restore", str(backup), "--database-url", f"sqlite:///{fresh}", "--force")
    assert code == 0, output
    (kept,) = fresh.parent.glob("fair.db.before-restore-*")
    assert rows(f"sqlite:///{kept}") == written
    assert rows(f"sqlite:///{fresh}") == written


def test_backup_never_overwrites_nor_invents_a_database(tmp_path: Path) -> None:
    target = tmp_path / "b.db"
    target.write_bytes(b"precious")
    missing = tmp_path / "missing.db"
    code, output = run("backup", str(target), "--database-url", f"sqlite:///{missing}")
    assert (code, output.strip()) == (2, f"error: no database file at {missing}")
    assert not missing.exists()
    code, output = run("restore", str(target), "--database-url", f"sqlite:///{missing}")
    assert (code, output.strip()) == (
        2,
        f"error: cannot restore from {target}: file is not a database",
    )
    assert target.read_bytes() == b"precious"
    assert not missing.exists()
