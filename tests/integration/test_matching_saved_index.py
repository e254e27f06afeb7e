"""The match index is saved with the stamps of its documents: a new process starts from it and
re-reads only the documents that changed since; a saved index that belongs to another database or
engine, or that is damaged, is ignored (and rebuilt), never trusted and never a crash."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from talentfoundry.config import get_settings
from talentfoundry.services import candidates, match_config, match_index
from talentfoundry.services.match_index import IndexState
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import User

pytestmark = pytest.mark.integration

VERIFICATION_CV = b"Verification engineer. SKILLS: SystemVerilog, UVM, Python"


@pytest.fixture
def saved_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Where the index is saved in these tests (the test environment saves none by default)."""
    folder = tmp_path / "match-index"
    monkeypatch.setenv("TALENTFOUNDRY_INDEX_DIR", str(folder))
    get_settings.cache_clear()
    match_index.forget_indexes()  # a holder made before the setting would not save
    yield folder
    get_settings.cache_clear()


def _build(engine: Engine, seen: list[tuple[str, int, int]] | None = None) -> IndexState:
    """What a process does first (``foundry index``, or a server's first search)."""
    progress = None if seen is None else lambda *step: seen.append(step)
    with transaction(make_session_factory(engine, write=False)) as db:
        return match_index.build_index(db, progress=progress)


def _upload(engine: Engine, user_id: int, cv: bytes) -> None:
    """A CV changes while no process of ours runs (another server took the upload)."""
    with transaction(make_session_factory(engine)) as db:
        user = db.get(User, user_id)
        assert user is not None
        candidates.upload_cv(db, user, "cv.txt", cv)


def _live(folder: Path) -> Path:
    return folder / (folder / "CURRENT").read_text(encoding="utf-8")


def test_a_new_process_starts_from_the_saved_index_and_rereads_what_changed(
    saved_dir: Path, client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    first = _build(engine)
    assert (first.restored, first.last_sync, first.saved_in) == (0, 4, saved_dir)
    assert (_live(saved_dir) / "items.json").is_file()

    match_index.forget_indexes()  # a second process...
    _upload(engine, world["cand1"].id, VERIFICATION_CV)  # ...after one CV changed
    seen: list[tuple[str, int, int]] = []
    second = _build(engine, seen)
    assert (second.restored, second.last_sync) == (4, 1)  # one document re-read, not four
    assert (second.candidates, second.roles) == (2, 2)
    assert [step for step in seen if step[1] == step[2]] == [
        (match_index.STAGE_LOAD, 1, 1),
        (match_index.STAGE_CANDIDATES, 1, 1),
        (match_index.STAGE_SCORES, 1, 1),
    ]
    recs = client.get("/api/v1/me/recommendations", headers=world["cand1"].headers).json()
    assert recs["results"][0]["title"] == "Verification Engineer"  # the new CV, not the saved

    match_index.forget_indexes()  # a third process, nothing changed: nothing is re-read
    third = _build(engine)
    assert (third.restored, third.last_sync, third.candidates, third.roles) == (4, 0, 2, 2)
    assert len([p for p in saved_dir.iterdir() if p.name.startswith("v")]) <= 2  # old ones go


def _elsewhere(folder: Path) -> None:
    meta_path = folder / "product.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["database"] = "sqlite:////somewhere/else.db"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")


def _other_engine(folder: Path) -> None:
    meta_path = folder / "product.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["identity"]["taxonomy"] = "a-taxonomy-of-another-release"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")


def _truncated(folder: Path) -> None:
    items = folder / "items.json"
    items.write_text(items.read_text(encoding="utf-8")[:100], encoding="utf-8")


def _missing_vectors(folder: Path) -> None:
    (folder / "dense_b.npy").unlink()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_elsewhere, "it was saved for another database (sqlite:////somewhere/else.db)"),
        (_other_engine, "saved by another version of the engine, taxonomy or encoder"),
        (_truncated, "items.json is corrupt"),
        (_missing_vectors, "FileNotFoundError"),
    ],
)
def test_a_saved_index_that_does_not_belong_here_is_ignored_and_rebuilt(
    saved_dir: Path,
    world: dict[str, Any],
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
    damage: Any,
    reason: str,
) -> None:
    _build(engine)
    damage(_live(saved_dir))
    match_index.forget_indexes()
    with caplog.at_level(logging.WARNING, logger=match_index.__name__):
        rebuilt = _build(engine)
    assert (rebuilt.restored, rebuilt.last_sync, rebuilt.candidates, rebuilt.roles) == (0, 4, 2, 2)
    warning = next(r.getMessage() for r in caplog.records if "ignoring" in r.getMessage())
    assert reason in warning and "rebuilding it" in warning
    match_index.forget_indexes()  # the rebuilt index was saved in its place
    assert _build(engine).restored == 4


def test_a_folder_that_is_no_saved_index_is_ignored(
    saved_dir: Path, world: dict[str, Any], engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    saved_dir.mkdir()
    (saved_dir / "CURRENT").write_text("../../etc", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=match_index.__name__):
        state = _build(engine)
    assert (state.restored, state.last_sync) == (0, 4)
    assert "not a version folder" in caplog.text


class _KeywordEncoder:
    """A deterministic stand-in for MiniLM that counts what it encodes (one dimension per
    keyword), so the test sees which texts a process had to encode."""

    name = "keyword-test-encoder"
    dim = 3
    note: str | None = None
    available = True
    WORDS = ("python", "verilog", "pytorch")

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        rows = np.array([[t.lower().count(w) + 0.01 for w in self.WORDS] for t in texts])
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_saved_dense_vectors_are_not_encoded_again(
    saved_dir: Path,
    client: TestClient,
    world: dict[str, Any],
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    encoder = _KeywordEncoder()
    monkeypatch.setattr(match_config, "product_encoder", lambda settings=None: encoder)
    first = _build(engine)
    assert (first.pending_dense, len(encoder.texts)) == (0, 4)
    assert first.components == ["skills", "lexical", "dense"]

    match_index.forget_indexes()
    _upload(engine, world["cand1"].id, VERIFICATION_CV)
    encoder.texts.clear()
    second = _build(engine)
    assert (second.restored, second.last_sync, second.pending_dense) == (4, 1, 0)
    assert len(encoder.texts) == 1 and "SystemVerilog" in encoder.texts[0]  # only the new CV
    recs = client.get("/api/v1/me/recommendations", headers=world["cand1"].headers).json()
    assert recs["results"][0]["title"] == "Verification Engineer"
    assert "neutral" not in recs["results"][0]["components"]["dense"]  # its vector is in


def test_foundry_index_saves_the_index_a_server_starts_from(
    saved_dir: Path, world: dict[str, Any], engine: Engine, database_url: str
) -> None:
    from typer.testing import CliRunner

    from talentfoundry.cli import app as cli

    runner = CliRunner()
    first = runner.invoke(cli, ["index", "--database-url", database_url])
    assert first.exit_code == 0, first.output
    assert f"saved in {saved_dir}" in first.output.splitlines()
    assert "started from the saved index" not in first.output

    match_index.forget_indexes()  # the server, started afterwards, loads what the command saved
    _upload(engine, world["cand2"].id, VERIFICATION_CV)
    server = _build(engine)
    assert (server.restored, server.last_sync) == (4, 1)

    match_index.forget_indexes()
    again = runner.invoke(cli, ["index", "--database-url", database_url])
    assert again.exit_code == 0, again.output
    assert "started from the saved index (4 documents); re-read 0 changed since" in again.output
