"""The dashboard's matching panel: it polls itself only while the index works, and says how far."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from talentfoundry.services.match_index import STAGE_DENSE, STAGE_ROLES, IndexState, WorkProgress
from talentfoundry.web.pages.templating import templates

pytestmark = pytest.mark.unit

T = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)
EVENT = SimpleNamespace(id=7, timezone="Asia/Taipei")
POLLING = 'hx-get="/organiser/events/7/dashboard" hx-trigger="every 2s"'


def _panel(**changes: object) -> str:
    state = {
        "candidates": 3200,
        "roles": 1031,
        "reindexing": 0,
        "synced_at": T,
        "components": ["skills", "lexical"],
        "warnings": [],
        "pending_dense": 0,
        "progress": None,
    } | changes
    template = templates.env.get_template("_match_index.html")
    return template.render(event=EVENT, ix=IndexState(**state))  # type: ignore[arg-type]


def test_an_idle_index_is_described_and_not_polled() -> None:
    html = _panel()
    assert POLLING not in html and "<progress" not in html
    assert (
        "3,200 candidates and 1,031 open roles indexed, up to date as of Thu 18 Mar 2027, " in html
    )
    assert "09:00 CST" in html  # in the event's time zone
    assert "Matches use: skills, lexical." in html


def test_a_sync_shows_its_stage_and_a_bar_and_polls() -> None:
    html = _panel(reindexing=1031, progress=WorkProgress(STAGE_ROLES, 250, 1031, T))
    assert POLLING in html and 'hx-swap="outerHTML"' in html
    assert "Indexing roles: 250 of 1,031 documents." in html
    assert '<progress max="1031" value="250"' in html


def test_dense_encoding_polls_until_the_vectors_are_in() -> None:
    encoding = _panel(
        pending_dense=40,
        encoding=True,
        progress=WorkProgress(STAGE_DENSE, 32, 40, T),
        components=["skills", "lexical", "dense"],
    )
    assert POLLING in encoding
    assert "Computing dense embeddings: 32 of 40 documents." in encoding
    starting = _panel(pending_dense=40, encoding=True)  # the thread has not reported yet
    assert POLLING in starting
    assert "Dense embeddings are waiting for 40 documents" in starting
    failed = _panel(pending_dense=40, warnings=["dense embeddings could not be computed (OOM)"])
    assert POLLING not in failed  # nothing runs: no polling for ever
    # Retold for the organiser; the operator's words ("... (OOM)") stay in the server's log.
    assert "the finer comparison of meaning could not be computed" in failed
    assert "OOM" not in failed
