"""Check-in (the badge desk and "join online") is accepted only inside the event's window: from
``check_in_opens_before_minutes`` (120) before its start until its end.

Seen before: the desk checked a badge in on 7 Dec 2026 for an event on 18 Mar 2027, and the
dashboard counted it. The world's event runs 09:00-18:00 on Thu 18 Mar 2027 in Asia/Taipei
(01:00-10:00 UTC); the app's clock (``app.state.clock``) is set by each test.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from talentfoundry.config import Settings
from talentfoundry.store.db import make_session_factory
from talentfoundry.store.models import CheckIn
from talentfoundry.web.app import create_app
from tests.integration.pagehelpers import page_login
from tests.integration.worldbuilder import START, login

pytestmark = pytest.mark.integration

OPENS = START - timedelta(hours=2)  # 07:00 in Asia/Taipei
ENDS = START + timedelta(hours=9)  # 18:00


def _at(client: TestClient, when: datetime) -> None:
    client.app.state.clock = lambda: when


def _badge(client: TestClient, world: dict[str, Any], who: str) -> str:
    response = client.get(f"/api/v1/events/{world['event']}/attendance", headers=world[who].headers)
    return str(response.json()["badge_code"])


def _scan(client: TestClient, world: dict[str, Any], code: str) -> Any:
    return client.post(
        f"/api/v1/events/{world['event']}/checkins",
        json={"badge_code": code},
        headers=world["organiser"].headers,
    )


def _rows(engine: Engine) -> list[tuple[int, str, datetime]]:
    """The check-ins in the database, read in a unit of work of its own (a test that kept one
    open would hold SQLite's lock against the app)."""
    with make_session_factory(engine, write=False)() as db:
        return [tuple(r) for r in db.execute(select(CheckIn.user_id, CheckIn.channel, CheckIn.at))]


def test_the_desk_refuses_a_badge_outside_the_events_window(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    code = _badge(client, world, "cand1")
    for when in (datetime(2026, 12, 7, 9, 0, tzinfo=UTC), OPENS - timedelta(seconds=1)):
        _at(client, when)
        early = _scan(client, world, code)
        assert early.status_code == 409, early.text
        assert early.json()["detail"].startswith("Check-in opens at 07:00 on Thu 18 Mar")
        assert "(Asia/Taipei)" in early.json()["detail"]
    _at(client, ENDS)
    late = _scan(client, world, code)
    assert late.status_code == 409
    assert late.json()["detail"] == (
        "Check-in closed at 18:00 on Thu 18 Mar (Asia/Taipei), when the event ended."
    )
    summary = client.get(
        f"/api/v1/events/{world['event']}/checkins/summary", headers=world["organiser"].headers
    )
    assert summary.json() == {"onsite": 0, "online": 0}
    assert _rows(engine) == []

    _at(client, OPENS)  # 07:00 sharp: open
    first = _scan(client, world, code)
    assert first.status_code == 200, first.text
    assert (first.json()["user_id"], first.json()["already_checked_in"]) == (
        world["cand1"].id,
        False,
    )
    assert _rows(engine) == [(world["cand1"].id, "onsite", OPENS)]  # recorded at the clock's time


def test_joining_online_has_the_same_window(
    client: TestClient, world: dict[str, Any], engine: Engine
) -> None:
    url = f"/api/v1/events/{world['event']}/join-online"
    _at(client, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    early = client.post(url, headers=world["cand2"].headers)
    assert early.status_code == 409
    assert early.json()["detail"] == "Check-in opens at 07:00 on Thu 18 Mar 2027 (Asia/Taipei)."
    _at(client, ENDS - timedelta(minutes=1))
    joined = client.post(url, headers=world["cand2"].headers)
    assert joined.status_code == 200 and joined.json()["channel"] == "online"
    assert _rows(engine) == [(world["cand2"].id, "online", ENDS - timedelta(minutes=1))]


def test_the_window_follows_the_setting(
    database_url: str, world: dict[str, Any], engine: Engine
) -> None:
    settings = Settings(
        database_url=database_url, environment="test", check_in_opens_before_minutes=30
    )
    with TestClient(create_app(settings)) as other:
        _at(other, START - timedelta(minutes=31))
        desk = login(other, "organiser@example.org")
        code = other.get(
            f"/api/v1/events/{world['event']}/attendance", headers=world["cand1"].headers
        ).json()["badge_code"]
        url = f"/api/v1/events/{world['event']}/checkins"
        early = other.post(url, json={"badge_code": code}, headers=desk)
        assert early.json()["detail"] == "Check-in opens at 08:30 on Thu 18 Mar (Asia/Taipei)."
        _at(other, START - timedelta(minutes=30))
        assert other.post(url, json={"badge_code": code}, headers=desk).status_code == 200
    assert [user for user, _, _ in _rows(engine)] == [world["cand1"].id]


def test_the_desk_page_says_when_check_in_opens_and_counts_nothing_before(
    client: TestClient, world: dict[str, Any]
) -> None:
    code = _badge(client, world, "cand1")
    _at(client, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    token = page_login(client, "organiser@example.org")
    url = f"/organiser/events/{world['event']}/checkin"
    desk = html.unescape(client.get(url).text)
    assert "Check-in: Thu 18 Mar 2027, 07:00 CST to Thu 18 Mar 2027, 18:00 CST" in desk
    assert "Check-in opens at 07:00 on Thu 18 Mar 2027 (Asia/Taipei)." in desk
    refused = client.post(url, data={"csrf": token, "badge_code": code})
    assert refused.status_code == 409
    error = html.unescape(refused.text).split('id="badge_code-error"', 1)[1][:200]
    assert "Check-in opens at 07:00 on Thu 18 Mar 2027 (Asia/Taipei)." in error
    assert 'id="count-onsite">0<' in refused.text
    dashboard = html.unescape(client.get(f"/organiser/events/{world['event']}/dashboard").text)
    assert "<dt>Checked in on-site</dt><dd>0</dd>" in dashboard

    _at(client, START + timedelta(minutes=5))
    desk = client.get(url).text
    assert "open now" in desk and "Badges scanned now are not checked in" not in desk
    done = client.post(url, data={"csrf": token, "badge_code": code})
    assert "Checked in" in done.text and 'id="count-onsite">1<' in done.text
