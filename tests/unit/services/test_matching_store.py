"""Where the product saves its match index: next to a SQLite file by default, where
``TALENTFOUNDRY_INDEX_DIR`` says, and nowhere for PostgreSQL unless told."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from talentfoundry.config import Settings
from talentfoundry.matching.dense import NullEncoder
from talentfoundry.matching.index import MatchDocument, MatchIndex
from talentfoundry.matching.scoring import ScoringConfig
from talentfoundry.services.match_store import IndexStore, index_store, load_saved, write_saved

pytestmark = pytest.mark.unit

POSTGRES = "postgresql+psycopg://app:s3cret@db.internal:5432/fair"


def _settings(index_dir: str | None = None) -> Settings:
    return Settings(environment="development", index_dir=index_dir)


def test_a_sqlite_database_keeps_its_index_next_to_its_file(tmp_path: Path) -> None:
    url = make_url(f"sqlite:///{tmp_path}/fair.db")
    assert index_store(url, _settings()) == IndexStore(
        tmp_path / "fair.db.index", f"sqlite:///{tmp_path}/fair.db"
    )
    assert index_store(make_url("sqlite://"), _settings()) is None  # in memory: nothing to keep
    # The test environment's databases are emptied between tests: nothing saved unless told.
    assert index_store(url, Settings(environment="test")) is None


def test_postgresql_saves_only_where_told_and_never_records_the_password(tmp_path: Path) -> None:
    url = make_url(POSTGRES)
    assert index_store(url, _settings()) is None
    store = index_store(url, _settings(str(tmp_path / "idx")))
    assert store == IndexStore(
        tmp_path / "idx", "postgresql+psycopg://app:***@db.internal:5432/fair"
    )


@pytest.mark.parametrize("off", ["off", "OFF", "", "none"])
def test_saving_can_be_turned_off(tmp_path: Path, off: str) -> None:
    assert index_store(make_url(f"sqlite:///{tmp_path}/fair.db"), _settings(off)) is None


def test_a_process_starting_from_a_saved_index_keeps_its_own_scoring_knobs(tmp_path: Path) -> None:
    index = MatchIndex(encoder=NullEncoder())
    index.add_many("a", [MatchDocument("c1", "Python developer"), MatchDocument("c2", "Nurse")])
    index.add_many("b", [MatchDocument("r1", "Python and Django", "Python Developer")])
    store = IndexStore(tmp_path / "idx", "sqlite:///fair.db")
    write_saved(store, index.snapshot(), {(s, i): "1" for s in "ab" for i in index.ids(s)})
    knobs = ScoringConfig(hub_k=2)
    saved = load_saved(store, MatchIndex(encoder=NullEncoder(), config=knobs))
    assert saved is not None
    loaded, stamps = saved
    assert loaded.config == knobs
    assert stamps == {("a", "c1"): "1", ("a", "c2"): "1", ("b", "r1"): "1"}
    assert next(doc for doc, _ in loaded.search("b", "r1")) == "c1"
