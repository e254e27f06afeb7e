"""Health, readiness, metrics and request ids, on the real app against SQLite and PostgreSQL.

What a load balancer, Prometheus and an operator reading logs each see: ``/healthz`` without the
database, ``/readyz`` naming why a process must not get traffic, request counts per route
template, the fair's bookings and seats, and the request id in the response and in the log lines.
"""

from __future__ import annotations

import io
import json
import logging
import logging.config
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from talentfoundry.config import Settings
from talentfoundry.store import migrate
from talentfoundry.web.app import create_app
from talentfoundry.web.deps import DB
from talentfoundry.web.request_context import log_config
from tests.conftest import _postgres_database

pytestmark = pytest.mark.integration


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus text page, keyed by name and sorted labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def requests_of(client: TestClient, route: str, status: str = "200") -> float:
    key = (
        "talentfoundry_http_requests_total",
        (("method", "GET"), ("route", route), ("status", status)),
    )
    return samples(client.get("/metrics").text).get(key, 0.0)


def test_healthz_answers_when_the_database_does_not() -> None:
    app = create_app(
        Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none", environment="test")
    )
    with TestClient(app) as client:
        health = client.get("/healthz")
        ready = client.get("/readyz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert ready.status_code == 503
    body = ready.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"]["ok"] is False
    assert body["reasons"][0].startswith("the database does not answer:")


def test_readyz_reports_schema_and_match_index(client: TestClient, database_url: str) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["reasons"] == []
    head = ScriptDirectory.from_config(migrate.alembic_config(database_url)).get_current_head()
    assert body["checks"]["migrations"] == {"ok": True, "current": head, "head": head}
    assert body["checks"]["match_index"]["synced"] is False  # tests never warm it up
    assert response.headers["cache-control"] == "no-store"


@pytest.fixture(params=["sqlite", "postgres"])
def behind_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database one migration behind the code's newest, and that migration's id."""
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    older = script.get_revision(script.get_current_head()).down_revision
    assert isinstance(older, str)
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        migrate.upgrade(url, older)
        yield url, older
    else:
        for url in _postgres_database():
            migrate.upgrade(url, older)
            yield url, older


def test_readyz_refuses_traffic_while_migrations_are_behind(behind_url: tuple[str, str]) -> None:
    url, older = behind_url
    head = ScriptDirectory.from_config(migrate.alembic_config(url)).get_current_head()
    app = create_app(Settings(database_url=url, environment="test"))
    with TestClient(app) as client:
        response = client.get("/readyz")
        health = client.get("/healthz")
    app.state.engine.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["reasons"] == [
        f"the database is at migration {older}, the code needs {head}: run `foundry db upgrade`"
    ]
    assert body["checks"]["migrations"]["ok"] is False
    assert health.status_code == 200  # alive, just not ready


def test_metrics_count_requests_by_route_template(
    client: TestClient, world: dict[str, Any]
) -> None:
    template = "/api/v1/events/{event_id}"
    before = requests_of(client, template)
    assert client.get(f"/api/v1/events/{world['event']}").status_code == 200
    assert client.get(f"/api/v1/events/{world['event']}").status_code == 200
    page = client.get("/metrics")
    assert page.headers["content-type"].startswith("text/plain")
    assert requests_of(client, template) == before + 2
    # The raw path (with the id) is never a label: series stay bounded.
    assert f'route="/api/v1/events/{world["event"]}"' not in page.text
    assert 'talentfoundry_http_request_duration_seconds_bucket{le="0.1",method="GET"' in page.text


def test_metrics_show_bookings_and_seats_of_open_events(
    client: TestClient, world: dict[str, Any]
) -> None:
    event = str(world["event"])

    def fair() -> dict[str, float]:
        found = samples(client.get("/metrics").text)
        return {
            name.removeprefix("talentfoundry_event_"): value
            for (name, labels), value in found.items()
            if name.startswith("talentfoundry_event_") and labels == (("event", event),)
        }

    start = fair()
    assert start["bookings"] == 0
    assert start["slots"] == len(world["slots"])
    assert start["attendees"] >= 2
    cand = world["cand1"].headers
    booked = client.post("/api/v1/bookings", json={"slot_id": world["slots"][0]}, headers=cand)
    assert booked.status_code == 201
    seat = client.post(f"/api/v1/sessions/{world['workshop']}/registration", headers=cand)
    assert seat.status_code in (200, 201)
    after = fair()
    assert after["bookings"] == 1
    assert after["seats_taken"] == start["seats_taken"] + 1
    assert samples(client.get("/metrics").text)[("talentfoundry_database_up", ())] == 1


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The server's logging set-up (``log_config``, JSON lines), writing into a buffer; the
    previous logging set-up is put back afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    buffer = io.StringIO()
    config = log_config("json", "INFO")
    config["handlers"]["stderr"]["stream"] = buffer
    logging.config.dictConfig(config)
    try:
        yield buffer
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])


def test_request_id_is_echoed_and_in_every_log_line(
    engine: Any, database_url: str, json_log: io.StringIO
) -> None:
    app = create_app(Settings(database_url=database_url, environment="test"))

    def noisy() -> dict[str, str]:  # a sync handler: its work runs in the thread pool
        logging.getLogger("talentfoundry.test").warning("working on it")
        return {"done": "yes"}

    app.add_api_route("/test-only/noisy", noisy)
    with TestClient(app) as client:
        given = client.get("/test-only/noisy", headers={"X-Request-ID": "req-7f3a"})
        made = client.get("/healthz")
        spoofed = client.get("/healthz", headers={"X-Request-ID": "bad id\r\nX-Evil: 1"})
    assert given.headers["x-request-id"] == "req-7f3a"
    assert len(made.headers["x-request-id"]) == 32
    assert spoofed.headers["x-request-id"] != "bad id\r\nX-Evil: 1"
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    mine = [line for line in lines if line.get("request_id") == "req-7f3a"]
    assert [line["message"] for line in mine if line["logger"] == "talentfoundry.test"] == [
        "working on it"
    ]
    (access,) = [line for line in mine if line["logger"] == "talentfoundry.request"]
    assert access["route"] == "/test-only/noisy"
    assert access["status"] == 200
    assert access["level"] == "INFO"
    assert "time" in access
    ids = {line["request_id"] for line in lines if line["logger"] == "talentfoundry.request"}
    assert made.headers["x-request-id"] in ids


def test_health_and_readiness_answer_while_the_admission_line_is_full(
    engine: Any, database_url: str
) -> None:
    app = create_app(
        Settings(
            database_url=database_url,
            environment="test",
            max_active_requests=1,
            queue_wait_seconds=0.3,
        )
    )
    inside, release = threading.Event(), threading.Event()

    def hold(db: DB) -> dict[str, bool]:  # takes the only place and keeps it
        inside.set()
        release.wait(20)
        return {"held": True}

    app.add_api_route("/test-only/hold", hold)
    with TestClient(app) as client:
        held: list[Any] = []
        holder = threading.Thread(target=lambda: held.append(client.get("/test-only/hold")))
        holder.start()
        try:
            assert inside.wait(20)
            busy = client.get("/api/v1/events")
            health = client.get("/healthz")
            ready = client.get("/readyz")
            page = client.get("/metrics").text
        finally:
            release.set()
            holder.join(20)
    assert busy.status_code == 503  # a request that needs the database waits, then is refused
    assert "try again" in busy.json()["detail"]
    assert health.status_code == 200
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert samples(page)[("talentfoundry_admission_active", ())] >= 1
    assert held[0].json() == {"held": True}


def test_a_link_token_in_the_path_never_reaches_the_log(
    engine: Any, database_url: str, json_log: io.StringIO
) -> None:
    """A password-reset link carries its token in the path; the log names the route instead."""
    app = create_app(Settings(database_url=database_url, environment="test"))
    token = "Zq8-secret-token-of-a-reset-link"
    with TestClient(app) as client:
        client.get(f"/password/reset/{token}")
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    server = [x for x in lines if not x["logger"].startswith("httpx")]  # the test's client
    assert server and all(token not in json.dumps(x) for x in server)
    assert "/password/reset/{token}" in [x.get("route") for x in server]


def test_readyz_keeps_the_drivers_words_for_the_log(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(
        Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none", environment="test")
    )
    with (
        caplog.at_level(logging.WARNING, logger="talentfoundry.web.health"),
        TestClient(app) as client,
    ):
        ready = client.get("/readyz")
    assert ready.json()["reasons"] == ["the database does not answer: see the server's log for why"]
    assert "127.0.0.1" not in ready.text and "nobody" not in ready.text
    assert any("127.0.0.1" in r.getMessage() for r in caplog.records)  # the operator's copy
