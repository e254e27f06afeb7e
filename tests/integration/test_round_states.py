"""Placement rounds move draft -> open -> closed -> run -> published, and only so, on every path.

Seen before: a round was run and published on 7 Dec 2026 for a deadline of 25 Mar 2027 while
students could no longer change their lists, and a round accepted a deadline of 1970-01-01. The
clock is the app's (``app.state.clock``), moved by the tests; nothing sleeps.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from talentfoundry.store import migrate
from talentfoundry.store.db import make_engine, make_session_factory
from talentfoundry.store.models import PlacementChoice, PlacementOutcome, PlacementRound
from talentfoundry.store.types import UTCDateTime
from tests.integration.pagehelpers import page_login

pytestmark = pytest.mark.integration

FEB_1 = datetime(2027, 2, 1, tzinfo=UTC)
DEADLINE = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)  # 17:00 on Mon 01 Mar in Asia/Taipei


class Clock:
    """The app's clock, set by the test."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(client: TestClient) -> Clock:
    clock = Clock(FEB_1)
    client.app.state.clock = clock
    return clock


def _problem(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    return str(response.json()["detail"])


def _draft(client: TestClient, world: dict[str, Any]) -> tuple[int, int]:
    """A draft round with one programme (Acme's, 1 place); returns (round, programme)."""
    created = client.post(
        f"/api/v1/events/{world['event']}/placement-rounds",
        json={"name": "Summer internships", "deadline": DEADLINE.isoformat()},
        headers=world["organiser"].headers,
    )
    assert created.status_code == 201, created.text
    round_id = created.json()["id"]
    programme = client.post(
        f"/api/v1/placement-rounds/{round_id}/programmes",
        json={
            "organisation_id": world["company_a"],
            "title": "ML internship",
            "kind": "internship",
            "capacity": 1,
        },
        headers=world["recruiter_a"].headers,
    )
    assert programme.status_code == 201, programme.text
    return round_id, programme.json()["id"]


def _post(client: TestClient, world: dict[str, Any], round_id: int, action: str) -> Any:
    return client.post(
        f"/api/v1/placement-rounds/{round_id}/{action}", headers=world["organiser"].headers
    )


def _choose(client: TestClient, world: dict[str, Any], who: str, round_id: int, ids: list[int]):
    return client.put(
        f"/api/v1/placement-rounds/{round_id}/choices",
        json={"programme_ids": ids},
        headers=world[who].headers,
    )


def _read(engine: Engine, statement: Any) -> list[Any]:
    """Rows from the database, read in a unit of work of its own (a test that kept one open
    would hold SQLite's lock against the app)."""
    with make_session_factory(engine, write=False)() as db:
        return [tuple(row) for row in db.execute(statement)]


def _listed(engine: Engine, round_id: int, student_id: int) -> list[int]:
    rows = _read(
        engine,
        select(PlacementChoice.programme_id)
        .where(PlacementChoice.round_id == round_id, PlacementChoice.student_id == student_id)
        .order_by(PlacementChoice.rank),
    )
    return [programme for (programme,) in rows]


def _outcomes(engine: Engine, round_id: int) -> list[Any]:
    return _read(
        engine,
        select(PlacementOutcome.student_id, PlacementOutcome.programme_id).where(
            PlacementOutcome.round_id == round_id
        ),
    )


def test_a_round_moves_only_along_its_states(
    client: TestClient, world: dict[str, Any], clock: Clock, engine: Engine
) -> None:
    round_id, ml = _draft(client, world)
    draft = client.get(f"/api/v1/placement-rounds/{round_id}").json()
    assert (draft["status"], draft["actions"]) == ("draft", ["open"])
    assert "opens the round for students' choices" in draft["next_step"]
    assert _problem(_choose(client, world, "cand1", round_id, [ml]), 409) == (
        "This round is not open for choices yet."
    )
    assert _problem(_post(client, world, round_id, "run"), 409) == (
        "Open the round for choices, and close them, before running it."
    )
    assert _problem(_post(client, world, round_id, "publish"), 409) == (
        "Run the round before publishing it."
    )

    opened = _post(client, world, round_id, "open").json()
    assert (opened["status"], opened["actions"]) == ("open", ["close"])
    assert opened["opened_at"].startswith("2027-02-01T00:00:00")
    assert _choose(client, world, "cand1", round_id, [ml]).status_code == 200
    assert _problem(_post(client, world, round_id, "run"), 409).startswith(
        "Close the choices before running the round"
    )

    clock.at = FEB_1 + timedelta(days=3)
    closed = _post(client, world, round_id, "close").json()
    assert (closed["status"], closed["actions"]) == ("closed", ["run"])
    assert closed["closed_at"].startswith("2027-02-04T00:00:00")
    assert _problem(_choose(client, world, "cand1", round_id, []), 409) == (
        "Choices for this round are closed; lists can no longer change."
    )
    assert _listed(engine, round_id, world["cand1"].id) == [ml]  # the list stood
    assert _problem(_post(client, world, round_id, "open"), 409) == (
        "Choices are closed; the round cannot reopen."
    )
    late = client.post(
        f"/api/v1/placement-rounds/{round_id}/programmes",
        json={
            "organisation_id": world["company_b"],
            "title": "Late",
            "kind": "internship",
            "capacity": 1,
        },
        headers=world["recruiter_b"].headers,
    )
    assert _problem(late, 409) == "Choices are closed, so no programme can be added to this round."
    ranked = client.put(
        f"/api/v1/placement-programmes/{ml}/ranking",
        json={"ranks": {str(world["cand1"].id): 1}},
        headers=world["recruiter_a"].headers,
    )
    assert ranked.status_code == 204  # programmes rank the final lists

    assert _post(client, world, round_id, "run").json()["placed"] == 1
    ran = client.get(f"/api/v1/placement-rounds/{round_id}").json()
    assert (ran["status"], ran["actions"]) == ("run", ["run", "publish"])
    assert _post(client, world, round_id, "run").json()["placed"] == 1  # again, before publishing
    published = _post(client, world, round_id, "publish").json()
    assert (published["status"], published["actions"]) == ("published", [])
    assert published["published_at"].startswith("2027-02-04T00:00:00")
    assert _problem(_post(client, world, round_id, "run"), 409) == (
        "This round is published; its results no longer change."
    )
    rerank = client.put(
        f"/api/v1/placement-programmes/{ml}/ranking",
        json={"ranks": {}},
        headers=world["recruiter_a"].headers,
    )
    assert _problem(rerank, 409) == "This round is published; its results no longer change."
    mine = client.get(
        f"/api/v1/placement-rounds/{round_id}/my-result", headers=world["cand1"].headers
    ).json()
    assert (mine["placed"], mine["programme"]["title"]) == (True, "ML internship")


def test_the_deadline_closes_the_round_by_itself(
    client: TestClient, world: dict[str, Any], clock: Clock, engine: Engine
) -> None:
    round_id, ml = _draft(client, world)
    _post(client, world, round_id, "open")
    assert _choose(client, world, "cand1", round_id, [ml]).status_code == 200

    clock.at = DEADLINE - timedelta(seconds=1)
    assert _choose(client, world, "cand2", round_id, [ml]).status_code == 200  # just in time
    clock.at = DEADLINE
    after = client.get(f"/api/v1/placement-rounds/{round_id}").json()
    assert (after["status"], after["actions"]) == ("closed", ["run"])
    assert _problem(_choose(client, world, "cand1", round_id, []), 409) == (
        "The deadline for this round passed at 17:00 on Mon 01 Mar (Asia/Taipei); "
        "lists can no longer change."
    )
    assert _listed(engine, round_id, world["cand1"].id) == [ml]
    assert _problem(_post(client, world, round_id, "close"), 409) == (
        "Choices already closed at the deadline, 17:00 on Mon 01 Mar 2027 (Asia/Taipei)."
    )

    clock.at = DEADLINE + timedelta(hours=2)
    summary = _post(client, world, round_id, "run").json()  # no "close" needed after the deadline
    assert summary == {"students": 2, "placed": 1, "unplaced": 1, "places": 1}
    stored = _read(
        engine,
        select(PlacementRound.status, PlacementRound.closed_at, PlacementRound.run_at).where(
            PlacementRound.id == round_id
        ),
    )
    assert stored == [("run", DEADLINE, clock.at)]


def test_a_round_cannot_be_run_or_published_before_its_deadline_while_open(
    client: TestClient, world: dict[str, Any], clock: Clock, engine: Engine
) -> None:
    """The case seen: run and published on 7 Dec 2026 for a deadline of 25 Mar 2027."""
    clock.at = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    created = client.post(
        f"/api/v1/events/{world['event']}/placement-rounds",
        json={"name": "Spring", "deadline": "2027-03-25T09:00:00Z"},
        headers=world["organiser"].headers,
    ).json()
    round_id = created["id"]
    _post(client, world, round_id, "open")
    assert _problem(_post(client, world, round_id, "run"), 409).startswith("Close the choices")
    assert _problem(_post(client, world, round_id, "publish"), 409) == (
        "Run the round before publishing it."
    )
    assert _outcomes(engine, round_id) == []
    assert client.get(f"/api/v1/placement-rounds/{round_id}").json()["status"] == "open"


@pytest.mark.parametrize("deadline", ["1970-01-01T00:00:00Z", "2027-01-31T23:59:59Z"])
def test_a_deadline_in_the_past_is_refused_at_the_field(
    client: TestClient, world: dict[str, Any], clock: Clock, engine: Engine, deadline: str
) -> None:
    refused = client.post(
        f"/api/v1/events/{world['event']}/placement-rounds",
        json={"name": "Too late", "deadline": deadline},
        headers=world["organiser"].headers,
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {"field": "deadline", "message": "The deadline must be in the future."}
    ]
    token = page_login(client, "organiser@example.org")
    page = client.post(
        f"/organiser/events/{world['event']}/placement",
        data={"csrf": token, "name": "Too late", "deadline": "2027-01-31T17:00"},  # event time
    )
    assert page.status_code == 422
    field_error = page.text.split('id="deadline-error"', 1)[1][:200]
    assert "The deadline must be in the future." in field_error
    assert _read(engine, select(PlacementRound.id)) == []  # nothing was created


def test_a_ranking_changed_after_a_run_voids_it_until_run_again(
    client: TestClient, world: dict[str, Any], clock: Clock, engine: Engine
) -> None:
    round_id, ml = _draft(client, world)
    _post(client, world, round_id, "open")
    _choose(client, world, "cand1", round_id, [ml])
    _choose(client, world, "cand2", round_id, [ml])
    _post(client, world, round_id, "close")
    rank = f"/api/v1/placement-programmes/{ml}/ranking"
    c1, c2 = str(world["cand1"].id), str(world["cand2"].id)
    headers = world["recruiter_a"].headers
    client.put(rank, json={"ranks": {c1: 1, c2: 2}}, headers=headers)
    _post(client, world, round_id, "run")

    assert client.put(rank, json={"ranks": {c2: 1, c1: 2}}, headers=headers).status_code == 204
    after = client.get(f"/api/v1/placement-rounds/{round_id}").json()
    assert (after["status"], after["actions"]) == ("closed", ["run"])
    assert _outcomes(engine, round_id) == []
    assert _problem(_post(client, world, round_id, "publish"), 409) == (
        "Run the round before publishing it."
    )
    token = page_login(client, "organiser@example.org")
    page = html.unescape(client.get(f"/placement/rounds/{round_id}").text)
    assert "A programme changed its ranking after the last run: run the round again." in page
    assert f'action="/placement/rounds/{round_id}/run"' in page
    assert f'action="/placement/rounds/{round_id}/publish"' not in page

    client.post(f"/placement/rounds/{round_id}/run", data={"csrf": token})
    _post(client, world, round_id, "publish")
    won = client.get(
        f"/api/v1/placement-rounds/{round_id}/my-result", headers=world["cand2"].headers
    ).json()
    assert won["placed"] is True  # the new ranking's favourite


def test_the_round_page_shows_the_state_what_is_next_and_only_the_possible_actions(
    client: TestClient, world: dict[str, Any], clock: Clock
) -> None:
    round_id, ml = _draft(client, world)
    token = page_login(client, "organiser@example.org")
    draft = html.unescape(client.get(f"/placement/rounds/{round_id}").text)
    assert "State: <strong>Draft</strong>" in draft
    assert "Next: Companies and universities add their programmes" in draft
    assert ">Open for choices</button>" in draft
    assert ">Close choices</button>" not in draft and ">Run the round" not in draft
    listing = html.unescape(client.get(f"/organiser/events/{world['event']}/placement").text)
    assert "Summer internships</a> · draft" in listing and "next: Open for choices" in listing

    page_login(client, "cand1@example.org")
    student = html.unescape(client.get(f"/placement/rounds/{round_id}").text)
    assert "The round is not open for choices yet." in student
    assert "Add to my list" not in student

    token = page_login(client, "organiser@example.org")
    opened = html.unescape(
        client.post(f"/placement/rounds/{round_id}/open", data={"csrf": token}).text
    )
    assert "State: <strong>Open for choices</strong>" in opened
    assert ">Close choices</button>" in opened and ">Open for choices</button>" not in opened
    again = client.post(f"/placement/rounds/{round_id}/open", data={"csrf": token})
    assert again.status_code == 409
    assert "The round is already open for choices." in html.unescape(again.text)

    page_login(client, "cand1@example.org")
    assert "Add to my list" in client.get(f"/placement/rounds/{round_id}").text
    clock.at = DEADLINE + timedelta(minutes=1)
    late = html.unescape(client.get(f"/placement/rounds/{round_id}").text)
    assert "State: <strong>Choices closed</strong>" in late
    assert "Choices are closed: the list can no longer change." in late
    assert "Add to my list" not in late
    token = page_login(client, "cand1@example.org")
    refused = client.post(
        f"/placement/rounds/{round_id}/choices",
        data={"csrf": token, "action": "add", "programme_id": ml},
    )
    assert refused.status_code == 409
    assert "The deadline for this round passed at 17:00 on Mon 01 Mar" in html.unescape(
        refused.text
    )

    page_login(client, "organiser@example.org")
    closed = html.unescape(client.get(f"/placement/rounds/{round_id}").text)
    assert "Choices closed at the deadline, 17:00 on Mon 01 Mar (Asia/Taipei)." in closed
    assert ">Run the round</button>" in closed and ">Close choices</button>" not in closed


# --- the migration of existing rounds (0002 -> 0003) -------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def bare_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of each kind (not the session's migrated one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    from tests.conftest import _postgres_database

    yield from _postgres_database()


def test_existing_rounds_migrate_to_the_state_they_were_in(bare_url: str) -> None:
    migrate.upgrade(bare_url, "0002")
    now = datetime.now(UTC)
    created = now - timedelta(days=60)
    when = UTCDateTime()
    events = sa.table(
        "events",
        sa.column("id", sa.Integer()),
        sa.column("slug", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("name", sa.String()),
        sa.column("description", sa.Text()),
        sa.column("themes", sa.JSON()),
        sa.column("timezone", sa.String()),
        sa.column("venue", sa.String()),
        sa.column("starts_at", when),
        sa.column("ends_at", when),
        sa.column("onsite", sa.Boolean()),
        sa.column("online", sa.Boolean()),
        sa.column("status", sa.String()),
        sa.column("created_at", when),
    )
    rounds = sa.table(
        "placement_rounds",
        sa.column("id", sa.Integer()),
        sa.column("event_id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("status", sa.String()),
        sa.column("optimal", sa.String()),
        sa.column("deadline", when),
        sa.column("tie_seed", sa.Integer()),
        sa.column("run_at", when),
        sa.column("created_at", when),
    )
    future, past = now + timedelta(days=30), now - timedelta(days=3)
    early_run, late_run = now - timedelta(days=10), now - timedelta(days=1)
    old = [  # (id, status, deadline, run_at)
        (1, "open", future, None),
        (2, "open", past, None),
        (3, "run", future, early_run),  # run before its deadline, as the old code allowed
        (4, "published", past, late_run),
    ]
    engine: Engine = make_engine(bare_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                events.insert().values(
                    id=1,
                    slug="old-fair",
                    kind="career_day",
                    name="Old fair",
                    description="",
                    themes=[],
                    timezone="Europe/London",
                    venue="",
                    starts_at=future,
                    ends_at=future + timedelta(hours=8),
                    onsite=True,
                    online=False,
                    status="open",
                    created_at=created,
                )
            )
            for round_id, status, deadline, run_at in old:
                conn.execute(
                    rounds.insert().values(
                        id=round_id,
                        event_id=1,
                        name=f"Round {round_id}",
                        status=status,
                        optimal="student",
                        deadline=deadline,
                        tie_seed=0,
                        run_at=run_at,
                        created_at=created,
                    )
                )
        migrate.upgrade(bare_url, "0003")
        moved = sa.table(
            "placement_rounds",
            sa.column("id", sa.Integer()),
            sa.column("status", sa.String()),
            sa.column("opened_at", when),
            sa.column("closed_at", when),
            sa.column("published_at", when),
        )
        with engine.connect() as conn:
            rows = conn.execute(sa.select(moved).order_by(moved.c.id)).all()
        assert [tuple(r) for r in rows] == [
            (1, "open", created, None, None),
            (2, "closed", created, past, None),
            (3, "run", created, early_run, None),
            (4, "published", created, past, None),
        ]

        command.downgrade(migrate.alembic_config(bare_url), "0002")
        with engine.connect() as conn:
            back = conn.execute(sa.select(rounds.c.id, rounds.c.status).order_by(rounds.c.id))
            assert [tuple(r) for r in back] == [
                (1, "open"),
                (2, "open"),
                (3, "run"),
                (4, "published"),
            ]
    finally:
        engine.dispose()
