"""The match index's work is visible: the status API and the organisers' dashboard show a sync in
progress, the dashboard panel polls only while there is work, dense vectors (when on) follow in the
background while the answers go on, and ``foundry index`` builds the index of a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from talentfoundry.cli import app as cli
from talentfoundry.services import match_config, match_index
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import JobRole
from tests.integration.pagehelpers import page_login

pytestmark = pytest.mark.integration

PANEL = {"HX-Request": "true", "HX-Target": "match-index"}
POLLING = 'hx-trigger="every 2s"'


def _status(client: TestClient, world: dict[str, Any]) -> dict[str, Any]:
    response = client.get("/api/v1/matching/status", headers=world["admin"].headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_sync_in_progress_shows_in_the_status_and_on_the_dashboard(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    page_login(client, "organiser@example.org")
    dashboard = f"/organiser/events/{world['event']}/dashboard"
    seen: list[tuple[str, int, int]] = []
    while_working: dict[str, Any] = {}

    def look(stage: str, done: int, total: int) -> None:
        """What another visitor sees while the sync runs (the status never waits for it)."""
        seen.append((stage, done, total))
        if stage == match_index.STAGE_CANDIDATES and done == 0:
            while_working["status"] = _status(client, world)
            while_working["panel"] = client.get(dashboard, headers=PANEL).text

    with transaction(make_session_factory(engine, write=False)) as db:
        match_index.build_index(db, progress=look)

    status = while_working["status"]
    assert status["progress"]["stage"] == "indexing CVs and profiles"
    assert (status["progress"]["done"], status["progress"]["total"]) == (0, 2)
    assert status["progress"]["started_at"]
    assert status["reindexing"] == 4  # two candidates and two open roles are read
    panel = while_working["panel"]
    assert panel.startswith('<section id="match-index"')  # the fragment only, not the page
    assert POLLING in panel
    assert '<progress max="2" value="0"' in panel
    assert "Indexing CVs and profiles: 0 of 2 documents." in panel
    assert [s for s in seen if s[1] == s[2]] == [
        ("indexing CVs and profiles", 2, 2),
        ("indexing roles", 2, 2),
        ("computing scores", 1, 1),
    ]

    done = _status(client, world)
    assert (done["progress"], done["pending_dense"], done["reindexing"]) == (None, 0, 0)
    assert (done["candidates"], done["roles"]) == (2, 2)
    page = client.get(dashboard).text
    assert "<title>Dashboard · AI in Action" in page
    assert "2 candidates and 2 open roles indexed, up to date as of" in page
    assert POLLING not in page and "<progress" not in page  # idle: nothing polls


def test_the_dashboard_panel_is_the_organisers(client: TestClient, world: dict[str, Any]) -> None:
    page_login(client, "recruiter.a@example.org")
    response = client.get(f"/organiser/events/{world['event']}/dashboard", headers=PANEL)
    assert response.status_code == 403
    assert "match-index" not in response.text


def test_dense_vectors_follow_in_the_background_while_answers_go_on(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    pytest.importorskip("sentence_transformers")
    app = client.app
    assert isinstance(app, FastAPI)
    dense_on = app.state.settings.model_copy(update={"dense": "auto"})
    match_config.configure(app.state.engine, dense_on)  # as create_app does with this setting
    match_index.forget_indexes()
    headers = world["cand1"].headers
    first = client.get("/api/v1/me/recommendations", headers=headers).json()
    # Answered at once on skills and words: the vectors are still being computed.
    assert first["results"][0]["title"] == "ML Engineer"
    assert any("still being computed" in w for w in first["warnings"])
    assert first["results"][0]["components"]["dense"].get("neutral") is True  # no vector yet

    with transaction(make_session_factory(engine, write=False)) as db:
        assert match_index.wait_for_dense(db, timeout=120)
    status = _status(client, world)
    assert (status["pending_dense"], status["progress"]) == (0, None)
    assert status["components"] == ["skills", "lexical", "dense"]
    after = client.get("/api/v1/me/recommendations", headers=headers).json()
    assert after["results"][0]["title"] == "ML Engineer"
    assert "neutral" not in after["results"][0]["components"]["dense"]  # its own similarity
    assert not any("still being computed" in w for w in after["warnings"])

    client.put(
        "/api/v1/me/cv",
        files={"file": ("cv.txt", b"Verification engineer. SKILLS: SystemVerilog, UVM, Python")},
        headers=headers,
    )
    # The changed CV is patched in at once on skills and words; its vector follows.
    edited = client.get("/api/v1/me/recommendations", headers=headers).json()
    assert edited["results"][0]["title"] == "Verification Engineer"
    with transaction(make_session_factory(engine, write=False)) as db:
        assert match_index.wait_for_dense(db, timeout=120)
    assert _status(client, world)["pending_dense"] == 0
    edited = client.get("/api/v1/me/recommendations", headers=headers).json()
    assert edited["results"][0]["title"] == "Verification Engineer"
    assert "neutral" not in edited["results"][0]["components"]["dense"]


def test_foundry_index_builds_a_demo_like_database(engine: Engine, database_url: str) -> None:
    from talentfoundry.demo import generate_demo_fair
    from talentfoundry.services.demo import load_demo_fair

    fair = generate_demo_fair(5, companies=5, roles=30, candidates=60, universities=1)
    with transaction(make_session_factory(engine)) as db:
        load_demo_fair(db, fair, seed=5)
    with engine.connect() as conn:
        open_roles = conn.scalar(
            select(func.count()).select_from(JobRole).where(JobRole.status == "open")
        )
    result = CliRunner().invoke(cli, ["index", "--database-url", database_url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(f": 60 candidates, {open_roles} open roles")
    assert lines[1] == "components: skills, lexical"
    assert lines[2].startswith("time: ") and "indexing CVs and profiles" in lines[2]


def test_foundry_index_says_what_is_wrong_with_the_database(tmp_path: Path) -> None:
    runner = CliRunner()
    for url, message in (
        ("not a url", "error: not a database URL: 'not a url'"),
        (f"sqlite:///{tmp_path}/missing.db", f"error: no database file at {tmp_path}/missing.db"),
        ("nosuchdb://x/y", "error: cannot use nosuchdb://x/y"),
        ("sqlite://", "error: sqlite:// has no Talent Foundry tables"),
    ):
        result = runner.invoke(cli, ["index", "--database", url])
        assert result.exit_code == 2, (url, result.output)
        assert result.output.startswith(message), (url, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
    assert not (tmp_path / "missing.db").exists()  # never left an empty database behind
